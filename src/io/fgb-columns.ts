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
  MULTIPOLYGON,
  POINT,
  POLYGON,
  type FeatureColumns,
} from './feature-columns.ts';

/** Bytes of each fixed-size column type (ColumnType order: Byte … Double); 0: variable or not taken. */
const FIXED = [1, 1, 1, 2, 2, 4, 4, 8, 8, 4, 8];
const STRING = 11,
  JSON_TYPE = 12,
  DATETIME = 13,
  BINARY = 14;

/** Columns of a FlatGeobuf file already checked by checkFgb (fgb-check.ts), or null. */
export function fgbColumns(bytes: Uint8Array, wanted: Iterable<string>): FeatureColumns | null {
  const bb = new flatbuffers.ByteBuffer(bytes);
  bb.setPosition(magicbytes.length);
  const header = fromByteBuffer(bb);
  const columns = header.columns ?? [];
  const out = new ColumnsBuilder(wanted);
  // Per column: where its values go (undefined: not asked for).
  const sink = columns.map((c) => out.values.get(c.name));
  if (columns.some((c, k) => sink[k] && (c.type === JSON_TYPE || c.type === BINARY || c.type > BINARY))) return null;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const strings = new Strings();
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
    if (!properties(feature, bytes, dv, columns, sink, out.count, strings, out.count === 0 ? out.first : null)) return null;
    out.endFeature(type);
    offset += SIZE_PREFIX_LEN + length;
  }
  return out.done(null);
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
  columns: { name: string; type: number }[],
  sink: (unknown[] | undefined)[],
  i: number,
  strings: Strings,
  first: string[] | null,
): boolean {
  if (columns.length === 0) return true;
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
    const column = columns[k];
    if (!column) return false;
    first?.push(column.name);
    const type = column.type,
      to = sink[k],
      p = base + at;
    const size = FIXED[type] ?? 0;
    if (size > 0) {
      if (at + size > length) return false;
      if (to) to[i] = fixedValue(dv, p, type);
      at += size;
      continue;
    }
    if (type !== STRING && type !== DATETIME && type !== JSON_TYPE && type !== BINARY) return false;
    if (at + 4 > length) return false;
    const n = dv.getUint32(p, true);
    at += 4;
    if (at + n > length) return false;
    if (to) to[i] = strings.get(bytes, base + at, n);
    at += n;
  }
  return true;
}

/** Decoded strings by their bytes: codes (a household's community code) repeat across millions
 *  of features, and one decoded string per distinct value spares a decode and a string each.
 *  The decoder is the library's (UTF-8, a leading BOM dropped), so the strings are the same. */
class Strings {
  private readonly decoder = new TextDecoder();
  private readonly table = new Map<number, { bytes: Uint8Array; s: string }[]>();
  private size = 0;

  get(a: Uint8Array, from: number, n: number): string {
    if (n > 48) return this.decoder.decode(a.subarray(from, from + n));
    let h = 2166136261 ^ n;
    for (let j = 0; j < n; j++) h = Math.imul(h ^ a[from + j], 16777619);
    const list = this.table.get(h);
    if (list)
      next: for (const e of list) {
        if (e.bytes.length !== n) continue;
        for (let j = 0; j < n; j++) if (e.bytes[j] !== a[from + j]) continue next;
        return e.s;
      }
    const s = this.decoder.decode(a.subarray(from, from + n));
    // Bounded: a column of distinct values (names) is decoded, not kept.
    if (this.size < 1 << 16) {
      this.size++;
      const e = { bytes: a.slice(from, from + n), s };
      if (list) list.push(e);
      else this.table.set(h, [e]);
    }
    return s;
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
