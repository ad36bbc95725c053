// The whole project as one file (`*.scp.json`): imported layers as GeoJSON features in WGS84,
// mappings, settings and what-if edits. Reading checks the shape strictly, so a wrong or damaged file is
// refused whole and the open project stays as it was.
import type { Feature } from 'geojson';
import { parseCrsName, type Crs } from '../io/crs';
import { LAYER_ROLES, type FieldMapping, type ImportedLayer, type LayerRole, type Project } from './project';
import { isType, type Settings } from './settings';
import type { SitingEdits } from './sitingClient';

export const PROJECT_FORMAT = 'service-circle-project';
export const PROJECT_EXTENSION = '.scp.json';

/** Why a project file was refused. */
export class ProjectFileError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'ProjectFileError';
  }
}

/** The project as the text of a `.scp.json` file. */
export function projectToJson(p: Project): string {
  return JSON.stringify({ format: PROJECT_FORMAT, ...p });
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(detail: string): never {
  throw new ProjectFileError(detail);
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

function checkMapping(v: unknown, where: string, role?: LayerRole): FieldMapping {
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
      if (typeof code !== 'string' || (code !== '' && !isType(code))) fail(`${where}.typeValues.${value}`);
    }
    m.typeValues = { ...(v.typeValues as Record<string, string>) };
  }
  return m;
}

function checkFeatures(v: unknown, where: string): Feature[] {
  if (!Array.isArray(v)) fail(`${where}.features`);
  v.forEach((f, i) => {
    if (!isObj(f) || f.type !== 'Feature' || !isObj(f.geometry) || typeof f.geometry.type !== 'string' || !Array.isArray(f.geometry.coordinates)
      || (f.properties !== null && !isObj(f.properties))) fail(`${where}.features[${i}]`);
  });
  return v as Feature[];
}

function checkSettings(v: unknown): Settings | undefined {
  if (v === undefined) return undefined;
  if (!isObj(v) || typeof v.type !== 'string' || !Array.isArray(v.specs) || typeof v.detour !== 'number') fail('settings');
  for (const [i, s] of v.specs.entries()) {
    if (!isObj(s) || typeof s.code !== 'string' || !isType(s.code) || typeof s.minutes !== 'number' || typeof s.speedKmh !== 'number'
      || typeof s.targetShare !== 'number' || typeof s.mode !== 'string') fail(`settings.specs[${i}]`);
  }
  return v as unknown as Settings;
}

function checkEdits(v: unknown): SitingEdits | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v) || typeof v.type !== 'string' || !isType(v.type) || !Array.isArray(v.edits)) fail('edits');
  const finite = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  v.edits.forEach((e, i) => {
    const ok = isObj(e) && (
      (e.op === 'add' && finite(e.lon) && finite(e.lat))
      || (e.op === 'move' && Number.isInteger(e.id) && finite(e.lon) && finite(e.lat))
      || (e.op === 'delete' && Number.isInteger(e.id)));
    if (!ok) fail(`edits.edits[${i}]`);
  });
  return v as unknown as SitingEdits;
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
  const layers: Project['layers'] = {};
  for (const [role, l] of Object.entries(v.layers)) {
    const where = `layers.${role}`;
    if (!LAYER_ROLES.includes(role as LayerRole) || !isObj(l) || typeof l.file !== 'string') fail(where);
    const layer: ImportedLayer = {
      role: role as LayerRole, file: l.file, crs: checkCrs(l.crs, where),
      mapping: checkMapping(l.mapping, `${where}.mapping`, role as LayerRole), features: checkFeatures(l.features, where),
    };
    layers[role as LayerRole] = layer;
  }
  const mappings: Record<string, FieldMapping> = {};
  for (const [key, m] of Object.entries(v.mappings)) mappings[key] = checkMapping(m, `mappings.${key}`);
  const settings = checkSettings(v.settings);
  const edits = checkEdits(v.edits);
  return { version: 1, layers, mappings, ...(settings ? { settings } : {}), ...(edits ? { edits } : {}) };
}
