// Results go back to planners in the system their files came in (e.g. CGCS2000 3° GK CM 102
// for the land-survey office), so features can be converted out of WGS84 again.
import type { Feature } from 'geojson';
import { pointFromWgs84, type Crs } from './crs.ts';
import { isWellFormed, mapPositions } from './positions.ts';

/** Copies of WGS84 `features` with coordinates in `crs` (features without a usable geometry keep null). */
export function featuresToCrs(features: Feature[], crs: Crs): Feature[] {
  const fn = pointFromWgs84(crs);
  return features.map((f) => ({ ...f, geometry: isWellFormed(f.geometry) ? mapPositions(f.geometry, fn) : null }) as Feature);
}
