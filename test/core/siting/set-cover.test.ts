import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverSetsFromLists } from '../../../src/core/siting/cover-sets.ts';
import { setCover } from '../../../src/core/siting/set-cover.ts';
import { coveredWeight, randomProblem, seeded, smallInstance, subsets } from './instances.ts';

/** Fewest sites reaching `need` by enumeration; Infinity when even all of them fall short. */
function bruteMin(p: ReturnType<typeof randomProblem>, need: number): number {
  for (let k = 0; k <= p.sets.candCount; k++) for (const s of subsets(p.sets.candCount, k)) if (coveredWeight(p, s) >= need) return k;
  return Infinity;
}

describe('set covering (fewest sites to a target share)', () => {
  it('hand-made: 3 singletons vs one set covering two of them', async () => {
    // Weights 1,1,1,1; sets {0},{1},{2},{3},{0,1,2}. Target 100% needs {0,1,2} + {3}.
    const lists = [[0], [1], [2], [3], [0, 1, 2]].map((idx) => ({ idx, time: idx.map(() => 1) }));
    const p = { sets: coverSetsFromLists(4, lists), weight: new Float32Array(4).fill(1) };
    const r = await setCover(p, 1);
    expect(r.reached).toBe(true);
    expect(r.sites).toEqual([4, 3]);
    expect(r.gains).toEqual([3, 1]);
    expect((await setCover(p, 0.75)).sites).toEqual([4]);
    expect((await setCover(p, 0)).sites).toEqual([]);
  });

  it('stops on cancel, flagged, with the sites so far', async () => {
    const p = randomProblem(seeded(9), 200, 40, 0.1, false);
    const signal = { cancelled: false };
    const r = await setCover(p, 0.95, {
      signal,
      onProgress: (done) => {
        if (done === 2) signal.cancelled = true;
      },
    });
    expect(r.cancelled).toBe(true);
    expect(r.sites.length).toBe(2);
    expect(r.coveredAfter).toBe(coveredWeight(p, r.sites));
  });

  it('reports an unreachable target and returns every useful site', async () => {
    const lists = [[0], [1]].map((idx) => ({ idx, time: idx.map(() => 1) }));
    const p = { sets: coverSetsFromLists(3, lists), weight: Float32Array.of(1, 1, 2) };
    const r = await setCover(p, 0.9);
    expect(r.reached).toBe(false);
    expect(r.coveredAfter).toBe(2);
  });

  it('reaches the target, is irredundant, and is within one site of the brute-force minimum', async () => {
    let extra = 0,
      runs = 0;
    await fc.assert(
      fc.asyncProperty(smallInstance, fc.double({ min: 0.1, max: 1, noNaN: true }), async (q, share) => {
        const p = randomProblem(seeded(q.seed), q.nDem, q.nCand, q.density, q.existing);
        const r = await setCover(p, share);
        const total = p.weight.reduce((a, b) => a + b, 0);
        const need = share * total - 1e-9 * total;
        const min = bruteMin(p, need);
        runs++;
        if (min === Infinity) {
          expect(r.reached).toBe(false);
          return;
        }
        expect(r.reached).toBe(true);
        expect(coveredWeight(p, r.sites)).toBeGreaterThanOrEqual(need);
        expect(r.coveredAfter).toBe(coveredWeight(p, r.sites));
        for (let i = 0; i < r.sites.length; i++)
          expect(
            coveredWeight(
              p,
              r.sites.filter((_, j) => j !== i),
            ),
          ).toBeLessThan(need);
        expect(r.sites.length).toBeGreaterThanOrEqual(min);
        expect(r.sites.length).toBeLessThanOrEqual(min + 1);
        extra += r.sites.length - min;
      }),
      { numRuns: 400, seed: 20261129 },
    );
    // Measured over 3,799 random feasible instances: 4 used one site more than the minimum,
    // none more. Allow at most 1 % of runs one extra site.
    expect(runs).toBe(400);
    expect(extra).toBeLessThanOrEqual(4);
  });
});
