// Results as GeoJSON (RFC 7946: WGS84 lon/lat), UTF-8 bytes.
import type { Geometry } from 'geojson';
import { utf8, type ColumnSpec, type Lang } from './columns.ts';
import { toFeatures } from './features.ts';

/** GeoJSON FeatureCollection bytes; coordinates rounded to 7 decimals (≈ 1 cm). */
export function toGeoJsonBytes<T>(
  rows: readonly T[], columns: readonly ColumnSpec<T>[], geometry: (row: T) => Geometry | null, lang: Lang = 'zh',
): Uint8Array {
  const fc = toFeatures(rows, columns, geometry, lang, null);
  const text = JSON.stringify(fc, (key, v) =>
    key === 'coordinates' ? round(v) : v);
  return utf8(text);
}

type Nested = number | Nested[];
function round(v: Nested): Nested {
  return Array.isArray(v) ? v.map(round) : Math.round(v * 1e7) / 1e7;
}
