// Scenarios against the baseline: applying one builds a new facility set and never touches the
// baseline; ids that match no facility or several are errors naming the action; the list of
// changes (for the difference map) merges repeated moves.
import { describe, expect, it } from 'vitest';
import { typeIndex } from '../../../src/core/catalogue.ts';
import { applyScenario, ScenarioError, type FacilityAction } from '../../../src/core/scenario/scenario.ts';
import {
  createScenario,
  deleteScenario,
  duplicateScenario,
  NO_SCENARIOS,
  recordActions,
  renameScenario,
  activeScenario,
} from '../../../src/core/scenario/scenarios.ts';
import type { FacilityLayer } from '../../../src/core/types.ts';
import { actionOfEdit, actionsOfEdits } from '../../../src/core/scenario/from-edits.ts';

const C = typeIndex('elderly_canteen'),
  F = typeIndex('fitness');
const base = (): FacilityLayer => ({
  count: 3,
  coords: Float64Array.of(103, 23, 103.01, 23, 103.02, 23),
  type: Uint8Array.of(C, F, C),
  ids: ['c1', 'f1', 'c2'],
  names: ['甲食堂', '乙广场', '丙食堂'],
  area: Float32Array.of(100, NaN, 80),
});

describe('applyScenario', () => {
  it('adds, moves and removes on a copy; the baseline stays as it was', () => {
    const b = base(),
      before = structuredClone(b);
    const actions: FacilityAction[] = [
      { action: 'add', type: 'fitness', lon: 103.05, lat: 23.01, name: '新广场', note: '新建' },
      { action: 'move', id: 'c1', lon: 103.001, lat: 23.002 },
      { action: 'remove', id: 'f1', note: '撤并' },
    ];
    const r = applyScenario(b, actions);
    expect(b).toEqual(before);
    expect(r.facilities.count).toBe(3);
    expect(Array.from(r.facilities.coords)).toEqual([103.001, 23.002, 103.02, 23, 103.05, 23.01]);
    expect(Array.from(r.facilities.type)).toEqual([C, C, F]);
    expect(r.facilities.ids).toEqual(['c1', 'c2', '+1']);
    expect(r.facilities.names).toEqual(['甲食堂', '丙食堂', '新广场']);
    expect(Array.from(r.facilities.area)).toEqual([100, 80, NaN]);
    expect(Array.from(r.fromBaseline)).toEqual([0, 2, -1]);
    expect(r.changes).toEqual([
      { action: 'add', index: 0, type: 'fitness', id: '+1', name: '新广场', lon: 103.05, lat: 23.01, note: '新建' },
      { action: 'move', index: 1, type: 'elderly_canteen', id: 'c1', name: '甲食堂', lon: 103.001, lat: 23.002, fromLon: 103, fromLat: 23 },
      { action: 'remove', index: 2, type: 'fitness', id: 'f1', name: '乙广场', lon: 103.01, lat: 23, note: '撤并' },
    ]);
  });

  it('names the action and the id when it matches no facility or several', () => {
    const b = base();
    b.ids[2] = 'c1';
    const err = (a: FacilityAction[]) => {
      try {
        applyScenario(b, a);
      } catch (e) {
        return e as ScenarioError;
      }
      throw new Error('no error');
    };
    expect(err([{ action: 'remove', id: 'zz' }])).toMatchObject({ reason: 'no_match', index: 0, id: 'zz' });
    expect(
      err([
        { action: 'remove', id: 'f1' },
        { action: 'move', id: 'c1', lon: 103, lat: 23 },
      ]),
    ).toMatchObject({ reason: 'many_match', index: 1, id: 'c1' });
    expect(
      err([
        { action: 'remove', id: 'f1' },
        { action: 'remove', id: 'f1' },
      ]),
    ).toMatchObject({ reason: 'no_match', index: 1 });
    expect(err([{ action: 'add', type: 'school', lon: 103, lat: 23 }])).toMatchObject({ reason: 'bad_type', index: 0 });
    expect(err([{ action: 'move', id: 'f1', lon: NaN, lat: 23 }])).toMatchObject({ reason: 'bad_position', index: 0 });
    expect(err([{ action: 'remove', id: 'zz' }]).message).toBe('action 1: no facility has id "zz"');
  });

  it('acts on facilities added earlier in the scenario, and merges repeated moves into one', () => {
    const r = applyScenario(base(), [
      { action: 'add', type: 'elderly_canteen', id: 'n1', lon: 103.1, lat: 23.1 },
      { action: 'move', id: 'n1', lon: 103.2, lat: 23.2 },
      { action: 'add', type: 'fitness', id: 'n2', lon: 103.3, lat: 23.3 },
      { action: 'remove', id: 'n2' },
      { action: 'move', id: 'c2', lon: 103.4, lat: 23.4 },
      { action: 'move', id: 'c2', lon: 103.5, lat: 23.5, note: '二次迁建' },
      { action: 'move', id: 'f1', lon: 103.6, lat: 23.6 },
      { action: 'remove', id: 'f1' },
    ]);
    expect(r.facilities.ids).toEqual(['c1', 'c2', 'n1']);
    expect(Array.from(r.facilities.coords.slice(2))).toEqual([103.5, 23.5, 103.2, 23.2]);
    expect(r.changes.map((c) => [c.action, c.id, c.lon, c.lat, c.fromLon, c.note])).toEqual([
      ['add', 'n1', 103.2, 23.2, undefined, undefined],
      ['move', 'c2', 103.5, 23.5, 103.02, '二次迁建'],
      ['remove', 'f1', 103.01, 23, undefined, undefined],
    ]);
  });
});

