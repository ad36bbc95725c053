// The whole project as one file (`*.scp.json`): imported layers as GeoJSON features in WGS84,
// mappings, settings, scenarios (and older files' what-if edits). Reading checks every field (shapes,
// codes, numbers against core/limits.ts, coordinates in China, the layer conversion itself), so a wrong or damaged file
// is refused whole and the open project stays as it was.
import { osmNodes } from '../io/features';
import type { Feature } from 'geojson';
import { parseCrsName, type Crs } from '../io/crs';
import type { Catalogue, TravelMode } from '../core/catalogue';
import { CatalogueError, checkTypes, toFileType } from '../core/catalogue-file';
import { activeCatalogue, type ProjectCatalogue } from './projectCatalogue';
import { CATALOGUE_PRESETS } from '../core/catalogue-presets';
import { isDemandMeasure } from '../core/coverage/demand';
import { parseRoadClassTable, TRAVEL_PROFILES, type RoadClassTable, type TravelProfile } from '../core/travel/road-class';
import { inRange } from '../core/limits';
import { eachPosition, isWellFormed } from '../io/positions';
import { inBox, PLAUSIBLE_BBOX } from '../io/region';
import { LAYER_ROLES, MappingError, type FieldMapping, type ImportedLayer, type LayerRole, type Project } from './project';
import { checkLayer, checkOverlap } from './projectApply';
import { defaultSettings, isType, type Settings } from './settings';
import type { SitingEdits } from './sitingClient';
import type { FacilityAction, Scenario } from '../core/scenario/scenario';
import type { Scenarios } from '../core/scenario/scenarios';

export const PROJECT_FORMAT = 'service-circle-project';
export const PROJECT_EXTENSION = '.scp.json';

/** Why a project file was refused. */
export class ProjectFileError extends Error {
  /** `cause`: the core check that refused the value (e.g. a RoadClassError), for the UI's words. */
  constructor(
    readonly detail: string,
    cause?: unknown,
  ) {
    super(detail, cause === undefined ? undefined : { cause });
    this.name = 'ProjectFileError';
  }
}

