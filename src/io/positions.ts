// Walking and rewriting the positions of GeoJSON geometries from untrusted files: the shape of
// `coordinates` is checked, never assumed, so a malformed geometry is reported instead of crashing.
import type { Geometry, Position } from 'geojson';

const DEPTH: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

function validAt(c: unknown, depth: number): boolean {
  if (!Array.isArray(c)) return false;
  if (depth === 0) return c.length >= 2 && typeof c[0] === 'number' && typeof c[1] === 'number';
  return c.every((x) => validAt(x, depth - 1));
}

/** Whether `g` is a geometry whose coordinates nest as its type requires (GeometryCollections: each member). */
export function isWellFormed(g: unknown, level = 0): g is Geometry {
  if (!g || typeof g !== 'object') return false;
  const o = g as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (o.type === 'GeometryCollection')
    return level < 4 && Array.isArray(o.geometries) && o.geometries.every((m) => isWellFormed(m, level + 1));
  const d = typeof o.type === 'string' ? DEPTH[o.type] : undefined;
  return d !== undefined && validAt(o.coordinates, d);
}

// (The walks are module functions, not closures made per call: this runs once per feature.)
function eachAt(c: unknown, d: number, fn: (x: number, y: number) => void): void {
  if (d === 0) {
    const p = c as Position;
    fn(p[0], p[1]);
    return;
  }
  const a = c as unknown[];
  for (let i = 0; i < a.length; i++) eachAt(a[i], d - 1, fn);
}

function mapAt(c: unknown, d: number, fn: (x: number, y: number) => [number, number]): unknown {
  if (d === 0) {
    const p = c as Position;
    return fn(p[0], p[1]);
  }
  const a = c as unknown[],
    out = new Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = mapAt(a[i], d - 1, fn);
  return out;
}

/** Calls `fn(x, y)` for every position of a well-formed geometry. */
export function eachPosition(g: Geometry, fn: (x: number, y: number) => void): void {
  if (g.type === 'GeometryCollection') {
    for (const m of g.geometries) eachPosition(m, fn);
    return;
  }
  eachAt(g.coordinates, DEPTH[g.type], fn);
}

/** A copy of a well-formed geometry with every position replaced by `fn(x, y)` (extra ordinates dropped). */
export function mapPositions(g: Geometry, fn: (x: number, y: number) => [number, number]): Geometry {
  if (g.type === 'GeometryCollection') return { type: 'GeometryCollection', geometries: g.geometries.map((m) => mapPositions(m, fn)) };
  return { type: g.type, coordinates: mapAt(g.coordinates, DEPTH[g.type], fn) } as Geometry;
}
