// Candidate sites for the optimiser: community centroids, a grid over settled land, and points
// the user draws; minus whatever falls inside areas marked not buildable.
import { pointInPolygon } from '../geo/pip.ts';
import type { PolygonSet } from '../types.ts';
import { LocalProjection, latSpan } from './straight-reach.ts';

/** Area-weighted centroid (WGS84 degrees, planar in lon/lat, which is fine at community scale)
 *  of each feature of a polygon set; holes subtract. Interleaved lon,lat, NaN for empty features. */
export function areaCentroids(ps: PolygonSet): Float64Array {
  const nf = ps.featurePolyStart.length - 1;
  const out = new Float64Array(2 * nf).fill(NaN);
  for (let f = 0; f < nf; f++) {
    let a = 0,
      cx = 0,
      cy = 0;
    // Relative to the feature's first vertex: absolute degrees lose a building's centroid to rounding.
    const v0 = ps.ringStart[ps.polyRingStart[ps.featurePolyStart[f]]];
    const ox = ps.coords[2 * v0],
      oy = ps.coords[2 * v0 + 1];
    for (let pg = ps.featurePolyStart[f]; pg < ps.featurePolyStart[f + 1]; pg++) {
      for (let r = ps.polyRingStart[pg]; r < ps.polyRingStart[pg + 1]; r++) {
        let ra = 0,
          rx = 0,
          ry = 0;
        for (let i = ps.ringStart[r]; i < ps.ringStart[r + 1] - 1; i++) {
          const x0 = ps.coords[2 * i] - ox,
            y0 = ps.coords[2 * i + 1] - oy,
            x1 = ps.coords[2 * i + 2] - ox,
            y1 = ps.coords[2 * i + 3] - oy;
          const cr = x0 * y1 - x1 * y0;
          ra += cr;
          rx += (x0 + x1) * cr;
          ry += (y0 + y1) * cr;
        }
        // Outer rings add, holes subtract, whatever their winding.
        const sign = (r === ps.polyRingStart[pg] ? 1 : -1) * Math.sign(ra);
        a += (sign * ra) / 2;
        cx += (sign * rx) / 6;
        cy += (sign * ry) / 6;
      }
    }
    if (a !== 0) {
      out[2 * f] = ox + cx / a;
      out[2 * f + 1] = oy + cy / a;
    }
  }
  return out;
}

/** One candidate per grid cell of `cellMetres` holding demand weight > minWeight, placed at the
 *  demand-weighted mean of the cell's points (so it lands where people live). */
export function settledGrid(demandCoords: Float64Array, weight: Float32Array, cellMetres: number, minWeight = 0): Float64Array {
  const [lo, hi] = latSpan(demandCoords);
  const proj = new LocalProjection(lo, hi);
  const cells = new Map<string, number>();
  const sw: number[] = [],
    sx: number[] = [],
    sy: number[] = [];
  for (let d = 0; d < weight.length; d++) {
    const lon = demandCoords[2 * d],
      lat = demandCoords[2 * d + 1],
      w = weight[d];
    if (!(w > 0)) continue;
    const key = `${Math.floor((lon * proj.kx) / cellMetres)},${Math.floor((lat * proj.ky) / cellMetres)}`;
    let c = cells.get(key);
    if (c === undefined) {
      c = sw.length;
      cells.set(key, c);
      sw.push(0);
      sx.push(0);
      sy.push(0);
    }
    sw[c] += w;
    sx[c] += w * lon;
    sy[c] += w * lat;
  }
  const out: number[] = [];
  for (let c = 0; c < sw.length; c++) if (sw[c] > minWeight) out.push(sx[c] / sw[c], sy[c] / sw[c]);
  return Float64Array.from(out);
}

/** True when (x, y) lies inside any polygon of `ps` (holes honoured, geo/pip.ts). */
export function insidePolygons(ps: PolygonSet, x: number, y: number): boolean {
  for (let pg = 0; pg < ps.polyRingStart.length - 1; pg++) if (pointInPolygon(ps, pg, x, y)) return true;
  return false;
}

/** Concatenates candidate point sets (interleaved lon,lat), drops NaN points and those inside
 *  `notBuildable`, and removes exact duplicates (first kept). `origin` gives each kept point's
 *  index in the concatenation (so per-point costs follow their points). */
export function mergeCandidates(sets: Float64Array[], notBuildable?: PolygonSet): { coords: Float64Array; origin: Uint32Array } {
  const seen = new Set<string>();
  const out: number[] = [],
    origin: number[] = [];
  let base = 0;
  for (const s of sets) {
    for (let i = 0; i < s.length; i += 2) {
      const x = s[i],
        y = s[i + 1];
      if (Number.isNaN(x) || Number.isNaN(y)) continue;
      if (notBuildable && insidePolygons(notBuildable, x, y)) continue;
      const key = `${x},${y}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(x, y);
      origin.push(base + i / 2);
    }
    base += s.length / 2;
  }
  return { coords: Float64Array.from(out), origin: Uint32Array.from(origin) };
}
