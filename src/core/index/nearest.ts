// Exact nearest point by great-circle distance. kdbush answers box queries; a box that safely
// holds every point within the current best distance (geo/distance.searchBox) turns the
// planar index into an exact haversine search, so results equal brute force to the last bit.
import KDBush from 'kdbush';
import { cosLat, havTerm, havTermBelow, havToM, haversineM, searchBox } from '../geo/distance.ts';
import { radixOrder } from './radix-order.ts';

export class NearestPoints {
  private readonly index: KDBush;
  /** Global indices of the indexed points (e.g. the facilities of one type). */
  readonly ids: Int32Array;
  private readonly coords: Float64Array;
  /** Per indexed point (local order), side by side: lon, lat, cos(lat), global index. */
  private readonly pts: Float64Array;
  private bestH = Infinity;
  /** Scratch, for up to every indexed point: the local indices a box query found (and its
   *  kd-tree walk), the haversine terms of the points being considered, and the points (as in
   *  `pts`) that candidates() and a query gathered. */
  private readonly found: Int32Array;
  private readonly stack = new Int32Array(3 * 64);
  private readonly h: Float64Array;
  private readonly shared: Float64Array;
  private sharedCount = 0;
  private readonly scanned: Float64Array;
  /** Result of the last `query`: global index (−1 if no points) and distance in metres. */
  best = -1;
  bestM = Infinity;

  /** Indexes the points `ids` (indices into interleaved WGS84 `coords`). */
  constructor(coords: Float64Array, ids: Int32Array) {
    this.coords = coords;
    this.ids = ids;
    // Small leaves: few facilities per type, so fewer points scanned per box query.
    this.index = new KDBush(Math.max(1, ids.length), 8);
    const n = Math.max(1, ids.length);
    this.pts = new Float64Array(4 * n);
    this.found = new Int32Array(n);
    this.h = new Float64Array(n);
    this.shared = new Float64Array(4 * n);
    this.scanned = new Float64Array(4 * n);
    for (let k = 0; k < ids.length; k++) {
      const x = coords[2 * ids[k]],
        y = coords[2 * ids[k] + 1];
      this.index.add(x, y);
      this.pts.set([x, y, cosLat(y), ids[k]], 4 * k);
    }
    if (ids.length === 0) this.index.add(1e6, 1e6); // kdbush needs one point; never returned
    this.index.finish();
  }

  /** Nearest indexed point to (lon, lat); ties go to the lowest global index. `hint` (a global
   *  index, or −1) seeds the upper bound: pass the previous answer for spatially sorted queries. */
  query(lon: number, lat: number, hint = -1): void {
    this.best = -1;
    this.bestM = Infinity;
    this.bestH = Infinity;
    if (this.ids.length === 0) return;
    let bound = hint >= 0 ? haversineM(lon, lat, this.coords[2 * hint], this.coords[2 * hint + 1]) : 2000;
    for (;;) {
      this.consider(lon, lat, this.scanned, this.gather(this.scanned, lon, lat, bound));
      if (this.bestM <= bound) return;
      bound *= 4; // nothing within the guess: widen (a handful of rounds even for empty regions)
    }
  }

  /** Gathers a superset of the points within `radiusM` of (lon, lat) for queryAmong and
   *  candidate(); returns their count, or stops at more than `max` (then returns more than `max`
   *  and the gathered points are incomplete). */
  candidates(lon: number, lat: number, radiusM: number, max = Infinity): number {
    return (this.sharedCount = this.gather(this.shared, lon, lat, radiusM, max));
  }

  /** Global index of the k-th point the last candidates() gathered. */
  candidate(k: number): number {
    return this.shared[4 * k + 3];
  }

  /** Nearest among the points the last candidates() gathered (equals query() whenever they hold
   *  the nearest point). */
  queryAmong(lon: number, lat: number): void {
    this.best = -1;
    this.bestM = Infinity;
    this.bestH = Infinity;
    this.consider(lon, lat, this.shared, this.sharedCount);
  }

  /** Copies the points in the search box of (lon, lat, radiusM) into `into` (as in `pts`);
   *  returns their count. */
  private gather(into: Float64Array, lon: number, lat: number, radiusM: number, max = Infinity): number {
    const { dLon, dLat } = searchBox(lat, radiusM);
    const n = dLon >= 180 ? this.range(-1e9, -1e9, 1e9, 1e9, max) : this.range(lon - dLon, lat - dLat, lon + dLon, lat + dLat, max);
    const found = this.found,
      pts = this.pts;
    for (let k = 0; k < n; k++) {
      const j = 4 * found[k];
      into[4 * k] = pts[j];
      into[4 * k + 1] = pts[j + 1];
      into[4 * k + 2] = pts[j + 2];
      into[4 * k + 3] = pts[j + 3];
    }
    return n;
  }

