import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverSetsFromLists } from '../../../src/core/siting/cover-sets.ts';
import { CoverState, type SitingProblem } from '../../../src/core/siting/cover-state.ts';
import { greedyMaxCover } from '../../../src/core/siting/greedy.ts';
import { maxCover } from '../../../src/core/siting/max-cover.ts';
import { exactMaxCover } from './max-cover-mip.ts';
import { bruteMaxCover, coveredWeight, randomProblem, seeded, smallInstance } from './instances.ts';

// Hand-made: demand weights 5,4,3,3,1; candidate sets A={0,1} B={2,3} C={0,2} D={1,3,4}.
// Greedy for 2 picks A (9), then B (6) → 15. The optimum C+D covers all 16 but is two swaps
// away, and no single swap improves A+B, so Teitz–Bart alone (a 1-swap local search) keeps 15;
// the local-search kicks find 16.
function handMade(covered0?: Uint8Array): SitingProblem {
  const lists = [
    [0, 1],
    [2, 3],
    [0, 2],
    [1, 3, 4],
  ].map((idx) => ({ idx, time: idx.map(() => 1) }));
  return { sets: coverSetsFromLists(5, lists), weight: Float32Array.of(5, 4, 3, 3, 1), covered0 };
}

describe('maximal covering', () => {
  it('greedy picks the exactly known sites on a hand-made case', async () => {
    const r = await greedyMaxCover(handMade(), 2);
    expect(r.sites).toEqual([0, 1]);
    expect(r.gains).toEqual([9, 6]);
    expect([r.coveredBefore, r.coveredAfter, r.total]).toEqual([0, 15, 16]);
    const s = await maxCover(handMade(), 2, { kicks: 0 });
    expect(s.sites).toEqual([0, 1]);
    expect(s.coveredAfter).toBe(15);
    const k = await maxCover(handMade(), 2);
    expect(k.sites).toEqual([2, 3]); // C and D each add 8; equal gains rank the smaller id first
    expect(k.coveredAfter).toBe(bruteMaxCover(handMade(), 2));
  });

  it('keeps existing cover: demand already covered adds nothing', async () => {
    // Existing facilities cover points 0 and 1: now B (3+3) beats D (3+1).
    const r = await greedyMaxCover(handMade(Uint8Array.of(1, 1, 0, 0, 0)), 1);
    expect(r.sites).toEqual([1]);
    expect([r.coveredBefore, r.coveredAfter]).toEqual([9, 15]);
  });

  it('stops when nothing more can be gained', async () => {
    const r = await greedyMaxCover(handMade(), 10);
    expect(r.sites).toEqual([0, 1, 3]);
    expect(r.coveredAfter).toBe(16);
  });

  it('swap corrects a greedy trap: greedy takes the big middle set, the optimum the two sides', async () => {
    // Demand 0–5 weight 1; M={1,2,3,4} (4), L={0,1,2} (3), R={3,4,5} (3). k=2: greedy M then L = 5; optimum L+R = 6.
    const lists = [
      [1, 2, 3, 4],
      [0, 1, 2],
      [3, 4, 5],
    ].map((idx) => ({ idx, time: idx.map(() => 1) }));
    const p = { sets: coverSetsFromLists(6, lists), weight: new Float32Array(6).fill(1) };
    expect((await greedyMaxCover(p, 2)).coveredAfter).toBe(5);
    const s = await maxCover(p, 2);
    expect(s.coveredAfter).toBe(6);
    expect(s.sites.slice().sort()).toEqual([1, 2]);
  });

  it('greedy ≥ (1 − 1/e)·optimum and swap ≥ greedy, swap locally optimal, against brute force', async () => {
    await fc.assert(
      fc.asyncProperty(smallInstance, fc.integer({ min: 1, max: 4 }), async (q, k) => {
        const p = randomProblem(seeded(q.seed), q.nDem, q.nCand, q.density, q.existing);
        const opt = bruteMaxCover(p, k);
        const g = await greedyMaxCover(p, k);
        const s = await maxCover(p, k, { kicks: q.seed % 2 ? 0 : 96 });
        expect(g.coveredAfter).toBe(coveredWeight(p, g.sites));
        expect(s.coveredAfter).toBe(coveredWeight(p, s.sites));
        expect(s.gains.reduce((a, b) => a + b, 0)).toBe(s.coveredAfter - s.coveredBefore);
        expect(new Set(s.sites).size).toBe(s.sites.length);
        expect(s.sites.length).toBeLessThanOrEqual(k);
        expect(g.coveredAfter - g.coveredBefore).toBeGreaterThanOrEqual((1 - 1 / Math.E) * (opt - g.coveredBefore) - 1e-9);
        expect(s.coveredAfter).toBeGreaterThanOrEqual(g.coveredAfter);
        expect(s.coveredAfter).toBeLessThanOrEqual(opt);
        // Teitz–Bart fixpoint (with or without kicks): no single swap of an open site for a closed one improves.
        const base = coveredWeight(p, s.sites);
        for (let i = 0; i < s.sites.length; i++)
          for (let c = 0; c < p.sets.candCount; c++) {
            if (s.sites.includes(c)) continue;
            const t = s.sites.slice();
            t[i] = c;
            expect(coveredWeight(p, t)).toBeLessThanOrEqual(base);
          }
      }),
      { numRuns: 300 },
    );
  });

  it('reports progress and stops on cancel with the sites chosen so far', async () => {
    const p = randomProblem(seeded(7), 200, 40, 0.1, false);
    const signal = { cancelled: false };
    const seen: number[] = [];
    const r = await greedyMaxCover(p, 10, {
      signal,
      onProgress: (done) => {
        seen.push(done);
        if (done === 3) signal.cancelled = true;
      },
    });
    expect(seen).toEqual([1, 2, 3]);
    expect(r.cancelled).toBe(true);
    expect(r.sites.length).toBe(3);
  });

  it('cancels during local search with a valid best-so-far', async () => {
    const p = randomProblem(seeded(5), 300, 60, 0.08, true);
    const signal = { cancelled: false };
    const stages: string[] = [];
    const r = await maxCover(p, 8, {
      signal,
      onProgress: (_d, _t, stage) => {
        stages.push(stage);
        if (stage === 'improve') signal.cancelled = true;
      },
    });
    expect(stages.filter((s) => s === 'greedy').length).toBe(8);
    expect(stages.filter((s) => s === 'improve').length).toBe(1);
    expect(r.cancelled).toBe(true);
    expect(r.sites.length).toBe(8);
    expect(r.coveredAfter).toBe(coveredWeight(p, r.sites));
  });

  it('does not mutate its inputs', async () => {
    const p = randomProblem(seeded(3), 50, 12, 0.2, true);
    const copy = { idx: p.sets.demandIdx.slice(), w: p.weight.slice(), c0: p.covered0!.slice() };
    await maxCover(p, 3);
    expect(p.sets.demandIdx).toEqual(copy.idx);
    expect(p.weight).toEqual(copy.w);
    expect(p.covered0).toEqual(copy.c0);
  });

  it('heuristic is within 1 % of the exact HiGHS MIP on 60 demand × 15 candidates, never above it', async () => {
    // Measured worst gap on these 16 instances: 0 % (the target is ≤ 1 %).
    let worst = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const p = randomProblem(seeded(seed), 60, 15, 0.12, seed % 2 === 0);
      for (const k of [2, 4]) {
        const exact = await exactMaxCover(p, k);
        const h = await maxCover(p, k);
        expect(exact.covered).toBe(coveredWeight(p, exact.sites));
        expect(exact.covered).toBeGreaterThanOrEqual(h.coveredAfter - 1e-6);
        worst = Math.max(worst, (exact.covered - h.coveredAfter) / exact.covered);
      }
    }
    expect(worst).toBeLessThanOrEqual(0.01);
  });

  it('CoverState open/close round-trips', () => {
    const p = randomProblem(seeded(11), 80, 10, 0.3, true);
    const s = new CoverState(p);
    const before = s.covered;
    for (let c = 0; c < 10; c++) s.open(c);
    expect(s.covered).toBe(coveredWeight(p, [...Array(10).keys()]));
    for (let c = 9; c >= 0; c--) s.close(c);
    expect(s.covered).toBe(before);
  });
});
