// Distances on the WGS84 sphere approximation used throughout the engine.

/** Mean Earth radius, metres (IUGG). */
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle (haversine) distance between two WGS84 points, metres. */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const sLat = Math.sin((lat2 - lat1) * RAD * 0.5);
  const sLon = Math.sin((lon2 - lon1) * RAD * 0.5);
  const h = sLat * sLat + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * sLon * sLon;
  return havToM(h);
}

/** The haversine term h of haversineM for points with precomputed cos(lat); havToM(h) then
 *  gives exactly haversineM (same operations in the same order). */
export function havTerm(lon1: number, lat1: number, cos1: number, lon2: number, lat2: number, cos2: number): number {
  const sLat = Math.sin((lat2 - lat1) * RAD * 0.5);
  const sLon = Math.sin((lon2 - lon1) * RAD * 0.5);
  return sLat * sLat + cos1 * cos2 * sLon * sLon;
}

/** Absolute slack of the bounds: a relative margin is smaller than the rounding of a subnormal
 *  term (h ≈ 1e-319). 1e-300 is a distance of ≈ 1e-143 m. */
const TINY_H = 1e-300;

/** An upper bound of havTerm without trigonometry (sin x ≤ x, and cos φ2 ≤ cos φ1 + |φ2 − φ1|),
 *  above the computed havTerm by more than its rounding: many distances from one point bounded
 *  at the price of a few multiplies each. */
export function havTermAbove(lon1: number, lat1: number, cos1: number, lon2: number, lat2: number): number {
  const a = (lat2 - lat1) * RAD * 0.5,
    b = (lon2 - lon1) * RAD * 0.5;
  return (a * a + cos1 * Math.min(1, cos1 + 2 * Math.abs(a)) * b * b) * (1 + 1e-12) + TINY_H;
}

/** A lower bound of havTerm without trigonometry (sin²x ≥ x²(1 − x²/3)), below the computed
 *  havTerm by far more than its rounding, so a point it puts beyond a margin of the best h found
 *  needs no exact term. */
export function havTermBelow(lon1: number, lat1: number, cos1: number, lon2: number, lat2: number, cos2: number): number {
  const a = (lat2 - lat1) * RAD * 0.5,
    b = (lon2 - lon1) * RAD * 0.5,
    a2 = a * a,
    b2 = b * b,
    cc = cos1 * cos2;
  // Latitudes beyond ±90° (a negative cosine) would make h no sum of non-negative terms.
  if (!(cc >= 0)) return -Infinity;
  return (a2 * Math.max(0, 1 - a2 / 3) + cc * b2 * Math.max(0, 1 - b2 / 3)) * (1 - 1e-12) - TINY_H;
}

/** Metres of great circle for a haversine term h (monotonic in h). */
export function havToM(h: number): number {
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** cos(lat) as haversineM computes it, for use with havTerm. */
export function cosLat(lat: number): number {
  return Math.cos(lat * RAD);
}

/** Metres per degree of latitude (and of longitude at the equator). */
export const M_PER_DEG = EARTH_RADIUS_M * RAD;

/** Half-widths in degrees (lon, lat) of a box around latitude `lat` that holds every point
 *  within `radiusM` metres great-circle: hav(d) ≥ cosφ1·cosφ2·hav(Δλ), so bounding cosφ2 from
 *  below over the latitude band gives a safe longitude bound. */
export function searchBox(lat: number, radiusM: number): { dLon: number; dLat: number } {
  const ang = radiusM / EARTH_RADIUS_M;
  const dLat = ang / RAD;
  const maxAbsLat = Math.min(89.999, Math.abs(lat) + dLat);
  if (ang >= Math.PI / 2 || maxAbsLat >= 89.999) return { dLon: 360, dLat };
  const havD = Math.sin(ang / 2) ** 2;
  const denom = Math.cos(lat * RAD) * Math.cos(maxAbsLat * RAD);
  const havLon = havD / denom;
  if (havLon >= 1) return { dLon: 360, dLat };
  // Tiny relative pad against rounding in the trig above.
  const dLon = ((2 * Math.asin(Math.sqrt(havLon))) / RAD) * (1 + 1e-9) + 1e-12;
  return { dLon, dLat: dLat * (1 + 1e-9) + 1e-12 };
}
