// One entry for every file a planner drops: detect the format, read it, settle the CRS
// (given > declared > named in headers > guessed), convert to WGS84, check every feature,
// and report what was skipped. Failures are ImportErrors (translated by messages.ts).
import type { Feature } from 'geojson';
import { guessColumns, type ColumnGuess } from './columns.ts';
import { crsLabel, pointToWgs84, WGS84, type Crs } from './crs.ts';
import { guessCrs, type CrsCandidate } from './crs-guess.ts';
import { encodingFromCpg, type TextEncodingName } from './dbf-encoding.ts';
import { detectFormat, type FileFormat } from './detect.ts';
import { readFgb } from './fgb.ts';
import { readGeoJson } from './geojson-file.ts';
import { asImportError, ImportError, type ImportWarning, type Skip } from './import-error.ts';
import { eachPosition, isWellFormed } from './positions.ts';
import type { RawLayer } from './raw-layer.ts';
import { inBox, PLAUSIBLE_BBOX } from './region.ts';
import { readWithGdal } from './gdal.ts';
import type { RasterInfo } from './population-raster.ts';
import { readShapefileZip } from './shapefile.ts';
import { checkUnzippedSize } from './zip-size.ts';
import type { ColumnMapping, Grid } from './table.ts';
import { defaultIdField, validateFeatures, type GeometryKind } from './validate.ts';

/** Files larger than this are refused before parsing (browser memory), bytes. */
export const MAX_IMPORT_BYTES = 500 * 1024 * 1024;

export interface LoadOptions {
  /** The CRS the user confirmed; overrides what the file says. */
  crs?: Crs;
  /** Text encoding the user chose ("UTF-8", "GBK", …) for DBF and CSV. */
  encoding?: string;
  /** Confirmed table columns (CSV/XLSX); guessed when absent. */
  columns?: ColumnMapping;
  sheet?: string;
  /** Which layer of a file holding several: a shapefile of a zip (name without extension), a
   *  GeoPackage/Geodatabase/MapInfo layer, a workbook sheet. Without it such a file is an
   *  ImportError choose_layer listing them. */
  layer?: string;
  maxBytes?: number;
  /** Unique-id property for the duplicate check; null turns it off; default: id/code/编号/编码/代码 if present. */
  idField?: string | null;
  /** Accepted geometry kinds (e.g. ['Point'] for facilities); any when absent. */
  geometry?: GeometryKind[];
  /** Keep features far outside China instead of skipping them (and draw no far-from-region warning). */
  allowOutsideRegion?: boolean;
}

export type CrsSource = 'option' | 'file' | 'header' | 'default' | 'guess';

export interface LoadResult {
  format: FileFormat;
  /** Features in WGS84 lon/lat degrees. */
  features: Feature[];
  /** Where each feature came from in the file (a table row, 1-based with the header as row 1,
   *  or a feature index, 0-based), for messages about a field value later on. */
  sources: { row?: number; feature?: number }[];
  crs: Crs;
  crsSource: CrsSource;
  /** Ranked guesses from the coordinate ranges, for the UI to offer. */
  crsCandidates: CrsCandidate[];
  encoding?: TextEncodingName;
  /** Tables: the column guess (or null if none) for the UI to confirm. */
  columns?: ColumnGuess | null;
  sheets?: string[];
  /** Files with layers (zipped shapefiles, GDAL formats): every layer, to offer another. */
  layers?: string[];
  /** Population rasters: what the raster held (each populated cell is a point with `population`). */
  raster?: RasterInfo;
  report: { skipped: Skip[]; warnings: ImportWarning[] };
}

/** Refuses files over the size limit before they are read into memory (call with File.size). */
export function checkSize(file: string, size: number, maxBytes = MAX_IMPORT_BYTES): void {
  if (size > maxBytes)
    throw new ImportError('too_large', { file, detail: `${Math.round(size / 1e6)} MB > ${Math.round(maxBytes / 1e6)} MB` });
}

/** Up to `max` features spread over the file, their first 8 positions each: what the CRS is guessed from. */
export const CRS_SAMPLE = { features: 20000, positions: 8 };

function sample(features: Feature[], max = CRS_SAMPLE.features): Float64Array {
  const xy: number[] = [];
  const step = Math.max(1, Math.floor(features.length / max));
  for (let i = 0; i < features.length && xy.length < 2 * max; i += step) {
    const g = features[i].geometry;
    if (!isWellFormed(g)) continue;
    let k = 0;
    eachPosition(g, (x, y) => {
      if (k++ < CRS_SAMPLE.positions) xy.push(x, y);
    });
  }
  return Float64Array.from(xy);
}

