// Point-in-polygon on the flat ring storage of PolygonSet (even-odd rule over all rings of a
// polygon, so holes work without knowing their orientation).
import type { PolygonSet } from '../types.ts';

/** True when WGS84 point (x, y) lies inside polygon `p` of the set (boundary points may go either way). */
export function pointInPolygon(set: PolygonSet, p: number, x: number, y: number): boolean {
  const c = set.coords;
  let inside = false;
  for (let r = set.polyRingStart[p]; r < set.polyRingStart[p + 1]; r++) {
    const s = set.ringStart[r],
      e = set.ringStart[r + 1];
    for (let i = s, j = e - 1; i < e; j = i++) {
      const xi = c[2 * i],
        yi = c[2 * i + 1],
        xj = c[2 * j],
        yj = c[2 * j + 1];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** True when the point lies inside any polygon of feature `f`. */
export function pointInFeature(set: PolygonSet, f: number, x: number, y: number): boolean {
  for (let p = set.featurePolyStart[f]; p < set.featurePolyStart[f + 1]; p++) {
    if (pointInPolygon(set, p, x, y)) return true;
  }
  return false;
}
