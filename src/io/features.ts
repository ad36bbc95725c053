// FeatureCollection → the core's columnar layers. Field names are options (real files name
// things differently); every error names the feature index and the field.
import type { Feature, FeatureCollection, Position } from 'geojson';
import { BUILT_IN_TYPES, typeIndex, type Catalogue } from '../core/catalogue.ts';
import { buildingDemand, DEFAULT_AREA_PER_HOUSEHOLD_M2 } from '../core/demand/buildings.ts';
import { PERSONS_PER_HOUSEHOLD } from '../core/demand/census.ts';
import { estimateDemand } from '../core/demand/estimate.ts';
import { assignToAreas } from '../core/geo/assign.ts';
import { inRange, RANGES } from '../core/limits.ts';
import type { AreaLayer, FacilityLayer, HouseholdLayer, LineLayer, PolygonSet } from '../core/types.ts';
import { accessFlags } from '../core/travel/road-class.ts';
import { matchFacilityType } from '../core/type-words.ts';

export interface HouseholdFields {
  households?: string;
  population?: string;
  elderly?: string;
  infants?: string;
  disabled?: string;
  /** Community code field: a hint that point-in-polygon confirms (core/geo/assign.ts). */
  community?: string;
  /** Building footprints: number of floors (default 1 where absent). */
  floors?: string;
}

export const HOUSEHOLD_DEFAULTS: Required<HouseholdFields> = {
  households: 'households',
  population: 'population',
  elderly: 'elderly',
  infants: 'infants',
  disabled: 'disabled',
  community: 'community_code',
  floors: 'floors',
};

/** A bad value in feature `index` (0-based, of the features given) of `layer`; callers that
 *  know the file map the index back to its row (see cli/inputs.ts). */
export class FeatureError extends Error {
  constructor(
    readonly layer: string,
    readonly index: number,
    readonly problem: string,
  ) {
    super(`${layer}: feature ${index}: ${problem}`);
    this.name = 'FeatureError';
  }
}

/** Feature attributes as the converters read them, from GeoJSON features (attributesOf) or from
 *  a fast reader's columns (io/feature-columns.ts), so each rule below is written once. */
export interface Attributes {
  count: number;
  /** Feature i's value of `field`: undefined when the feature lacks it. */
  column(field: string): (i: number) => unknown;
  /** Whether any feature has `field` (a null value counts). */
  has(field: string): boolean;
  /** The field names of the first feature. */
  first: string[];
}

/** The attributes of GeoJSON features (their `properties`). */
export function attributesOf(fc: FeatureCollection): Attributes {
  const f = fc.features;
  return {
    count: f.length,
    column: (field) => (i) => f[i].properties?.[field],
    has: (field) => f.some((x) => x.properties && field in x.properties),
    first: Object.keys(f[0]?.properties ?? {}),
  };
}

/** How points with a single count become households and groups (see core/demand/census.ts). */
export interface DemandEstimate {
  /** Persons per household (default 3.09). */
  householdSize?: number;
  /** Building footprints: floor area per household in m² (default 90). */
  areaPerHouseholdM2?: number;
}

/** Demand from a population grid's cell points (`population` per point): households =
 *  population ÷ household size, groups from the census shares of each point's community. */
export function householdsFromPopulation(
  fc: FeatureCollection,
  communities: AreaLayer,
  fields: HouseholdFields = {},
  e: DemandEstimate = {},
): HouseholdLayer {
  const layer = householdsFromFeatures(fc, communities, fields);
  if (!layer.population)
    throw new FeatureError('households', 0, `no "${fields.population ?? HOUSEHOLD_DEFAULTS.population}" field to estimate households from`);
  return estimateDemand(layer, communities.urban, e.householdSize ?? PERSONS_PER_HOUSEHOLD, 'population');
}

/** Demand from building footprints: a point at each centroid with households from the mapped
 *  field, else footprint × floors ÷ area per household; population and groups estimated. */
