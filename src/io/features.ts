// FeatureCollection → the core's columnar layers. Field names are options (real files name
// things differently); every error names the feature index and the field.
import type { Feature, FeatureCollection, Position } from 'geojson';
import { FACILITY_TYPES, typeIndex } from '../core/catalogue.ts';
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

const HOUSEHOLD_DEFAULTS: Required<HouseholdFields> = {
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
  const n = fc.features.length;
  const given = new Float32Array(n).fill(NaN),
    floors = new Float32Array(n).fill(NaN);
  fc.features.forEach((f, i) => {
    given[i] = count(f, i, o.households) ?? NaN;
    floors[i] = count(f, i, o.floors) ?? NaN;
  });
  const b = buildingDemand(polygonsFromFeatures(fc, 'households'), given, floors, e.areaPerHouseholdM2 ?? DEFAULT_AREA_PER_HOUSEHOLD_M2);
  const layer: HouseholdLayer = { count: n, coords: b.coords, households: b.households, community: assignToAreas(b.coords, communities) };
  return estimateDemand(layer, communities.urban, e.householdSize ?? PERSONS_PER_HOUSEHOLD, 'households');
}

function num(f: Feature, i: number, field: string, layer: string): number | undefined {
  const v = f.properties?.[field];
  if (v === undefined || v === null || v === '') return undefined;
  const x = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(x)) throw new FeatureError(layer, i, `field "${field}" is not a number (${JSON.stringify(v).slice(0, 60)})`);
  return x;
}

/** A count field (households, residents, elderly…): a number within RANGES.count, never
 *  negative and never so large it turns to Infinity as Float32. */
function count(f: Feature, i: number, field: string): number | undefined {
  const x = num(f, i, field, 'households');
  if (x !== undefined && inRange('count', x) === null) {
    throw new FeatureError('households', i, `field "${field}" must be a count from ${RANGES.count.min} to ${RANGES.count.max}, got ${x}`);
  }
  return x;
}

function str(f: Feature, field: string): string {
  const v = f.properties?.[field];
  return v === undefined || v === null ? '' : String(v);
}

function point(f: Feature, i: number, layer: string): Position {
  const g = f.geometry;
  if (g?.type === 'Point') return g.coordinates;
  if (g?.type === 'MultiPoint' && g.coordinates.length === 1) return g.coordinates[0];
  throw new FeatureError(layer, i, `expected a Point geometry, got ${g ? g.type : 'null'}`);
}

/** Household points; `households` weight defaults to 1; group counts become arrays when any
 *  feature has the field (missing values count 0). */
export function householdsFromFeatures(fc: FeatureCollection, communities: AreaLayer, fields: HouseholdFields = {}): HouseholdLayer {
  const o = { ...HOUSEHOLD_DEFAULTS, ...fields };
  const n = fc.features.length;
  const coords = new Float64Array(2 * n);
  const households = new Float32Array(n);
  const groups = ['population', 'elderly', 'infants', 'disabled'] as const;
  const arrays: Partial<Record<(typeof groups)[number], Float32Array>> = {};
  for (const g of groups) if (fc.features.some((f) => f.properties && o[g] in f.properties)) arrays[g] = new Float32Array(n);
  const codeIndex = new Map(communities.codes.map((c, i) => [c, i]));
  const claimed = new Int32Array(n).fill(-1);
  fc.features.forEach((f, i) => {
    const p = point(f, i, 'households');
    coords[2 * i] = p[0];
    coords[2 * i + 1] = p[1];
    households[i] = count(f, i, o.households) ?? 1;
    for (const g of groups) {
      const a = arrays[g];
      if (a) a[i] = count(f, i, o[g]) ?? 0;
    }
    claimed[i] = codeIndex.get(str(f, o.community)) ?? -1;
  });
  return { count: n, coords, households, community: assignToAreas(coords, communities, claimed), ...arrays };
}

export interface FacilityFields {
  type?: string;
  id?: string;
  name?: string;
  area?: string;
}

/** Facility points; `type` is a catalogue code or a value `typeValues` (or, by default, the
 *  synonym table in core/type-words.ts) maps onto one. A value matching no type is an error, or,
 *  when `skipped` is given, left out and counted there (then an error only when none matches). */