/** The project as the text of a `.scp.json` file. */
export function projectToJson(p: Project): string {
  return JSON.stringify({ format: PROJECT_FORMAT, ...p });
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(detail: string, cause?: unknown): never {
  throw new ProjectFileError(detail, cause);
}

function checkCrs(v: unknown, where: string): Crs {
  if (!isObj(v) || typeof v.kind !== 'string') fail(`${where}.crs`);
  if (v.kind === 'gk') {
    const { cm, falseEasting, zoneWidth } = v;
    if (typeof cm !== 'number' || typeof falseEasting !== 'number' || (zoneWidth !== 3 && zoneWidth !== 6)) fail(`${where}.crs`);
    return { kind: 'gk', cm, falseEasting, zoneWidth };
  }
  const crs = parseCrsName(v.kind);
  if (!crs) fail(`${where}.crs`);
  return crs;
}

function checkMapping(v: unknown, where: string, known: Set<string>, role?: LayerRole): FieldMapping {
  if (!isObj(v) || !LAYER_ROLES.includes(v.role as LayerRole) || (role && v.role !== role)) fail(`${where}.role`);
  const m: FieldMapping = { role: v.role as LayerRole };
  for (const k of ['code', 'name', 'type', 'households', 'population', 'elderly', 'infants', 'disabled'] as const) {
    if (v[k] === undefined) continue;
    if (typeof v[k] !== 'string') fail(`${where}.${k}`);
    m[k] = v[k] as string;
  }
  if (v.typeValues !== undefined) {
    if (!isObj(v.typeValues)) fail(`${where}.typeValues`);
    for (const [value, code] of Object.entries(v.typeValues)) {
      // A type of another preset (picked after the import) is left out when applied, not refused.
      if (typeof code !== 'string' || (code !== '' && !known.has(code))) fail(`${where}.typeValues.${value}`);
    }
    m.typeValues = { ...(v.typeValues as Record<string, string>) };
  }
  return m;
}

const GEOMETRY: Record<LayerRole, string[]> = {
  communities: ['Polygon', 'MultiPolygon'],
  households: ['Point', 'MultiPoint'],
  facilities: ['Point', 'MultiPoint'],
  network: ['LineString', 'MultiLineString'],
  barriers: ['LineString', 'MultiLineString'],
};

/** Every feature a GeoJSON Feature of the role's geometry, each position a finite WGS84 point
 *  in China (the import's own region rule), properties plain values. */
function checkFeatures(v: unknown, where: string, role: LayerRole): Feature[] {
  if (!Array.isArray(v) || v.length === 0) fail(`${where}.features`);
  v.forEach((f, i) => {
    const at = `${where}.features[${i}]`;
    if (
      !isObj(f) ||
      f.type !== 'Feature' ||
      !isWellFormed(f.geometry) ||
      !GEOMETRY[role].includes(f.geometry.type) ||
      (f.properties !== null && f.properties !== undefined && !isObj(f.properties))
    )
      fail(at);
    let outside: string | null = null;
    eachPosition(f.geometry, (lon, lat) => {
      if (outside === null && !(Number.isFinite(lon) && Number.isFinite(lat) && inBox(PLAUSIBLE_BBOX, lon, lat)))
        outside = `${lon}, ${lat}`;
    });
    if (outside !== null) fail(`${at}: ${outside}`);
    for (const [k, x] of Object.entries(f.properties ?? {})) {
      // A network's lines may carry their OSM node ids (one whole number per vertex).
      if (x !== null && typeof x === 'object' && !(role === 'network' && k === 'osm_nodes' && osmNodes(f as unknown as Feature)))
        fail(`${at}.properties.${k}`);
    }
  });
  return v as Feature[];
}

const MODES: TravelMode[] = ['straight', 'network', 'slope'];

/** Settings rebuilt from the catalogue defaults, each field the file gives checked against its
 *  range (core/limits.ts); a type the file lacks keeps its default. */
function checkSettings(v: unknown, cat: Catalogue): Settings | undefined {
  if (v === undefined) return undefined;
  if (!isObj(v) || !Array.isArray(v.specs)) fail('settings');
  if (typeof v.type !== 'string' || !isType(v.type, cat)) fail(`settings.type: ${JSON.stringify(v.type)?.slice(0, 40)}`);
  const detour = inRange('detour', v.detour);
  if (detour === null) fail(`settings.detour: ${String(v.detour)}`);
  const specs = defaultSettings(cat).specs;
  const seen = new Set<string>();
  for (const [i, s] of v.specs.entries()) {
    const at = `settings.specs[${i}]`;
    if (!isObj(s) || typeof s.code !== 'string' || !isType(s.code, cat) || seen.has(s.code)) fail(`${at}.code`);
    seen.add(s.code);
    if (!MODES.includes(s.mode as TravelMode)) fail(`${at}.mode`);
    if (typeof s.demand !== 'string' || !isDemandMeasure(s.demand)) fail(`${at}.demand`);
    const nums = {
      speedKmh: inRange('speedKmh', s.speedKmh),
      minutes: inRange('minutes', s.minutes),
      targetShare: inRange('targetShare', s.targetShare),
    };
    for (const [k, x] of Object.entries(nums)) if (x === null) fail(`${at}.${k}: ${String(s[k])}`);
    const k = specs.findIndex((t) => t.code === s.code);
    // Travel profile: older project files have none (the catalogue's default stays).
    if (s.profile !== undefined && !TRAVEL_PROFILES.includes(s.profile as TravelProfile)) fail(`${at}.profile`);
    const profile = (s.profile as TravelProfile | undefined) ?? specs[k].profile;
    specs[k] = {
      code: s.code,
      mode: s.mode as TravelMode,
      ...(profile ? { profile } : {}),
      demand: s.demand,
      speedKmh: nums.speedKmh!,
      minutes: nums.minutes!,
      targetShare: nums.targetShare!,
    };
  }
  // The road-class table: older files have none (the default); checked as the CLI's --road-profile.
  let roadClasses: RoadClassTable | undefined;
  if (v.roadClasses !== undefined) {
    try {
      roadClasses = parseRoadClassTable(v.roadClasses);
    } catch (e) {
      fail(`settings.roadClasses: ${(e as Error).message}`, e);
    }
  }
  return { type: v.type, specs, detour, ...(roadClasses ? { roadClasses } : {}) };
}

/** Most what-if edits a project may carry (a session of clicks, not a data set). */
const MAX_EDITS = 10_000;

function checkEdits(v: unknown, cat: Catalogue): SitingEdits | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v) || typeof v.type !== 'string' || !isType(v.type, cat) || !Array.isArray(v.edits) || v.edits.length > MAX_EDITS)
    fail('edits');
  const place = (e: Record<string, unknown>) =>
    inRange('lon', e.lon) !== null && inRange('lat', e.lat) !== null && inBox(PLAUSIBLE_BBOX, e.lon as number, e.lat as number);
  const id = (x: unknown) => Number.isSafeInteger(x) && (x as number) >= 0;
  const edits = v.edits.map((e, i) => {
    const ok = isObj(e) && ((e.op === 'add' && place(e)) || (e.op === 'move' && id(e.id) && place(e)) || (e.op === 'delete' && id(e.id)));
    if (!ok) fail(`edits.edits[${i}]`);
    return e.op === 'delete'
      ? { op: e.op, id: e.id }
      : e.op === 'add'
        ? { op: e.op, lon: e.lon, lat: e.lat }
        : { op: e.op, id: e.id, lon: e.lon, lat: e.lat };
  });
  return { type: v.type, edits } as SitingEdits;
}

