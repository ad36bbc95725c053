// Straight-line reach for siting: great-circle distance × detour ÷ speed, computed with the
// engine's own haversine and speed conversion (travel/straight.ts) so siting times equal the
// engine's float for float; the optimiser and the what-if editor share this one time function.
import KDBush from 'kdbush';
import { EARTH_RADIUS_M, haversineM } from '../geo/distance.ts';
import { metresPerMinute } from '../travel/speed.ts';

const RAD = Math.PI / 180;

/** Parameters of the straight-line travel model. */
export interface StraightParams {
  /** Travel speed on the flat, km/h. */
  speedKmh: number;
  /** Factor applied to the great-circle distance to approximate real paths (≥ 1). */
  detour: number;
  /** Reach threshold, minutes. */
  minutes: number;
}

/** Travel minutes from a demand point to a site (WGS84 degrees) under the straight model, as the
 *  engine computes them, rounded to float32 because results live in Float32Array and
 *  comparisons must see the stored value. */
export function straightMinutes(demLon: number, demLat: number, siteLon: number, siteLat: number, p: StraightParams): number {
  return Math.fround((haversineM(demLon, demLat, siteLon, siteLat) * p.detour) / metresPerMinute(p.speedKmh));
}

/** Straight-line metres reachable within `minutes` (before the detour is undone). */
export function reachMetres(minutes: number, p: StraightParams): number {
  return (minutes * metresPerMinute(p.speedKmh)) / p.detour;
}

/** An equirectangular projection around a reference latitude, in metres, for spatial indexing.
 *  Its distortion against the great circle stays within a few percent over a prefecture, so
 *  index queries use `slack` and every hit is re-checked with the exact haversine time. */
export class LocalProjection {
  readonly kx: number;
  readonly ky = EARTH_RADIUS_M * RAD;
  /** Factor by which query radii are widened to be a superset of the exact ball. */
  readonly slack: number;
  constructor(minLat: number, maxLat: number) {
    const mid = (minLat + maxLat) / 2;
    this.kx = EARTH_RADIUS_M * RAD * Math.cos(mid * RAD);
    // Worst ratio of true east–west scale to the reference one over the latitude span, plus margin.
    const cMin = Math.cos(Math.max(Math.abs(minLat), Math.abs(maxLat)) * RAD);
    this.slack = (Math.cos(mid * RAD) / Math.max(cMin, 1e-6)) * 1.02 + 0.01;
  }
  /** Projects interleaved lon,lat degrees to a KDBush index in metres. */
  index(coords: Float64Array): KDBush {
    const n = coords.length / 2;
    const idx = new KDBush(Math.max(n, 1));
    for (let i = 0; i < n; i++) idx.add(coords[2 * i] * this.kx, coords[2 * i + 1] * this.ky);
    if (n === 0) idx.add(1e12, 1e12); // KDBush cannot be empty; a far sentinel never matches
    return idx.finish();
  }
  /** Ids of indexed points possibly within `metres` of (lon, lat); may include extras, never misses. */
  near(idx: KDBush, count: number, lon: number, lat: number, metres: number): number[] {
    const ids = idx.within(lon * this.kx, lat * this.ky, metres * this.slack + 1);
    return count === 0 ? [] : ids;
  }
}

/** Latitude span [min, max] of interleaved coordinate arrays (for LocalProjection). */
export function latSpan(...arrays: Float64Array[]): [number, number] {
  let lo = Infinity,
    hi = -Infinity;
  for (const a of arrays)
    for (let i = 1; i < a.length; i += 2) {
      if (a[i] < lo) lo = a[i];
      if (a[i] > hi) hi = a[i];
    }
  return lo <= hi ? [lo, hi] : [0, 0];
}
