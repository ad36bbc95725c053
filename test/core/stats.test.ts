import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { groupStats, sortPoints, sortScratch } from '../../src/core/coverage/stats.ts';
import { gapOrder } from '../../src/core/coverage/gaps.ts';
import { Engine } from '../../src/core/analysis/run.ts';
import { defaultCommand } from '../../src/core/analysis/command.ts';
import { haversineM } from '../../src/core/geo/distance.ts';
import { typeIndex } from '../../src/core/catalogue.ts';
import type { AreaLayer } from '../../src/core/types.ts';

function stats(minutes: number[], w: number[], group: number[], groups: number, threshold = 2, target = 0.5) {
  const m = Float32Array.from(minutes);
  const p = sortPoints(m, Float32Array.from(w), Float32Array.from(w.map(() => 1)), Int32Array.from(group));
  return groupStats(p, p.group, groups, threshold, target);
}

describe('coverage and equity figures', () => {
  it('sorts the same in a scratch reused for point sets of other sizes, and from a kept order (property test)', () => {
    const minute = fc.oneof(fc.constant(Infinity), fc.float({ min: 0, max: 120, noNaN: true }), fc.integer({ min: 0, max: 3 }));
    const point = fc.record({
      m: minute,
      w: fc.float({ min: 0, max: 9, noNaN: true }),
      h: fc.float({ min: 0, max: 9, noNaN: true }),
      g: fc.integer({ min: -1, max: 4 }),
    });
    const scratch = sortScratch(200);
    fc.assert(
      fc.property(fc.array(point, { maxLength: 200 }), (ps) => {
        const cols = [
          Float32Array.from(ps.map((p) => p.m)),
          Float32Array.from(ps.map((p) => p.w)),
          Float32Array.from(ps.map((p) => p.h)),
          Int32Array.from(ps.map((p) => p.g)),
        ] as const;
        const want = sortPoints(...cols);
        // In the scratch; from the order found, without and with the scratch (the memo's re-run).
        for (const got of [sortPoints(...cols, scratch), sortPoints(...cols, undefined, want.order.slice())]) {
          for (const k of ['order', 'minutes', 'demand', 'households', 'group'] as const)
            expect(Array.from(got[k])).toEqual(Array.from(want[k]));
          expect(groupStats(got, got.group, 5, 15, 0.5)).toEqual(groupStats(want, want.group, 5, 15, 0.5));
        }
        const kept = sortPoints(...cols, scratch, want.order.slice());
        for (const k of ['order', 'minutes', 'demand', 'households', 'group'] as const)
          expect(Array.from(kept[k])).toEqual(Array.from(want[k]));
      }),
      { numRuns: 300 },
    );
  });

  it('computes the Gini coefficient, median and p90 of a hand-worked case', () => {
    // x = 1, 2, 3 with weights 1, 1, 2: Σᵢⱼ wᵢwⱼ|xᵢ−xⱼ| = 2·(1 + 4 + 2) = 14, W = 4, μ = 9/4,
    // G = 14 / (2·W²·μ) = 14/72.
    const s = stats([1, 2, 3], [1, 1, 2], [0, 0, 0], 1);
    expect(s.gini[0]).toBeCloseTo(14 / 72, 12);
    expect(s.mean[0]).toBe(9 / 4);
    expect(s.median[0]).toBe(2);
    expect(s.p90[0]).toBe(3);
    expect([s.demand[0], s.covered[0], s.share[0], s.gap[0]]).toEqual([4, 2, 0.5, 0]);
  });

  it('leaves unreachable demand out of the Gini and mean but not out of median, p90 and share', () => {
    const s = stats([1, 2, 3, Infinity], [1, 1, 2, 5], [0, 0, 0, 0], 1);
    expect(s.gini[0]).toBeCloseTo(14 / 72, 12);
    expect(s.mean[0]).toBe(9 / 4);
    expect(s.median[0]).toBe(Infinity);
    expect(s.unreachable[0]).toBe(5);
    expect(s.share[0]).toBe(2 / 9);
    expect(s.gap[0]).toBe(1);
  });

  it('ranks gap communities by uncovered demand', () => {
    // Groups 0…3; threshold 2, target 0.5. Group 1 is no gap (all covered), group 2 has the most uncovered.
    const s = stats([5, 1, 1, 9, 9, 7, 3], [2, 1, 1, 4, 1, 2, 2], [0, 1, 1, 2, 2, 3, 3], 4);
    expect(Array.from(s.uncovered)).toEqual([2, 0, 5, 4]);
    expect(gapOrder(s, ['a', 'b', 'c', 'd'])).toEqual([2, 3, 0]);
    // Equal demand beyond reach: more households beyond reach first, then the code.
    const tie = {
      ...s,
      uncovered: Float64Array.from([4, 0, 4, 4]),
      households: Float64Array.from([9, 1, 5, 9]),
      householdsCovered: Float64Array.from([1, 1, 0, 1]),
    };
    expect(gapOrder(tie, ['z', 'b', 'c', 'a'])).toEqual([3, 0, 2]);
  });

  it('is 0 for equal times and NaN for a group without demand', () => {
    const s = stats([5, 5, 5], [1, 2, 3], [0, 0, 0], 2);
    expect(s.gini[0]).toBe(0);
    expect(s.share[1]).toBeNaN();
    expect(s.gap[1]).toBe(0);
  });

  it('Gini equals the pairwise definition on random inputs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 100, noNaN: true }), fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 40 }),
        (xs) => {
          const s = stats(
            xs.map((x) => x[0]),
            xs.map((x) => x[1]),
            xs.map(() => 0),
            1,
          );
          const x = xs.map((v) => Math.fround(v[0])),
            w = xs.map((v) => v[1]);
          let pair = 0,
            W = 0,
            WX = 0;
          for (let i = 0; i < x.length; i++) {
            W += w[i];
            WX += w[i] * x[i];
            for (let j = 0; j < x.length; j++) pair += w[i] * w[j] * Math.abs(x[i] - x[j]);
          }
          if (W === 0) return;
          const want = WX > 0 ? pair / (2 * W * W * (WX / W)) : 0;
          expect(s.gini[0]).toBeCloseTo(want, 9);
        },
      ),
      { numRuns: 200 },
    );
  });
});

