// p-median, p-center, multi-service coverage and budgets against brute force on tiny instances.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverSetsFromLists } from '../../../src/core/siting/cover-sets.ts';
import { sumSearch, type SumProblem } from '../../../src/core/siting/median-search.ts';
import { minutesWith, pCenter, weightedPercentile } from '../../../src/core/siting/p-center.ts';
import { seeded } from './instances.ts';
import { exactCenter, exactSum } from './models-mip.ts';

/** Random instance: every candidate reaches each demand point with probability `density` at a
 *  random time; t0 is the cap or an existing facility's time; pairs not beating t0 are dropped. */
function timeProblem(rng: () => number, nDem: number, nCand: number, density: number, cap: number): SumProblem {
  const t0 = Float32Array.from({ length: nDem }, () => (rng() < 0.3 ? Math.fround(rng() * cap) : cap));
  const lists = Array.from({ length: nCand }, () => {
    const idx: number[] = [],
      time: number[] = [];
    for (let d = 0; d < nDem; d++) {
      const t = Math.fround(Math.round(rng() * cap * 4) / 4);
      if (rng() < density && t < t0[d]) {
        idx.push(d);
        time.push(t);
      }
    }
    return { idx, time };
  });
  const weight = Float32Array.from({ length: nDem }, () => 1 + Math.floor(rng() * 20));
  return { sets: coverSetsFromLists(nDem, lists), weight, t0 };
}

const sumOf = (p: SumProblem, sites: number[]) => minutesWith(p.sets, p.t0, sites).reduce((a, t, d) => a + t * p.weight[d], 0);

/** Every subset of 0 … n−1 whose cost fits the budget (unit costs: at most `budget` sites). */
function* feasible(n: number, cost: Float64Array | undefined, budget: number): Generator<number[]> {
  for (let mask = 0; mask < 1 << n; mask++) {
    const s: number[] = [];
    let spent = 0;
    for (let c = 0; c < n; c++)
      if (mask & (1 << c)) {
        s.push(c);
        spent += cost ? cost[c] : 1;
      }
    if (spent <= budget + 1e-9) yield s;
  }
}

const instance = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  nDem: fc.integer({ min: 1, max: 12 }),
  nCand: fc.integer({ min: 1, max: 8 }),
  density: fc.double({ min: 0.2, max: 1, noNaN: true }),
  n: fc.integer({ min: 1, max: 4 }),
  withCost: fc.boolean(),
});

function costsOf(rng: () => number, nCand: number, withCost: boolean, n: number) {
  if (!withCost) return { cost: undefined, budget: n };
  const cost = Float64Array.from({ length: nCand }, () => 1 + Math.floor(rng() * 9));
  return { cost, budget: Math.round(n * 4 + rng() * 6) };
}

describe('p-median', () => {
  it('hand-made: the middle site wins one, the two ends win two', async () => {
    // Demand on a line at 0, 1, 2 km (weights 1, 1, 1), no existing; cap 60.
    // Candidates at the three points; times in minutes (13.3 per km).
    const times = [
      [0, 13, 27],
      [13, 0, 13],
      [27, 13, 0],
    ];
    const lists = times.map((row) => ({ idx: [0, 1, 2], time: row }));
    const p: SumProblem = { sets: coverSetsFromLists(3, lists), weight: Float32Array.of(1, 1, 1), t0: Float32Array.of(60, 60, 60) };
    const one = await sumSearch(p, { cost: undefined, budget: 1 });
    expect(one.sites).toEqual([1]);
    expect([one.before, one.after]).toEqual([180, 26]);
    const two = await sumSearch(p, { cost: undefined, budget: 2 });
    expect(two.after).toBe(13);
    expect(two.savings.reduce((a, b) => a + b, 0)).toBe(180 - 13);
  });

  it('keeps existing facilities: demand already near one draws no site', async () => {
    // Existing facility 1 minute from points 0 and 1: the only site worth opening serves point 2.
    const lists = [
      { idx: [0, 1, 2], time: [5, 5, 30] },
      { idx: [2], time: [2] },
    ];
    const p: SumProblem = { sets: coverSetsFromLists(3, lists), weight: Float32Array.of(10, 10, 1), t0: Float32Array.of(1, 1, 60) };
    const r = await sumSearch(p, { cost: undefined, budget: 1 });
    expect(r.sites).toEqual([1]);
    expect(r.after).toBe(22);
  });

  it('reaches the brute-force optimum (or within 1 %) with N sites or a budget', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (q) => {
        const rng = seeded(q.seed);
        const p = timeProblem(rng, q.nDem, q.nCand, q.density, 60);
        const b = costsOf(rng, q.nCand, q.withCost, q.n);
        let opt = Infinity;
        for (const s of feasible(q.nCand, b.cost, b.budget)) opt = Math.min(opt, sumOf(p, s));
        const r = await sumSearch(p, b);
        expect(r.spent).toBeLessThanOrEqual(b.budget + 1e-9);
        expect(r.after).toBeCloseTo(sumOf(p, r.sites), 3);
        expect(r.after).toBeLessThanOrEqual(opt * 1.01 + 1e-6);
      }),
      { numRuns: 500 },
    );
  });
});

