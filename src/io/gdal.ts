// Formats only GDAL reads here: GeoPackage, Esri File Geodatabase (a zipped .gdb folder), DXF,
// MapInfo TAB/MIF (zipped) and GML. GDAL converts the chosen layer to GeoJSON in the file's own
// coordinates (with a `crs` member when the layer has an EPSG code); readGeoJson takes it from there.
import { unzipSync } from 'fflate';
import type { Feature } from 'geojson';
import { readGeoJson } from './geojson-file.ts';
import { gdalRuntime, type GdalDataset } from './gdal-runtime.ts';
import { chooseLayer, ImportError } from './import-error.ts';
import type { RawLayer } from './raw-layer.ts';

export type GdalFormat = 'gpkg' | 'filegdb' | 'dxf' | 'mapinfo' | 'gml';

let outputs = 0;

function gdalErrors(errors: unknown[], logged: string[]): string {
  const text = errors.map((e) => (e && typeof e === 'object' && 'message' in e ? String((e as { message: unknown }).message) : String(e)));
  return (
    [...text, ...logged]
      .filter((s) => s)
      .join('; ')
      .slice(0, 200) || 'GDAL cannot open it'
  );
}

/** Reads one layer of a GDAL-only format; several layers and no `layer` → ImportError choose_layer. */
export async function readWithGdal(
  file: string,
  bytes: Uint8Array,
  format: GdalFormat,
  layer?: string,
): Promise<RawLayer & { layers: string[] }> {
  if (format === 'filegdb') checkGdbZip(bytes, file);
  const rt = await gdalRuntime();
  const vfs = format === 'filegdb' || format === 'mapinfo' ? ['vsizip'] : [];
  rt.takeErrors();
  let opened;
  try {
    // GML: GDAL would write the schema it inferred next to the file (read-only in the browser).
    opened = await rt.open(file, bytes, vfs, format === 'gml' ? ['WRITE_GFS=NO'] : []);
  } catch (e) {
    // gdal3.js rejects with its error list when nothing opened
    throw new ImportError('malformed', { file, detail: gdalErrors(Array.isArray(e) ? e : [e], rt.takeErrors()) });
  }
  const { datasets, errors, release } = opened;
  if (!datasets.length) {
    release();
    throw new ImportError('malformed', { file, detail: gdalErrors(errors, rt.takeErrors()) });
  }
  try {
    const entries: { ds: GdalDataset; name: string }[] = [];
    for (const ds of datasets) for (const l of (await rt.gdal.getInfo(ds)).layers ?? []) entries.push({ ds, name: l.name });
    const layers = entries.map((e) => e.name);
    if (!entries.length) throw new ImportError('empty', { file });
    const pick = layer !== undefined ? entries.find((e) => e.name === layer) : entries.length === 1 ? entries[0] : undefined;
    if (!pick) throw chooseLayer(file, layers, layer);
    const out = await rt.gdal.ogr2ogr(pick.ds, ['-f', 'GeoJSON', pick.name], `scp-${outputs++}`);
    const raw = readGeoJson(await rt.gdal.getFileBytes(out), file);
    if (format === 'dxf') raw.features = raw.features.map(closedLineAsPolygon);
    return { ...raw, layers };
  } finally {
    for (const ds of datasets) await rt.gdal.close(ds).catch(() => undefined);
    release();
  }
}

/** A File Geodatabase is a folder: the zip must hold `<name>.gdb/` (checked before GDAL loads). */
function checkGdbZip(bytes: Uint8Array, file: string): void {
  let found = false;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        if (/(^|\/)[^/]+\.gdb\//i.test(f.name)) found = true;
        return false;
      },
    });
  } catch (e) {
    throw new ImportError('malformed', { file, detail: `zip: ${(e as Error).message}` }, e);
  }
  if (!found) throw new ImportError('zip_missing_part', { file, detail: '*.gdb/' });
}

/** CAD drawings outline areas with closed polylines, which GDAL reads as lines: a closed line
 *  (first vertex = last, at least 4) becomes a polygon; open lines stay lines. */
function closedLineAsPolygon(f: Feature): Feature {
  const g = f.geometry;
  if (g?.type !== 'LineString') return f;
  const c = g.coordinates,
    a = c[0],
    b = c[c.length - 1];
  if (c.length < 4 || a[0] !== b[0] || a[1] !== b[1]) return f;
  return { ...f, geometry: { type: 'Polygon', coordinates: [c] } };
}
