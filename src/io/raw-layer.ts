// What each format reader hands to load.ts: features still in the file's own coordinates,
// plus what the file says about its CRS and encoding. load.ts does the rest the same for all.
import type { Feature } from 'geojson';
import type { Crs } from './crs.ts';
import type { ImportWarning, Skip } from './import-error.ts';
import type { TextEncodingName } from './dbf-encoding.ts';

export interface RawLayer {
  /** Features in the file's coordinates; a feature's index is its place in this array. */
  features: Feature[];
  /** The CRS the file declares (.prj, GeoJSON crs member), null if it declares none. */
  declaredCrs: Crs | null;
  encoding?: TextEncodingName;
  warnings: ImportWarning[];
  skipped: Skip[];
  /** For rows from tables: the 1-based table row of each feature (header = row 1). */
  rows?: number[];
  /** Zips holding several shapefiles: all their names (the one read is chosen by LoadOptions.layer). */
  layers?: string[];
  /** When some records were dropped already: the file's own 0-based index of each feature. */
  featureIndex?: number[];
}
