// Building footprints as demand: one point per building at its centroid, with the households
// the file gives, else floor area (footprint × floors) ÷ the floor area one household occupies.
import { M_PER_DEG } from '../geo/distance.ts';
import { mPerDegLon } from '../geo/project.ts';
import { areaCentroids } from '../siting/candidates.ts';
import type { PolygonSet } from '../types.ts';

/** Floor area per household, m² (settable; a typical Chinese dwelling with its share of stairs). */
export const DEFAULT_AREA_PER_HOUSEHOLD_M2 = 90;

/** Footprint area of each feature in m² (planar in a local projection, exact enough for buildings);
 *  holes subtract, whatever the winding. */
export function footprintAreasM2(ps: PolygonSet): Float64Array {
  const nf = ps.featurePolyStart.length - 1;
  const out = new Float64Array(nf);
  for (let f = 0; f < nf; f++) {
    let a = 0;
    for (let pg = ps.featurePolyStart[f]; pg < ps.featurePolyStart[f + 1]; pg++) {
      for (let r = ps.polyRingStart[pg]; r < ps.polyRingStart[pg + 1]; r++) {
        const s = ps.ringStart[r],
          e = ps.ringStart[r + 1];
        if (e - s < 3) continue;
        const lat0 = ps.coords[2 * s + 1],
          kx = mPerDegLon(lat0),
          ky = M_PER_DEG;
        let ra = 0;
        for (let i = s; i < e - 1; i++) {
          ra += ps.coords[2 * i] * kx * (ps.coords[2 * i + 3] * ky) - ps.coords[2 * i + 2] * kx * (ps.coords[2 * i + 1] * ky);
        }
        a += ((r === ps.polyRingStart[pg] ? 1 : -1) * Math.abs(ra)) / 2;
      }
    }
    out[f] = Math.max(0, a);
  }
  return out;
}

/** Demand points of buildings: centroids (WGS84, interleaved) and households, from `households`
 *  where it is a number, else footprint × floors (NaN or absent: 1) ÷ `areaPerHouseholdM2`. */
export function buildingDemand(
  ps: PolygonSet,
  households: Float32Array | null,
  floors: Float32Array | null,
  areaPerHouseholdM2 = DEFAULT_AREA_PER_HOUSEHOLD_M2,
): { coords: Float64Array; households: Float32Array; areaM2: Float64Array } {
  if (!(areaPerHouseholdM2 > 0)) throw new Error(`area per household must be > 0 m², got ${areaPerHouseholdM2}`);
  const coords = areaCentroids(ps),
    areaM2 = footprintAreasM2(ps);
  const n = areaM2.length,
    out = new Float32Array(n);
  for (let f = 0; f < n; f++) {
    const given = households ? households[f] : NaN;
    const storeys = floors && Number.isFinite(floors[f]) && floors[f] > 0 ? floors[f] : 1;
    if (Number.isNaN(coords[2 * f])) {
      // zero-area footprint: its first vertex stands for it
      const v = ps.ringStart[ps.polyRingStart[ps.featurePolyStart[f]]];
      coords[2 * f] = ps.coords[2 * v];
      coords[2 * f + 1] = ps.coords[2 * v + 1];
    }
    out[f] = Number.isFinite(given) ? given : (areaM2[f] * storeys) / areaPerHouseholdM2;
  }
  return { coords, households: out, areaM2 };
}
