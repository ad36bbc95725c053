// FlatGeobuf straight into columns (feature-columns.ts): the FlatBuffers accessors of the
// flatgeobuf package read each feature in place (one reused accessor object, vertices copied as
// whole arrays), and only the fields asked for are decoded. The values equal those of fgb.ts
// (the library's GeoJSON features). Returns null for anything it does not take (a geometry
// collection, a missing geometry, a JSON or binary field asked for, a corrupt property block):
// the general reader then reads the file and reports what is wrong.
import * as flatbuffers from 'flatbuffers';
import { magicbytes, SIZE_PREFIX_LEN } from 'flatgeobuf/lib/mjs/constants.js';
import { Feature as FgbFeature } from 'flatgeobuf/lib/mjs/flat-geobuf/feature.js';
import { Geometry as FgbGeometry } from 'flatgeobuf/lib/mjs/flat-geobuf/geometry.js';
import { fromByteBuffer } from 'flatgeobuf/lib/mjs/header-meta.js';
import { calcTreeSize } from 'flatgeobuf/lib/mjs/packedrtree.js';
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

/** Columns of a FlatGeobuf file already checked by checkFgb (fgb-check.ts), or null. */
export function fgbColumns(bytes: Uint8Array, wanted: Iterable<string>): FeatureColumns | null {
  const bb = new flatbuffers.ByteBuffer(bytes);
  bb.setPosition(magicbytes.length);
  const header = fromByteBuffer(bb);
  const columns = header.columns ?? [];
  // checkFgb saw exactly this many features (when the header gives a count).
  const features = Number(header.featuresCount);
  const out = new ColumnsBuilder(wanted, features);
  if (columns.some((c) => out.values.has(c.name) && (c.type === JSON_TYPE || c.type === BINARY || c.type > BINARY))) return null;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const strings = new Strings(columns.length);
  const sink = new Sinks(columns, out, features, strings);
  const v = new Vertices(bb, dv, bytes.byteOffset);
  const feature = new FgbFeature(),
    geometry = new FgbGeometry(),
    part = new FgbGeometry();
  let offset = magicbytes.length + SIZE_PREFIX_LEN + bb.readUint32(magicbytes.length);
  if (header.indexNodeSize > 0) offset += calcTreeSize(header.featuresCount, header.indexNodeSize);
  while (offset < bytes.length) {
    const length = bb.readUint32(offset);
    bb.setPosition(offset);
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
    if (!properties(feature, bytes, dv, sink, out.count, strings, out.count === 0 ? out.first : null)) return null;
    out.endFeature(type);
    offset += SIZE_PREFIX_LEN + length;
  }
  sink.done(out);
  return out.done(null);
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
    if (len % 2 !== 0 || (this.byteOffset + start) % 8 !== 0 || start + 8 * len > this.dv.byteLength) return false;
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
  if (base + length > bytes.length) return false;
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