/** Most scenarios, and actions per scenario, a project may carry. */
const MAX_SCENARIOS = 100;
const TEXT_MAX = 200;

function checkScenarios(v: unknown, known: Set<string>): Scenarios | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v) || !Array.isArray(v.list) || v.list.length > MAX_SCENARIOS) fail('scenarios');
  const text = (x: unknown, where: string, required = false): string | undefined => {
    if (x === undefined && !required) return undefined;
    if (typeof x !== 'string' || x.length > TEXT_MAX || (required && !x.trim())) fail(where);
    return x;
  };
  const place = (a: Record<string, unknown>, where: string) => {
    if (inRange('lon', a.lon) === null || inRange('lat', a.lat) === null || !inBox(PLAUSIBLE_BBOX, a.lon as number, a.lat as number))
      fail(`${where}.lon/lat`);
    return { lon: a.lon as number, lat: a.lat as number };
  };
  const keys = new Set<string>();
  const list = v.list.map((sc, k): Scenario => {
    const at = `scenarios.list[${k}]`;
    if (!isObj(sc) || !Array.isArray(sc.actions) || sc.actions.length > MAX_EDITS) fail(at);
    const key = text(sc.key, `${at}.key`, true)!;
    if (keys.has(key)) fail(`${at}.key`);
    keys.add(key);
    const actions = sc.actions.map((a, i): FacilityAction => {
      const where = `${at}.actions[${i}]`;
      if (!isObj(a)) fail(where);
      const note = text(a.note, `${where}.note`),
        withNote = note ? { note } : {};
      if (a.action === 'add') {
        if (typeof a.type !== 'string' || !known.has(a.type)) fail(`${where}.type`);
        const id = text(a.id, `${where}.id`),
          name = text(a.name, `${where}.name`);
        return { action: 'add', type: a.type, ...place(a, where), ...(id ? { id } : {}), ...(name ? { name } : {}), ...withNote };
      }
      const id = text(a.id, `${where}.id`, true)!;
      if (a.action === 'move') return { action: 'move', id, ...place(a, where), ...withNote };
      if (a.action === 'remove') return { action: 'remove', id, ...withNote };
      return fail(`${where}.action`);
    });
    return { key, name: text(sc.name, `${at}.name`, true)!, actions };
  });
  const active = v.active === null || v.active === undefined ? null : text(v.active, 'scenarios.active')!;
  return { list, active: active !== null && keys.has(active) ? active : null };
}

