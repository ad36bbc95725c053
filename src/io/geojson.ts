// GeoJSON text → FeatureCollection, with errors that say what is wrong and where.
import type { Feature, FeatureCollection } from 'geojson';

/** Parses GeoJSON text (a FeatureCollection, a single Feature, or a bare geometry). */
export function parseGeoJson(text: string, name = 'GeoJSON'): FeatureCollection {
  let obj: unknown;
  try {
    obj = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new Error(`${name}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
  if (!obj || typeof obj !== 'object') throw new Error(`${name}: expected a GeoJSON object`);
  const o = obj as { type?: unknown; features?: unknown };
  if (o.type === 'FeatureCollection') {
    if (!Array.isArray(o.features)) throw new Error(`${name}: FeatureCollection without a "features" array`);
    o.features.forEach((f, i) => checkFeature(f, i, name));
    return obj as FeatureCollection;
  }
  if (o.type === 'Feature') {
    checkFeature(obj, 0, name);
    return { type: 'FeatureCollection', features: [obj as Feature] };
  }
  const geometryTypes = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'];
  if (typeof o.type === 'string' && geometryTypes.includes(o.type)) {
    return { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: obj as Feature['geometry'] }] };
  }
  throw new Error(`${name}: expected a FeatureCollection, Feature or geometry, got type ${JSON.stringify(o.type)}`);
}

function checkFeature(f: unknown, i: number, name: string): void {
  const o = f as { type?: unknown; geometry?: unknown } | null;
  if (!o || o.type !== 'Feature') throw new Error(`${name}: feature ${i} is not a GeoJSON Feature`);
  if (o.geometry !== null && (typeof o.geometry !== 'object' || !('type' in (o.geometry as object)))) {
    throw new Error(`${name}: feature ${i} has an invalid geometry`);
  }
}
