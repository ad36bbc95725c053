import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { straightMinutes } from '../../../src/core/siting/straight-reach.ts';
import { WhatIf, type WhatIfInput } from '../../../src/core/siting/whatif.ts';
import { straightTimes } from '../../../src/core/travel/straight.ts';

const P = { speedKmh: 4.5, detour: 1.3, minutes: 15 };
const lon = fc.double({ min: 103.36, max: 103.4, noNaN: true });
const lat = fc.double({ min: 23.35, max: 23.39, noNaN: true });

/** The slow twin: nearest facility for every demand point by scanning all live facilities. */
function fullRecompute(inp: WhatIfInput, fac: number[], alive: number[], cap: number) {
  const n = inp.weight.length;
  const time = new Float32Array(n).fill(Infinity),
    nearest = new Int32Array(n).fill(-1);
  const comm = new Float64Array(inp.communityCount);
  let total = 0;
  for (let d = 0; d < n; d++) {
    for (let f = 0; f < alive.length; f++) {
      if (!alive[f]) continue;
      const t = straightMinutes(inp.demandCoords[2 * d], inp.demandCoords[2 * d + 1], fac[2 * f], fac[2 * f + 1], inp.params);
      if (t <= cap && t < time[d]) {
        time[d] = t;
        nearest[d] = f;
      }
    }
    if (time[d] <= inp.params.minutes) {
      total += inp.weight[d];
      if (inp.community[d] >= 0) comm[inp.community[d]] += inp.weight[d];
    }
  }
  return { time, nearest, comm, total };
}

const edit = fc.oneof(
  fc.record({ op: fc.constant('add' as const), lon, lat }),
  fc.record({ op: fc.constant('move' as const), pick: fc.nat(), lon, lat }),
  fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }),
);

describe('incremental what-if', () => {
  it('hand-made: adding, moving and deleting a site changes exactly the expected households', () => {
    // Two villages 0.005° apart in latitude (556 m → 9.64 min); a third 0.02° away (2.2 km → 38.6 min).
    const w = new WhatIf({
      demandCoords: Float64Array.of(103, 23, 103, 23.005, 103, 23.02),
      weight: Float32Array.of(10, 20, 30),
      community: Int32Array.of(0, 0, 1),
      communityCount: 2,
      facilityCoords: new Float64Array(0),
      params: P,
    });
    expect(w.coveredTotal).toBe(0);
    expect([...w.communityTotal]).toEqual([30, 30]);
    const a = w.add(103, 23);
    expect(a.id).toBe(0);
    expect([...w.communityCovered]).toEqual([30, 0]);
    expect([...w.nearest]).toEqual([0, 0, -1]);
    w.move(0, 103, 23.02);
    expect([...w.communityCovered]).toEqual([0, 30]);
    w.remove(0);
    expect(w.coveredTotal).toBe(0);
    expect([...w.nearest]).toEqual([-1, -1, -1]);
    expect(() => w.remove(0)).toThrow();
  });

  it('equals a full recompute exactly after every edit of a random sequence', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(lon, lat, fc.integer({ min: 0, max: 30 }), fc.integer({ min: -1, max: 3 })), { minLength: 1, maxLength: 60 }),
        fc.array(fc.tuple(lon, lat), { maxLength: 4 }),
        fc.array(edit, { minLength: 1, maxLength: 25 }),
        fc.constantFrom(15, 30),
        (dem, fac0, edits, cap) => {
          const inp: WhatIfInput = {
            demandCoords: Float64Array.from(dem.flatMap((d) => [d[0], d[1]])),
            weight: Float32Array.from(dem.map((d) => d[2])),
            community: Int32Array.from(dem.map((d) => d[3])),
            communityCount: 4,
            facilityCoords: Float64Array.from(fac0.flat()),
            params: P,
            maxMinutes: cap,
          };
          const w = new WhatIf(inp);
          const check = () => {
            const want = fullRecompute(inp, w.facCoords, w.alive, cap);
            expect(w.time).toEqual(want.time);
            expect(w.nearest).toEqual(want.nearest);
            expect(w.communityCovered).toEqual(want.comm);
            expect(w.coveredTotal).toBe(want.total);
          };
          check();
          for (const e of edits) {
            const live = w.alive.flatMap((a, i) => (a ? [i] : []));
            if (e.op === 'add') w.add(e.lon, e.lat);
            else if (live.length === 0) continue;
            else if (e.op === 'move') w.move(live[e.pick % live.length], e.lon, e.lat);
            else w.remove(live[e.pick % live.length]);
            check();
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('equals a full recompute when sites coincide (ties go to the smaller id)', () => {
    const inp: WhatIfInput = {
      demandCoords: Float64Array.of(103, 23, 103.001, 23),
      weight: Float32Array.of(1, 1),
      community: Int32Array.of(0, 0),
      communityCount: 1,
      facilityCoords: Float64Array.of(103.0005, 23, 103.0005, 23),
      params: P,
    };
    const w = new WhatIf(inp);
    expect([...w.nearest]).toEqual([0, 0]);
    w.move(0, 103.0005, 23); // same place: id 0 still wins the tie
    expect([...w.nearest]).toEqual([0, 0]);
    w.remove(0);
    expect([...w.nearest]).toEqual([1, 1]);
  });

  it('with no cap, times equal the engine straight mode (travel/straight.ts) float for float', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(lon, lat), { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(lon, lat), { minLength: 1, maxLength: 6 }),
        (dem, fac) => {
          const demandCoords = Float64Array.from(dem.flat()),
            facilityCoords = Float64Array.from(fac.flat());
          const w = new WhatIf({
            demandCoords,
            weight: new Float32Array(dem.length).fill(1),
            community: new Int32Array(dem.length),
            communityCount: 1,
            facilityCoords,
            params: P,
            maxMinutes: Infinity,
          });
          const e = straightTimes(demandCoords, facilityCoords, Int32Array.from(fac.keys()), P.speedKmh, P.detour);
          expect(w.time).toEqual(e.minutes);
        },
      ),
      { numRuns: 100 },
    );
  });
});