export function householdsFromBuildings(
  fc: FeatureCollection,
  communities: AreaLayer,
  fields: HouseholdFields = {},
  e: DemandEstimate = {},
): HouseholdLayer {
  const o = { ...HOUSEHOLD_DEFAULTS, ...fields };
  const n = fc.features.length,
    a = attributesOf(fc);
  const given = new Float32Array(n).fill(NaN),
    floors = new Float32Array(n).fill(NaN);
  const hh = a.column(o.households),
    fl = a.column(o.floors);
  for (let i = 0; i < n; i++) {
    given[i] = count(hh(i), i, o.households) ?? NaN;
    floors[i] = count(fl(i), i, o.floors) ?? NaN;
  }
  const b = buildingDemand(polygonsFromFeatures(fc, 'households'), given, floors, e.areaPerHouseholdM2 ?? DEFAULT_AREA_PER_HOUSEHOLD_M2);
  const layer: HouseholdLayer = { count: n, coords: b.coords, households: b.households, community: assignToAreas(b.coords, communities) };
  return estimateDemand(layer, communities.urban, e.householdSize ?? PERSONS_PER_HOUSEHOLD, 'households');
}

function num(v: unknown, i: number, field: string, layer: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const x = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(x)) throw new FeatureError(layer, i, `field "${field}" is not a number (${JSON.stringify(v).slice(0, 60)})`);
  return x;
}

/** A count field (households, residents, elderly…): a number within RANGES.count, never
 *  negative and never so large it turns to Infinity as Float32. */
function count(v: unknown, i: number, field: string): number | undefined {
  const x = num(v, i, field, 'households');
  if (x !== undefined && inRange('count', x) === null) {
    throw new FeatureError('households', i, `field "${field}" must be a count from ${RANGES.count.min} to ${RANGES.count.max}, got ${x}`);
  }
  return x;
}