describe('p-center', () => {
  it('weighted percentile follows the p90 rule: first value where the cumulative weight reaches q %', () => {
    const m = Float32Array.of(5, 1, 3, 60),
      w = Float32Array.of(1, 1, 7, 1);
    expect(weightedPercentile(m, w, 100)).toBe(60);
    expect(weightedPercentile(m, w, 90)).toBe(5);
    expect(weightedPercentile(m, w, 80)).toBe(3);
    expect(weightedPercentile(m, w, 10)).toBe(1);
  });

  it('hand-made: the site near the remote village lowers the maximum, not the one near the crowd', async () => {
    // Crowd of 100 at 20 min from existing, a village of 1 at 50 min.
    const lists = [
      { idx: [0], time: [2] },
      { idx: [1], time: [10] },
    ];
    const p: SumProblem = { sets: coverSetsFromLists(2, lists), weight: Float32Array.of(100, 1), t0: Float32Array.of(20, 50) };
    const max = await pCenter(p, { cost: undefined, budget: 1 }, 100);
    expect(max.sites).toEqual([1]);
    expect([max.before, max.after]).toEqual([50, 20]);
    // P90 is decided by the crowd.
    const p90 = await pCenter(p, { cost: undefined, budget: 1 }, 90);
    expect(p90.sites).toEqual([0]);
    expect([p90.before, p90.after]).toEqual([20, 2]);
  });

  it('when the percentile cannot drop (most demand beyond the cap), the sites cut the mean instead', async () => {
    // 10 beyond every candidate (at the 60-minute cap), 1 at 30 minutes that candidate 0 brings to 5.
    const lists = [
      { idx: [1], time: [5] },
      { idx: [1], time: [20] },
    ];
    const p: SumProblem = { sets: coverSetsFromLists(2, lists), weight: Float32Array.of(10, 1), t0: Float32Array.of(60, 30) };
    const r = await pCenter(p, { cost: undefined, budget: 1 }, 90);
    expect([r.before, r.after]).toEqual([60, 60]);
    expect(r.sites).toEqual([0]);
  });

  it('reaches the brute-force optimum (or within 1 %) for the maximum and P90, with N sites or a budget', async () => {
    await fc.assert(
      fc.asyncProperty(instance, fc.constantFrom(100, 90, 50), async (q, pct) => {
        const rng = seeded(q.seed);
        const p = timeProblem(rng, q.nDem, q.nCand, q.density, 60);
        const b = costsOf(rng, q.nCand, q.withCost, q.n);
        let opt = Infinity;
        for (const s of feasible(q.nCand, b.cost, b.budget))
          opt = Math.min(opt, weightedPercentile(minutesWith(p.sets, p.t0, s), p.weight, pct));
        const r = await pCenter(p, b, pct);
        expect(r.spent).toBeLessThanOrEqual(b.budget + 1e-9);
        expect(r.after).toBe(weightedPercentile(minutesWith(p.sets, p.t0, r.sites), p.weight, pct));
        expect(r.after).toBeLessThanOrEqual(opt * 1.01 + 1e-6);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the HiGHS references of the bench', () => {
  it('equal brute force for the p-median and the p-center, with N sites or a budget', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const rng = seeded(seed);
      const p = timeProblem(rng, 10, 6, 0.7, 60);
      const b = costsOf(rng, 6, seed % 2 === 0, 2);
      let sum = Infinity,
        max = Infinity;
      for (const s of feasible(6, b.cost, b.budget)) {
        sum = Math.min(sum, sumOf(p, s));
        max = Math.min(max, weightedPercentile(minutesWith(p.sets, p.t0, s), p.weight, 100));
      }
      expect((await exactSum(p, b)).value).toBeCloseTo(sum, 3);
      expect((await exactCenter(p, b, 100)).value).toBe(max);
    }
  });
});
