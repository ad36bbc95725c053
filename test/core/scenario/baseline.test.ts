// 现状 is never changed by scenario work: after any sequence of scenario edits (create, rename,
// duplicate, delete, add/move/remove actions), what-if sessions and optimiser runs with their
// sites accepted into a scenario, the baseline layers and the baseline's figures are identical
// to what they were. And a comparison equals two independent full analyses.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Engine } from '../../../src/core/analysis/run.ts';
import { defaultCommand, type CoverageCommand, type CoverageResult, type Layers } from '../../../src/core/analysis/command.ts';
import { typeIndex } from '../../../src/core/catalogue.ts';
import { WhatIfSession } from '../../../src/core/siting/session.ts';
import { runSiting } from '../../../src/core/siting/command.ts';
import { applyScenario, type FacilityAction } from '../../../src/core/scenario/scenario.ts';
import {
  activeScenario,
  createScenario,
  deleteScenario,
  duplicateScenario,
  NO_SCENARIOS,
  recordActions,
  renameScenario,
  type Scenarios,
} from '../../../src/core/scenario/scenarios.ts';
import { compareResults, type Measure } from '../../../src/core/scenario/compare.ts';
import { scenarioResult, touchedCommand, touchedTypes } from '../../../src/core/scenario/result.ts';
import type { FacilityLayer } from '../../../src/core/types.ts';
import { at, lines, pts } from '../local.ts';

const CANTEEN = 'elderly_canteen',
  FIT = 'fitness';
const streets: [number, number][][] = [];
for (let k = 0; k <= 6; k++) {
  streets.push([
    [0, k * 300],
    [1800, k * 300],
  ]);
  streets.push([
    [k * 300, 0],
    [k * 300, 1800],
  ]);
}

/** Households on a jittered lattice in 4 communities of 2 counties; canteens and fitness sites. */
function layers(): Layers {
  const homeXY: [number, number][] = [];
  let s = 7;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  for (let x = 80; x < 1800; x += 200) for (let y = 80; y < 1800; y += 200) homeXY.push([x + 60 * rnd(), y + 60 * rnd()]);
  const fac: [number, number, string][] = [
    [300, 300, CANTEEN],
    [1500, 400, CANTEEN],
    [900, 1500, FIT],
    [200, 1600, FIT],
    [1400, 1400, CANTEEN],
  ];
  const n = homeXY.length,
    m = fac.length;
  return {
    communities: {
      count: 4,
      codes: ['a', 'b', 'c', 'd'],
      names: ['a', 'b', 'c', 'd'],
      parentCodes: ['', '', '', ''],
      urban: new Uint8Array(4),
      countyCodes: ['K1', 'K1', 'K2', 'K2'],
      polygons: {
        coords: new Float64Array(0),
        ringStart: new Uint32Array(1),
        polyRingStart: new Uint32Array(1),
        featurePolyStart: new Uint32Array(5),
      },
    },
    households: {
      count: n,
      coords: pts(...homeXY),
      households: Float32Array.from(homeXY, () => 1 + Math.floor(3 * rnd())),
      elderly: Float32Array.from(homeXY, () => Math.floor(4 * rnd())),
      population: Float32Array.from(homeXY, () => 2 + Math.floor(5 * rnd())),
      community: Int32Array.from(homeXY, ([x, y]) => (x < 900 ? 0 : 1) + (y < 900 ? 0 : 2)),
    },
    facilities: {
      count: m,
      coords: pts(...fac.map(([x, y]) => [x, y] as [number, number])),
      type: Uint8Array.from(fac, (f) => typeIndex(f[2])),
      ids: fac.map((_, i) => `f${i}`),
      names: fac.map((_, i) => `设施${i}`),
      area: new Float32Array(m).fill(NaN),
    },
    network: lines(streets),
  };
}

function command(): CoverageCommand {
  const cmd = defaultCommand([CANTEEN, FIT]);
  cmd.types[0].mode = 'straight';
  cmd.types[1].mode = 'network';
  cmd.types[0].minutes = 6;
  cmd.types[1].minutes = 8;
  return cmd;
}

/** The figures of a result as plain numbers (typed arrays compared element by element). */
const figures = (r: CoverageResult) =>
  JSON.parse(
    JSON.stringify(r, (_k, v) =>
      ArrayBuffer.isView(v) ? Array.from(v as Float64Array, (x) => (Number.isNaN(x) ? 'NaN' : x === Infinity ? 'Inf' : x)) : v,
    ),
  );

