// A scenario file (points with an `action` per row) → the core's facility actions. Each row is
// `add` (新建, also when the field is absent or empty), `move` (迁建: to the row's position) or
// `remove` (撤并); move and remove name the facility by `id`. Errors are FeatureErrors naming the feature.
import type { Feature, FeatureCollection } from 'geojson';
import { BUILT_IN_TYPES, type Catalogue } from '../core/catalogue.ts';
import type { ActionKind, FacilityAction } from '../core/scenario/scenario.ts';
import { FeatureError, type FacilityFields } from './features.ts';
import { matchFacilityType } from '../core/type-words.ts';

export interface ScenarioFields extends FacilityFields {
  action?: string;
  note?: string;
}

const ACTION_WORDS: Record<string, ActionKind> = {
  '': 'add',
  add: 'add',
  新建: 'add',
  新增: 'add',
  move: 'move',
  迁建: 'move',
  迁移: 'move',
  remove: 'remove',
  撤并: 'remove',
  撤销: 'remove',
  删除: 'remove',
};

function text(f: Feature, field: string): string {
  const v = f.properties?.[field];
  return v === undefined || v === null ? '' : String(v).trim();
}

/** The actions of a scenario file, in row order. */
export function actionsFromFeatures(
  fc: FeatureCollection,
  fields: ScenarioFields = {},
  typeValues?: (v: string) => string | null,
  catalogue: Catalogue = BUILT_IN_TYPES,
): FacilityAction[] {
  const match = typeValues ?? ((v: string) => matchFacilityType(v, catalogue));
  const o = { action: 'action', type: 'type', id: 'id', name: 'name', area: 'area_m2', note: 'note', ...fields };
  return fc.features.map((f, i): FacilityAction => {
    const word = text(f, o.action),
      action = ACTION_WORDS[word.toLowerCase()];
    if (!action) throw new FeatureError('scenario', i, `field "${o.action}": "${word}" is not add, move or remove`);
    const g = f.geometry;
    const p = g?.type === 'Point' ? g.coordinates : g?.type === 'MultiPoint' && g.coordinates.length === 1 ? g.coordinates[0] : null;
    if (!p) throw new FeatureError('scenario', i, `expected a Point geometry, got ${g ? g.type : 'null'}`);
    const id = text(f, o.id),
      note = text(f, o.note),
      withNote = note ? { note } : {};
    if (action === 'add') {
      const value = text(f, o.type),
        type = match(value);
      if (!type)
        throw new FeatureError(
          'scenario',
          i,
          `field "${o.type}": "${value}" is not a facility type (codes: ${catalogue.map((x) => x.code).join(', ')})`,
        );
      const name = text(f, o.name),
        areaText = text(f, o.area),
        area = Number(areaText);
      if (areaText && !(Number.isFinite(area) && area >= 0))
        throw new FeatureError('scenario', i, `field "${o.area}": "${areaText}" is not an area in m²`);
      return {
        action,
        type,
        lon: p[0],
        lat: p[1],
        ...(id ? { id } : {}),
        ...(name ? { name } : {}),
        ...(areaText ? { area } : {}),
        ...withNote,
      };
    }
    if (!id) throw new FeatureError('scenario', i, `field "${o.id}" is empty: ${action} needs the id of an existing facility`);
    return action === 'move' ? { action, id, lon: p[0], lat: p[1], ...withNote } : { action, id, ...withNote };
  });
}