  /** kdbush's range() walk, into `found` instead of a new array per query (millions of queries);
   *  returns the count, or stops at more than `max`. */
  private range(minX: number, minY: number, maxX: number, maxY: number, max: number): number {
    const { ids, coords, nodeSize } = this.index,
      found = this.found,
      stack = this.stack;
    let n = 0,
      sp = 3;
    stack[0] = 0;
    stack[1] = ids.length - 1;
    stack[2] = 0;
    while (sp > 0 && n <= max) {
      const axis = stack[--sp],
        right = stack[--sp],
        left = stack[--sp];
      if (right - left <= nodeSize) {
        for (let i = left; i <= right; i++) {
          const x = coords[2 * i],
            y = coords[2 * i + 1];
          if (x >= minX && x <= maxX && y >= minY && y <= maxY) found[n++] = ids[i];
        }
        continue;
      }
      const m = (left + right) >> 1,
        x = coords[2 * m],
        y = coords[2 * m + 1];
      if (x >= minX && x <= maxX && y >= minY && y <= maxY) found[n++] = ids[m];
      if (axis === 0 ? minX <= x : minY <= y) {
        stack[sp++] = left;
        stack[sp++] = m - 1;
        stack[sp++] = 1 - axis;
      }
      if (axis === 0 ? maxX >= x : maxY >= y) {
        stack[sp++] = m + 1;
        stack[sp++] = right;
        stack[sp++] = 1 - axis;
      }
    }
    return n;
  }

  /** Updates the best answer with the `n` points of `p` (as in `pts`). */
  private consider(lon: number, lat: number, p: Float64Array, n: number): void {
    if (n === 0) return;
    const cq = cosLat(lat),
      hs = this.h;
    // The exact h of the point with the smallest lower bound first, then the others' only where
    // their lower bound does not already put them beyond the margin below (most are far off).
    let first = 0;
    for (let k = 0; k < n; k++) {
      hs[k] = havTermBelow(lon, lat, cq, p[4 * k], p[4 * k + 1], p[4 * k + 2]);
      if (hs[k] < hs[first]) first = k;
    }
    let minH = Math.min(this.bestH, (hs[first] = havTerm(lon, lat, cq, p[4 * first], p[4 * first + 1], p[4 * first + 2])));
    for (let k = 0; k < n; k++) {
      if (k === first) continue;
      if (hs[k] > minH * (1 + 1e-9)) hs[k] = Infinity;
      else minH = Math.min(minH, (hs[k] = havTerm(lon, lat, cq, p[4 * k], p[4 * k + 1], p[4 * k + 2])));
    }
    // Metres are monotonic in h, so only points within a rounding-level margin of the smallest h
    // can be nearest: only theirs are turned into metres and compared exactly.
    const limit = minH * (1 + 1e-9);
    for (let k = 0; k < n; k++) {
      const h = hs[k];
      if (h > limit) continue;
      const g = p[4 * k + 3],
        d = havToM(h);
      if (d < this.bestM || (d === this.bestM && g < this.best)) {
        this.bestM = d;
        this.best = g;
      }
      if (h < this.bestH) this.bestH = h;
    }
  }
}

/** A visiting order of points that keeps neighbours together (Morton order on a 2^b grid), so a
 *  query can use its predecessor's answer as a tight starting bound. */
export function spatialOrder(coords: Float64Array): Uint32Array {
  const n = coords.length / 2;
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = coords[2 * i],
      y = coords[2 * i + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  // Morton code of 2·b bits (b as when code and index shared one double's 53 bits: the same
  // order as ever), sorted stably, so ties keep index order.
  const idxBits = Math.max(21, Math.ceil(Math.log2(Math.max(n, 2))));
  const b = Math.min(16, Math.floor((53 - idxBits) / 2));
  const cells = 2 ** b - 1;
  const sx = cells / Math.max(maxX - minX, 1e-12),
    sy = cells / Math.max(maxY - minY, 1e-12);
  const keys = new Uint32Array(n);
  for (let i = 0; i < n; i++) keys[i] = mortonKey(coords, i, minX, minY, sx, sy, b);
  return radixOrder(keys).order;
}

function mortonKey(c: Float64Array, i: number, minX: number, minY: number, sx: number, sy: number, b: number): number {
  const x = c[2 * i],
    y = c[2 * i + 1];
  // Points without coordinates go last.
  return Number.isFinite(x) && Number.isFinite(y) ? interleave(((x - minX) * sx) | 0, ((y - minY) * sy) | 0) : 2 ** (2 * b) - 1;
}

function spread(v: number): number {
  v = (v | (v << 8)) & 0x00ff00ff;
  v = (v | (v << 4)) & 0x0f0f0f0f;
  v = (v | (v << 2)) & 0x33333333;
  return (v | (v << 1)) & 0x55555555;
}

function interleave(x: number, y: number): number {
  return (spread(x) >>> 0) + (spread(y) >>> 0) * 2;
}
