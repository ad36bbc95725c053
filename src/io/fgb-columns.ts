// FlatGeobuf straight into columns (feature-columns.ts): the FlatBuffers accessors of the
// flatgeobuf package read each feature in place (one reused accessor object, vertices copied as
// whole arrays), and only the fields asked for are decoded. The values equal those of fgb.ts
// (the library's GeoJSON features). Returns null for anything it does not take (a geometry
// collection, a missing geometry, a JSON or binary field asked for, a corrupt property block,
// anything checkFgb (fgb-check.ts) refuses): the general reader then reads the file and reports
// what is wrong. A file is read a window at a time (a province's households are 400 MB).
import * as flatbuffers from 'flatbuffers';
import { magicbytes, SIZE_PREFIX_LEN } from 'flatgeobuf/lib/mjs/constants.js';
import { Feature as FgbFeature } from 'flatgeobuf/lib/mjs/flat-geobuf/feature.js';
import { Geometry as FgbGeometry } from 'flatgeobuf/lib/mjs/flat-geobuf/geometry.js';
import { fromByteBuffer } from 'flatgeobuf/lib/mjs/header-meta.js';
import { fgbFeatureFits, fgbLayout } from './fgb-check.ts';
import {
  ColumnsBuilder,
  LINESTRING,
  MULTILINESTRING,
  MULTIPOINT,
  Growable,
  MULTIPOLYGON,
  POINT,
  POLYGON,
  type FeatureColumns,
} from './feature-columns.ts';

/** Bytes of each fixed-size column type (ColumnType order: Byte … Double); 0: variable or not taken. */
const FIXED = [1, 1, 1, 2, 2, 4, 4, 8, 8, 4, 8];
const BOOL = 2,
  STRING = 11,
  JSON_TYPE = 12,
  DATETIME = 13,
  BINARY = 14;

/** A FlatGeobuf file's bytes: `read` copies `length` bytes from file offset `offset` into `into`
 *  at `at` (a file is read a window at a time, never held whole). */
export interface FgbSource {
  size: number;
  read(into: Uint8Array, at: number, offset: number, length: number): void;
}

/** Columns of FlatGeobuf bytes held in memory, or null (see above). */
export function fgbColumns(bytes: Uint8Array, wanted: Iterable<string>): FeatureColumns | null {
  return fgbColumnsFrom(new Window(bytes), wanted);
}

/** Columns of a FlatGeobuf file read through `source` a window at a time, or null (see above). */
export function fgbSourceColumns(source: FgbSource, wanted: Iterable<string>, window = 1 << 21): FeatureColumns | null {
  return fgbColumnsFrom(new Window(source, window), wanted);
}

/** File bytes [base, end) at buf[0 …]; the features are read where they lie in it. In memory the
 *  window is the whole file. */
class Window {
  buf: Uint8Array;
  base = 0;
  end: number;
  readonly size: number;
  private readonly source: FgbSource | null;
  constructor(from: Uint8Array | FgbSource, capacity = 0) {
    if (from instanceof Uint8Array) {
      this.buf = from;
      this.size = this.end = from.length;
      this.source = null;
    } else {
      this.buf = new Uint8Array(Math.max(capacity, 64));
      this.size = from.size;
      this.end = 0;
      this.source = from;
    }
  }
  /** Brings file bytes [offset, offset + length) into the window (all within the file); true
   *  when the window moved or grew (buf and base then changed). */
  hold(offset: number, length: number): boolean {
    if (offset >= this.base && offset + length <= this.end) return false;
    const src = this.source!;
    // Kept 8-aligned as in a file read whole, so doubles are aligned where the library's are.
    const base = offset - (offset % 8),
      keep = Math.max(0, this.end - Math.max(base, this.base));
    if (offset + length - base > this.buf.length) {
      const b = new Uint8Array(Math.max(2 * this.buf.length, offset + length - base));
      b.set(this.buf.subarray(base - this.base, base - this.base + keep));
      this.buf = b;
    } else this.buf.copyWithin(0, base - this.base, base - this.base + keep);
    this.base = base;
    const more = Math.min(this.buf.length - keep, this.size - (base + keep));
    src.read(this.buf, keep, base + keep, more);
    this.end = base + keep + more;
    return true;
  }
}

