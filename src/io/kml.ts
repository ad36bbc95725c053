// KML (Google Earth, 奥维地图) and KMZ (zipped KML) → features with their ExtendedData as
// properties (@tmcw/togeojson; GDAL's KML driver keeps only name and description). KML is
// WGS84 by definition.
import { kml } from '@tmcw/togeojson';
import { unzipSync } from 'fflate';
import type { Feature } from 'geojson';
import { ImportError } from './import-error.ts';
import type { RawLayer } from './raw-layer.ts';
import { WGS84 } from './crs.ts';
import { checkUnzippedSize } from './zip-size.ts';

async function parser(): Promise<{ parseFromString(text: string, type: string): unknown }> {
  if (typeof DOMParser !== 'undefined') return new DOMParser();
  const { DOMParser: XmlDom } = await import('@xmldom/xmldom'); // Node (CLI): no DOM of its own
  return new XmlDom({ errorHandler: () => undefined });
}

/** The KML text of a KMZ: doc.kml, else the first .kml at any depth. */
function kmzText(bytes: Uint8Array, file: string, maxBytes: number): string {
  checkUnzippedSize(bytes, file, maxBytes);
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (f) => /\.kml$/i.test(f.name) });
  } catch (e) {
    throw new ImportError('malformed', { file, detail: `zip: ${(e as Error).message}` }, e);
  }
  const names = Object.keys(entries);
  const name = names.find((n) => n.toLowerCase() === 'doc.kml') ?? names[0];
  if (!name) throw new ImportError('zip_missing_part', { file, detail: '.kml' });
  return new TextDecoder('utf-8').decode(entries[name]);
}

/** Reads KML text or KMZ bytes into WGS84 features. */
export async function readKml(bytes: Uint8Array, file: string, zipped: boolean, maxBytes: number): Promise<RawLayer> {
  const text = zipped ? kmzText(bytes, file, maxBytes) : new TextDecoder('utf-8').decode(bytes);
  const doc = (await parser()).parseFromString(text, 'text/xml') as Document;
  const root = doc?.documentElement;
  if (!root || root.nodeName === 'parsererror' || root.getElementsByTagName('parsererror').length || !/kml$/i.test(root.nodeName)) {
    throw new ImportError('malformed', { file, detail: 'not a KML document' });
  }
  const fc = kml(doc);
  // Placemarks without geometry stay in: the per-feature checks report them.
  const features = fc.features.map((f) => ({ ...f, properties: { ...f.properties } }) as Feature);
  return { features, declaredCrs: WGS84, warnings: [], skipped: [] };
}
