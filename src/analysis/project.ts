// The planner's project: layers imported from their own files (kept as WGS84 features with
// the field mapping they were imported with), the mappings remembered per file, and settings.
// Imported layers replace the demo layer of the same role; everything else stays demo data.
import type { Feature, FeatureCollection } from 'geojson';
import { inRange } from '../core/limits';
import type { Crs } from '../io/crs';
import type { Settings } from './settings';
import type { SitingEdits } from './sitingClient';
import { matchFacilityType } from '../core/type-words';
import type { Scenarios } from '../core/scenario/scenarios';
import type { ProjectCatalogue } from './projectCatalogue';
import { BUILT_IN_TYPES, type Catalogue } from '../core/catalogue';
import { DEFAULT_AREA_PER_HOUSEHOLD_M2 } from '../core/demand/buildings';
import { PERSONS_PER_HOUSEHOLD } from '../core/demand/census';

/** Which app layer an imported file becomes (a road network: lines, its class and access read
 *  from the lines' own tags, io/features.ts linesFromFeatures; barriers: lines a straight path
 *  may not cross, core/travel/barriers.ts). */
export type LayerRole = 'communities' | 'households' | 'facilities' | 'network' | 'barriers';
export const LAYER_ROLES: LayerRole[] = ['communities', 'households', 'facilities', 'network', 'barriers'];

/** Count fields a layer may carry (households weight, residents and groups). */
export const COUNT_FIELDS = ['households', 'population', 'elderly', 'infants', 'disabled'] as const;

/** Which file field holds what; absent = not in the file. */
export interface FieldMapping {
  role: LayerRole;
  code?: string;
  name?: string;
  /** Facilities: the field holding the type, and each distinct value → catalogue code ('' = leave out). */
  type?: string;
  typeValues?: Record<string, string>;
  households?: string;
  population?: string;
  elderly?: string;
  infants?: string;
  disabled?: string;
  /** Households from single counts (a population grid, building footprints): persons per
   *  household; when set, households = population ÷ this and groups follow the census shares. */
  householdSize?: number;
  /** Building footprints: floor area per household (m²) and the field holding floors. */
  areaPerHousehold?: number;
  floors?: string;
}

export interface ImportedLayer {
  role: LayerRole;
  /** File name as dropped. */
  file: string;
  /** The CRS the file was read in (for exporting back). */
  crs: Crs;
  mapping: FieldMapping;
  /** Features in WGS84 degrees, properties as in the file. */
  features: Feature[];
}

export interface Project {
  version: 1;
  layers: Partial<Record<LayerRole, ImportedLayer>>;
  /** Mappings remembered per file, keyed by mappingKey(). */
  mappings: Record<string, FieldMapping>;
  settings?: Settings;
  /** What-if edits of older project files (one type, by session index): turned into a scenario
   *  on load (core/scenario/from-edits.ts) and not written again. */
  edits?: SitingEdits;
  /** The scenarios (方案): named lists of facility actions over the baseline, and the active one. */
  scenarios?: Scenarios;
  /** The facility types: a preset and the planner's own (the Honghe plan's when absent). */
  catalogue?: ProjectCatalogue;
}

export function emptyProject(): Project {
  return { version: 1, layers: {}, mappings: {} };
}

/** Field names of a layer, in first-seen order. */
export function fieldsOf(features: Feature[]): string[] {
  const seen = new Set<string>();
  for (const f of features.slice(0, 1000)) for (const k of Object.keys(f.properties ?? {})) seen.add(k);
  return [...seen];
}

/** Key a mapping is remembered under: file name plus its sorted field names (a re-exported
 *  file with other columns is a different file). */
export function mappingKey(file: string, fields: string[]): string {
  return `${file}|${[...fields].sort().join(',')}`;
}

