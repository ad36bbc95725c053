// Shared loading and geometry checks for the tests of the generated demo data (public/demo).
import { readFileSync } from 'node:fs';
import type { Feature, MultiPolygon, Point } from 'geojson';
import { readFgb } from '../../src/io/fgb.ts';

export const DEMO = 'public/demo/';

/** Reads one generated FlatGeobuf file's features. */
export async function demoFeatures<G extends MultiPolygon | Point | GeoJSON.LineString>(name: string): Promise<Feature<G>[]> {
  return (await readFgb(readFileSync(DEMO + name))).features as Feature<G>[];
}

type Coords = MultiPolygon['coordinates'];

/** Even-odd point-in-polygon over every ring. */
export function inside(x: number, y: number, multi: Coords): boolean {
  let c = false;
  for (const poly of multi)
    for (const ring of poly) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
      }
    }
  return c;
}

/** Distance from a point to the nearest polygon edge, degrees. */
export function edgeDistance(x: number, y: number, multi: Coords): number {
  let best = Infinity;
  for (const poly of multi)
    for (const ring of poly) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [ax, ay] = ring[i];
        const [bx, by] = ring[i + 1];
        const vx = bx - ax;
        const vy = by - ay;
        const l = vx * vx + vy * vy;
        const t = l > 0 ? Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / l)) : 0;
        best = Math.min(best, Math.hypot(x - ax - t * vx, y - ay - t * vy));
      }
    }
  return best;
}

/** Inside, or on the boundary within `slack` degrees. */
export function covered(x: number, y: number, multi: Coords, slack = 1e-9): boolean {
  return inside(x, y, multi) || edgeDistance(x, y, multi) <= slack;
}

export function bbox(multi: Coords): [number, number, number, number] {
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  for (const poly of multi)
    for (const [x, y] of poly[0]) {
      w = Math.min(w, x);
      e = Math.max(e, x);
      s = Math.min(s, y);
      n = Math.max(n, y);
    }
  return [w, s, e, n];
}