function fgbColumnsFrom(w: Window, wanted: Iterable<string>): FeatureColumns | null {
  const size = w.size;
  let layout: { at: number; count: number };
  try {
    if (size >= 12) w.hold(0, 12);
    const headerLen = size >= 12 ? new DataView(w.buf.buffer, w.buf.byteOffset, 12).getUint32(8, true) : 0;
    if (12 + headerLen <= size) w.hold(0, 12 + headerLen);
    layout = fgbLayout(w.buf.subarray(0, w.end - w.base), size, '');
  } catch {
    return null;
  }
  let bytes = w.buf;
  let bb = new flatbuffers.ByteBuffer(bytes);
  bb.setPosition(magicbytes.length);
  const header = fromByteBuffer(bb);
  const columns = header.columns ?? [];
  // The loop below refuses a file with another number of features than a count given.
  const features = layout.count;
  const out = new ColumnsBuilder(wanted, features);
  if (columns.some((c) => out.values.has(c.name) && (c.type === JSON_TYPE || c.type === BINARY || c.type > BINARY))) return null;
  let dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const strings = new Strings(columns.length);
  const sink = new Sinks(columns, out, features, strings);
  let v = new Vertices(bb, dv, bytes.byteOffset);
  const feature = new FgbFeature(),
    geometry = new FgbGeometry(),
    part = new FgbGeometry();
  let offset = layout.at;
  while (offset < size) {
    if (offset + 4 > size) return null;
    if (w.hold(offset, 4)) [bytes, bb, dv, v] = at(w, strings);
    const length = dv.getUint32(offset - w.base, true);
    if (!fgbFeatureFits(length, offset, size)) return null;
    if (w.hold(offset, 4 + length)) [bytes, bb, dv, v] = at(w, strings);
    const pos = offset - w.base,
      end = pos + SIZE_PREFIX_LEN + length;
    v.end = end;
    bb.setPosition(pos);
    FgbFeature.getSizePrefixedRootAsFeature(bb, feature);
    const g = feature.geometry(geometry);
    if (!g) return null;
    const type = header.geometryType || g.type();
    if (type === MULTIPOLYGON) {
      const n = g.partsLength();
      for (let p = 0; p < n; p++) {
        if (!g.parts(p, part) || !rings(part, v, out)) return null;
        out.endPart();
      }
    } else if (type === POINT) {
      if (!v.xy(g) || v.n !== 1) return null;
      out.vertex(v.x(0), v.y(0));
      out.endRing();
      out.endPart();
    } else if (type === LINESTRING || type === MULTIPOINT) {
      if (!v.xy(g)) return null;
      for (let k = 0; k < v.n; k++) out.vertex(v.x(k), v.y(k));
      out.endRing();
      out.endPart();
    } else if (type === POLYGON) {
      if (!rings(g, v, out)) return null;
      out.endPart();
    } else if (type === MULTILINESTRING) {
      // One part per line.
      if (!rings(g, v, out, true)) return null;
    } else return null;
    if (!properties(feature, bytes, end, dv, sink, out.count, strings, out.count === 0 ? out.first : null)) return null;
    out.endFeature(type);
    offset += SIZE_PREFIX_LEN + length;
  }
  if (features > 0 && out.count !== features) return null;
  sink.done(out);
  return out.done(null);
}

/** Readers over the window's current bytes (it moved: the strings' last places are gone);
 *  alignment is judged by file offset (plus the bytes' own offset in memory), as for the file
 *  read whole. */
function at(w: Window, strings: Strings): [Uint8Array, flatbuffers.ByteBuffer, DataView, Vertices] {
  strings.forgetPlaces();
  const bytes = w.buf,
    bb = new flatbuffers.ByteBuffer(bytes),
    dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return [bytes, bb, dv, new Vertices(bb, dv, bytes.byteOffset + w.base)];
}

/** Where each column's values go (kind): numbers into typed arrays, text as codes of decoded
 *  strings, the rest (booleans, dates) as plain values, nowhere for a column not asked for. */
const NONE = 0,
  NUMBER = 1,
  TEXT = 2,
  ANY = 3;
