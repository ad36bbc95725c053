// The one place the command-line tools read vector files; more formats plug in here.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { parseGeoJson } from '../io/geojson.ts';
import { readFgb } from '../io/fgb.ts';

/** Reads a GeoJSON (.geojson, .json) or FlatGeobuf (.fgb) file into a FeatureCollection. */
export async function readLayerFile(path: string): Promise<FeatureCollection> {
  const ext = extname(path).toLowerCase();
  if (!['.geojson', '.json', '.fgb'].includes(ext)) {
    throw new Error(`${path}: unsupported file type "${ext || '(none)'}" (use .geojson, .json or .fgb)`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new Error(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return ext === '.fgb' ? await readFgb(new Uint8Array(bytes)) : parseGeoJson(bytes.toString('utf8'), path);
  } catch (e) {
    const msg = (e as Error).message;
    throw new Error(msg.startsWith(path) ? msg : `${path}: ${msg}`);
  }
}