const xy = fc.tuple(fc.integer({ min: 0, max: 1800 }), fc.integer({ min: 0, max: 1800 }));
const opArb = fc.oneof(
  fc.record({ op: fc.constant('create' as const) }),
  fc.record({ op: fc.constant('rename' as const), name: fc.string({ maxLength: 6 }) }),
  fc.record({ op: fc.constant('duplicate' as const) }),
  fc.record({ op: fc.constant('delete' as const) }),
  fc.record({ op: fc.constant('add' as const), p: xy, fit: fc.boolean() }),
  fc.record({ op: fc.constant('move' as const), k: fc.nat(), p: xy }),
  fc.record({ op: fc.constant('remove' as const), k: fc.nat(), p: xy }),
  fc.record({ op: fc.constant('whatif' as const), k: fc.nat(), p: xy }),
  fc.record({ op: fc.constant('optimise' as const), fit: fc.boolean() }),
);

describe('现状 under scenario work', () => {
  it('keeps the baseline layers and figures identical after any sequence of edits, accepts and optimiser runs', async () => {
    const L = layers(),
      pristine = structuredClone(L),
      cmd = command();
    const engine = new Engine(L);
    const first = figures(await engine.run(cmd));
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 8 }), async (ops) => {
        let s: Scenarios = NO_SCENARIOS;
        const current = (): FacilityLayer => {
          const sc = activeScenario(s);
          return sc ? applyScenario(L.facilities, sc.actions).facilities : L.facilities;
        };
        for (const o of ops) {
          const sc = activeScenario(s);
          if (o.op === 'create') s = createScenario(s, '方案');
          else if (o.op === 'rename' && sc) s = renameScenario(s, sc.key, o.name);
          else if (o.op === 'duplicate' && sc) s = duplicateScenario(s, sc.key, sc.name);
          else if (o.op === 'delete' && sc) s = deleteScenario(s, sc.key);
          else if (!sc) continue;
          else if (o.op === 'add') {
            const [lon, lat] = at(...o.p);
            s = recordActions(s, sc.key, [{ action: 'add', type: o.fit ? FIT : CANTEEN, lon, lat }]);
          } else if (o.op === 'move' || o.op === 'remove') {
            const f = current();
            if (!f.count) continue;
            const id = f.ids[o.k % f.count],
              [lon, lat] = at(...o.p);
            s = recordActions(s, sc.key, [o.op === 'move' ? { action: 'move', id, lon, lat } : { action: 'remove', id }]);
          } else if (o.op === 'whatif') {
            // A what-if session on the scenario's facilities, its edit then recorded as an action.
            const e = engine.withFacilities(current());
            const w = new WhatIfSession(e, cmd.types[1], cmd);
            const [lon, lat] = at(...o.p);
            w.edit({ op: 'add', lon, lat });
            s = recordActions(s, sc.key, [{ action: 'add', type: FIT, lon, lat }]);
          } else if (o.op === 'optimise') {
            const spec = cmd.types[o.fit ? 1 : 0];
            const out = await runSiting(
              { ...L, facilities: current(), communities: L.communities.polygons },
              {
                op: 'site',
                type: spec.code,
                mode: spec.mode,
                speedKmh: spec.speedKmh,
                detour: cmd.detour,
                minutes: spec.minutes,
                demand: spec.demand,
                add: 2,
                improveMs: 0,
                candidates: { gridM: 300 },
              },
            );
            const accepted: FacilityAction[] = [];
            for (let k = 0; k < out.coords.length / 2; k++)
              accepted.push({ action: 'add', type: spec.code, lon: out.coords[2 * k], lat: out.coords[2 * k + 1] });
            s = recordActions(s, sc.key, accepted);
          }
          // The app re-runs the active scenario after every change.
          await engine.withFacilities(current()).run(cmd);
        }
        expect(L).toEqual(pristine);
        expect(figures(await engine.run(cmd))).toEqual(first);
      }),
      { numRuns: 25 },
    );
    expect(figures(await new Engine(structuredClone(pristine)).run(cmd))).toEqual(first);
  });
});

