// Candidate → home minutes for the p-median and p-center: exactly the pairs under each home's
// existing-facility minutes (capped), with the engine's minutes, for both travel models.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { networkTimeSets, straightTimeSets, type TimeSets } from '../../../src/core/siting/time-sets.ts';
import { straightMinutes } from '../../../src/core/siting/straight-reach.ts';
import { attach, costNetwork, networkTimes, prepareNetwork } from '../../../src/core/travel/network.ts';
import { lines, pts } from '../local.ts';

const rows = [0, 400, 800].map(
  (y) =>
    [
      [0, y],
      [400, y],
      [800, y],
    ] as [number, number][],
);
const cols = [0, 400, 800].map(
  (x) =>
    [
      [x, 0],
      [x, 400],
      [x, 800],
    ] as [number, number][],
);
const Z = [...rows.map(() => [0, 30, 60]), ...cols.map((_, i) => [30 * i, 30 * i, 30 * i])];
const LINES = lines([...rows, ...cols], Z);
const xy = fc.tuple(fc.double({ min: -100, max: 900, noNaN: true }), fc.double({ min: -100, max: 900, noNaN: true }));

/** Pairs of `ts` as sorted "c:d:t" strings, checking ascending time per candidate on the way. */
function pairs(ts: TimeSets): string[] {
  const out: string[] = [],
    s = ts.sets;
  for (let c = 0; c < s.candCount; c++)
    for (let k = s.candStart[c]; k < s.candStart[c + 1]; k++) {
      if (k > s.candStart[c]) expect(s.time[k]).toBeGreaterThanOrEqual(s.time[k - 1]);
      out.push(`${c}:${s.demandIdx[k]}:${s.time[k]}`);
    }
  return out.sort();
}

describe('time sets', () => {
  it("straight: every candidate–home pair faster than the home's existing minutes (capped), none other", () => {
    const P = { speedKmh: 4.5, detour: 1.3, minutes: 10 };
    fc.assert(
      fc.property(
        fc.array(xy, { minLength: 1, maxLength: 30 }),
        fc.array(xy, { minLength: 1, maxLength: 6 }),
        fc.array(xy, { maxLength: 3 }),
        (h, c, e) => {
          const H = pts(...h),
            C = pts(...c),
            E = pts(...e);
          const ts = straightTimeSets(C, E, H, P, 10);
          const want: string[] = [];
          for (let d = 0; d < h.length; d++) {
            let t0 = 10;
            for (let i = 0; i < e.length; i++) t0 = Math.min(t0, straightMinutes(H[2 * d], H[2 * d + 1], E[2 * i], E[2 * i + 1], P));
            expect(ts.t0[d]).toBe(Math.fround(t0));
            for (let k = 0; k < c.length; k++) {
              const t = straightMinutes(H[2 * d], H[2 * d + 1], C[2 * k], C[2 * k + 1], P);
              if (t < ts.t0[d]) want.push(`${k}:${d}:${t}`);
            }
          }
          expect(pairs(ts)).toEqual(want.sort());
        },
      ),
      { numRuns: 100 },
    );
  });

  for (const slope of [false, true]) {
    it(`${slope ? 'slope' : 'network'}: the bounded searches find every pair the engine times under t0, none other`, () => {
      const net = costNetwork(prepareNetwork(LINES), LINES, slope);
      fc.assert(
        fc.property(
          fc.array(xy, { minLength: 1, maxLength: 30 }),
          fc.array(xy, { minLength: 1, maxLength: 6 }),
          fc.array(xy, { maxLength: 3 }),
          fc.constantFrom(5, 12, 60),
          (h, c, e, cap) => {
            const homes = attach(net, pts(...h)),
              cands = attach(net, pts(...c)),
              ex = attach(net, pts(...e));
            const ts = networkTimeSets(net, homes, cands, ex, 4.5, cap);
            const t0 = networkTimes(net, homes, ex, Int32Array.from(e.keys()), 4.5).minutes.map((m) => Math.min(m, cap));
            expect([...ts.t0]).toEqual([...t0]);
            const want: string[] = [];
            for (let k = 0; k < c.length; k++) {
              const m = networkTimes(net, homes, cands, Int32Array.of(k), 4.5).minutes;
              for (let d = 0; d < h.length; d++) if (m[d] < t0[d]) want.push(`${k}:${d}:${m[d]}`);
            }
            expect(pairs(ts)).toEqual(want.sort());
          },
        ),
        { numRuns: 80 },
      );
    });
  }

  it('refuses, naming the cap, when more pairs would be kept than the limit (both models)', () => {
    const H = pts([0, 0], [100, 0], [200, 0], [300, 0]),
      C = pts([50, 0], [250, 0]);
    expect(straightTimeSets(C, new Float64Array(0), H, { speedKmh: 4.5, detour: 1.3, minutes: 60 }, 60, 8).sets.demandIdx.length).toBe(8);
    expect(() => straightTimeSets(C, new Float64Array(0), H, { speedKmh: 4.5, detour: 1.3, minutes: 60 }, 60, 7)).toThrow(
      'more than 7 candidate–household pairs within the 60-minute cap: lower the cap or use fewer candidates',
    );
    const net = costNetwork(prepareNetwork(LINES), LINES, false);
    const homes = attach(net, H),
      cands = attach(net, C),
      none = attach(net, new Float64Array(0));
    expect(networkTimeSets(net, homes, cands, none, 4.5, 60, 8).sets.demandIdx.length).toBe(8);
    expect(() => networkTimeSets(net, homes, cands, none, 4.5, 60, 7)).toThrow(
      'more than 7 candidate–household pairs within the 60-minute cap',
    );
  });
});
