import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capacitatedMaxCover } from '../../../src/core/siting/capacity.ts';
import { coverSetsFromLists } from '../../../src/core/siting/cover-sets.ts';
import { greedyMaxCover } from '../../../src/core/siting/greedy.ts';
import { randomProblem, seeded, smallInstance } from './instances.ts';

describe('capacitated maximal covering', () => {
  it('hand-made: a site serves its nearest demand first, up to capacity', async () => {
    // One candidate reaching points 0 (2 min, 30 hh), 1 (5 min, 50 hh), 2 (9 min, 40 hh); capacity 60.
    const sets = coverSetsFromLists(3, [{ idx: [2, 0, 1], time: [9, 2, 5] }]);
    const r = await capacitatedMaxCover({ sets, weight: Float32Array.of(30, 50, 40) }, 1, 60);
    expect(r.load).toEqual([60]);
    expect([...r.assignDemand]).toEqual([0, 1]);
    expect([...r.assignWeight]).toEqual([30, 30]);
    expect([r.coveredBefore, r.coveredAfter, r.total]).toEqual([0, 60, 120]);
  });

  it('two sites share a village: the second serves what the first could not', async () => {
    // Both reach point 0 (100 hh); capacity 60 each → 60 + 40.
    const sets = coverSetsFromLists(1, [
      { idx: [0], time: [1] },
      { idx: [0], time: [3] },
    ]);
    const r = await capacitatedMaxCover({ sets, weight: Float32Array.of(100) }, 2, 60);
    expect(r.sites).toEqual([0, 1]);
    expect(r.load).toEqual([60, 40]);
    expect(r.coveredAfter).toBe(100);
  });

  it('never exceeds capacity, serves only reachable uncovered demand, never more than its weight', async () => {
    await fc.assert(
      fc.asyncProperty(smallInstance, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 80 }), async (q, k, cap) => {
        const p = randomProblem(seeded(q.seed), q.nDem, q.nCand, q.density, q.existing);
        const r = await capacitatedMaxCover(p, k, cap);
        const load = new Float64Array(r.sites.length),
          served = new Float64Array(q.nDem);
        for (let a = 0; a < r.assignSite.length; a++) {
          const s = r.assignSite[a],
            d = r.assignDemand[a],
            c = r.sites[s];
          const reach = [...p.sets.demandIdx.subarray(p.sets.candStart[c], p.sets.candStart[c + 1])];
          expect(reach).toContain(d);
          expect(p.covered0?.[d] ?? 0).toBe(0);
          expect(r.assignWeight[a]).toBeGreaterThan(0);
          load[s] += r.assignWeight[a];
          served[d] += r.assignWeight[a];
        }
        for (let s = 0; s < r.sites.length; s++) {
          expect(load[s]).toBeLessThanOrEqual(cap + 1e-9);
          expect(load[s]).toBeCloseTo(r.load[s], 9);
        }
        for (let d = 0; d < q.nDem; d++) expect(served[d]).toBeLessThanOrEqual(p.weight[d] + 1e-9);
        expect(r.coveredAfter - r.coveredBefore).toBeCloseTo(
          served.reduce((a, b) => a + b, 0),
          9,
        );
        expect(r.sites.length).toBeLessThanOrEqual(k);
      }),
      { numRuns: 300 },
    );
  });

  it('with unlimited capacity it equals plain greedy', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const p = randomProblem(seeded(seed), 40, 10, 0.2, seed % 2 === 0);
      const a = await capacitatedMaxCover(p, 3, Infinity);
      const b = await greedyMaxCover(p, 3);
      expect(a.sites).toEqual(b.sites);
      expect(a.coveredAfter).toBe(b.coveredAfter);
    }
  });
});
