// The worker's what-if session (src/analysis/sitingWhatIf.ts) against its slow twin: after any
// sequence of adds, moves and deletes, its per-community and prefecture covered demand and
// households equal a fresh engine run over the session's live facilities, in straight,
// network and slope modes (adds there go through the bounded Dijkstra). (The app shows a
// scenario's full run, core/scenario/result.ts, not figures patched from the session.)
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Engine } from '../../../src/core/analysis/run.ts';
import { defaultCommand, type Layers } from '../../../src/core/analysis/command.ts';
import { typeIndex, type TravelMode } from '../../../src/core/catalogue.ts';
import { WhatIfSession, type WhatIfEdit } from '../../../src/core/siting/session.ts';
import { at, lines, pts } from '../local.ts';

const TYPE = 'elderly_canteen';
// A 2 km street grid every 250 m (with one dead-end spur); households on a jittered 125 m lattice in
// 4 communities (some outside any), weights integer.
const streets: [number, number][][] = [
  [
    [2000, 1000],
    [2600, 1000],
  ],
];
for (let k = 0; k <= 8; k++) {
  streets.push([
    [0, k * 250],
    [2000, k * 250],
  ]);
  streets.push([
    [k * 250, 0],
    [k * 250, 2000],
  ]);
}

function layers(seed: number, facXY: [number, number][]): Layers {
  const homeXY: [number, number][] = [];
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  for (let x = 60; x < 2600; x += 125) for (let y = 60; y < 2000; y += 125) homeXY.push([x + 40 * rnd(), y + 40 * rnd()]);
  const n = homeXY.length,
    m = facXY.length;
  return {
    communities: {
      count: 4,
      codes: ['a', 'b', 'c', 'd'],
      names: ['a', 'b', 'c', 'd'],
      parentCodes: ['k', 'k', 'k', 'k'],
      urban: new Uint8Array(4),
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
      community: Int32Array.from(homeXY, ([x, y]) => (x > 2100 ? -1 : (x < 1000 ? 0 : 1) + (y < 1000 ? 0 : 2))),
    },
    facilities: {
      count: m,
      coords: pts(...facXY),
      type: new Uint8Array(m).fill(typeIndex(TYPE)),
      ids: facXY.map(String),
      names: facXY.map(() => ''),
      area: new Float32Array(m),
    },
    // Heights per vertex make slope mode's costs directed.
    network: lines(
      streets,
      streets.map((l) => l.map(([x, y]) => (x * 0.03 + y * 0.05) % 37)),
    ),
  };
}

const xy = fc.tuple(fc.integer({ min: -100, max: 2700 }), fc.integer({ min: -100, max: 2100 }));
const editArb = fc.oneof(
  fc.record({ op: fc.constant('add' as const), p: xy }),
  fc.record({ op: fc.constant('move' as const), k: fc.nat(), p: xy }),
  fc.record({ op: fc.constant('delete' as const), k: fc.nat(), p: xy }),
);

describe('what-if session', () => {
  for (const mode of ['straight', 'network', 'slope'] as TravelMode[]) {
    it(`equals a full recompute after any edits (${mode})`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(xy, { maxLength: 4 }),
          fc.array(editArb, { minLength: 1, maxLength: 8 }),
          fc.nat(1000),
          async (start, edits, seed) => {
            const engine = new Engine(layers(seed, start));
            const cmd = defaultCommand([TYPE]);
            Object.assign(cmd.types[0], { mode, minutes: 6, speedKmh: 4.5, demand: 'elderly' });
            const session = new WhatIfSession(engine, cmd.types[0], cmd);
            for (const e of edits) {
              const live = [...session.facilities().alive.keys()].filter((i) => session.facilities().alive[i]);
              let edit: WhatIfEdit;
              if (e.op === 'add' || live.length === 0) {
                const [lon, lat] = at(...e.p);
                edit = { op: 'add', lon, lat };
              } else if (e.op === 'move') {
                const [lon, lat] = at(...e.p);
                edit = { op: 'move', id: live[e.k % live.length], lon, lat };
              } else edit = { op: 'delete', id: live[e.k % live.length] };
              const u = session.edit(edit);
              expect(u.incremental).toBe(mode === 'straight' || edit.op === 'add');
              const f = session.facilities(),
                ids = [...f.alive.keys()].filter((i) => f.alive[i]);
              const l = layers(seed, []);
              l.facilities = {
                count: ids.length,
                coords: Float64Array.from(ids.flatMap((i) => [f.coords[2 * i], f.coords[2 * i + 1]])),
                type: new Uint8Array(ids.length).fill(typeIndex(TYPE)),
                ids: ids.map(String),
                names: ids.map(() => ''),
                area: new Float32Array(ids.length),
              };
              const full = (await new Engine(l).run(cmd)).types[0];
              expect(Array.from(u.covered)).toEqual(Array.from(full.communities.covered));
              expect(Array.from(u.householdsCovered)).toEqual(Array.from(full.communities.householdsCovered));
              expect(u.total.covered).toBe(full.total.covered[0]);
              expect(u.total.householdsCovered).toBe(full.total.householdsCovered[0]);
              expect(u.total.demand).toBe(full.total.demand[0]);
            }
          },
        ),
        { numRuns: 25 },
      );
    });
  }

  it("reports an added facility's id, and the communities an edit changed", () => {
    const engine = new Engine(layers(1, [[500, 500]]));
    const cmd = defaultCommand([TYPE]);
    Object.assign(cmd.types[0], { mode: 'straight', minutes: 6, speedKmh: 4.5, demand: 'households' });
    const session = new WhatIfSession(engine, cmd.types[0], cmd);
    const [lon, lat] = at(1500, 1500);
    const u = session.edit({ op: 'add', lon, lat });
    expect(u.id).toBe(1);
    expect(Array.from(u.changed)).toEqual([3]);
    expect(Array.from(session.edit({ op: 'delete', id: 1 }).changed)).toEqual([3]);
    expect(() => session.edit({ op: 'delete', id: 1 })).toThrow(/not present/);
  });
});