function medianPoint(xy: Float64Array): [number, number] {
  const xs = new Float64Array(xy.length >> 1),
    ys = new Float64Array(xy.length >> 1);
  let n = 0;
  for (let i = 0; i + 1 < xy.length; i += 2)
    if (Number.isFinite(xy[i]) && Number.isFinite(xy[i + 1])) {
      xs[n] = xy[i];
      ys[n++] = xy[i + 1];
    }
  if (!n) return [NaN, NaN];
  // Typed-array sorts are numeric (no comparator calls); only −0 and 0 may trade places, which
  // no use of the median can tell apart.
  return [xs.subarray(0, n).sort()[n >> 1], ys.subarray(0, n).sort()[n >> 1]];
}

function fmtPoint([x, y]: [number, number]): string {
  return `${+x.toFixed(6)}, ${+y.toFixed(6)}`;
}

/** Throws when coordinates plainly do not belong to `crs` (metres declared as degrees, lat/lon swapped). */
function checkFits(crs: Crs, xy: Float64Array, candidates: CrsCandidate[], file: string): void {
  const [mx, my] = medianPoint(xy);
  if (Number.isNaN(mx)) return; // nothing finite: the per-feature checks report it
  const hint = candidates[0] && !candidates[0].swapped ? `; ${crsLabel(candidates[0].crs)}?` : '';
  const geographic = crs.kind === 'wgs84' || crs.kind === 'cgcs2000' || crs.kind === 'gcj02' || crs.kind === 'bd09';
  if (geographic && inBox(PLAUSIBLE_BBOX, my, mx) && !inBox(PLAUSIBLE_BBOX, mx, my)) {
    throw new ImportError('swapped_lonlat', { file, detail: fmtPoint([mx, my]) });
  }
  if (geographic && (Math.abs(mx) > 180 || Math.abs(my) > 90)) {
    throw new ImportError('wrong_crs', { file, detail: `${crsLabel(crs)}: ${fmtPoint([mx, my])}${hint}` });
  }
  const [lon, lat] = pointToWgs84(crs)(mx, my);
  if (!Number.isFinite(lon) || !Number.isFinite(lat))
    throw new ImportError('wrong_crs', { file, detail: `${crsLabel(crs)}: ${fmtPoint([mx, my])}${hint}` });
}

interface Read {
  raw: RawLayer;
  columns?: ColumnGuess | null;
  sheets?: string[];
  raster?: RasterInfo;
}

const GDAL_FORMATS = ['gpkg', 'filegdb', 'dxf', 'mapinfo', 'gml'] as const;

async function read(
  format: FileFormat,
  name: string,
  bytes: Uint8Array,
  o: LoadOptions,
  maxBytes: number,
  enc: TextEncodingName | null,
): Promise<Read> {
  if (format === 'geojson') return { raw: readGeoJson(bytes, name) };
  if (format === 'fgb') {
    const fc = await readFgb(bytes, undefined, undefined, name);
    return { raw: { features: fc.features, declaredCrs: null, warnings: [], skipped: [] } };
  }
  // Readers of the rarer formats load their libraries (geotiff, togeojson, papaparse) on first use.
  if (format === 'geotiff') {
    const { readPopulationRaster } = await import('./population-raster.ts');
    const { raster, ...raw } = await readPopulationRaster(bytes, name);
    return { raw, raster };
  }
  if ((GDAL_FORMATS as readonly string[]).includes(format)) {
    if (format === 'filegdb' || format === 'mapinfo') checkUnzippedSize(bytes, name, maxBytes);
    return { raw: await readWithGdal(name, bytes, format as (typeof GDAL_FORMATS)[number], o.layer) };
  }
  if (format === 'kml' || format === 'kmz') {
    const { readKml } = await import('./kml.ts');
    return { raw: await readKml(bytes, name, format === 'kmz', maxBytes) };
  }
  if (format === 'shapefile') return { raw: readShapefileZip(bytes, name, { maxBytes, encoding: o.encoding, layer: o.layer }) };
  const { buildPoints, readCsv, readXlsx } = await import('./table.ts');
  const g: Grid = format === 'csv' ? readCsv(bytes, enc ?? undefined) : await readXlsx(bytes, name, maxBytes, o.sheet ?? o.layer);
  const guess = guessColumns(g.grid);
  const mapping = o.columns ?? guess?.mapping;
  if (!mapping) throw new ImportError('no_coordinate_columns', { file: name });
  const raw = buildPoints(g, mapping, name);
  if (!o.columns && guess) {
    raw.warnings.push({ key: 'columns_guessed', detail: `${guess.mapping.x}, ${guess.mapping.y}` });
    if (guess.swapped) raw.warnings.push({ key: 'columns_swapped', detail: `${guess.mapping.x}, ${guess.mapping.y}` });
  }
  if (format === 'csv' && !enc && g.encoding === 'gb18030') raw.warnings.push({ key: 'encoding_guessed', detail: 'GB18030' });
  return { raw, columns: guess, sheets: g.sheets };
}

/** The CRS of a file's positions (given > declared > named in headers > guessed from the sample
 *  `xy`), checked against the sample; warnings about it are added to `warnings`. */
