// Rows + column specs → GeoJSON features, shared by the GeoJSON and FlatGeobuf writers.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { cellOf, type ColumnSpec, type Lang } from './columns.ts';

/** A feature per row with a geometry (rows whose `geometry` is null are left out); properties
 *  keyed by column key. Missing numbers become `missing` (null for GeoJSON, NaN for FlatGeobuf,
 *  whose column types come from the first feature and so must stay numeric). */
export function toFeatures<T>(
  rows: readonly T[],
  columns: readonly ColumnSpec<T>[],
  geometry: (row: T) => Geometry | null,
  lang: Lang,
  missing: null | number,
): FeatureCollection {
  const features: Feature[] = [];
  for (const r of rows) {
    const g = geometry(r);
    if (!g) continue;
    const properties: Record<string, string | number | null> = {};
    for (const c of columns) {
      const v = cellOf(c, r, lang);
      properties[c.key] = typeof v === 'number' && Number.isNaN(v) ? missing : v;
    }
    features.push({ type: 'Feature', geometry: g, properties });
  }
  return { type: 'FeatureCollection', features };
}
