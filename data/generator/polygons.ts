// Synthetic community/village polygons: the Voronoi partition of a county's settlements clipped
// to the real county polygon, so the cells tile the county exactly; townships are unions of
// their villages' cells.
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { County } from './counties.ts';
import { pointInMulti, type MultiCoords } from './geometry.ts';
import type { Settlement } from './settlements.ts';

function asMulti(f: Feature<Polygon | MultiPolygon> | null): MultiCoords {
  if (!f) return [];
  return f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
}

/** Whether every vertex of a convex cell lies inside the county and no county vertex inside the cell. */
function cellInside(cell: Polygon, county: County): boolean {
  for (const [x, y] of cell.coordinates[0]) if (!pointInMulti(x, y, county.geometry)) return false;
  const ring = [cell.coordinates];
  for (const poly of county.geometry) for (const r of poly) for (const [x, y] of r) if (pointInMulti(x, y, ring)) return false;
  return true;
}

/** One clipped Voronoi cell per settlement of the county (same order), WGS84. */
export function communityCells(county: County, settlements: readonly Settlement[]): MultiCoords[] {
  const [w, s, e, n] = county.bbox;
  const pts = turf.featureCollection(settlements.map((p) => turf.point([p.lon, p.lat])));
  const cells = turf.voronoi(pts, { bbox: [w - 0.05, s - 0.05, e + 0.05, n + 0.05] });
  const countyFeature = turf.multiPolygon(county.geometry);
  return settlements.map((p, i) => {
    const cell = cells.features[i];
    if (!cell) throw new Error(`voronoi: no cell for ${p.code} (duplicate point?)`);
    if (cellInside(cell.geometry, county)) return [cell.geometry.coordinates];
    const clipped = asMulti(turf.intersect(turf.featureCollection<Polygon | MultiPolygon>([cell, countyFeature])));
    if (clipped.length === 0) throw new Error(`voronoi: cell of ${p.code} misses its county`);
    return clipped;
  });
}

/** Union of the given cells (a township from its villages). */
export function unionCells(cells: readonly MultiCoords[]): MultiCoords {
  if (cells.length === 1) return cells[0];
  const u = turf.union(turf.featureCollection(cells.map((c) => turf.multiPolygon(c))));
  return asMulti(u);
}
