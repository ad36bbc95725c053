// The one place the command-line tools read vector files: every format and coordinate system
// the app imports (src/io/load.ts), converted to WGS84, with the same checks and skip report.
import { closeSync, openSync, readSync } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { parseCrsName, type Crs } from '../io/crs.ts';
import { encodingFromCpg } from '../io/dbf-encoding.ts';
import { ImportError } from '../io/import-error.ts';
import { FeatureError, type Attributes } from '../io/features.ts';
import { columnAttributes, type FeatureColumns } from '../io/feature-columns.ts';
import { loadColumns, loadFgbColumns, type LoadedColumns } from '../io/load-columns.ts';
import type { FgbSource } from '../io/fgb-columns.ts';
import { detectFormat } from '../io/detect.ts';
import { checkSize, loadFile, MAX_IMPORT_BYTES, type LoadResult } from '../io/load.ts';
import type { RasterInfo } from '../io/population-raster.ts';
import { formatImportError, formatSkip, formatWarning } from '../io/messages.ts';
import type { GeometryKind } from '../io/validate.ts';
import { keyValues, UsageError, type Parsed } from './args.ts';

/** Input flags shared by every command that reads layers (analyze, site). */
export const INPUT_FLAGS = { crs: 'repeat', encoding: 'string', columns: 'string', field: 'repeat', layer: 'repeat' } as const;

export const INPUT_USAGE = `       [--crs [LAYER=]CRS]... [--encoding NAME] [--columns X,Y] [--field LAYER.ROLE=NAME]...
       [--layer LAYER=NAME]...`;

/** The layers a file may be given for (--crs, --layer). */
const LAYER_NAMES = ['communities', 'households', 'facilities', 'network', 'townships', 'counties'];

export interface ReadOptions {
  /** CRS per layer name ('' = every layer) for files that do not declare one. */
  crs: Map<string, Crs>;
  encoding?: string;
  /** Coordinate column names for CSV/XLSX (guessed from headers when absent). */
  columns?: { x: string; y: string };
  /** Field names per layer and role, e.g. facilities.type → 类型. */
  fields: Map<string, Map<string, string>>;
  /** Which layer (or sheet) of a file holding several to read, per input layer. */
  layers: Map<string, string>;
}

/** Reads the shared input flags; a bad CRS name or malformed flag is a usage error. */
export function readOptions({ values, repeats }: Parsed): ReadOptions {
  const crs = new Map<string, Crs>();
  for (const s of repeats.get('crs') ?? []) {
    const eq = s.indexOf('=');
    const layer = eq > 0 ? s.slice(0, eq) : '';
    const c = parseCrsName(eq > 0 ? s.slice(eq + 1) : s);
    if (!c)
      throw new UsageError(
        `--crs: unknown coordinate system "${s}" (e.g. EPSG:4543, gk3:102, gk3:102:prefix, bj54:gk3:102+towgs84=dx,dy,dz,rx,ry,rz,s, gcj02, bd09, wgs84)`,
      );
    crs.set(layer, c);
  }
  const fields = new Map<string, Map<string, string>>();
  for (const [key, name] of keyValues(repeats.get('field'), 'field')) {
    const dot = key.indexOf('.');
    if (dot <= 0) throw new UsageError(`--field expects LAYER.ROLE=NAME (e.g. facilities.type=类型), got "${key}=${name}"`);
    const layer = key.slice(0, dot);
    if (!fields.has(layer)) fields.set(layer, new Map());
    fields.get(layer)!.set(key.slice(dot + 1), name);
  }
  const cols = values.get('columns') as string | undefined;
  let columns: ReadOptions['columns'];
  if (cols !== undefined) {
    const [x, y, extra] = cols.split(',').map((s) => s.trim());
    if (!x || !y || extra !== undefined) throw new UsageError(`--columns expects X,Y header names, got "${cols}"`);
    columns = { x, y };
  }
  const encoding = values.get('encoding') as string | undefined;
  if (encoding !== undefined && !encodingFromCpg(encoding))
    throw new UsageError(`--encoding: unknown text encoding "${encoding}" (UTF-8, GBK, GB18030, windows-1252)`);
  const layers = new Map<string, string>();
  for (const [layer, name] of keyValues(repeats.get('layer'), 'layer')) {
    if (!LAYER_NAMES.includes(layer))
      throw new UsageError(`--layer expects LAYER=NAME with LAYER one of ${LAYER_NAMES.join(', ')}, got "${layer}=${name}"`);
    layers.set(layer, name);
  }
  return { crs, encoding, columns, fields, layers };
}

