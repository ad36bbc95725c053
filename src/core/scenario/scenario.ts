// 现状 and 方案: the baseline facilities are the loaded data and are never changed; a scenario is
// a named list of facility actions (新建 add, 迁建 move, 撤并 remove) applied to a copy of them.
// The app, the CLI (`npm run compare`) and the tests apply scenarios through this one function.
import { BUILT_IN_TYPES, typeIndex, type Catalogue } from '../catalogue.ts';
import type { FacilityLayer } from '../types.ts';

export type ActionKind = 'add' | 'move' | 'remove';

/** One action of a scenario. `move` and `remove` name a facility by its id (the id it has in the
 *  baseline, or one given to an earlier `add`). */
export type FacilityAction =
  | { action: 'add'; type: string; lon: number; lat: number; id?: string; name?: string; area?: number; note?: string }
  | { action: 'move'; id: string; lon: number; lat: number; note?: string }
  | { action: 'remove'; id: string; note?: string };

export interface Scenario {
  /** Stable key (not shown). */
  key: string;
  /** The planner's name for it (方案A, 北片新建 …). */
  name: string;
  actions: FacilityAction[];
}

/** What an action did to one facility, for maps and tables (positions WGS84). */
export interface FacilityChange {
  action: ActionKind;
  /** Index of the action in the scenario. */
  index: number;
  type: string;
  id: string;
  name: string;
  lon: number;
  lat: number;
  /** Where a moved facility was (the baseline position for a baseline facility). */
  fromLon?: number;
  fromLat?: number;
  note?: string;
}

/** A `move`/`remove` whose id matches no facility or more than one; `index` is the action's. */
export class ScenarioError extends Error {
  constructor(
    readonly reason: 'no_match' | 'many_match' | 'bad_type' | 'bad_position',
    readonly index: number,
    readonly id: string,
    /** The catalogue's codes, named when a type is unknown. */
    codes: readonly string[] = [],
  ) {
    super(
      `action ${index + 1}: ${
        reason === 'no_match'
          ? `no facility has id "${id}"`
          : reason === 'many_match'
            ? `more than one facility has id "${id}"`
            : reason === 'bad_type'
              ? `"${id}" is not a facility type (codes: ${codes.join(', ')})`
              : `position is not a finite lon/lat`
      }`,
    );
    this.name = 'ScenarioError';
  }
}

export interface Applied {
  /** The scenario's facilities: the baseline's in baseline order (moved ones in place, removed
   *  ones left out), then the added ones in action order. */
  facilities: FacilityLayer;
  changes: FacilityChange[];
  /** Baseline index of each facility of `facilities`, −1 for an added one. */
  fromBaseline: Int32Array;
}

interface Row {
  type: number;
  lon: number;
  lat: number;
  id: string;
  name: string;
  area: number;
  base: number;
  alive: boolean;
}

/** Applies `actions` in order to a copy of `base` (never modified); throws ScenarioError. */
export function applyScenario(base: FacilityLayer, actions: readonly FacilityAction[]): Applied {
  const catalogue: Catalogue = base.catalogue ?? BUILT_IN_TYPES;
  const rows: Row[] = [];
  for (let i = 0; i < base.count; i++) {
    rows.push({
      type: base.type[i],
      lon: base.coords[2 * i],
      lat: base.coords[2 * i + 1],
      id: base.ids[i],
      name: base.names[i],
      area: base.area[i],
      base: i,
      alive: true,
    });
  }
  const byId = new Map<string, Row[]>();
  for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  const changes: FacilityChange[] = [];
  actions.forEach((a, index) => {
    const note = a.note ? { note: a.note } : {};
    if (a.action !== 'remove' && !(Number.isFinite(a.lon) && Number.isFinite(a.lat))) throw new ScenarioError('bad_position', index, '');
    if (a.action === 'add') {
      const t = typeIndex(a.type, catalogue);
      if (t < 0)
        throw new ScenarioError(
          'bad_type',
          index,
          a.type,
          catalogue.map((x) => x.code),
        );
      const id = a.id || `+${index + 1}`;
      const r: Row = { type: t, lon: a.lon, lat: a.lat, id, name: a.name ?? '', area: a.area ?? NaN, base: -1, alive: true };
      rows.push(r);
      byId.set(id, [...(byId.get(id) ?? []), r]);
      changes.push({ action: 'add', index, type: a.type, id, name: r.name, lon: a.lon, lat: a.lat, ...note });
      return;
    }
    const hits = (byId.get(a.id) ?? []).filter((r) => r.alive);
    if (hits.length !== 1) throw new ScenarioError(hits.length ? 'many_match' : 'no_match', index, a.id);
    const r = hits[0],
      type = catalogue[r.type].code;
    if (a.action === 'remove') {
      r.alive = false;
      changes.push({ action: 'remove', index, type, id: r.id, name: r.name, lon: r.lon, lat: r.lat, ...note });
    } else {
      changes.push({
        action: 'move',
        index,
        type,
        id: r.id,
        name: r.name,
        lon: a.lon,
        lat: a.lat,
        fromLon: r.lon,
        fromLat: r.lat,
        ...note,
      });
      r.lon = a.lon;
      r.lat = a.lat;
    }
  });
  const kept = rows.filter((r) => r.alive),
    n = kept.length;
  const facilities: FacilityLayer = {
    count: n,
    coords: new Float64Array(2 * n),
    type: new Uint8Array(n),
    ids: [],
    names: [],
    area: new Float32Array(n),
    ...(base.catalogue ? { catalogue: base.catalogue } : {}),
  };
  const fromBaseline = new Int32Array(n);
  kept.forEach((r, k) => {
    facilities.coords[2 * k] = r.lon;
    facilities.coords[2 * k + 1] = r.lat;
    facilities.type[k] = r.type;
    facilities.ids.push(r.id);
    facilities.names.push(r.name);
    facilities.area[k] = r.area;
    fromBaseline[k] = r.base;
  });
  return { facilities, changes: mergeMoves(changes), fromBaseline };
}

/** Moves of one facility shown as one move from its first position to its last (a facility
 *  added then moved is an add at its last position; added then removed: nothing). */
function mergeMoves(changes: FacilityChange[]): FacilityChange[] {
  const out: FacilityChange[] = [];
  for (const c of changes) {
    let prev = out.length - 1;
    while (prev >= 0 && !(out[prev].id === c.id && out[prev].type === c.type && out[prev].action !== 'remove')) prev--;
    if (c.action === 'add' || prev < 0) {
      out.push(c);
      continue;
    }
    const p = out[prev],
      note = c.note ?? p.note,
      withNote = note !== undefined ? { note } : {};
    if (c.action === 'move') out[prev] = { ...p, lon: c.lon, lat: c.lat, ...withNote };
    else if (p.action === 'add') out.splice(prev, 1);
    else
      out[prev] = { action: 'remove', index: c.index, type: c.type, id: c.id, name: c.name, lon: p.fromLon!, lat: p.fromLat!, ...withNote };
  }
  return out;
}