class Sinks {
  readonly name: string[];
  readonly type: Uint8Array;
  readonly kind: Uint8Array;
  readonly num: (Growable<Float64Array> | undefined)[];
  readonly has: (Growable<Uint8Array> | undefined)[];
  readonly str: (Growable<Int32Array> | undefined)[];
  readonly any: (unknown[] | undefined)[];
  constructor(
    private readonly columns: { name: string; type: number }[],
    out: ColumnsBuilder,
    features: number,
    private readonly strings: Strings,
  ) {
    this.name = columns.map((c) => c.name);
    this.type = Uint8Array.from(columns, (c) => c.type);
    this.kind = Uint8Array.from(columns, (c) =>
      !out.values.has(c.name) ? NONE : (FIXED[c.type] ?? 0) > 0 && c.type !== BOOL ? NUMBER : c.type === STRING ? TEXT : ANY,
    );
    const make = <T>(kind: number, f: () => T) => Array.from(this.kind, (k) => (k === kind ? f() : undefined));
    this.num = make(NUMBER, () => new Growable((n) => new Float64Array(n), features));
    this.has = make(NUMBER, () => new Growable((n) => new Uint8Array(n), features));
    this.str = make(TEXT, () => new Growable((n) => new Int32Array(n), features));
    this.any = columns.map((c, k) => (this.kind[k] === ANY ? out.values.get(c.name) : undefined));
  }
  /** Hands the typed columns to the builder (the plain ones are its own arrays). */
  done(out: ColumnsBuilder): void {
    this.columns.forEach((c, k) => {
      const num = this.num[k],
        str = this.str[k];
      if (num) out.typed.set(c.name, { num: num.done(out.count), has: this.has[k]!.done(out.count) });
      if (str) out.typed.set(c.name, { code: str.done(out.count), strings: this.strings.list });
    });
  }
}

/** A geometry's vertex array read in place through the FlatBuffers offsets (no array object per
 *  feature). `xy` fails where the library's reading fails or yields a malformed position: no
 *  vertices, an odd count, or doubles not 8-byte aligned (its Float64Array view throws). */
class Vertices {
  start = 0;
  /** End of the current feature in the bytes: its vertices lie before it. */
  end = 0;
  /** Vertex count. */
  n = 0;
  constructor(
    private readonly bb: flatbuffers.ByteBuffer,
    private readonly dv: DataView,
    private readonly byteOffset: number,
  ) {}
  xy(g: FgbGeometry): boolean {
    const o = this.bb.__offset(g.bb_pos, 6);
    if (!o) return false;
    const start = this.bb.__vector(g.bb_pos + o),
      len = this.bb.__vector_len(g.bb_pos + o);
    if (len % 2 !== 0 || (this.byteOffset + start) % 8 !== 0 || start + 8 * len > this.end) return false;
    this.start = start;
    this.n = len / 2;
    return true;
  }
  x(k: number): number {
    return this.dv.getFloat64(this.start + 16 * k, true);
  }
  y(k: number): number {
    return this.dv.getFloat64(this.start + 16 * k + 8, true);
  }
}

/** The rings of a polygon (or lines of a multi-line) split at its `ends`, as the library splits them. */
function rings(g: FgbGeometry, v: Vertices, out: ColumnsBuilder, partEach = false): boolean {
  if (!v.xy(g)) return false;
  const n = v.n,
    ends = g.endsArray();
  if (!ends || ends.length === 0) {
    for (let k = 0; k < n; k++) out.vertex(v.x(k), v.y(k));
    out.endRing();
    if (partEach) out.endPart();
    return true;
  }
  let s = 0;
  for (let k = 0; k < ends.length; k++) {
    const e = Math.min(ends[k], n);
    if (e < s) return false;
    for (let j = s; j < e; j++) out.vertex(v.x(j), v.y(j));
    out.endRing();
    if (partEach) out.endPart();
    s = e;
  }
  return true;
}

