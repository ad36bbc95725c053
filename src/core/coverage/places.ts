// What the app's lists, the exports and the CLI say of each community besides its figures:
// code, name, urban or rural, township and county, a representative point and the outline.
// Built once from the layers (before their buffers move to a worker) and read by the gap and
// site rows, so every table names places the same way.
import { areaCentroids } from '../siting/candidates.ts';
import type { AreaLayer } from '../types.ts';
import { regionsOf, type Regions } from './regions.ts';

export interface Places {
  /** The communities (outlines copied: the layer's own buffers may move to a worker). */
  communities: AreaLayer;
  regions: Regions;
  /** Area-weighted centroid of each community, interleaved WGS84 lon,lat (NaN when empty). */
  centres: Float64Array;
}

/** Places of the communities, with their townships and counties. */
export function placesOf(layers: { communities: AreaLayer; townships?: AreaLayer; counties?: AreaLayer }): Places {
  const c = layers.communities,
    p = c.polygons;
  const communities: AreaLayer = {
    ...c,
    urban: c.urban.slice(),
    polygons: {
      coords: p.coords.slice(),
      ringStart: p.ringStart.slice(),
      polyRingStart: p.polyRingStart.slice(),
      featurePolyStart: p.featurePolyStart.slice(),
    },
  };
  return { communities, regions: regionsOf(c, layers.townships, layers.counties), centres: areaCentroids(p) };
}

/** Name of community `c`'s county ('' when unknown). */
export function countyName(p: Places, c: number): string {
  const k = c >= 0 ? p.regions.countyOf[c] : -1;
  return k >= 0 ? p.regions.counties.names[k] : '';
}

/** Name of community `c`'s township ('' when unknown). */
export function townshipName(p: Places, c: number): string {
  const t = c >= 0 ? p.regions.townshipOf[c] : -1;
  return t >= 0 ? p.regions.townships.names[t] : '';
}