const PATTERNS: Record<Exclude<keyof FieldMapping, 'role' | 'typeValues' | 'householdSize' | 'areaPerHousehold'>, RegExp> = {
  code: /^(code|id|编码|编号|代码|区划代码|行政区划代码|村代码|fid|objectid)$/i,
  name: /^(name|名称|名字|村名|社区名称|村社区|设施名称|机构名称|站点名称|单位名称|xzqmc|mc)$|名称$/i,
  type: /^(type|类型|类别|设施类型|种类|kind|category)$|类型$/i,
  households: /^(households|户数|总户数|hh|hu)$|户数$/i,
  population: /^(population|人口|人口数|总人口|常住人口|户籍人口|pop|rk)$|人口$/i,
  elderly: /^(elderly|老年人|老人|老年人口|60岁以上|60岁及以上)$|老年|60岁/i,
  infants: /^(infants|婴幼儿|0-3岁|0～3岁|0-3岁婴幼儿)$|婴幼儿/i,
  disabled: /^(disabled|残疾人|残疾人数)$|残疾/i,
  floors: /^(floors|层数|楼层数|storeys|levels|building:levels|cs)$|层数$/i,
};

/** A first guess at the mapping from field names (Chinese or English), for the user to confirm. */
export function guessMapping(role: LayerRole, fields: string[], features: Feature[], catalogue: Catalogue = BUILT_IN_TYPES): FieldMapping {
  const m: FieldMapping = { role };
  for (const key of Object.keys(PATTERNS) as (keyof typeof PATTERNS)[]) {
    const hit = fields.find((f) => PATTERNS[key].test(f.trim()));
    if (hit !== undefined) m[key] = hit;
  }
  if (role === 'facilities' && m.type) m.typeValues = guessTypeValues(features, m.type, catalogue);
  if (role !== 'facilities') {
    delete m.type;
  }
  if (role !== 'households') delete m.floors;
  const g = features[0]?.geometry?.type;
  if (role === 'households' && (g === 'Polygon' || g === 'MultiPolygon')) {
    m.householdSize = PERSONS_PER_HOUSEHOLD;
    m.areaPerHousehold = DEFAULT_AREA_PER_HOUSEHOLD_M2;
  }
  return m;
}

/** Distinct values of `field` (as text), at most `max`. */
export function distinctValues(features: Feature[], field: string, max = 200): string[] {
  const out = new Set<string>();
  for (const f of features) {
    const v = f.properties?.[field];
    out.add(v === undefined || v === null ? '' : String(v).trim());
    if (out.size >= max) break;
  }
  return [...out];
}

/** Each distinct value of the type field → the catalogue code it seems to name ('' when none). */
export function guessTypeValues(features: Feature[], field: string, catalogue: Catalogue = BUILT_IN_TYPES): Record<string, string> {
  return Object.fromEntries(distinctValues(features, field).map((v) => [v, matchFacilityType(v, catalogue) ?? '']));
}

/** What went wrong turning a file's features into a layer; `feature` is 1-based. */
export class MappingError extends Error {
  constructor(
    readonly key:
      'no_field' | 'not_number' | 'no_code' | 'duplicate_code' | 'no_type' | 'nothing_left' | 'wrong_geometry' | 'no_overlap' | 'no_lines',
    readonly params: { feature?: number; field?: string; value?: string } = {},
  ) {
    super(`${key} ${JSON.stringify(params)}`);
    this.name = 'MappingError';
  }
}

function count(f: Feature, i: number, field: string): number {
  const v = f.properties?.[field];
  if (v === undefined || v === null || v === '') return 0;
  const x = typeof v === 'number' ? v : Number(String(v).replace(/[,，\s]/g, ''));
  // The same count rule as the command line's (core/limits.ts): no negative, no overflow to Infinity.
  if (inRange('count', x) === null) throw new MappingError('not_number', { feature: i + 1, field, value: String(v) });
  return x;
}

const text = (f: Feature, field: string | undefined) => {
  const v = field ? f.properties?.[field] : undefined;
  return v === undefined || v === null ? '' : String(v).trim();
};

