// A GeoJSON FeatureCollection straight into columns (feature-columns.ts): one pass of a byte
// scanner, coordinates parsed into a growable Float64Array, attributes kept only for the fields
// asked for; no object per feature. Values equal JSON.parse's (numbers are parsed exactly, with
// Number() beyond the exact fast case). Returns null for anything it does not take (not a
// FeatureCollection, a geometry that is missing, empty, a collection or malformed, invalid JSON
// anywhere): the general reader (geojson-file.ts) then reads the file and reports what is wrong.
import { crsMember } from './geojson-file.ts';
import { stringEnd, valueEnd } from './json-bytes.ts';
import { ColumnsBuilder, GEOMETRY_NAMES, MULTILINESTRING, type FeatureColumns } from './feature-columns.ts';
import type { Crs } from './crs.ts';

class Bail extends Error {}

interface KeyEntry {
  bytes: Uint8Array;
  key: string;
}
const bail = (): never => {
  throw new Bail();
};

const QUOTE = 0x22,
  BACKSLASH = 0x5c,
  COMMA = 0x2c,
  COLON = 0x3a,
  MINUS = 0x2d,
  DOT = 0x2e,
  OPEN_OBJ = 0x7b,
  CLOSE_OBJ = 0x7d,
  OPEN_ARR = 0x5b,
  CLOSE_ARR = 0x5d;

/** Nesting depth of a geometry type's positions in `coordinates` (1: the array is the position). */
const DEPTH: Record<string, number> = { Point: 1, MultiPoint: 2, LineString: 2, Polygon: 3, MultiLineString: 3, MultiPolygon: 4 };
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Columns of a GeoJSON FeatureCollection's UTF-8 bytes, or null (see above). */
export function geojsonColumns(bytes: Uint8Array, wanted: Iterable<string>): FeatureColumns | null {
  try {
    return new Scanner(bytes, new ColumnsBuilder(wanted)).top();
  } catch (e) {
    // Anything the scanner does not take, including what json-bytes' scanner refuses.
    if (e instanceof Error) return null;
    throw e;
  }
}

class Scanner {
  i = 0;
  private readonly text = new TextDecoder('utf-8', { ignoreBOM: true });
  private readonly keys: KeyEntry[] = [];
  /** The names of the last feature in order, and the place of the next name in this feature. */
  private readonly order: KeyEntry[] = [];
  private nth = 0;

  constructor(
    private readonly b: Uint8Array,
    private readonly out: ColumnsBuilder,
  ) {}