/** Parses a `.scp.json` text; throws ProjectFileError naming the first bad part. */
export function projectFromJson(text: string): Project {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    fail(`JSON: ${(e as Error).message}`);
  }
  if (!isObj(v) || v.format !== PROJECT_FORMAT) fail('format');
  if (v.version !== 1) fail(`version ${String(v.version)}`);
  if (!isObj(v.layers) || !isObj(v.mappings)) fail('layers');
  const catalogue = checkCatalogue(v.catalogue);
  const cat = activeCatalogue(catalogue);
  // Codes a facility mapping or a scenario may name: the project's types and every preset's.
  const known = new Set([...cat, ...CATALOGUE_PRESETS.flatMap((p) => p.types)].map((t) => t.code));
  const layers: Project['layers'] = {};
  for (const [role, l] of Object.entries(v.layers)) {
    const where = `layers.${role}`;
    if (!LAYER_ROLES.includes(role as LayerRole) || !isObj(l) || typeof l.file !== 'string') fail(where);
    const layer: ImportedLayer = {
      role: role as LayerRole,
      file: l.file.slice(0, 255),
      crs: checkCrs(l.crs, where),
      mapping: checkMapping(l.mapping, `${where}.mapping`, known, role as LayerRole),
      features: checkFeatures(l.features, where, role as LayerRole),
    };
    // The same conversion the app applies (codes, counts, type values): a layer that would fail
    // there is refused here, before anything the user has is replaced.
    try {
      checkLayer(layer, cat);
    } catch (e) {
      if (!(e instanceof MappingError)) throw e;
      fail(
        `${where}: ${e.key}${e.params.feature !== undefined ? ` feature ${e.params.feature}` : ''}${e.params.field ? ` "${e.params.field}"` : ''}${e.params.value !== undefined ? ` (${e.params.value.slice(0, 40)})` : ''}`,
      );
    }
    layers[role as LayerRole] = layer;
  }
  if (layers.communities && layers.households) {
    try {
      checkOverlap(layers.communities, layers.households);
    } catch (e) {
      if (!(e instanceof MappingError)) throw e;
      fail('layers: no household lies inside a community');
    }
  }
  const mappings: Record<string, FieldMapping> = {};
  for (const [key, m] of Object.entries(v.mappings)) mappings[key] = checkMapping(m, `mappings.${key}`, known);
  const settings = checkSettings(v.settings, cat);
  const edits = checkEdits(v.edits, cat);
  const scenarios = checkScenarios(v.scenarios, known);
  return {
    version: 1,
    layers,
    mappings,
    ...(settings ? { settings } : {}),
    ...(edits ? { edits } : {}),
    ...(scenarios ? { scenarios } : {}),
    ...(catalogue ? { catalogue } : {}),
  };
}

/** The project's catalogue: a known preset and own types passing the catalogue file's check. */
function checkCatalogue(v: unknown): ProjectCatalogue | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v) || typeof v.preset !== 'string' || !Array.isArray(v.types)) fail('catalogue');
  try {
    // Written back as the check read them (nothing but the catalogue file's fields).
    const c = { preset: v.preset, types: checkTypes(v.types).map(toFileType) };
    activeCatalogue(c);
    return c;
  } catch (e) {
    fail(`catalogue${e instanceof CatalogueError ? `.${e.message}` : `.preset: ${v.preset.slice(0, 40)}`}`);
  }
}