export function settleCrs(
  format: FileFormat,
  name: string,
  xy: Float64Array,
  declared: Crs | null,
  hint: Crs | null,
  given: Crs | undefined,
  warnings: ImportWarning[],
): { crs: Crs; crsSource: CrsSource; crsCandidates: CrsCandidate[] } {
  const crsCandidates = guessCrs(xy);
  let crs: Crs;
  let crsSource: CrsSource;
  if (given) {
    crs = given;
    crsSource = 'option';
  } else if (declared) {
    crs = declared;
    crsSource = 'file';
  } else if (hint) {
    crs = hint;
    crsSource = 'header';
    warnings.push({ key: 'crs_guessed', detail: crsLabel(crs) });
  } else {
    const top = crsCandidates[0];
    const geojsonLike = format === 'geojson' || format === 'fgb';
    if (top?.swapped) throw new ImportError('swapped_lonlat', { file: name, detail: fmtPoint(medianPoint(xy)) });
    const noFinite = Number.isNaN(medianPoint(xy)[0]);
    if ((geojsonLike && (!top || top.crs.kind === 'wgs84')) || noFinite) {
      // RFC 7946: GeoJSON is WGS84 unless it says otherwise. Without a single finite position
      // there is nothing to guess from; the per-feature checks then report every feature.
      crs = WGS84;
      crsSource = 'default';
    } else if (top) {
      crs = top.crs;
      crsSource = 'guess';
      warnings.push({ key: 'crs_guessed', detail: crsLabel(crs) });
    } else {
      throw new ImportError('unknown_crs', { file: name, detail: fmtPoint(medianPoint(xy)) });
    }
  }
  checkFits(crs, xy, crsCandidates, name);
  if (crs.kind === 'cgcs2000') warnings.push({ key: 'cgcs2000_as_wgs84' });
  if (crs.kind === 'gk' && crs.datum && !crs.towgs84) warnings.push({ key: 'datum_approximate', detail: crsLabel(crs) });
  return { crs, crsSource, crsCandidates };
}

/** Reads any supported file into WGS84 features with a report; throws ImportError on failure. */
export async function loadFile(name: string, bytes: Uint8Array, options: LoadOptions = {}): Promise<LoadResult> {
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  checkSize(name, bytes.length, maxBytes);
  const format = detectFormat(name, bytes);
  if (!format) throw new ImportError('unknown_format', { file: name, detail: name.includes('.') ? ` (.${name.split('.').pop()})` : '' });
  const enc = options.encoding ? encodingFromCpg(options.encoding) : null;
  let r: Read;
  try {
    r = await read(format, name, bytes, options, maxBytes, enc);
  } catch (e) {
    throw asImportError(e, name);
  }
  const { raw } = r;
  const warnings = [...raw.warnings];
  if (!raw.features.length && !raw.skipped.length) throw new ImportError('empty', { file: name });
  const xy = sample(raw.features);
  const { crs, crsSource, crsCandidates } = settleCrs(format, name, xy, raw.declaredCrs, r.columns?.crsHint ?? null, options.crs, warnings);
  const where = (i: number) => (raw.rows ? { row: raw.rows[i] } : { feature: raw.featureIndex ? raw.featureIndex[i] : i });
  const idField = options.idField === undefined ? defaultIdField(raw.features) : options.idField;
  // raw's features are this function's own (fresh from a reader): handed over, not copied.
  const checked = validateFeatures(raw.features, {
    crs,
    geometry: options.geometry,
    regionCheck: !options.allowOutsideRegion,
    idField,
    where,
    handOver: true,
  });
  const skipped = [...raw.skipped, ...checked.skipped];
  if (!checked.features.length) {
    const outside = skipped.filter((s) => s.reason === 'outside_region');
    if (outside.length && outside.length === skipped.length) {
      throw new ImportError('outside_region', { file: name, detail: `${outside[0].value}; ${crsLabel(crs)}` });
    }
    const wrongKind = skipped.filter((s) => s.reason === 'wrong_geometry');
    if (wrongKind.length && wrongKind.length === skipped.length) {
      const wanted = options.geometry ? ` ≠ ${options.geometry.join('/')}` : '';
      throw new ImportError('wrong_geometry', { file: name, detail: `${wrongKind[0].value ?? ''}${wanted}` });
    }
    throw new ImportError('nothing_valid', { file: name, detail: String(skipped.length), skip: skipped[0] });
  }
  if (skipped.length) warnings.push({ key: 'skipped_rows', detail: String(skipped.length) });
  if (checked.far.count) warnings.push({ key: 'far_from_region', detail: `${checked.far.count} (${checked.far.first})` });
  const result: LoadResult = {
    format,
    features: checked.features,
    sources: checked.kept.map(where),
    crs,
    crsSource,
    crsCandidates,
    report: { skipped, warnings },
  };
  if (raw.encoding) result.encoding = raw.encoding;
  if (r.columns !== undefined) result.columns = r.columns;
  if (r.sheets) result.sheets = r.sheets;
  if (raw.layers) result.layers = raw.layers;
  if (r.raster) result.raster = r.raster;
  return result;
}