export function facilitiesFromFeatures(
  fc: FeatureCollection,
  fields: FacilityFields = {},
  typeValues: (v: string) => string | null = matchFacilityType,
  skipped?: Map<string, number>,
): FacilityLayer {
  const o = { type: 'type', id: 'id', name: 'name', area: 'area_m2', ...fields };
  const n = fc.features.length;
  const coords: number[] = [],
    type: number[] = [],
    area: number[] = [];
  const ids: string[] = [],
    names: string[] = [];
  fc.features.forEach((f, i) => {
    const p = point(f, i, 'facilities');
    const value = str(f, o.type),
      t = typeIndex(typeValues(value) ?? '');
    if (t < 0) {
      if (!skipped)
        throw new FeatureError(
          'facilities',
          i,
          `field "${o.type}": "${value.slice(0, 60)}" is not a facility type (codes: ${FACILITY_TYPES.map((x) => x.code).join(', ')})`,
        );
      skipped.set(value, (skipped.get(value) ?? 0) + 1);
      return;
    }
    coords.push(p[0], p[1]);
    type.push(t);
    ids.push(str(f, o.id) || String(i));
    names.push(str(f, o.name));
    area.push(num(f, i, o.area, 'facilities') ?? NaN);
  });
  if (skipped && !type.length && n) {
    throw new FeatureError(
      'facilities',
      0,
      `no value of field "${o.type}" is a facility type (${[...skipped.keys()]
        .slice(0, 5)
        .map((v) => `"${v.slice(0, 30)}"`)
        .join(', ')}…; codes: ${FACILITY_TYPES.map((x) => x.code).join(', ')})`,
    );
  }
  return { count: type.length, coords: Float64Array.from(coords), type: Uint8Array.from(type), ids, names, area: Float32Array.from(area) };
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
  const first = fc.features[0]?.properties ?? {};
  const parent = fields.parent ?? ['township_code', 'county_code', 'parent_code'].find((k) => k in first) ?? '';
  const o = { code: 'code', name: 'name', county: 'county_code', urban: 'urban', ...fields };
  const n = fc.features.length;
  const codes: string[] = [],
    names: string[] = [],
    parentCodes: string[] = [],
    countyCodes: string[] = [];
  const urban = new Uint8Array(n);
  const polygons = polygonsFromFeatures(fc, layer);
  const seen = new Set<string>();
  fc.features.forEach((f, i) => {
    const code = str(f, o.code);
    if (!code) throw new FeatureError(layer, i, `field "${o.code}" is missing`);
    // Households are placed by code: two areas with one code would make one of them empty.
    if (seen.has(code)) throw new FeatureError(layer, i, `field "${o.code}": code "${code.slice(0, 40)}" appears twice`);
    seen.add(code);
    codes.push(code);
    names.push(str(f, o.name) || code);
    parentCodes.push(parent ? str(f, parent) : '');
    countyCodes.push(str(f, o.county));
    urban[i] = (num(f, i, o.urban, layer) ?? 0) ? 1 : 0;
  });
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

/** LineStrings/MultiLineStrings → LineLayer (Z from a third coordinate when every vertex has one).
 *  The road class of each line comes from `classField`, else from the first of ROAD_CLASS_FIELDS
 *  that some feature carries; access flags from OSM-style tags (foot, access, route=ferry). */
export function linesFromFeatures(fc: FeatureCollection, classField?: string): LineLayer {
  const xy: number[] = [],
    z: number[] = [],
    lineStart: number[] = [0],
    lineClass: number[] = [],
    lineFlags: number[] = [];
  const field = classField ?? ROAD_CLASS_FIELDS.find((k) => fc.features.some((f) => f.properties?.[k] != null));
  const classNames = [''],
    classIndex = new Map([['', 0]]);
  let hasZ = true,
    anyFlags = false;
  const addLine = (line: Position[], cls: number, flags: number) => {
    for (const p of line) {
      xy.push(p[0], p[1]);
      if (p.length > 2) z.push(p[2]);
      else hasZ = false;
    }
    lineStart.push(xy.length / 2);
    lineClass.push(cls);
    lineFlags.push(flags);
  };
  fc.features.forEach((f, i) => {
    const g = f.geometry,
      props = f.properties ?? {};
    const value = field !== undefined && props[field] != null ? String(props[field]).trim() : '';
    if (!classIndex.has(value)) {
      classIndex.set(value, classNames.length);
      classNames.push(value);
    }
    const cls = classIndex.get(value)!,
      flags = accessFlags(props);
    if (flags) anyFlags = true;
    if (g?.type === 'LineString') addLine(g.coordinates, cls, flags);
    else if (g?.type === 'MultiLineString') g.coordinates.forEach((l) => addLine(l, cls, flags));
    else throw new FeatureError('network', i, `expected a LineString or MultiLineString, got ${g ? g.type : 'null'}`);
  });
  return {
    coords: Float64Array.from(xy),
    lineStart: Uint32Array.from(lineStart),
    ...(hasZ && z.length > 0 ? { z: Float32Array.from(z) } : {}),
    ...(classNames.length > 1 ? { lineClass: Uint16Array.from(lineClass), classNames } : {}),
    ...(anyFlags ? { lineFlags: Uint8Array.from(lineFlags) } : {}),
  };
}