/** Field-name overrides for one layer as a plain object ({} when none). */
export function fieldsFor(opts: ReadOptions, layer: string): Record<string, string> {
  return Object.fromEntries(opts.fields.get(layer) ?? []);
}

/** A regular file's bytes, its size checked before anything is read (a device such as
 *  /dev/zero, or a file past the limit, is refused without reading it). */
export async function readBounded(path: string, maxBytes: number): Promise<Buffer> {
  const early = ahead.get(path);
  if (early) {
    ahead.delete(path);
    const bytes = await early;
    if (bytes && bytes.length <= maxBytes) return bytes;
  }
  await boundedSize(path, maxBytes);
  try {
    return await readFile(path);
  } catch (e) {
    throw new Error(`${path}: cannot read (${code(e)})`, { cause: e });
  }
}

/** Files readAhead started, by path: their bytes, or null when not read ahead (readBounded then
 *  reads, and reports any problem, as usual). */
const ahead = new Map<string, Promise<Buffer | null>>();

/** Above this a file is not read ahead: it would be held whole while other files are parsed. */
const AHEAD_MAX_BYTES = 256 * 1024 * 1024;

/** Starts reading `path` whole on libuv's threads while this thread parses other files; its
 *  readBounded then takes the bytes (a 44 MB road file costs ≈ 0.3 s of reading, now hidden).
 *  FlatGeobuf is read in windows (withFgbSource), never ahead. */
export function readAhead(path: string): void {
  if (ahead.has(path)) return;
  const bytes = (async () => {
    const st = await stat(path);
    // Only regular files (reading a FIFO would wait for a writer).
    if (!st.isFile() || st.size > AHEAD_MAX_BYTES || detectFormat(basename(path), await head(path)) === 'fgb') return null;
    return await readFile(path);
  })().catch(() => null);
  ahead.set(path, bytes);
}

const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** A regular file's size, refused (see readBounded) past `maxBytes`. */
async function boundedSize(path: string, maxBytes: number): Promise<number> {
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new Error(`${path}: not a regular file`);
    size = st.size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === undefined) throw e;
    throw new Error(`${path}: cannot read (${code(e)})`, { cause: e });
  }
  try {
    checkSize(basename(path), size, maxBytes);
  } catch (e) {
    throw new Error(`${path}: ${formatImportError(e as ImportError, 'en')}`, { cause: e });
  }
  return size;
}

/** Runs `use` on a FlatGeobuf file read a window at a time (fgb-columns.ts): a 400 MB file is
 *  never held whole, nor its pages faulted in, once each, by one big read. */
async function withFgbSource<T>(path: string, use: (s: FgbSource) => T): Promise<T> {
  const size = await boundedSize(path, MAX_IMPORT_BYTES);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new Error(`${path}: cannot read (${code(e)})`, { cause: e });
  }
  // A failed read is thrown again once `use` returns: the column reader takes any error inside it
  // for a file it cannot read this way, and would read the whole file instead.
  let failed: Error | undefined;
  try {
    const out = use({
      size,
      read(into, at, offset, length) {
        for (let done = 0; done < length;) {
          let n: number;
          try {
            n = readSync(fd, into, at + done, length - done, offset + done);
          } catch (e) {
            throw (failed = new Error(`${path}: cannot read (${code(e)})`, { cause: e }));
          }
          if (n === 0) throw (failed = new Error(`${path}: file shrank while read`));
          done += n;
        }
      },
    });
    if (failed) throw failed;
    return out;
  } finally {
    closeSync(fd);
  }
}

/** The first bytes of a file (empty when it cannot be read: readBounded then says why). */
async function head(path: string): Promise<Uint8Array> {
  try {
    // Only regular files are opened (opening a FIFO would wait for a writer).
    if (!(await stat(path)).isFile()) return new Uint8Array(0);
    const f = await open(path, 'r');
    try {
      const b = new Uint8Array(16);
      const { bytesRead } = await f.read(b, 0, 16, 0);
      return b.subarray(0, bytesRead);
    } finally {
      await f.close();
    }
  } catch {
    return new Uint8Array(0);
  }
}

/** A file's features with where each came from (see LoadResult.sources). */
export interface FileLayer extends FeatureCollection {
  path: string;
  sources: LoadResult['sources'];
  /** Population rasters: what the raster held. */
  raster?: RasterInfo;
  /** Rows or features left out (reported through the log). */
  skipped: number;
}