function str(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

function point(f: Feature, i: number, layer: string): Position {
  const g = f.geometry;
  if (g?.type === 'Point') return g.coordinates;
  if (g?.type === 'MultiPoint' && g.coordinates.length === 1) return g.coordinates[0];
  throw new FeatureError(layer, i, `expected a Point geometry, got ${g ? g.type : 'null'}`);
}

/** The interleaved lon,lat of Point features (a MultiPoint of one point counts as one). */
export function pointCoords(fc: FeatureCollection, layer: string): Float64Array {
  const coords = new Float64Array(2 * fc.features.length);
  fc.features.forEach((f, i) => {
    const p = point(f, i, layer);
    coords[2 * i] = p[0];
    coords[2 * i + 1] = p[1];
  });
  return coords;
}

/** Household points; `households` weight defaults to 1; group counts become arrays when any
 *  feature has the field (missing values count 0). */
export function householdsFromFeatures(fc: FeatureCollection, communities: AreaLayer, fields: HouseholdFields = {}): HouseholdLayer {
  return householdLayer(pointCoords(fc, 'households'), attributesOf(fc), communities, fields);
}

/** Household points from their coordinates and attributes (see householdsFromFeatures). */
export function householdLayer(coords: Float64Array, a: Attributes, communities: AreaLayer, fields: HouseholdFields = {}): HouseholdLayer {
  const o = { ...HOUSEHOLD_DEFAULTS, ...fields };
  const n = a.count;
  const households = new Float32Array(n);
  const groups = ['population', 'elderly', 'infants', 'disabled'] as const;
  const arrays: Partial<Record<(typeof groups)[number], Float32Array>> = {};
  for (const g of groups) if (a.has(o[g])) arrays[g] = new Float32Array(n);
  const codeIndex = new Map(communities.codes.map((c, i) => [c, i]));
  const claimed = new Int32Array(n).fill(-1);
  const hh = a.column(o.households),
    community = a.column(o.community);
  const cols = groups.map((g) => a.column(o[g]));
  // Column by column while every value is a plain count (millions of points); a value that is
  // not re-runs the feature-by-feature loop, so the first bad feature is the one reported.
  const plain = plainCounts(households, hh, 1) && groups.every((g, k) => !arrays[g] || plainCounts(arrays[g], cols[k], 0));
  for (let i = 0; i < n && !plain; i++) {
    households[i] = count(hh(i), i, o.households) ?? 1;
    for (let k = 0; k < groups.length; k++) {
      const arr = arrays[groups[k]];
      if (arr) arr[i] = count(cols[k](i), i, o[groups[k]]) ?? 0;
    }
  }
  for (let i = 0; i < n; i++) claimed[i] = codeIndex.get(str(community(i))) ?? -1;
  return { count: n, coords, households, community: assignToAreas(coords, communities, claimed), ...arrays };
}

/** Fills `out` with a column's counts (`absent` where there is none) as count() reads them;
 *  false at the first value that is not a number within the count range (count() then decides). */
function plainCounts(out: Float32Array, value: (i: number) => unknown, absent: number): boolean {
  for (let i = 0; i < out.length; i++) {
    const v = value(i);
    if (v === undefined || v === null || v === '') {
      out[i] = absent;
      continue;
    }
    const c = inRange('count', v);
    if (c === null) return false;
    out[i] = c;
  }
  return true;
}

export interface FacilityFields {
  type?: string;
  id?: string;
  name?: string;
  area?: string;
}

/** Facility points; `type` is a code of `catalogue` (the plan's types when not given, and then
 *  the layer names none) or a value `typeValues` (by default, the synonym table in
 *  core/type-words.ts) maps onto one. A value matching no type is an error, or, when `skipped` is
 *  given, left out and counted there (then an error only when none matches). */
export function facilitiesFromFeatures(
  fc: FeatureCollection,
  fields: FacilityFields = {},
  typeValues?: (v: string) => string | null,
  skipped?: Map<string, number>,
  catalogue?: Catalogue,
): FacilityLayer {
  return facilityLayer(pointCoords(fc, 'facilities'), attributesOf(fc), fields, typeValues, skipped, catalogue);
}

/** Facility points from their coordinates and attributes (see facilitiesFromFeatures). */
export function facilityLayer(
  xy: Float64Array,
  a: Attributes,
  fields: FacilityFields = {},
  typeValues?: (v: string) => string | null,
  skipped?: Map<string, number>,
  catalogue?: Catalogue,
): FacilityLayer {
  const types = catalogue ?? BUILT_IN_TYPES;
  const match = typeValues ?? ((v: string) => matchFacilityType(v, types));
  const o = { type: 'type', id: 'id', name: 'name', area: 'area_m2', ...fields };
  const n = a.count;
  const coords: number[] = [],
    type: number[] = [],
    area: number[] = [];
  const ids: string[] = [],
    names: string[] = [];
  const typeOf = a.column(o.type),
    idOf = a.column(o.id),
    nameOf = a.column(o.name),
    areaOf = a.column(o.area);
  for (let i = 0; i < n; i++) {
    const value = str(typeOf(i)),
      t = typeIndex(match(value) ?? '', types);
    if (t < 0) {
      if (!skipped)
        throw new FeatureError(
          'facilities',
          i,
          `field "${o.type}": "${value.slice(0, 60)}" is not a facility type (codes: ${types.map((x) => x.code).join(', ')})`,
        );
      skipped.set(value, (skipped.get(value) ?? 0) + 1);
      continue;
    }
    coords.push(xy[2 * i], xy[2 * i + 1]);
    type.push(t);
    ids.push(str(idOf(i)) || String(i));
    names.push(str(nameOf(i)));
    area.push(num(areaOf(i), i, o.area, 'facilities') ?? NaN);
  }
  if (skipped && !type.length && n) {
    throw new FeatureError(
      'facilities',
      0,
      `no value of field "${o.type}" is a facility type (${[...skipped.keys()]
        .slice(0, 5)
        .map((v) => `"${v.slice(0, 30)}"`)
        .join(', ')}…; codes: ${types.map((x) => x.code).join(', ')})`,
    );
  }
  return {
    count: type.length,
    coords: Float64Array.from(coords),
    type: Uint8Array.from(type),
    ids,
    names,
    area: Float32Array.from(area),
    ...(catalogue ? { catalogue } : {}),
  };
}

export interface AreaFields {
  code?: string;
  name?: string;
  parent?: string;
  county?: string;
  urban?: string;
}

/** The polygons of Polygon/MultiPolygon features as one PolygonSet (one entry per feature). */
export function polygonsFromFeatures(fc: FeatureCollection, layer: string): PolygonSet {
  const xy: number[] = [],
    ringStart: number[] = [0],
    polyRingStart: number[] = [0],
    featurePolyStart: number[] = [0];
  const addPolygon = (rings: Position[][]) => {
    for (const r of rings) {
      for (const p of r) xy.push(p[0], p[1]);
      ringStart.push(xy.length / 2);
    }
    polyRingStart.push(ringStart.length - 1);
  };
  fc.features.forEach((f, i) => {
    const g = f.geometry;
    if (g?.type === 'Polygon') addPolygon(g.coordinates);
    else if (g?.type === 'MultiPolygon') g.coordinates.forEach(addPolygon);
    else throw new FeatureError(layer, i, `expected a Polygon or MultiPolygon, got ${g ? g.type : 'null'}`);
    featurePolyStart.push(polyRingStart.length - 1);
  });
  return {
    coords: Float64Array.from(xy),
    ringStart: Uint32Array.from(ringStart),
    polyRingStart: Uint32Array.from(polyRingStart),
    featurePolyStart: Uint32Array.from(featurePolyStart),
  };
}

/** Polygons/MultiPolygons with a code and name; the parent field defaults to the first of
 *  township_code, county_code, parent_code present. */
export function areasFromFeatures(fc: FeatureCollection, fields: AreaFields = {}, layer = 'areas'): AreaLayer {
  return areaLayer(polygonsFromFeatures(fc, layer), attributesOf(fc), fields, layer);
}

/** Areas from their polygons (one entry per feature) and attributes (see areasFromFeatures). */
export function areaLayer(polygons: PolygonSet, a: Attributes, fields: AreaFields = {}, layer = 'areas'): AreaLayer {
  const parent = fields.parent ?? ['township_code', 'county_code', 'parent_code'].find((k) => a.first.includes(k)) ?? '';
  const o = { code: 'code', name: 'name', county: 'county_code', urban: 'urban', ...fields };
  const n = a.count;
  const codes: string[] = [],
    names: string[] = [],
    parentCodes: string[] = [],
    countyCodes: string[] = [];
  const urban = new Uint8Array(n);
  const seen = new Set<string>();
  const codeOf = a.column(o.code),
    nameOf = a.column(o.name),
    parentOf = parent ? a.column(parent) : () => undefined,
    countyOf = a.column(o.county),
    urbanOf = a.column(o.urban);
  for (let i = 0; i < n; i++) {
    const code = str(codeOf(i));
    if (!code) throw new FeatureError(layer, i, `field "${o.code}" is missing`);
    // Households are placed by code: two areas with one code would make one of them empty.
    if (seen.has(code)) throw new FeatureError(layer, i, `field "${o.code}": code "${code.slice(0, 40)}" appears twice`);
    seen.add(code);
    codes.push(code);
    names.push(str(nameOf(i)) || code);
    parentCodes.push(parent ? str(parentOf(i)) : '');
    countyCodes.push(str(countyOf(i)));
    urban[i] = (num(urbanOf(i), i, o.urban, layer) ?? 0) ? 1 : 0;
  }
  return {
    count: n,
    codes,
    names,
    parentCodes,
    urban,
    ...(countyCodes.some((c) => c) ? { countyCodes } : {}),
    polygons,
  };
}

/** Fields a line layer's road class is read from, first present wins: OSM tags, the Chinese
 *  道路等级, Geofabrik shapefiles' fclass, and `class` (the demo generator's roads). */
export const ROAD_CLASS_FIELDS = ['highway', '道路等级', 'fclass', 'class'];

/** Lines as stored: vertices, where each line starts, and which feature's lines start where
 *  (a MultiLineString feature owns several lines). */
export interface LineParts {
  coords: Float64Array;
  /** Elevation per vertex when every vertex has one. */
  z?: Float32Array;
  lineStart: Uint32Array;
  /** Feature f owns lines featureLineStart[f] … featureLineStart[f + 1]. */
  featureLineStart: Uint32Array;
}

/** The lines of LineString/MultiLineString features (Z when every vertex has a third coordinate). */
export function linePartsOf(fc: FeatureCollection): LineParts {
  const xy: number[] = [],
    z: number[] = [],
    lineStart: number[] = [0],
    featureLineStart: number[] = [0];
  let hasZ = true;
  const addLine = (line: Position[]) => {
    for (const p of line) {
      xy.push(p[0], p[1]);
      if (p.length > 2) z.push(p[2]);
      else hasZ = false;
    }
    lineStart.push(xy.length / 2);
  };
  fc.features.forEach((f, i) => {
    const g = f.geometry;
    if (g?.type === 'LineString') addLine(g.coordinates);
    else if (g?.type === 'MultiLineString') g.coordinates.forEach(addLine);
    else throw new FeatureError('network', i, `expected a LineString or MultiLineString, got ${g ? g.type : 'null'}`);
    featureLineStart.push(lineStart.length - 1);
  });
  return {
    coords: Float64Array.from(xy),
    lineStart: Uint32Array.from(lineStart),
    featureLineStart: Uint32Array.from(featureLineStart),
    ...(hasZ && z.length > 0 ? { z: Float32Array.from(z) } : {}),
  };
}

/** Access tags read from lines (travel/road-class.ts accessFlags). */
export const ACCESS_TAGS = ['access', 'foot', 'motor_vehicle', 'vehicle', 'route'];

/** OSM node ids of a line's vertices (`osm_nodes`, as io/osm.ts's osmNetworkFeatures writes
 *  them), when the feature is one LineString with one whole id per vertex. */
export function osmNodes(f: Feature): number[] | null {
  const ids = f.properties?.osm_nodes as unknown;
  return f.geometry?.type === 'LineString' &&
    Array.isArray(ids) &&
    ids.length === f.geometry.coordinates.length &&
    ids.every((x) => Number.isSafeInteger(x) && x >= 0)
    ? (ids as number[])
    : null;
}

/** Dense node ids per vertex when every line carries its OSM node ids, else null. */
function osmNodeIds(fc: FeatureCollection): Uint32Array | null {
  const nodes = fc.features.map(osmNodes);
  if (nodes.length === 0 || nodes.some((n) => n === null)) return null;
  const dense = new Map<number, number>(),
    out: number[] = [];
  for (const n of nodes as number[][])
    for (const id of n) {
      if (!dense.has(id)) dense.set(id, dense.size);
      out.push(dense.get(id)!);
    }
  return Uint32Array.from(out);
}

/** LineStrings/MultiLineStrings → LineLayer (Z from a third coordinate when every vertex has one).
 *  The road class of each line comes from `classField`, else from the first of ROAD_CLASS_FIELDS
 *  that some feature carries; access flags from OSM-style tags (foot, access, route=ferry). When
 *  every line carries its OSM node ids (`osm_nodes`), lines join only where they share a node
 *  (a bridge stays apart from the road under it), as when read from the OSM file. */
export function linesFromFeatures(fc: FeatureCollection, classField?: string): LineLayer {
  const layer = lineLayer(linePartsOf(fc), attributesOf(fc), classField);
  const nodeId = osmNodeIds(fc);
  return nodeId ? { ...layer, nodeId } : layer;
}

/** A LineLayer from lines and their features' attributes (see linesFromFeatures). */
export function lineLayer(parts: LineParts, a: Attributes, classField?: string): LineLayer {
  const { featureLineStart } = parts;
  const lines = parts.lineStart.length - 1;
  const lineClass = new Uint16Array(lines),
    lineFlags = new Uint8Array(lines);
  const field =
    classField ??
    ROAD_CLASS_FIELDS.find((k) => {
      const v = a.column(k);
      for (let i = 0; i < a.count; i++) if (v(i) != null) return true;
      return false;
    });
  const classOf = field !== undefined ? a.column(field) : () => undefined;
  const tagged = ACCESS_TAGS.filter((k) => a.has(k));
  const tagOf = tagged.map((k) => a.column(k));
  const classNames = [''],
    classIndex = new Map([['', 0]]);
  let anyFlags = false;
  for (let i = 0; i < a.count; i++) {
    const v = classOf(i);
    const value = v != null ? String(v).trim() : '';
    if (!classIndex.has(value)) {
      classIndex.set(value, classNames.length);
      classNames.push(value);
    }
    const cls = classIndex.get(value)!;
    // Tags as one record only where a feature may carry some (most files carry none).
    let flags = 0;
    if (tagged.length) {
      const tags: Record<string, unknown> = {};
      tagged.forEach((k, j) => (tags[k] = tagOf[j](i)));
      flags = accessFlags(tags);
    }
    if (flags) anyFlags = true;
    lineClass.fill(cls, featureLineStart[i], featureLineStart[i + 1]);
    lineFlags.fill(flags, featureLineStart[i], featureLineStart[i + 1]);
  }
  return {
    coords: parts.coords,
    lineStart: parts.lineStart,
    ...(parts.z ? { z: parts.z } : {}),
    ...(classNames.length > 1 ? { lineClass, classNames } : {}),
    ...(anyFlags ? { lineFlags } : {}),
  };
}
