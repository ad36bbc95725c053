// The fast way in for the large layers: a GeoJSON or FlatGeobuf file read into columns
// (feature-columns.ts) and given load.ts's treatment (CRS settled the same way, positions
// converted to WGS84, every check of validate.ts) in passes over arrays. It takes only files
// that load.ts would take whole: null as soon as a feature would be skipped (or the file is of
// another format, or has something the column readers do not take), and the caller then reads
// the file with loadFile, which reports what is wrong with the same messages as ever.
import { pointToWgs84, type Crs } from './crs.ts';
import { detectFormat } from './detect.ts';
import { allOfKinds, columnGetter, type FeatureColumns } from './feature-columns.ts';
import { fgbColumns, fgbSourceColumns, type FgbSource } from './fgb-columns.ts';
import { geojsonColumns } from './geojson-columns.ts';
import type { ImportWarning } from './import-error.ts';
import { CRS_SAMPLE, settleCrs } from './load.ts';
import { inBox, PLAUSIBLE_BBOX, REGION_BBOX } from './region.ts';
import { ID_FIELDS, type GeometryKind } from './validate.ts';

export interface ColumnsOptions {
  /** As LoadOptions: the CRS the user gave, accepted kinds, the unique-id field (null: none). */
  crs?: Crs;
  geometry?: GeometryKind[];
  idField?: string | null;
  /** Fields whose values the converters will read. */
  fields: string[];
}

export interface LoadedColumns {
  /** Features in WGS84 lon/lat degrees; feature i is the file's feature i (none skipped). */
  columns: FeatureColumns;
  crs: Crs;
  warnings: ImportWarning[];
}

const GEOGRAPHIC = new Set(['wgs84', 'cgcs2000', 'gcj02', 'bd09']);

/** The file as columns in WGS84, or null when it must go through loadFile (see above). */
export function loadColumns(name: string, bytes: Uint8Array, o: ColumnsOptions): LoadedColumns | null {
  const format = detectFormat(name, bytes);
  if (format !== 'geojson' && format !== 'fgb') return null;
  return settled(name, format, o, (wanted) => (format === 'fgb' ? fgbColumns(bytes, wanted) : geojsonColumns(bytes, wanted)));
}

/** loadColumns for a FlatGeobuf file read through `source` a window at a time (see fgb-columns.ts). */
export function loadFgbColumns(name: string, source: FgbSource, o: ColumnsOptions): LoadedColumns | null {
  return settled(name, 'fgb', o, (wanted) => fgbSourceColumns(source, wanted));
}

/** The columns `read` makes of the fields asked for, settled as loadColumns says. */
function settled(
  name: string,
  format: 'geojson' | 'fgb',
  o: ColumnsOptions,
  read: (wanted: Set<string>) => FeatureColumns | null,
): LoadedColumns | null {
  const wanted = new Set([...o.fields, ...ID_FIELDS, ...(o.idField ? [o.idField] : [])]);
  let c: FeatureColumns | null;
  try {
    c = read(wanted);
  } catch {
    return null;
  }
  if (!c || c.count === 0 || (o.geometry && !allOfKinds(c, o.geometry))) return null;
  const warnings: ImportWarning[] = [];
  let crs: Crs;
  try {
    crs = settleCrs(format, name, sample(c), c.declaredCrs, null, o.crs, warnings).crs;
  } catch {
    return null;
  }
  const far = toWgs84(c, crs);
  if (!far) return null;
  const idField = o.idField === undefined ? (ID_FIELDS.find((k) => c.first.includes(k)) ?? null) : o.idField;
  if (idField && !uniqueIds(columnGetter(c.values.get(idField)!), c.count)) return null;
  if (far.count) warnings.push({ key: 'far_from_region', detail: `${far.count} (${far.first})` });
  return { columns: c, crs, warnings };
}

/** First vertex of feature f. */
const vertexStart = (c: FeatureColumns, f: number) => c.ringStart[c.partRingStart[c.featurePartStart[f]]];

/** The CRS sample of load.ts (same features, same positions, same order). */
function sample(c: FeatureColumns): Float64Array {
  const max = CRS_SAMPLE.features;
  const xy: number[] = [];
  const step = Math.max(1, Math.floor(c.count / max));
  for (let f = 0; f < c.count && xy.length < 2 * max; f += step) {
    const end = Math.min(vertexStart(c, f + 1), vertexStart(c, f) + CRS_SAMPLE.positions);
    for (let v = vertexStart(c, f); v < end; v++) xy.push(c.xy[2 * v], c.xy[2 * v + 1]);
  }
  return Float64Array.from(xy);
}

/** validate.ts's position checks over the arrays, converting in place to WGS84; null when a
 *  feature would be skipped, else how many features lie outside the project's region, and
 *  the first such position. */
function toWgs84(c: FeatureColumns, crs: Crs): { count: number; first: string } | null {
  const xy = c.xy,
    n = xy.length;
  const geographic = GEOGRAPHIC.has(crs.kind);
  for (let k = 0; k < n; k += 2) {
    const x = xy[k],
      y = xy[k + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    if (geographic && (Math.abs(x) > 180 || Math.abs(y) > 90)) return null;
  }
  if (crs.kind !== 'wgs84' && crs.kind !== 'cgcs2000') {
    const f = pointToWgs84(crs);
    for (let k = 0; k < n; k += 2) {
      const [lon, lat] = f(xy[k], xy[k + 1]);
      xy[k] = lon;
      xy[k + 1] = lat;
    }
  }
  const far = { count: 0, first: '' };
  for (let f = 0; f < c.count; f++) {
    let farAt = -1;
    for (let v = vertexStart(c, f), end = vertexStart(c, f + 1); v < end; v++) {
      const lon = xy[2 * v],
        lat = xy[2 * v + 1];
      if (!Number.isFinite(lon) || !Number.isFinite(lat) || !inBox(PLAUSIBLE_BBOX, lon, lat)) return null;
      if (farAt < 0 && !inBox(REGION_BBOX, lon, lat)) farAt = v;
    }
    // Only the first far position is written out (a province holds millions of them).
    if (farAt >= 0 && far.count++ === 0) far.first = `${xy[2 * farAt].toFixed(4)}, ${xy[2 * farAt + 1].toFixed(4)}`;
  }
  return far;
}

/** Whether no two features share a non-empty id (validate.ts would skip the later one; ids
 *  compare as strings). */
function uniqueIds(value: (i: number) => unknown, count: number): boolean {
  // Numbers alone compare as numbers, sorted (distinct numbers print distinctly; 0 and −0 both
  // print "0" and compare equal; NaN prints "NaN", so two NaNs are a repeat), sparing a string per feature.
  const nums = new Float64Array(count);
  let n = 0,
    nan = 0;
  for (let i = 0; i < count; i++) {
    const v = value(i);
    if (v === null || v === undefined || v === '') continue;
    if (typeof v !== 'number') return uniqueStrings(value, count);
    if (Number.isNaN(v)) nan++;
    else nums[n++] = v;
  }
  if (nan > 1) return false;
  const sorted = nums.subarray(0, n).sort();
  for (let k = 1; k < n; k++) if (sorted[k] === sorted[k - 1]) return false;
  return true;
}

function uniqueStrings(value: (i: number) => unknown, count: number): boolean {
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    const v = value(i);
    if (v === null || v === undefined || v === '') continue;
    const key = String(v);
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}
