// Straight-line travel: great-circle distance × detour factor ÷ speed, to the nearest facility.
import { NearestPoints, spatialOrder } from '../index/nearest.ts';
import { metresPerMinute } from './speed.ts';
import { haversineM } from '../geo/distance.ts';

export interface NearestResult {
  /** Minutes to the nearest facility per point; Infinity when there is none. */
  minutes: Float32Array;
  /** Global facility index per point, −1 when none. */
  facility: Int32Array;
}

/** Minutes from each WGS84 point to the nearest of `facilityIds` (indices into `facCoords`),
 *  walking the great-circle distance × `detour` at `speedKmh`. `order` is a spatial visiting order. */
export function straightTimes(
  coords: Float64Array,
  facCoords: Float64Array,
  facilityIds: Int32Array,
  speedKmh: number,
  detour: number,
  order: Uint32Array = spatialOrder(coords),
): NearestResult {
  const n = coords.length / 2;
  const minutes = new Float32Array(n).fill(Infinity);
  const facility = new Int32Array(n).fill(-1);
  const index = new NearestPoints(facCoords, facilityIds);
  const mpm = metresPerMinute(speedKmh);
  // Chunks of spatially consecutive points share one candidate list: with c the chunk's first
  // point, r the largest distance from c to a chunk point and D at least the distance from c to
  // its nearest facility, every point's nearest facility lies within D + 2r of c (triangle
  // inequality), so scanning those candidates is exact. D is the distance from c to the previous
  // chunk's first point's facility when that point is no farther from c than from its facility
  // (then D is at most twice c's own distance): no query at c. A jump in the order (a far chunk)
  // queries, so an order that is not spatial everywhere costs no long candidate lists.
  const CHUNK = 16;
  let prev = -1,
    prevC = -1,
    prevM = Infinity;
  for (let k0 = 0; k0 < n; k0 += CHUNK) {
    const k1 = Math.min(n, k0 + CHUNK);
    let c = -1,
      r = 0;
    for (let k = k0; k < k1; k++) {
      const i = order[k],
        x = coords[2 * i],
        y = coords[2 * i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (c < 0) c = i;
      else r = Math.max(r, haversineM(coords[2 * c], coords[2 * c + 1], x, y));
    }
    if (c < 0) continue;
    const cx = coords[2 * c],
      cy = coords[2 * c + 1];
    let bound: number;
    if (prev >= 0 && haversineM(cx, cy, coords[2 * prevC], coords[2 * prevC + 1]) <= prevM)
      bound = haversineM(cx, cy, facCoords[2 * prev], facCoords[2 * prev + 1]);
    else {
      index.query(cx, cy);
      if (index.best < 0) continue;
      prev = index.best;
      bound = index.bestM;
    }
    // Sparse points (a wide chunk) would make the shared list long: query each point instead.
    const shared = 2 * r <= bound + 1000;
    // A hair of slack on the radius covers rounding in the distances above.
    const cand = shared ? index.candidates(cx, cy, (bound + 2 * r) * (1 + 1e-9) + 1e-6) : [];
    let hint = prev;
    for (let k = k0; k < k1; k++) {
      const i = order[k],
        x = coords[2 * i],
        y = coords[2 * i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (shared) index.queryAmong(x, y, cand);
      else index.query(x, y, hint);
      hint = index.best;
      if (i === c) {
        prev = index.best;
        prevC = c;
        prevM = index.bestM;
      }
      facility[i] = index.best;
      minutes[i] = (index.bestM * detour) / mpm;
    }
  }
  return { minutes, facility };
}
