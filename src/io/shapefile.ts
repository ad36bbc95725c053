// Zipped Shapefile (.shp + .dbf, optional .shx/.prj/.cpg) → features in the file's CRS, with
// the CRS read from the .prj and the DBF text encoding from the .cpg or detected.
import { unzipSync } from 'fflate';
import type { Feature } from 'geojson';
import { decodeText, detectEncoding, encodingFromCpg } from './dbf-encoding.ts';
import { readDbf } from './dbf.ts';
import { chooseLayer, ImportError, type ImportWarning, type Skip } from './import-error.ts';
import { crsFromWkt } from './prj.ts';
import type { RawLayer } from './raw-layer.ts';
import { readShp } from './shp.ts';
import { checkCrcs, checkUnzippedSize } from './zip-size.ts';

const PARTS = ['shp', 'shx', 'dbf', 'prj', 'cpg'] as const;
type Part = (typeof PARTS)[number];

/** Names (without extension) of the shapefiles inside a zip, e.g. ["村界/村界"]. */
export function shapefileLayers(entries: string[]): string[] {
  return entries.filter((n) => !n.startsWith('__MACOSX/') && /\.shp$/i.test(n)).map((n) => n.slice(0, -4));
}

/** A zip entry name as the user wrote it. Zips made on Chinese Windows store names in GBK
 *  without the UTF-8 flag, which the unzipper reads as Latin-1: re-decode those bytes. */
export function entryDisplayName(name: string): string {
  if (![...name].some((c) => c.charCodeAt(0) >= 0x80) || [...name].some((c) => c.charCodeAt(0) > 0xff)) return name;
  const bytes = Uint8Array.from(name, (c) => c.charCodeAt(0));
  return decodeText(bytes, detectEncoding(bytes));
}

/** Unzips only the Shapefile parts, refusing archives that would inflate past `maxBytes`. */
function unzipParts(bytes: Uint8Array, file: string, maxBytes: number): Record<string, Uint8Array> {
  checkUnzippedSize(bytes, file, maxBytes);
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      filter: (f) => !f.name.startsWith('__MACOSX/') && (PARTS as readonly string[]).includes(f.name.split('.').pop()?.toLowerCase() ?? ''),
    });
  } catch (e) {
    throw new ImportError('malformed', { file, detail: `zip: ${(e as Error).message}` }, e);
  }
  checkCrcs(bytes, parts, file);
  return parts;
}

/** Reads a zipped Shapefile; `layer` picks one of several (required when there are several). */
export function readShapefileZip(bytes: Uint8Array, file: string, opts: { maxBytes: number; encoding?: string; layer?: string }): RawLayer {
  const files = unzipParts(bytes, file, opts.maxBytes);
  const rawLayers = shapefileLayers(Object.keys(files));
  if (!rawLayers.length) throw new ImportError('zip_missing_part', { file, detail: '.shp' });
  const layers = rawLayers.map(entryDisplayName);
  const chosen = opts.layer !== undefined ? layers.indexOf(opts.layer) : layers.length === 1 ? 0 : -1;
  if (chosen < 0) throw chooseLayer(file, layers, opts.layer);
  const layer = rawLayers[chosen];
  const part = (p: Part): Uint8Array | undefined => {
    const key = Object.keys(files).find((k) => k.toLowerCase() === `${layer}.${p}`.toLowerCase());
    return key ? files[key] : undefined;
  };
  const shpBytes = part('shp')!;
  const dbfBytes = part('dbf');
  if (!dbfBytes) throw new ImportError('zip_missing_part', { file, detail: `${entryDisplayName(layer)}.dbf` });
  const warnings: ImportWarning[] = [];
  const cpgBytes = part('cpg');
  const cpgText = cpgBytes ? decodeText(cpgBytes, 'utf-8').trim() : '';
  let encoding = opts.encoding ? encodingFromCpg(opts.encoding) : null;
  if (!encoding && cpgText) {
    encoding = encodingFromCpg(cpgText);
    if (!encoding) warnings.push({ key: 'encoding_unknown_cpg', detail: cpgText.slice(0, 40) });
  }
  const shapes = readShp(shpBytes, file);
  const table = readDbf(dbfBytes, file, encoding);
  if (table.encodingSource === 'detected') warnings.push({ key: 'encoding_guessed', detail: table.encoding.toUpperCase() });
  if (table.records.length !== shapes.length) {
    throw new ImportError('malformed', { file, detail: `${shapes.length} shapes but ${table.records.length} DBF records` });
  }
  const prjBytes = part('prj');
  let declaredCrs = null;
  if (prjBytes) {
    const prj = crsFromWkt(decodeText(prjBytes, 'utf-8'));
    if (!prj.crs) throw new ImportError('unknown_crs', { file, detail: `.prj ${prj.detail}` });
    declaredCrs = prj.crs;
  }
  const features: Feature[] = [];
  const featureIndex: number[] = [];
  const skipped: Skip[] = [];
  let deleted = 0;
  shapes.forEach((s, i) => {
    const props = table.records[i];
    if (props === null) {
      deleted++;
      return;
    }
    if (s.unsupported) {
      skipped.push({ feature: i, reason: 'wrong_geometry', value: s.unsupported });
      return;
    }
    features.push({ type: 'Feature', properties: props, geometry: s.geometry as Feature['geometry'] });
    featureIndex.push(i);
  });
  if (deleted) warnings.push({ key: 'deleted_records', detail: String(deleted) });
  return { features, declaredCrs, encoding: table.encoding, warnings, skipped, featureIndex, layers };
}
