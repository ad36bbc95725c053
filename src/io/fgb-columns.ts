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
  const decoder = new TextDecoder();
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
        if (!g.parts(p, part) || !rings(part, out)) return null;
        out.endPart();
      }
    } else if (type === POINT) {
      const xy = xyOf(g);
      if (!xy || xy.length !== 2) return null;
      out.vertex(xy[0], xy[1]);
      out.endRing();
      out.endPart();
    } else if (type === LINESTRING || type === MULTIPOINT) {
      const xy = xyOf(g);
      if (!xy) return null;
      vertices(xy, 0, xy.length >> 1, out);
      out.endRing();
      out.endPart();
    } else if (type === POLYGON) {
      if (!rings(g, out)) return null;
      out.endPart();
    } else if (type === MULTILINESTRING) {
      // One part per line.
      if (!rings(g, out, true)) return null;
    } else return null;
    if (!properties(feature, bytes, dv, columns, sink, out.count, decoder, out.count === 0 ? out.first : null)) return null;
    out.endFeature(type);
    offset += SIZE_PREFIX_LEN + length;
  }
  return out.done(null);
}

/** A geometry's vertices; null when absent or of odd length (the library's reading fails or
 *  yields a malformed position there). */
function xyOf(g: FgbGeometry): Float64Array | null {
  const xy = g.xyArray();
  return xy && xy.length % 2 === 0 ? xy : null;
}

function vertices(xy: Float64Array, from: number, to: number, out: ColumnsBuilder): void {
  for (let k = from; k < to; k++) out.vertex(xy[2 * k], xy[2 * k + 1]);
}

/** The rings of a polygon (or lines of a multi-line) split at its `ends`, as the library splits them. */
function rings(g: FgbGeometry, out: ColumnsBuilder, partEach = false): boolean {
  const xy = xyOf(g);
  if (!xy) return false;
  const n = xy.length >> 1,
    ends = g.endsArray();
  if (!ends || ends.length === 0) {
    vertices(xy, 0, n, out);
    out.endRing();
    if (partEach) out.endPart();
    return true;
  }
  let s = 0;
  for (let k = 0; k < ends.length; k++) {
    const e = Math.min(ends[k], n);
    if (e < s) return false;
    vertices(xy, s, e, out);
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
  decoder: TextDecoder,
  first: string[] | null,
): boolean {
  if (columns.length === 0) return true;
  const array = feature.propertiesArray();
  if (!array) return true;
  const base = array.byteOffset - bytes.byteOffset,
    length = array.length;
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
    if (to) to[i] = decoder.decode(array.subarray(at, at + n));
    at += n;
  }
  return true;
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
