// Results as FlatGeobuf (EPSG:4326), for QGIS/ArcGIS users: one geometry type per file, column
// types from the first feature (so numeric columns carry NaN, never null, when a value is missing).
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { Geometry } from 'geojson';
import type { ColumnSpec, Lang } from './columns.ts';
import { toFeatures } from './features.ts';

/** FlatGeobuf bytes; throws when no row has a geometry (the format needs a geometry type). */
export function toFgbBytes<T>(
  rows: readonly T[],
  columns: readonly ColumnSpec<T>[],
  geometry: (row: T) => Geometry | null,
  lang: Lang = 'zh',
): Uint8Array {
  const fc = toFeatures(rows, columns, geometry, lang, NaN);
  if (fc.features.length === 0) throw new Error('FlatGeobuf export: no feature has a geometry');
  return serialize(fc, 4326);
}