describe('compareResults', () => {
  it('equals two independent full analyses (before, after, difference) per type, county and community', async () => {
    const L = layers(),
      cmd = command();
    const actions: FacilityAction[] = [
      { action: 'add', type: CANTEEN, ...lonLat(900, 900) },
      { action: 'move', id: 'f1', ...lonLat(1200, 700) },
      { action: 'remove', id: 'f3' },
      { action: 'add', type: FIT, ...lonLat(1600, 200) },
    ];
    const engine = new Engine(L);
    const before = await engine.run(cmd);
    const after = await engine.withFacilities(applyScenario(L.facilities, actions).facilities).run(cmd);
    const cmp = compareResults(before, after, engine.regions.countyOf);
    // Independent: fresh engines on fresh layers, the edited facilities written out by hand.
    const B = await new Engine(layers()).run(cmd);
    const edited = layers();
    const f = edited.facilities,
      c = pts([300, 300], [1200, 700], [900, 1500], [1400, 1400], [900, 900], [1600, 200]);
    edited.facilities = {
      count: 6,
      coords: c,
      type: Uint8Array.from([CANTEEN, CANTEEN, FIT, CANTEEN, CANTEEN, FIT], (c) => typeIndex(c)),
      ids: [],
      names: [],
      area: f.area,
    };
    const A = await new Engine(edited).run(cmd);
    expect(cmp.types.map((t) => t.code)).toEqual([CANTEEN, FIT]);
    const near = (m: Measure, b: ArrayLike<number>, a: ArrayLike<number>) => {
      expect(Array.from(m.before)).toEqual(Array.from(b));
      expect(Array.from(m.after)).toEqual(Array.from(a));
      Array.from(a).forEach((x, i) => expect(m.diff[i]).toBe(x === b[i] ? 0 : x - b[i]));
    };
    let changed = 0;
    for (const [k, t] of cmp.types.entries()) {
      const b = B.types[k],
        a = A.types[k];
      expect(t.facilities).toEqual({ before: b.facilityCount, after: a.facilityCount });
      for (const level of ['total', 'counties', 'communities'] as const) {
        for (const key of ['covered', 'householdsCovered', 'share', 'median', 'p90', 'gini'] as const)
          near(t[level][key], b[level][key], a[level][key]);
        expect(Array.from(t[level].demand)).toEqual(Array.from(b[level].demand));
      }
      near(t.communities.gaps, b.communities.gap, a.communities.gap);
      const gapsBy = (r: typeof b, county: number) =>
        Array.from(r.communities.gap).filter((g, i) => g && (county < 0 || ['K1', 'K1', 'K2', 'K2'][i] === ['K1', 'K2'][county])).length;
      near(t.counties.gaps, [gapsBy(b, 0), gapsBy(b, 1)], [gapsBy(a, 0), gapsBy(a, 1)]);
      near(t.total.gaps, [gapsBy(b, -1)], [gapsBy(a, -1)]);
      changed += t.communities.covered.diff.filter((d) => d !== 0).length;
    }
    expect(changed).toBeGreaterThan(0);
    expect(cmp.types[0].facilities).toEqual({ before: 3, after: 4 });
    expect(cmp.types[1].facilities).toEqual({ before: 2, after: 2 });
  });
});

function lonLat(x: number, y: number) {
  const [lon, lat] = at(x, y);
  return { lon, lat };
}

describe('scenarioResult', () => {
  it('runs only the touched types and equals a full run on the scenario facilities', async () => {
    const L = layers(),
      cmd = command();
    const engine = new Engine(L);
    const base = await engine.run(cmd);
    for (const actions of [
      [
        { action: 'remove', id: 'f0' },
        { action: 'move', id: 'f4', ...lonLat(1000, 1000) },
      ] as FacilityAction[],
      [
        { action: 'add', type: FIT, ...lonLat(500, 500) },
        { action: 'remove', id: 'f2' },
      ] as FacilityAction[],
      [{ action: 'remove', id: 'f1' }] as FacilityAction[],
    ]) {
      const a = applyScenario(L.facilities, actions);
      const touched = touchedTypes(a.changes);
      const scen = engine.withFacilities(a.facilities);
      const partial = await scen.run(touchedCommand(cmd, touched));
      expect(partial.types.map((t) => t.code)).toEqual(cmd.types.map((t) => t.code).filter((c) => touched.has(c)));
      const merged = scenarioResult(base, partial, a.fromBaseline, L.facilities.count, scen.unattachedCounts(cmd));
      expect(figures(merged)).toEqual(figures(await new Engine({ ...layers(), facilities: a.facilities }).run(cmd)));
    }
  });
});
