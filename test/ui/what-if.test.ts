// What-if editing (src/ui/siting/whatIf.ts) driven with a fake worker session and map: sessions
// start and restart when they should, answers of an earlier session are dropped, edits become
// the active scenario's actions, and the map shows the session's points.
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { WhatIfController, shownWhatIf, type WhatIfApi } from '../../src/ui/siting/whatIf.ts';
import type { WhatIfState } from '../../src/analysis/sitingClient.ts';
import type { CoverageCommand, TypeSpec } from '../../src/core/analysis/command.ts';
import type { WhatIfEdit } from '../../src/core/siting/session.ts';
import type { FacilityAction } from '../../src/core/scenario/scenario.ts';
import type { MapEditor } from '../../src/map/MapView.ts';
import {
  activeScenario,
  createScenario,
  NO_SCENARIOS,
  recordActions,
  setActions,
  type Scenarios,
} from '../../src/core/scenario/scenarios.ts';
import { deferred, flush, type Deferred } from './deferred.ts';

/** A session state with `n` loaded facilities (ids f0…), `extra` proposed ones, and an id for an add. */
const st = (n: number, extra = 0, id?: number): WhatIfState =>
  ({
    ids: Array.from({ length: n }, (_, i) => `f${i}`),
    facilities: { loaded: n, alive: new Uint8Array(n + extra).fill(1), coords: new Float64Array(2 * (n + extra)) },
    ...(id !== undefined ? { id } : {}),
  }) as unknown as WhatIfState;

/** The controller inside a tiny app: scenarios as state, `record` as App's, a fake worker and map. */
function harness() {
  const starts: { spec: TypeSpec; actions: FacilityAction[]; answer: Deferred<WhatIfState> }[] = [];
  const edits: { e: WhatIfEdit; answer: Deferred<WhatIfState> }[] = [];
  let ends = 0;
  const api: WhatIfApi = {
    start: (spec, actions) => {
      const answer = deferred<WhatIfState>();
      starts.push({ spec, actions, answer });
      return answer.promise;
    },
    edit: (e) => {
      const answer = deferred<WhatIfState>();
      edits.push({ e, answer });
      return answer.promise;
    },
    end: async () => void ends++,
  };
  const drawn: FeatureCollection[] = [];
  let editor: MapEditor | null = null;
  const map = {
    setEditor: (e: MapEditor | null) => void (editor = e),
    setSiting: async (_id: string, fc: FeatureCollection) => void drawn.push(fc),
  };
  const c = new WhatIfController(() => map);
  let scenarios: Scenarios = NO_SCENARIOS;
  const cmd = { types: [{ code: 'fitness' }, { code: 'fire_station' }] } as unknown as CoverageCommand;
  let done = { cmd };
  let type = 'fitness';
  const push = () => c.update({ api, done, type, scenario: activeScenario(scenarios), record });
  const record = (actions: FacilityAction[]) => {
    const x = scenarios.active ? scenarios : createScenario(scenarios, '方案');
    scenarios = recordActions(x, x.active!, actions);
    push();
  };
  push();
  return {
    c,
    starts,
    edits,
    drawn,
    ends: () => ends,
    editor: () => editor,
    scenarios: () => scenarios,
    setScenarios: (s: Scenarios) => ((scenarios = s), push()),
    newRun: () => ((done = { cmd }), push()),
    setType: (t: string) => ((type = t), push()),
  };
}