/** Runs a converter (io/features.ts) on a file's features; its FeatureError then names the file
 *  and the row or feature as the file numbers them (not as counted after skipped ones). */
export function fromFile<T>(layer: FileLayer, convert: (fc: FeatureCollection) => T): T {
  return named(
    layer.path,
    (i) => layer.sources[i],
    () => convert(layer),
  );
}

/** Runs `convert`; its FeatureError then names the file and the row or feature where `at` puts it. */
function named<T>(path: string, at: (i: number) => LoadResult['sources'][number] | undefined, convert: () => T): T {
  try {
    return convert();
  } catch (e) {
    if (!(e instanceof FeatureError)) throw e;
    const src = at(e.index);
    const where = src?.row !== undefined ? `row ${src.row}` : `feature ${src?.feature ?? e.index}`;
    throw new Error(`${path}: ${where}: ${e.problem}`, { cause: e });
  }
}

/** Reads a large GeoJSON or FlatGeobuf layer straight into columns (io/load-columns.ts) and runs
 *  a converter on them; null when the file is of another format or anything in it needs the
 *  general reader (readLayerFile), or when `convert` declines its geometry. Only `fields` are read. */
export async function readColumnsLayer<T>(
  path: string,
  layer: string,
  opts: ReadOptions,
  geometry: GeometryKind[],
  fields: (string | undefined)[],
  convert: (c: FeatureColumns, a: Attributes) => T | null,
  log: (s: string) => void = () => {},
  idField?: string | null,
): Promise<T | null> {
  // Other formats are told from the first bytes and the name, before the file is read whole.
  const format = detectFormat(basename(path), await head(path));
  if (format !== 'geojson' && format !== 'fgb') return null;
  const o = { crs: opts.crs.get(layer) ?? opts.crs.get(''), geometry, idField, fields: fields.filter((f) => f !== undefined) };
  let r: LoadedColumns | null;
  if (format === 'fgb') r = await withFgbSource(path, (s) => loadFgbColumns(basename(path), s, o));
  else {
    const bytes = await readBounded(path, MAX_IMPORT_BYTES);
    r = loadColumns(basename(path), new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), o);
  }
  if (!r) return null;
  // Features are the file's own, none skipped: feature i is the file's feature i.
  const warn = () => r.warnings.forEach((w) => log(`${path}: ${formatWarning(w, 'en')}`));
  let out: T | null;
  try {
    out = named(
      path,
      (i) => ({ feature: i }),
      () => convert(r.columns, columnAttributes(r.columns)),
    );
  } catch (e) {
    warn(); // as readLayerFile: the file's warnings, then what is wrong
    throw e;
  }
  if (out !== null) warn();
  return out;
}

/** Reads any importable file (GeoJSON, FlatGeobuf, zipped Shapefile, CSV, XLSX, GeoTIFF population grid) into WGS84
 *  features; skipped rows and guesses are logged, failures name the file, row and field. */
export async function readLayerFile(
  path: string,
  layer = '',
  opts?: ReadOptions,
  geometry?: GeometryKind[],
  log: (s: string) => void = () => {},
  idField?: string | null,
): Promise<FileLayer> {
  const bytes = await readBounded(path, MAX_IMPORT_BYTES);
  const crs = opts?.crs.get(layer) ?? opts?.crs.get('');
  try {
    const r = await loadFile(basename(path), new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      crs,
      encoding: opts?.encoding,
      geometry,
      idField,
      layer: opts?.layers.get(layer),
      columns: opts?.columns ? { headerRow: 1, ...opts.columns } : undefined,
    });
    for (const w of r.report.warnings) log(`${path}: ${formatWarning(w, 'en')}`);
    for (const s of r.report.skipped.slice(0, 20)) log(`${path}: skipped ${formatSkip(s, 'en')}`);
    if (r.report.skipped.length > 20) log(`${path}: … ${r.report.skipped.length - 20} more skipped`);
    return {
      type: 'FeatureCollection',
      features: r.features,
      path,
      sources: r.sources,
      skipped: r.report.skipped.length,
      ...(r.raster ? { raster: r.raster } : {}),
    };
  } catch (e) {
    if (e instanceof ImportError) {
      const hint = e.key === 'choose_layer' ? ` (--layer ${layer || 'LAYER'}=NAME)` : '';
      throw new Error(`${path}: ${formatImportError(e, 'en')}${hint}`, { cause: e });
    }
    throw e;
  }
}