  top(): FeatureColumns {
    const b = this.b;
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) this.i = 3;
    this.ws();
    this.expect(OPEN_OBJ);
    let type: unknown,
      features = false,
      crs: Crs | null = null,
      crsSeen = false;
    for (let key = this.firstKey(); key !== null; key = this.nextKey()) {
      if (key === 'features') {
        if (features || b[this.i] !== OPEN_ARR) bail();
        features = true;
        this.features();
      } else if (key === 'type') {
        if (type !== undefined) bail();
        type = this.value();
      } else if (key === 'crs') {
        if (crsSeen) bail();
        crsSeen = true;
        crs = crsMember({ crs: this.value() as { properties?: { name?: unknown } } }, '');
      } else this.skipValue();
    }
    this.ws();
    if (this.i !== b.length || type !== 'FeatureCollection' || !features) bail();
    return this.out.done(crs);
  }

  private ws(): void {
    const b = this.b;
    let i = this.i;
    for (;;) {
      const c = b[i];
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    this.i = i;
  }

  private expect(c: number): void {
    this.ws();
    if (this.b[this.i] !== c) bail();
    this.i++;
  }

  /** The first member name of the object just opened (the value is next), null when it is empty. */
  private firstKey(): string | null {
    this.ws();
    if (this.b[this.i] === CLOSE_OBJ) {
      this.i++;
      return null;
    }
    return this.memberKey();
  }

  /** After a member's value: the next member name, null at the object's end. */
  private nextKey(): string | null {
    this.ws();
    const c = this.b[this.i++];
    if (c === CLOSE_OBJ) return null;
    if (c !== COMMA) bail();
    this.ws();
    return this.memberKey();
  }

  private memberKey(): string {
    const key = this.key();
    this.expect(COLON);
    this.ws();
    return key;
  }

  /** End of the plain string at i (no escapes, no control characters), or −1 when it has escapes. */
  private plainEnd(): number {
    const b = this.b;
    if (b[this.i] !== QUOTE) bail();
    for (let j = this.i + 1; j < b.length; j++) {
      const c = b[j];
      if (c === QUOTE) return j + 1;
      if (c === BACKSLASH) return -1;
      if (c < 0x20) bail();
    }
    return bail();
  }

  /** A string with escapes: checked and decoded by JSON.parse. */
  private escaped(): string {
    const end = stringEnd(this.b, this.i);
    const s = JSON.parse(this.text.decode(this.b.subarray(this.i, end))) as string;
    this.i = end;
    return s;
  }

  /** A member name, the same string object for the same bytes (names repeat in every feature).
   *  Features list their members in the same order, so the name at the same place in the last
   *  feature is tried first; then every name seen. */
  private key(): string {
    const end = this.plainEnd();
    if (end < 0) return this.escaped();
    const b = this.b,
      s = this.i + 1,
      len = end - 1 - s;
    this.i = end;
    const at = this.nth++;
    const guess = this.order[at];
    if (guess && this.matches(guess, s, len)) return guess.key;
    let hit: KeyEntry | undefined;
    for (const k of this.keys)
      if (this.matches(k, s, len)) {
        hit = k;
        break;
      }
    if (!hit) {
      hit = { bytes: b.slice(s, s + len), key: this.text.decode(b.subarray(s, s + len)) };
      if (this.keys.length < 256) this.keys.push(hit);
    }
    if (at < 64) this.order[at] = hit;
    return hit.key;
  }

  private matches(k: KeyEntry, s: number, len: number): boolean {
    const kb = k.bytes,
      b = this.b;
    if (kb.length !== len) return false;
    for (let j = 0; j < len; j++) if (kb[j] !== b[s + j]) return false;
    return true;
  }

  private string(): string {
    const end = this.plainEnd();
    if (end < 0) return this.escaped();
    const s = this.text.decode(this.b.subarray(this.i + 1, end - 1));
    this.i = end;
    return s;
  }

  private literal(word: string, v: unknown): unknown {
    for (let k = 0; k < word.length; k++) if (this.b[this.i + k] !== word.charCodeAt(k)) bail();
    this.i += word.length;
    return v;
  }

  /** The number at i, exactly as JSON.parse reads it. */
  private number(): number {
    const b = this.b,
      start = this.i;
    let i = start,
      neg = false;
    if (b[i] === MINUS) {
      neg = true;
      i++;
    }
    let m = 0,
      digits = 0,
      frac = 0;
    const intStart = i;
    while (b[i] >= 0x30 && b[i] <= 0x39) {
      m = m * 10 + (b[i] - 0x30);
      digits++;
      i++;
    }
    if (i === intStart || (b[intStart] === 0x30 && i - intStart > 1)) bail();
    if (b[i] === DOT) {
      i++;
      const f0 = i;
      while (b[i] >= 0x30 && b[i] <= 0x39) {
        m = m * 10 + (b[i] - 0x30);
        digits++;
        i++;
      }
      frac = i - f0;
      if (frac === 0) bail();
    }
    let exp = 0,
      plainExp = true;
    if (b[i] === 0x65 || b[i] === 0x45) {
      i++;
      let eneg = false;
      if (b[i] === 0x2b || b[i] === MINUS) eneg = b[i++] === MINUS;
      const e0 = i;
      while (b[i] >= 0x30 && b[i] <= 0x39) {
        exp = exp * 10 + (b[i] - 0x30);
        i++;
      }
      if (i === e0) bail();
      if (i - e0 > 6) plainExp = false;
      if (eneg) exp = -exp;
    }
    this.i = i;
    const k = exp - frac;
    // Up to 15 digits the mantissa is exact, and so is 10^|k| up to 22: one correctly rounded
    // operation, as Number() gives (Clinger's fast path). Otherwise Number() itself.
    if (digits <= 15 && plainExp && k >= -22 && k <= 22) {
      const v = k >= 0 ? m * POW10[k] : m / POW10[-k];
      return neg ? -v : v;
    }
    let s = '';
    for (let j = start; j < i; j++) s += String.fromCharCode(b[j]);
    return Number(s);
  }

  /** Any JSON value (attributes asked for). */
  private value(): unknown {
    const c = this.b[this.i];
    if (c === QUOTE) return this.string();
    if (c === MINUS || (c >= 0x30 && c <= 0x39)) return this.number();
    if (c === 0x74) return this.literal('true', true);
    if (c === 0x66) return this.literal('false', false);
    if (c === 0x6e) return this.literal('null', null);
    if (c === OPEN_OBJ || c === OPEN_ARR) {
      const end = valueEnd(this.b, this.i);
      const v: unknown = JSON.parse(this.text.decode(this.b.subarray(this.i, end)));
      this.i = end;
      return v;
    }
    return bail();
  }

  /** Passes over a value, checking it as JSON.parse would. */
  private skipValue(): void {
    const c = this.b[this.i];
    if (c !== QUOTE) this.value();
    else {
      const end = this.plainEnd();
      if (end < 0) this.escaped();
      else this.i = end;
    }
  }

  private features(): void {
    const b = this.b;
    this.i++;
    this.ws();
    if (b[this.i] === CLOSE_ARR) {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      this.feature();
      this.ws();
      const c = b[this.i++];
      if (c === CLOSE_ARR) return;
      if (c !== COMMA) bail();
    }
  }

  private feature(): void {
    const out = this.out,
      fi = out.count;
    this.nth = 0;
    this.expect(OPEN_OBJ);
    let type = 0,
      props = false;
    for (let key = this.firstKey(); key !== null; key = this.nextKey()) {
      if (key === 'geometry') {
        if (type) bail();
        type = this.geometry();
      } else if (key === 'properties') {
        if (props) bail();
        props = true;
        if (this.b[this.i] === OPEN_OBJ) this.properties(fi);
        else this.skipValue(); // null or not an object: no attributes (as geojson-file.ts)
      } else this.skipValue();
    }
    if (!type) bail();
    out.endFeature(type);
  }

  private properties(fi: number): void {
    const values = this.out.values,
      first = fi === 0 ? this.out.first : null;
    this.i++;
    for (let key = this.firstKey(); key !== null; key = this.nextKey()) {
      first?.push(key);
      const col = values.get(key);
      if (col) col[fi] = this.value();
      else this.skipValue();
    }
  }

  /** Reads a geometry object into the builder; returns its type code. */
  private geometry(): number {
    if (this.b[this.i] !== OPEN_OBJ) bail(); // null: the general reader reports it
    this.i++;
    const out = this.out;
    const rings0 = out.ringStart.n;
    let name: unknown,
      depth = 0;
    for (let key = this.firstKey(); key !== null; key = this.nextKey()) {
      if (key === 'type') {
        if (name !== undefined) bail();
        // Interned like names: the same few words in every feature.
        name = this.b[this.i] === QUOTE ? this.key() : this.value();
      } else if (key === 'coordinates') {
        if (depth) bail();
        depth = this.coordinates();
      } else if (key === 'geometries') bail();
      else this.skipValue();
    }
    const type = GEOMETRY_NAMES.indexOf(name as string);
    if (type <= 0 || DEPTH[name as string] !== depth) bail();
    if (type === MULTILINESTRING) {
      // One part per line.
      for (let r = rings0; r < out.ringStart.n; r++) out.partRingStart.push(r);
    } else if (depth < 4) out.endPart();
    return type;
  }

  /** Reads `coordinates` (vertices, ring ends, and for depth 4 part ends); returns the depth of
   *  its positions. Empty positions, mixed depths and non-numbers are refused. */
  private coordinates(): number {
    const b = this.b,
      out = this.out;
    let level = 0,
      depth = 0,
      inPos = 0,
      x = 0,
      expectValue = true;
    for (;;) {
      this.ws();
      const c = b[this.i];
      if (expectValue) {
        if (c === OPEN_ARR) {
          this.i++;
          level++;
          if (depth && level > depth) bail();
          inPos = 0;
          this.ws();
          if (b[this.i] !== CLOSE_ARR) continue;
        } else if (level > 0 && (c === MINUS || (c >= 0x30 && c <= 0x39))) {
          if (!depth) depth = level;
          if (level !== depth) bail();
          const v = this.number();
          if (inPos === 0) x = v;
          else if (inPos === 1) out.vertex(x, v);
          inPos++;
          expectValue = false;
          continue;
        } else bail();
      }
      // After a value: a comma, or the close of the array.
      if (b[this.i] === COMMA) {
        if (level === 0) bail();
        this.i++;
        expectValue = true;
        continue;
      }
      if (b[this.i] !== CLOSE_ARR) bail();
      this.i++;
      if (!depth) bail(); // an empty array before any position
      if (level === depth) {
        if (inPos < 2) bail();
      } else if (level === depth - 1) out.endRing();
      else if (level === 2 && depth === 4) out.endPart();
      level--;
      expectValue = false;
      if (level === 0) {
        if (depth === 1) out.endRing();
        return depth;
      }
    }
  }
}
