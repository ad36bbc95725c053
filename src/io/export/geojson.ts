// Results as GeoJSON, UTF-8 bytes: RFC 7946 WGS84 lon/lat, or back in the planner's source
// system (e.g. CGCS2000 3° GK) with the legacy `crs` member QGIS and this tool's importer read.
import type { Geometry } from 'geojson';
import { crsLabel, crsToEpsg, type Crs } from '../crs.ts';
import { featuresToCrs } from '../reproject.ts';
import { utf8, type ColumnSpec, type Lang } from './columns.ts';
import { toFeatures } from './features.ts';

/** GeoJSON FeatureCollection bytes; degrees rounded to 7 decimals (≈ 1 cm), projected metres to 3
 *  (1 mm). With a non-WGS84 `crs` the coordinates are converted and the system is named. */
export function toGeoJsonBytes<T>(
  rows: readonly T[],
  columns: readonly ColumnSpec<T>[],
  geometry: (row: T) => Geometry | null,
  lang: Lang = 'zh',
  crs?: Crs,
): Uint8Array {
  const fc = toFeatures(rows, columns, geometry, lang, null);
  const projected = crs?.kind === 'gk' || crs?.kind === 'webmercator';
  const out =
    crs && crs.kind !== 'wgs84'
      ? { type: 'FeatureCollection', crs: { type: 'name', properties: { name: crsName(crs) } }, features: featuresToCrs(fc.features, crs) }
      : fc;
  const digits = projected ? 1e3 : 1e7;
  const text = JSON.stringify(out, (key, v) => (key === 'coordinates' ? round(v, digits) : v));
  return utf8(text);
}

function crsName(crs: Crs): string {
  const epsg = crsToEpsg(crs);
  if (epsg) return `urn:ogc:def:crs:EPSG::${epsg}`;
  return crsLabel(crs); // GCJ-02 / BD-09 have no EPSG code: named as Chinese GIS software does
}

type Nested = number | Nested[];
function round(v: Nested, k: number): Nested {
  return Array.isArray(v) ? v.map((x) => round(x, k)) : Math.round(v * k) / k;
}
