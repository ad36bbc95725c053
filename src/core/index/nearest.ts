// Exact nearest point by great-circle distance. kdbush answers box queries; a box that safely
// holds every point within the current best distance (geo/distance.searchBox) turns the
// planar index into an exact haversine search, so results equal brute force to the last bit.
import KDBush from 'kdbush';
import { cosLat, havTerm, havToM, haversineM, searchBox } from '../geo/distance.ts';
import { radixOrder } from './radix-order.ts';

export class NearestPoints {
  private readonly index: KDBush;
  /** Global indices of the indexed points (e.g. the facilities of one type). */
  readonly ids: Int32Array;
  private readonly coords: Float64Array;
  /** Per indexed point (local order): lon, lat, cos(lat). */
  private readonly lon: Float64Array;
  private readonly lat: Float64Array;
  private readonly cos: Float64Array;
  private bestH = Infinity;
  /** Scratch: the haversine terms of the points being considered. */
  private h = new Float64Array(64);
  /** Result of the last `query`: global index (−1 if no points) and distance in metres. */
  best = -1;
  bestM = Infinity;

  /** Indexes the points `ids` (indices into interleaved WGS84 `coords`). */
  constructor(coords: Float64Array, ids: Int32Array) {
    this.coords = coords;
    this.ids = ids;
    // Small leaves: few facilities per type, so fewer points scanned per box query.
    this.index = new KDBush(Math.max(1, ids.length), 8);
    this.lon = new Float64Array(ids.length);
    this.lat = new Float64Array(ids.length);
    this.cos = new Float64Array(ids.length);
    for (let k = 0; k < ids.length; k++) {
      const x = coords[2 * ids[k]],
        y = coords[2 * ids[k] + 1];
      this.index.add(x, y);
      this.lon[k] = x;
      this.lat[k] = y;
      this.cos[k] = cosLat(y);
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
      this.scan(lon, lat, bound);
      if (this.bestM <= bound) return;
      bound *= 4; // nothing within the guess: widen (a handful of rounds even for empty regions)
    }
  }

  /** Local indices (positions in `ids`) of a superset of the points within `radiusM` of (lon, lat). */
  candidates(lon: number, lat: number, radiusM: number): number[] {
    const { dLon, dLat } = searchBox(lat, radiusM);
    return dLon >= 180 ? this.index.range(-1e9, -1e9, 1e9, 1e9) : this.index.range(lon - dLon, lat - dLat, lon + dLon, lat + dLat);
  }

  /** Nearest among the local indices `cand` (equals query() whenever cand holds the nearest point). */
  queryAmong(lon: number, lat: number, cand: number[]): void {
    this.best = -1;
    this.bestM = Infinity;
    this.bestH = Infinity;
    this.consider(lon, lat, cand);
  }

  private scan(lon: number, lat: number, radiusM: number): void {
    this.consider(lon, lat, this.candidates(lon, lat, radiusM));
  }

  private consider(lon: number, lat: number, found: number[]): void {
    const cq = cosLat(lat),
      n = found.length;
    if (this.h.length < n) this.h = new Float64Array(Math.max(n, 2 * this.h.length));
    const hs = this.h;
    let minH = this.bestH;
    for (let k = 0; k < n; k++) {
      const j = found[k];
      const h = havTerm(lon, lat, cq, this.lon[j], this.lat[j], this.cos[j]);
      hs[k] = h;
      if (h < minH) minH = h;
    }
    // Metres are monotonic in h, so only points within a rounding-level margin of the smallest h
    // can be nearest: only theirs are turned into metres and compared exactly.
    const limit = minH * (1 + 1e-9);
    for (let k = 0; k < n; k++) {
      const h = hs[k];
      if (h > limit) continue;
      const g = this.ids[found[k]],
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
