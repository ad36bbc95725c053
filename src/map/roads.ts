// The road network as map features, styled by what its class means to the travel model (the
// road-class table): closed to walkers, main roads, other drivable roads, paths. A planner checks
// a service circle against these lines.
import type { Feature, FeatureCollection, LineString } from 'geojson';
import type { LineLayer } from '../core/types';
import { DEFAULT_ROAD_CLASS, DEFAULT_ROAD_CLASSES, lookupClass, type RoadClassTable } from '../core/travel/road-class';

export type RoadCategory = 'closed' | 'main' | 'road' | 'path';

/** Line colour and width (px at zoom 14) per category; the legend and the map share them. */
export const ROAD_STYLE: Record<RoadCategory, { color: string; width: number }> = {
  closed: { color: '#b2182b', width: 3 },
  main: { color: '#e08214', width: 3 },
  road: { color: '#6b6b6b', width: 1.8 },
  path: { color: '#1b7837', width: 1.2 },
};

/** How a class value draws: not walkable → closed; 40 km/h or faster → main; driven → road; else path. */
export function roadCategory(value: string, table: RoadClassTable = DEFAULT_ROAD_CLASSES): RoadCategory {
  const row = value === '' ? DEFAULT_ROAD_CLASS : (lookupClass(table, value) ?? DEFAULT_ROAD_CLASS);
  if (!row.walk) return 'closed';
  if (row.vehicleKmh >= 40) return 'main';
  return row.vehicleKmh > 0 ? 'road' : 'path';
}

/** One LineString feature per line, with its class value and category. */
export function roadsGeoJson(lines: LineLayer, table: RoadClassTable = DEFAULT_ROAD_CLASSES): FeatureCollection<LineString> {
  const names = lines.classNames ?? [''];
  const cats = names.map((n) => roadCategory(n, table));
  const features: Feature<LineString>[] = [];
  const c = lines.coords;
  for (let l = 0; l + 1 < lines.lineStart.length; l++) {
    const coordinates: number[][] = [];
    for (let i = lines.lineStart[l]; i < lines.lineStart[l + 1]; i++) coordinates.push([c[2 * i], c[2 * i + 1]]);
    if (coordinates.length < 2) continue;
    const k = lines.lineClass ? lines.lineClass[l] : 0;
    features.push({ type: 'Feature', properties: { class: names[k], cat: cats[k] }, geometry: { type: 'LineString', coordinates } });
  }
  return { type: 'FeatureCollection', features };
}

/** A copy of what the map draws of a network (lines, classes): the network's own buffers move to
 *  the analysis worker. */
export function ownLines(l: LineLayer): LineLayer {
  return {
    coords: l.coords.slice(),
    lineStart: l.lineStart.slice(),
    ...(l.lineClass ? { lineClass: l.lineClass.slice(), classNames: l.classNames } : {}),
  };
}