const POLYGONAL = new Set(['Polygon', 'MultiPolygon']);
const POINTS = new Set(['Point', 'MultiPoint']);
const ANY_DEMAND = new Set([...POINTS, ...POLYGONAL]);
const LINES = new Set(['LineString', 'MultiLineString']);

/** The layer's features with the properties the app reads (code, name, type, counts), under
 *  the app's own names; throws MappingError naming the feature and field. */
export function canonicalFeatures(layer: ImportedLayer): FeatureCollection {
  const m = layer.mapping;
  // Households may be building footprints (polygons → demand at their centroids).
  const lines = m.role === 'network' || m.role === 'barriers';
  const want = m.role === 'communities' ? POLYGONAL : lines ? LINES : m.role === 'households' && m.householdSize ? ANY_DEMAND : POINTS;
  const counts = COUNT_FIELDS.filter((k) => m[k]);
  const out: Feature[] = [];
  const codes = new Set<string>();
  // A network keeps its lines' own tags (class, access, OSM node ids): no fields to map.
  if (lines) {
    if (!layer.features.some((f) => f.geometry && want.has(f.geometry.type))) throw new MappingError('no_lines', { value: layer.file });
    layer.features.forEach((f, i) => {
      if (!f.geometry || !want.has(f.geometry.type))
        throw new MappingError('wrong_geometry', { feature: i + 1, value: f.geometry?.type ?? 'null' });
    });
    return { type: 'FeatureCollection', features: layer.features };
  }
  layer.features.forEach((f, i) => {
    if (!f.geometry || !want.has(f.geometry.type)) {
      throw new MappingError('wrong_geometry', { feature: i + 1, value: f.geometry?.type ?? 'null' });
    }
    const props: Record<string, string | number> = {};
    const name = text(f, m.name);
    if (m.role === 'communities') {
      const code = text(f, m.code);
      if (!code) throw new MappingError('no_code', { feature: i + 1, field: m.code ?? '' });
      if (codes.has(code)) throw new MappingError('duplicate_code', { feature: i + 1, field: m.code, value: code });
      codes.add(code);
      props.code = code;
      props.name = name || code;
      props.urban = /(社区|居委会)$/.test(name) ? 1 : 0;
      // A 12-digit statistical code holds its township (9) and county (6) codes: the county
      // tables and township filters then work for imported villages too.
      if (/^\d{12}$/.test(code)) {
        props.township_code = code.slice(0, 9);
        props.county_code = code.slice(0, 6);
      }
    } else if (m.role === 'facilities') {
      if (!m.type) throw new MappingError('no_field', { field: 'type' });
      const code = m.typeValues?.[text(f, m.type)] ?? '';
      if (!code) return; // a value the user left unmapped: not a catalogue facility
      props.type = code;
      props.id = text(f, m.code) || String(i + 1);
      props.name = name;
    } else if (name) props.name = name;
    for (const k of counts) props[k] = count(f, i, m[k]!);
    if (m.role === 'households' && m.floors) props.floors = count(f, i, m.floors);
    out.push({ type: 'Feature', geometry: f.geometry, properties: props });
  });
  if (!out.length) throw new MappingError(m.role === 'facilities' ? 'no_type' : 'nothing_left');
  return { type: 'FeatureCollection', features: out };
}

/** The project without its imported layer of `role` (the demo's, if any, shows again). */
export function withoutLayer(p: Project, role: LayerRole): Project {
  const { [role]: _gone, ...layers } = p.layers;
  return { ...p, layers };
}

/** The project with `layer` in place of its role's layer and its mapping remembered. */
export function withLayer(p: Project, layer: ImportedLayer): Project {
  const key = mappingKey(layer.file, fieldsOf(layer.features));
  // Old what-if edits name facilities by their place in the old layers: they do not carry over.
  // Scenarios name them by id and stay (an id the new layer lacks is reported when applied).
  const { edits: _stale, ...rest } = p;
  return { ...rest, layers: { ...p.layers, [layer.role]: layer }, mappings: { ...p.mappings, [key]: layer.mapping } };
}
