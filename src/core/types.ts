// Core data model: columnar typed arrays, so that layers move between the main thread,
// workers and the CLI as transferable buffers (as kdbush/flatbush do), never as GeoJSON objects.
// All coordinates are WGS84 degrees, interleaved [lon0, lat0, lon1, lat1, ...].
import type { Catalogue } from './catalogue.ts';

/** Household points (one point may stand for several households: `households` is its weight). */
export interface HouseholdLayer {
  count: number;
  /** 2·count WGS84 degrees, interleaved lon,lat. */
  coords: Float64Array;
  /** Households at each point (weight, ≥ 0). */
  households: Float32Array;
  /** Resident counts by group at each point, when known (issue 8: demand measures). */
  population?: Float32Array;
  elderly?: Float32Array;
  infants?: Float32Array;
  disabled?: Float32Array;
  /** Index into CommunityLayer of the community containing each point, −1 if none. */
  community: Int32Array;
}

/** Existing or proposed facilities. */
export interface FacilityLayer {
  count: number;
  /** 2·count WGS84 degrees, interleaved lon,lat. */
  coords: Float64Array;
  /** Index into `catalogue` for each facility. */
  type: Uint8Array;
  /** The facility types `type` indexes (the plan's, BUILT_IN_TYPES, when absent). */
  catalogue?: Catalogue;
  ids: string[];
  names: string[];
  /** Floor area in m², NaN when unknown. */
  area: Float32Array;
}

/** Polygon rings stored flat: ring r spans coords[2·ringStart[r] … 2·ringStart[r+1]);
 *  polygon p owns rings polyRingStart[p] … polyRingStart[p+1]; the first ring of a polygon is
 *  its outer ring; feature f owns polygons featurePolyStart[f] … featurePolyStart[f+1]. */
export interface PolygonSet {
  coords: Float64Array;
  ringStart: Uint32Array;
  polyRingStart: Uint32Array;
  featurePolyStart: Uint32Array;
}

/** Administrative areas at one level (county, township, or village/community). */
export interface AreaLayer {
  count: number;
  codes: string[];
  names: string[];
  /** Code of the parent area (county for townships; township for communities); '' if none. */
  parentCodes: string[];
  /** 1 for an urban-type community (社区/居委会), 0 for a village (村委会); counties/townships 0. */
  urban: Uint8Array;
  /** County code of each area when the source names it directly (e.g. communities' county_code). */
  countyCodes?: string[];
  polygons: PolygonSet;
}

/** A walking network as an undirected segment list (LineStrings split at every vertex). */
export interface LineLayer {
  /** 2·vertexCount WGS84 degrees, interleaved lon,lat. */
  coords: Float64Array;
  /** Line l spans vertices lineStart[l] … lineStart[l+1]). */
  lineStart: Uint32Array;
  /** Optional elevation per vertex in metres (Z values), NaN when absent. */
  z?: Float32Array;
  /** Road class of each line as an index into classNames ('' at index 0: no class given). */
  lineClass?: Uint16Array;
  classNames?: string[];
  /** Access flags of each line (travel/road-class NO_FOOT, NO_VEHICLE, FERRY). */
  lineFlags?: Uint8Array;
  /** Source node id of each vertex (OSM): vertices join when their ids are equal, never by
   *  distance, so a bridge over a footway stays apart even where their vertices coincide. */
  nodeId?: Uint32Array;
}

/** A north-up elevation grid in WGS84 degrees (cell centres at west + (i+0.5)·dx, north − (j+0.5)·dy). */
export interface ElevationGrid {
  width: number;
  height: number;
  west: number;
  north: number;
  /** Cell size in degrees. */
  dx: number;
  dy: number;
  /** Row-major metres; NaN for no data. */
  values: Float32Array;
}
