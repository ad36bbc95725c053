// Plane geometry on WGS84 lon/lat for the generator: point-in-polygon, areas and local
// distances. Honghe spans 2.5° so a local equirectangular scale is accurate to well under 1%.
import type { MultiPolygon, Position } from 'geojson';

export type Ring = Position[];
export type MultiCoords = MultiPolygon['coordinates'];

/** Kilometres per degree of latitude (spherical Earth, R = 6371.0088 km). */
export const KM_PER_DEG = (6371.0088 * Math.PI) / 180;

/** Kilometres per degree of longitude at latitude `lat` (degrees). */
export function kmPerDegLon(lat: number): number {
  return KM_PER_DEG * Math.cos((lat * Math.PI) / 180);
}

/** Local distance between two lon/lat points, km. */
export function distanceKm(ax: number, ay: number, bx: number, by: number): number {
  const dx = (bx - ax) * kmPerDegLon((ay + by) / 2);
  const dy = (by - ay) * KM_PER_DEG;
  return Math.hypot(dx, dy);
}

/** Even-odd point-in-polygon over every ring of a MultiPolygon (holes are rings too). */
export function pointInMulti(x: number, y: number, multi: MultiCoords): boolean {
  let inside = false;
  for (const poly of multi) {
    for (const ring of poly) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const yi = ring[i][1];
        const yj = ring[j][1];
        if (yi > y !== yj > y) {
          const xi = ring[i][0];
          const xj = ring[j][0];
          if (x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
        }
      }
    }
  }
  return inside;
}

/** [west, south, east, north] of a MultiPolygon, degrees. */
export function bboxOf(multi: MultiCoords): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const poly of multi) {
    for (const [x, y] of poly[0]) {
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
  }
  return [w, s, e, n];
}

/** Signed shoelace area of a ring in square degrees (positive counter-clockwise). */
function ringArea(ring: Ring): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return a / 2;
}

/** Area of a MultiPolygon (outer rings minus holes), km², with the scale at its mean latitude. */
export function areaKm2(multi: MultiCoords): number {
  let a = 0;
  let latSum = 0;
  let latN = 0;
  for (const poly of multi) {
    poly.forEach((ring, r) => {
      a += (r === 0 ? 1 : -1) * Math.abs(ringArea(ring));
    });
    for (const p of poly[0]) {
      latSum += p[1];
      latN++;
    }
  }
  return a * KM_PER_DEG * kmPerDegLon(latSum / Math.max(1, latN));
}

/** Whether segments ab and cd properly cross (shared end points do not count). */
export function segmentsCross(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const d1 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx);
  const d2 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx);
  const d3 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  const d4 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax);
  return d1 * d2 < 0 && d3 * d4 < 0;
}