describe('the scenario list', () => {
  it('creates, renames, duplicates and deletes, keeping names distinct and one active', () => {
    let s = createScenario(NO_SCENARIOS, '方案');
    s = recordActions(s, s.active!, [{ action: 'remove', id: 'c1' }]);
    s = createScenario(s, '方案');
    expect(s.list.map((x) => x.name)).toEqual(['方案', '方案 2']);
    s = renameScenario(s, s.list[1].key, ' 北片新建 ');
    s = duplicateScenario(s, s.list[0].key, '方案');
    expect(s.list.map((x) => x.name)).toEqual(['方案', '北片新建', '方案 2']);
    expect(activeScenario(s)!.actions).toEqual([{ action: 'remove', id: 'c1' }]);
    const keys = s.list.map((x) => x.key);
    expect(new Set(keys).size).toBe(3);
    s = deleteScenario(s, keys[2]);
    expect(s.active).toBe(keys[1]);
    s = deleteScenario(deleteScenario(s, keys[0]), keys[1]);
    expect(s).toEqual({ list: [], active: null });
  });
});

describe('what-if edits as actions', () => {
  it('name loaded facilities by id and added ones by the id applyScenario gives them', () => {
    const b = base();
    // The canteens' session: c1 (0), c2 (1); then an add (2), which is moved and then deleted.
    const actions = actionsOfEdits(
      'elderly_canteen',
      [
        { op: 'add', lon: 103.3, lat: 23.3 },
        { op: 'move', id: 1, lon: 103.4, lat: 23.4 },
        { op: 'move', id: 2, lon: 103.5, lat: 23.5 },
        { op: 'delete', id: 0 },
        { op: 'add', lon: 103.6, lat: 23.6 },
        { op: 'delete', id: 2 },
      ],
      ['c1', 'c2'],
    );
    expect(actions).toEqual([
      { action: 'add', type: 'elderly_canteen', lon: 103.3, lat: 23.3 },
      { action: 'move', id: 'c2', lon: 103.4, lat: 23.4 },
      { action: 'move', id: '+1', lon: 103.5, lat: 23.5 },
      { action: 'remove', id: 'c1' },
      { action: 'add', type: 'elderly_canteen', lon: 103.6, lat: 23.6 },
      { action: 'remove', id: '+1' },
    ]);
    const r = applyScenario(b, actions);
    expect(r.facilities.ids).toEqual(['f1', 'c2', '+5']);
    expect(Array.from(r.facilities.coords)).toEqual([103.01, 23, 103.4, 23.4, 103.6, 23.6]);
    expect(() => actionOfEdit('fitness', { op: 'delete', id: 5 }, ['f1'], 0)).toThrow(/not in the session/);
  });
});