/** Decodes the fields asked for of one feature (as the library's parseProperties); false on a corrupt block. */
function properties(
  feature: FgbFeature,
  bytes: Uint8Array,
  featureEnd: number,
  dv: DataView,
  sink: Sinks,
  i: number,
  strings: Strings,
  first: string[] | null,
): boolean {
  const ncol = sink.type.length;
  if (ncol === 0) return true;
  const bb = feature.bb!,
    o = bb.__offset(feature.bb_pos, 6);
  if (!o) return true;
  const base = bb.__vector(feature.bb_pos + o),
    length = bb.__vector_len(feature.bb_pos + o);
  if (base + length > featureEnd) return false;
  let at = 0;
  while (at < length) {
    if (at + 2 > length) return false;
    const k = dv.getUint16(base + at, true);
    at += 2;
    if (k >= ncol) return false;
    first?.push(sink.name[k]);
    const type = sink.type[k],
      p = base + at;
    const size = FIXED[type] ?? 0;
    if (size > 0) {
      if (at + size > length) return false;
      const kind = sink.kind[k];
      if (kind === NUMBER) {
        // Int32 (counts) read directly; the rest through fixedValue.
        sink.num[k]!.put(i, type === 5 ? dv.getInt32(p, true) : (fixedValue(dv, p, type) as number));
        sink.has[k]!.put(i, 1);
      } else if (kind === ANY) sink.any[k]![i] = fixedValue(dv, p, type);
      at += size;
      continue;
    }
    if (type !== STRING && type !== DATETIME && type !== JSON_TYPE && type !== BINARY) return false;
    if (at + 4 > length) return false;
    const n = dv.getUint32(p, true);
    at += 4;
    if (at + n > length) return false;
    const kind = sink.kind[k];
    if (kind === TEXT) sink.str[k]!.put(i, strings.get(bytes, base + at, n, k) + 1);
    else if (kind === ANY) sink.any[k]![i] = strings.list[strings.get(bytes, base + at, n, k)];
    at += n;
  }
  return true;
}

/** Decoded strings by their bytes, each given a number (its place in `list`): codes (a
 *  household's community code) repeat across millions of features, and one decoded string per
 *  distinct value spares a decode and a string each. The decoder is the library's (UTF-8, a
 *  leading BOM dropped), so the strings are the same. */
class Strings {
  readonly list: string[] = [];
  private readonly decoder = new TextDecoder();
  private readonly table = new Map<number, { bytes: Uint8Array; id: number }[]>();
  private size = 0;

  /** Per column, where its last value lay and its number: consecutive features often share a
   *  value (households of one community), spared the hashing then. */
  private readonly lastFrom: Int32Array;
  private readonly lastN: Int32Array;
  private readonly lastId: Int32Array;
  constructor(columns: number) {
    this.lastFrom = new Int32Array(columns);
    this.lastN = new Int32Array(columns).fill(-1);
    this.lastId = new Int32Array(columns);
  }

  /** The bytes moved: no last value is where it was. */
  forgetPlaces(): void {
    this.lastN.fill(-1);
  }

  /** The number of the string in `a[from, from + n)`, the value of column `k`. */
  get(a: Uint8Array, from: number, n: number, k: number): number {
    if (n === this.lastN[k]) {
      const f = this.lastFrom[k];
      let j = 0;
      while (j < n && a[f + j] === a[from + j]) j++;
      if (j === n) {
        this.lastFrom[k] = from;
        return this.lastId[k];
      }
    }
    const id = this.find(a, from, n);
    this.lastFrom[k] = from;
    this.lastN[k] = n;
    this.lastId[k] = id;
    return id;
  }

  private find(a: Uint8Array, from: number, n: number): number {
    if (n > 48) return this.list.push(this.decoder.decode(a.subarray(from, from + n))) - 1;
    let h = 2166136261 ^ n;
    for (let j = 0; j < n; j++) h = Math.imul(h ^ a[from + j], 16777619);
    const list = this.table.get(h);
    if (list)
      next: for (const e of list) {
        if (e.bytes.length !== n) continue;
        for (let j = 0; j < n; j++) if (e.bytes[j] !== a[from + j]) continue next;
        return e.id;
      }
    const id = this.list.push(this.decoder.decode(a.subarray(from, from + n))) - 1;
    // Bounded: a column of distinct values (names) is decoded, not kept in the table.
    if (this.size < 1 << 16) {
      this.size++;
      const e = { bytes: a.slice(from, from + n), id };
      if (list) list.push(e);
      else this.table.set(h, [e]);
    }
    return id;
  }
}

function fixedValue(dv: DataView, p: number, type: number): number | boolean {
  switch (type) {
    case 0:
      return dv.getInt8(p);
    case 1:
      return dv.getUint8(p);
    case 2:
      return !!dv.getUint8(p);
    case 3:
      return dv.getInt16(p, true);
    case 4:
      return dv.getUint16(p, true);
    case 5:
      return dv.getInt32(p, true);
    case 6:
      return dv.getUint32(p, true);
    case 7:
      return Number(dv.getBigInt64(p, true));
    case 8:
      return Number(dv.getBigUint64(p, true));
    case 9:
      return dv.getFloat32(p, true);
    default:
      return dv.getFloat64(p, true);
  }
}
