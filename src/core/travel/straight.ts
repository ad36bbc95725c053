// Straight-line travel: great-circle distance × detour factor ÷ speed, to the nearest facility.
import { NearestPoints, spatialOrder } from '../index/nearest.ts';
import { metresPerMinute } from './speed.ts';
import { cosLat, havTermAbove, havToM, haversineM } from '../geo/distance.ts';

export interface NearestResult {
  /** Minutes to the nearest facility per point; Infinity when there is none. */
  minutes: Float32Array;
  /** Global facility index per point, −1 when none. */
  facility: Int32Array;
}

/** Longest candidate list a wide chunk shares (measured on a province: 16–32 equally good). */
const SHARED_MAX = 32;

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
    // r is bounded from above (no trigonometry per point): a larger r only lengthens the list.
    let c = -1,
      cx = NaN,
      cy = NaN,
      cosC = NaN,
      hr = 0;
    for (let k = k0; k < k1; k++) {
      const i = order[k],
        x = coords[2 * i],
        y = coords[2 * i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (c < 0) {
        c = i;
        cx = x;
        cy = y;
        cosC = cosLat(y);
      } else hr = Math.max(hr, havTermAbove(cx, cy, cosC, x, y));
    }
    if (c < 0) continue;
    const r = havToM(hr);
    let bound: number;
    if (prev >= 0 && haversineM(cx, cy, coords[2 * prevC], coords[2 * prevC + 1]) <= prevM)
      bound = haversineM(cx, cy, facCoords[2 * prev], facCoords[2 * prev + 1]);
    else {
      index.query(cx, cy);
      if (index.best < 0) continue;
      prev = index.best;
      bound = index.bestM;
    }
    // A wide chunk (sparse points) shares its list only when it is short (each point's lower
    // bounds skip most of a list); else each point queries. A hair of slack on the radius
    // covers rounding in the distances above.
    const tight = 2 * r <= bound + 1000;
    const radius = (bound + 2 * r) * (1 + 1e-9) + 1e-6;
    const shared = index.candidates(cx, cy, radius, tight ? Infinity : SHARED_MAX) <= SHARED_MAX || tight;
    let hint = prev;
    for (let k = k0; k < k1; k++) {
      const i = order[k],
        x = coords[2 * i],
        y = coords[2 * i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (shared) index.queryAmong(x, y);
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