describe('what-if controller', () => {
  it('opens a session of the shown type when editing starts, over the active scenario’s actions', async () => {
    const h = harness();
    // A completed analysis with nothing edited closes any session.
    expect(h.ends()).toBe(1);
    expect(h.starts).toHaveLength(0);
    h.c.setEditing(true);
    expect(h.editor()).not.toBeNull();
    expect(h.starts.map((s) => [s.spec.code, s.actions])).toEqual([['fitness', []]]);
    expect(h.c.state).toMatchObject({ busy: true, sessionType: 'fitness', editing: true, state: null });
    const s0 = st(2);
    h.starts[0].answer.resolve(s0);
    await flush();
    expect(h.c.state).toMatchObject({ busy: false, state: s0, error: null });
    expect(h.drawn.at(-1)!.features.map((f) => f.properties)).toEqual([
      { id: 0, kind: 'loaded', selected: false },
      { id: 1, kind: 'loaded', selected: false },
    ]);
  });

  it('turns each edit into an action of the active scenario (created by the first edit) without restarting', async () => {
    const h = harness();
    h.c.setEditing(true);
    h.starts[0].answer.resolve(st(2));
    await flush();
    expect(h.c.apply('fitness', { op: 'move', id: 1, lon: 103, lat: 23 })).toBe(true);
    // Busy until the worker answers: a second edit is refused.
    expect(h.c.apply('fitness', { op: 'delete', id: 0 })).toBe(false);
    expect(h.scenarios().list.map((s) => s.actions)).toEqual([[{ action: 'move', id: 'f1', lon: 103, lat: 23 }]]);
    h.edits[0].answer.resolve(st(2));
    await flush();
    // The add selects the new facility; the edits went to the same scenario; no new session.
    h.editor()!.onAdd!(103.5, 23.5);
    h.edits[1].answer.resolve(st(2, 1, 2));
    await flush();
    expect(h.c.state.selectedId).toBe(2);
    expect(h.scenarios().list).toHaveLength(1);
    expect(h.scenarios().list[0].actions).toEqual([
      { action: 'move', id: 'f1', lon: 103, lat: 23 },
      { action: 'add', type: 'fitness', lon: 103.5, lat: 23.5 },
    ]);
    expect(h.starts).toHaveLength(1);
    expect(h.drawn.at(-1)!.features.map((f) => f.properties)).toEqual([
      { id: 0, kind: 'loaded', selected: false },
      { id: 1, kind: 'moved', selected: false },
      { id: 2, kind: 'proposed', selected: true },
    ]);
    // Delete (the key) removes the selected one.
    expect(h.c.deleteSelected()).toBe(true);
    expect(h.c.state.selectedId).toBeNull();
    expect(h.scenarios().list[0].actions.at(-1)).toEqual({ action: 'remove', id: '+2' });
  });

  it('refuses an edit of another type or before the session is ready, and says why an edit cannot apply', async () => {
    const h = harness();
    h.c.setEditing(true);
    expect(h.c.apply('fitness', { op: 'add', lon: 1, lat: 1 })).toBe(false);
    h.starts[0].answer.resolve(st(1));
    await flush();
    expect(h.c.apply('fire_station', { op: 'add', lon: 1, lat: 1 })).toBe(false);
    expect(h.c.apply('fitness', { op: 'delete', id: 7 })).toBe(false);
    expect(h.c.state.error).toBe('facility 7 is not in the session');
    expect(h.scenarios()).toBe(NO_SCENARIOS);
  });

  it('restarts on a new analysis, a new type or an outside change of the scenario, dropping the old session’s answers', async () => {
    const h = harness();
    h.c.setEditing(true);
    h.newRun();
    expect(h.starts).toHaveLength(2);
    h.starts[0].answer.resolve(st(9));
    await flush();
    expect(h.c.state.state).toBeNull(); // the first session's answer came too late
    h.starts[1].answer.resolve(st(2));
    await flush();
    expect(h.c.state.state?.ids).toEqual(['f0', 'f1']);
    h.setType('fire_station');
    expect(h.starts.map((s) => s.spec.code)).toEqual(['fitness', 'fitness', 'fire_station']);
    expect(shownWhatIf(h.c.state, 'fire_station').state).toBeNull(); // fitness's state is not shown for fire stations
    h.starts[2].answer.resolve(st(1));
    await flush();
    // The scenario is switched from outside (another one made active): the session starts over on its actions.
    const other = recordActions(createScenario(h.scenarios(), 'B'), 's1', [{ action: 'remove', id: 'f0' }]);
    h.setScenarios(other);
    expect(h.starts.at(-1)!.actions).toEqual([{ action: 'remove', id: 'f0' }]);
    const n = h.starts.length;
    // Cleared from outside: once more.
    h.setScenarios(setActions(other, 's1', []));
    expect(h.starts).toHaveLength(n + 1);
  });

  it('keeps the session when editing stops, and reports a session that could not start', async () => {
    const h = harness();
    h.c.setEditing(true);
    h.starts[0].answer.resolve(st(1));
    await flush();
    h.c.setEditing(false);
    expect(h.editor()).toBeNull();
    expect(h.c.state.sessionType).toBe('fitness');
    expect(h.starts).toHaveLength(1);
    h.newRun();
    h.starts[1].answer.reject(new Error('worker gone'));
    await flush();
    expect(h.c.state).toMatchObject({ state: null, error: 'worker gone', busy: false });
  });
});
