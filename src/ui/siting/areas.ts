// Not-buildable areas the user draws on the map: as the core's PolygonSet (for the optimiser's
// candidate filter) and as map features (finished areas, and the one being drawn).
import type { Feature, FeatureCollection } from 'geojson';
import type { PolygonSet } from '../../core/types';

/** A drawn area: its vertices in order (WGS84 lon, lat), not closed. */
export type Area = [number, number][];

/** One feature with one single-ring polygon per area (rings closed here). */
export function polygonSet(areas: readonly Area[]): PolygonSet {
  const coords: number[] = [],
    ringStart = [0];
  for (const a of areas) {
    for (const [x, y] of [...a, a[0]]) coords.push(x, y);
    ringStart.push(coords.length / 2);
  }
  return {
    coords: Float64Array.from(coords),
    ringStart: Uint32Array.from(ringStart),
    polyRingStart: Uint32Array.from(ringStart.keys()),
    featurePolyStart: Uint32Array.of(0, areas.length),
  };
}

/** Finished areas as polygons, the sketch as a line (or a point while it has one vertex). */
export function areaFeatures(areas: readonly Area[], sketch: Area): FeatureCollection {
  const features: Feature[] = areas.map((a) => ({
    type: 'Feature',
    properties: { kind: 'area' },
    geometry: { type: 'Polygon', coordinates: [[...a, a[0]]] },
  }));
  if (sketch.length === 1)
    features.push({ type: 'Feature', properties: { kind: 'sketch' }, geometry: { type: 'Point', coordinates: sketch[0] } });
  if (sketch.length > 1)
    features.push({ type: 'Feature', properties: { kind: 'sketch' }, geometry: { type: 'LineString', coordinates: sketch } });
  return { type: 'FeatureCollection', features };
}
