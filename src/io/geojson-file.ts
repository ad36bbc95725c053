// A GeoJSON file as users bring it: a FeatureCollection, a single Feature or a bare geometry,
// possibly with a legacy (2008) `crs` member naming a projected system (QGIS still writes it).
import type { Feature, Geometry } from 'geojson';
import { parseCrsName, type Crs } from './crs.ts';
import { ImportError } from './import-error.ts';
import { parseJsonBytes } from './json-bytes.ts';
import type { RawLayer } from './raw-layer.ts';

export function crsMember(obj: { crs?: { properties?: { name?: unknown } } }, file: string): Crs | null {
  const name = obj.crs?.properties?.name;
  if (typeof name !== 'string') return null;
  const crs = parseCrsName(name);
  if (!crs) throw new ImportError('unknown_crs', { file, detail: name.slice(0, 80) });
  return crs;
}

/** Parses a GeoJSON file's UTF-8 bytes into features still in the file's coordinates. */
export function readGeoJson(bytes: Uint8Array, file: string): RawLayer {
  let obj: unknown;
  try {
    obj = parseJsonBytes(bytes);
  } catch (e) {
    throw new ImportError('malformed', { file, detail: `JSON: ${(e as Error).message.slice(0, 120)}` }, e);
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new ImportError('malformed', { file, detail: 'not a GeoJSON object' });
  const o = obj as { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } };
  const declaredCrs = crsMember(o, file);
  let raw: unknown[];
  if (o.type === 'FeatureCollection') {
    if (!Array.isArray(o.features)) throw new ImportError('malformed', { file, detail: 'FeatureCollection without a features array' });
    raw = o.features;
  } else if (o.type === 'Feature') raw = [o];
  else if (typeof o.type === 'string' && /^(Multi)?(Point|LineString|Polygon)$|^GeometryCollection$/.test(o.type)) {
    raw = [{ type: 'Feature', properties: {}, geometry: o }];
  } else throw new ImportError('malformed', { file, detail: `GeoJSON type ${String(o.type).slice(0, 40)}` });
  const features: Feature[] = raw.map((f) => {
    const ff = (f && typeof f === 'object' ? f : {}) as { properties?: unknown; geometry?: unknown; id?: unknown };
    const props = ff.properties && typeof ff.properties === 'object' && !Array.isArray(ff.properties) ? ff.properties : {};
    const feature: Feature = { type: 'Feature', properties: { ...(props as object) }, geometry: (ff.geometry ?? null) as Geometry };
    if (typeof ff.id === 'string' || typeof ff.id === 'number') feature.id = ff.id;
    return feature;
  });
  return { features, declaredCrs, warnings: [], skipped: [] };
}
