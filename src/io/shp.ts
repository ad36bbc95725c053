// .shp geometry reader (ESRI Shapefile technical description, 1998). Hand-written so every
// count and length is checked against the bytes present: corrupt or truncated files end in an
// ImportError, never a crash or an endless loop. Coordinates stay in the file's own system.
import type { Geometry, Position } from 'geojson';
import { ImportError } from './import-error.ts';

/** One shape record: its geometry (null for null shapes) or why it was unusable. */
export type ShpRecord = { geometry: Geometry | null; unsupported?: string };

const TYPE_NAMES: Record<number, string> = { 31: 'MultiPatch' };

function signedArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[i][0] - ring[j][0]) * (ring[i][1] + ring[j][1]);
  return a / 2; // > 0 clockwise (y up), the shapefile outer-ring orientation
}

function inRing(x: number, y: number, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i],
      [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Groups shapefile rings (outer clockwise, holes counter-clockwise) into GeoJSON polygons
 *  with RFC 7946 winding (outer counter-clockwise). */
function ringsToPolygons(rings: Position[][]): Position[][][] {
  const outers: Position[][][] = [];
  const holes: Position[][] = [];
  for (const r of rings) {
    if (r.length < 4) continue;
    if (signedArea(r) >= 0) outers.push([r.slice().reverse()]);
    else holes.push(r);
  }
  for (const h of holes) {
    const owner = outers.find((p) => inRing(h[0][0], h[0][1], p[0]));
    if (owner) owner.push(h.slice().reverse());
    else outers.push([h]); // a counter-clockwise ring with no outer: treat as an outer ring
  }
  return outers;
}

function parts(dv: DataView, at: number, end: number, file: string, index: number): Position[][] {
  if (at + 44 > end) throw new ImportError('malformed', { file, feature: index, detail: '.shp record too short' });
  const numParts = dv.getInt32(at + 36, true);
  const numPoints = dv.getInt32(at + 40, true);
  const ptsAt = at + 44 + 4 * numParts;
  if (numParts < 0 || numPoints < 0 || ptsAt + 16 * numPoints > end) {
    throw new ImportError('malformed', { file, feature: index, detail: '.shp part/point counts exceed record' });
  }
  const out: Position[][] = [];
  for (let p = 0; p < numParts; p++) {
    const start = dv.getInt32(at + 44 + 4 * p, true);
    const stop = p + 1 < numParts ? dv.getInt32(at + 44 + 4 * (p + 1), true) : numPoints;
    if (start < 0 || stop > numPoints || stop < start)
      throw new ImportError('malformed', { file, feature: index, detail: '.shp part index' });
    const ring: Position[] = [];
    for (let i = start; i < stop; i++) ring.push([dv.getFloat64(ptsAt + 16 * i, true), dv.getFloat64(ptsAt + 16 * i + 8, true)]);
    out.push(ring);
  }
  return out;
}

function shape(dv: DataView, at: number, end: number, file: string, index: number): ShpRecord {
  if (at + 4 > end) throw new ImportError('malformed', { file, feature: index, detail: '.shp empty record' });
  const type = dv.getInt32(at, true);
  const base = type % 10; // Z (1x) and M (2x) variants share the x,y layout
  if (type === 0) return { geometry: null };
  if (type > 30 || type < 0 || ![1, 3, 5, 8].includes(base))
    return { geometry: null, unsupported: TYPE_NAMES[type] ?? `shape type ${type}` };
  if (base === 1) {
    if (at + 20 > end) throw new ImportError('malformed', { file, feature: index, detail: '.shp point record too short' });
    return { geometry: { type: 'Point', coordinates: [dv.getFloat64(at + 4, true), dv.getFloat64(at + 12, true)] } };
  }
  if (base === 8) {
    if (at + 40 > end) throw new ImportError('malformed', { file, feature: index, detail: '.shp record too short' });
    const n = dv.getInt32(at + 36, true);
    if (n < 0 || at + 40 + 16 * n > end)
      throw new ImportError('malformed', { file, feature: index, detail: '.shp point count exceeds record' });
    const coords: Position[] = [];
    for (let i = 0; i < n; i++) coords.push([dv.getFloat64(at + 40 + 16 * i, true), dv.getFloat64(at + 48 + 16 * i, true)]);
    return { geometry: { type: 'MultiPoint', coordinates: coords } };
  }
  const rings = parts(dv, at, end, file, index);
  if (base === 3) {
    const lines = rings.filter((r) => r.length >= 2);
    if (!lines.length) return { geometry: null };
    return {
      geometry: lines.length === 1 ? { type: 'LineString', coordinates: lines[0] } : { type: 'MultiLineString', coordinates: lines },
    };
  }
  const polys = ringsToPolygons(rings);
  if (!polys.length) return { geometry: null };
  return { geometry: polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys } };
}

/** Reads all shape records of a .shp file, in file order. */
export function readShp(bytes: Uint8Array, file: string): ShpRecord[] {
  if (bytes.length < 100) throw new ImportError('truncated', { file, detail: '.shp header' });
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getInt32(0, false) !== 9994) throw new ImportError('malformed', { file, detail: '.shp file code is not 9994' });
  const declared = dv.getInt32(24, false) * 2;
  if (declared > bytes.length) throw new ImportError('truncated', { file, detail: `.shp has ${bytes.length} of ${declared} bytes` });
  const end = declared >= 100 ? declared : bytes.length;
  const out: ShpRecord[] = [];
  let at = 100;
  while (at + 8 <= end) {
    const len = dv.getInt32(at + 4, false) * 2;
    const start = at + 8;
    if (len < 4 || start + len > end)
      throw new ImportError('truncated', { file, feature: out.length, detail: '.shp record runs past the end' });
    out.push(shape(dv, start, start + len, file, out.length));
    at = start + len;
  }
  return out;
}
