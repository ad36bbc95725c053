// Barriers in straight-line mode: rivers, railways and expressways as lines that a straight path
// from a home to a facility may not cross. A home whose nearest facility lies beyond a barrier
// is served by the nearest one it can reach in a straight line, looked for within a search
// radius; with none there it is unreachable.
import Flatbush from 'flatbush';
import type { LineLayer } from '../types.ts';
import { NearestPoints, spatialOrder } from '../index/nearest.ts';
import { haversineM } from '../geo/distance.ts';
import { metresPerMinute } from './speed.ts';
import { straightTimes, type NearestResult } from './straight.ts';

/** Barrier segments (lon/lat degrees) in a Flatbush over their boxes. */
export interface Barriers {
  tree: Flatbush;
  /** 4 per segment: ax, ay, bx, by. */
  seg: Float64Array;
}

export function barrierIndex(lines: LineLayer): Barriers {
  const c = lines.coords,
    segs: number[] = [];
  for (let l = 0; l + 1 < lines.lineStart.length; l++) {
    for (let i = lines.lineStart[l]; i + 1 < lines.lineStart[l + 1]; i++) segs.push(c[2 * i], c[2 * i + 1], c[2 * i + 2], c[2 * i + 3]);
  }
  const seg = Float64Array.from(segs),
    n = seg.length / 4;
  const tree = new Flatbush(Math.max(1, n));
  for (let k = 0; k < n; k++) {
    tree.add(
      Math.min(seg[4 * k], seg[4 * k + 2]),
      Math.min(seg[4 * k + 1], seg[4 * k + 3]),
      Math.max(seg[4 * k], seg[4 * k + 2]),
      Math.max(seg[4 * k + 1], seg[4 * k + 3]),
    );
  }
  if (n === 0) tree.add(1e6, 1e6, 1e6, 1e6);
  tree.finish();
  return { tree, seg };
}

const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) => (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);

/** True when the straight line (ax, ay)–(bx, by) goes from one side of a barrier segment to the
 *  other, through it or through one of its ends (so a path through a vertex of a barrier line
 *  is caught); a line that only ends on a barrier does not cross it. Planar in degrees: crossing
 *  is invariant under the lon scaling. */
export function crossesBarrier(b: Barriers, ax: number, ay: number, bx: number, by: number): boolean {
  const found = b.tree.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  const s = b.seg;
  for (const k of found) {
    const px = s[4 * k],
      py = s[4 * k + 1],
      qx = s[4 * k + 2],
      qy = s[4 * k + 3];
    if (px > 1e5) continue; // the placeholder of an empty index
    const o1 = orient(ax, ay, bx, by, px, py),
      o2 = orient(ax, ay, bx, by, qx, qy);
    const o3 = orient(px, py, qx, qy, ax, ay),
      o4 = orient(px, py, qx, qy, bx, by);
    if (o1 * o2 <= 0 && !(o1 === 0 && o2 === 0) && o3 * o4 < 0) return true;
  }
  return false;
}

/** Straight-line minutes (great circle × detour ÷ speed) from each point to its nearest of
 *  `facilityIds` when the straight line to it crosses no barrier; else to the nearest whose line
 *  crosses none among those within `searchM` metres, Infinity (facility −1) when none. */
export function straightTimesBlocked(
  coords: Float64Array,
  facCoords: Float64Array,
  facilityIds: Int32Array,
  speedKmh: number,
  detour: number,
  barriers: Barriers,
  searchM: number,
  order: Uint32Array = spatialOrder(coords),
): NearestResult {
  const res = straightTimes(coords, facCoords, facilityIds, speedKmh, detour, order);
  const index = new NearestPoints(facCoords, facilityIds);
  const mpm = metresPerMinute(speedKmh);
  for (let i = 0; i < res.facility.length; i++) {
    const f = res.facility[i];
    if (f < 0) continue;
    const x = coords[2 * i],
      y = coords[2 * i + 1];
    if (!crossesBarrier(barriers, x, y, facCoords[2 * f], facCoords[2 * f + 1])) continue;
    // Blocked: the candidates within the search radius, nearest first (ties: lowest index).
    const cand = Array.from({ length: index.candidates(x, y, searchM) }, (_, k) => {
      const g = index.candidate(k);
      return { g, d: haversineM(x, y, facCoords[2 * g], facCoords[2 * g + 1]) };
    })
      .filter((c) => c.d <= searchM)
      .sort((a, b) => a.d - b.d || a.g - b.g);
    res.facility[i] = -1;
    res.minutes[i] = Infinity;
    for (const c of cand) {
      if (crossesBarrier(barriers, x, y, facCoords[2 * c.g], facCoords[2 * c.g + 1])) continue;
      res.facility[i] = c.g;
      res.minutes[i] = (c.d * detour) / mpm;
      break;
    }
  }
  return res;
}