// Communities as unit squares are not needed here: households carry their community index.
function areas(n: number): AreaLayer {
  return {
    count: n,
    codes: Array.from({ length: n }, (_, i) => `c${i}`),
    names: Array.from({ length: n }, (_, i) => `c${i}`),
    parentCodes: Array.from({ length: n }, (_, i) => `k${i % 2}`),
    urban: new Uint8Array(n),
    polygons: {
      coords: new Float64Array(0),
      ringStart: new Uint32Array(1),
      polyRingStart: new Uint32Array(1),
      featurePolyStart: new Uint32Array(n + 1),
    },
  };
}

describe('coverage by elderly residents', () => {
  it('equals a brute-force count on random inputs, per community and per county', async () => {
    const pt = fc.tuple(fc.double({ min: 103, max: 103.1, noNaN: true }), fc.double({ min: 23, max: 23.1, noNaN: true }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            p: pt,
            elderly: fc.integer({ min: 0, max: 9 }),
            hh: fc.integer({ min: 1, max: 5 }),
            c: fc.integer({ min: 0, max: 3 }),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        fc.array(pt, { minLength: 1, maxLength: 6 }),
        async (hs, fs) => {
          const ct = typeIndex('elderly_canteen');
          const engine = new Engine({
            communities: areas(4),
            households: {
              count: hs.length,
              coords: Float64Array.from(hs.flatMap((h) => h.p)),
              households: Float32Array.from(hs.map((h) => h.hh)),
              elderly: Float32Array.from(hs.map((h) => h.elderly)),
              community: Int32Array.from(hs.map((h) => h.c)),
            },
            facilities: {
              count: fs.length,
              coords: Float64Array.from(fs.flat()),
              type: new Uint8Array(fs.length).fill(ct),
              ids: fs.map((_, i) => `f${i}`),
              names: fs.map(() => ''),
              area: new Float32Array(fs.length),
            },
          });
          const cmd = defaultCommand(['elderly_canteen']);
          cmd.types[0].mode = 'straight';
          const t = (await engine.run(cmd)).types[0];
          expect(t.demand).toBe('elderly');
          const comm = [0, 0, 0, 0],
            county = [0, 0];
          for (const h of hs) {
            const d = Math.min(...fs.map((f) => haversineM(h.p[0], h.p[1], f[0], f[1])));
            if (Math.fround((d * cmd.detour) / 75) <= 15) {
              comm[h.c] += h.elderly;
              county[h.c % 2] += h.elderly;
            }
          }
          expect(Array.from(t.communities.covered)).toEqual(comm);
          expect(engine.regions.counties.codes).toEqual(['k0', 'k1']);
          engine.regions.counties.codes.forEach((k, g) => expect(t.counties.covered[g]).toBe(county[Number(k.slice(1))]));
          expect(t.total.covered[0]).toBe(comm.reduce((a, b) => a + b, 0));
        },
      ),
      { numRuns: 60 },
    );
  });
});
