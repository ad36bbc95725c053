// The location models through runSiting (what the CLI and the worker run), against brute force
// over every feasible set of candidates, with travel times computed directly by the engine's
// straight-line time function (so the pruned time lists are checked too).
import { describe, expect, it } from 'vitest';
import { typeIndex } from '../../../src/core/catalogue.ts';
import { runSiting, type SitingCommand } from '../../../src/core/siting/command.ts';
import { weightedPercentile } from '../../../src/core/siting/p-center.ts';
import { straightMinutes } from '../../../src/core/siting/straight-reach.ts';
import type { FacilityLayer, HouseholdLayer } from '../../../src/core/types.ts';
import { pts } from '../local.ts';
import { seeded } from './instances.ts';

const SPEED = 4.5,
  DETOUR = 1.3;

function world(seed: number) {
  const rng = seeded(seed);
  const xy = (): [number, number] => [Math.round(rng() * 6000), Math.round(rng() * 4000)];
  const n = 14;
  const homes = Array.from({ length: n }, xy);
  const households: HouseholdLayer = {
    count: n,
    coords: pts(...homes),
    households: Float32Array.from({ length: n }, () => 1 + Math.floor(rng() * 9)),
    elderly: Float32Array.from({ length: n }, () => Math.floor(rng() * 6)),
    infants: Float32Array.from({ length: n }, () => Math.floor(rng() * 4)),
    community: Int32Array.from({ length: n }, (_, i) => i % 3),
  };
  households.elderly![0] = 1;
  households.infants![1] = 1; // never without demand
  const fac = [xy(), xy()];
  const facilities: FacilityLayer = {
    count: 2,
    coords: pts(...fac),
    type: Uint8Array.of(typeIndex('elderly_canteen'), typeIndex('childcare')),
    ids: ['a', 'b'],
    names: ['a', 'b'],
    area: new Float32Array(2),
  };
  const cands = Array.from({ length: 7 }, xy);
  const cost = Float64Array.from(cands, () => 1 + Math.floor(rng() * 9));
  return { households, facilities, cands: pts(...cands), cost };
}

const minutes = (a: Float64Array, i: number, b: Float64Array, j: number) =>
  straightMinutes(a[2 * i], a[2 * i + 1], b[2 * j], b[2 * j + 1], { speedKmh: SPEED, detour: DETOUR, minutes: 0 });

/** Each household's minutes to the nearest of the type's existing facilities and `sites`, capped. */
function nearest(w: ReturnType<typeof world>, type: string, sites: number[], cap: number): Float32Array {
  const h = w.households,
    f = w.facilities;
  return Float32Array.from({ length: h.count }, (_, d) => {
    let m = cap;
    for (let i = 0; i < f.count; i++) if (f.type[i] === typeIndex(type)) m = Math.min(m, minutes(h.coords, d, f.coords, i));
    for (const c of sites) m = Math.min(m, minutes(h.coords, d, w.cands, c));
    return m;
  });
}

function* subsets(n: number, fits: (s: number[]) => boolean): Generator<number[]> {
  for (let mask = 0; mask < 1 << n; mask++) {
    const s = [...Array(n).keys()].filter((c) => mask & (1 << c));
    if (fits(s)) yield s;
  }
}

const cmdFor = (w: ReturnType<typeof world>, extra: Partial<SitingCommand>): SitingCommand => ({
  op: 'site',
  type: 'elderly_canteen',
  mode: 'straight',
  speedKmh: SPEED,
  detour: DETOUR,
  minutes: 15,
  demand: 'elderly',
  candidates: { points: w.cands, pointCost: w.cost },
  improveMs: undefined,
  ...extra,
});

/** Brute force over the candidate subsets a command may choose (N sites, or cost ≤ budget). */
function feasibleSets(w: ReturnType<typeof world>, add?: number, budget?: number): Generator<number[]> {
  return subsets(7, (s) => (add !== undefined ? s.length <= add : s.reduce((a, c) => a + w.cost[c], 0) <= budget!));
}

describe('location models through runSiting, against brute force', () => {
  const cases = Array.from({ length: 12 }, (_, i) => i + 1).flatMap((seed) => [
    { seed, add: 2 },
    { seed, budget: 9 },
  ]);

  it('p-median: mean minutes (capped at 60) within 1 % of the optimum', async () => {
    for (const { seed, add, budget } of cases) {
      const w = world(seed),
        wt = w.households.elderly!;
      const mean = (m: Float32Array) => m.reduce((a, t, d) => a + t * wt[d], 0) / wt.reduce((a, b) => a + b, 0);
      let opt = Infinity;
      for (const s of feasibleSets(w, add, budget)) opt = Math.min(opt, mean(nearest(w, 'elderly_canteen', s, 60)));
      const r = await runSiting(w, cmdFor(w, { model: 'pmedian', add, budget }));
      expect(r.model).toBe('pmedian');
      expect(r.objectiveBefore).toBeCloseTo(mean(nearest(w, 'elderly_canteen', [], 60)), 4);
      expect(r.objectiveAfter).toBeLessThanOrEqual(opt * 1.01 + 1e-6);
      if (budget !== undefined) expect(r.spent).toBeLessThanOrEqual(budget);
      // Gains are each site's drop in the mean, summing to the whole drop.
      expect(r.gains.reduce((a, b) => a + b, 0)).toBeCloseTo(r.objectiveBefore - r.objectiveAfter, 4);
      // Demand within 15 minutes after each site in turn (the site list's covered demand).
      const chosen = Array.from({ length: r.gains.length }, (_, i) =>
        [...Array(7).keys()].find((c) => w.cands[2 * c] === r.coords[2 * i] && w.cands[2 * c + 1] === r.coords[2 * i + 1])!,
      );
      const within = (s: number[]) => nearest(w, 'elderly_canteen', s, 60).reduce((a, t, d) => a + (t <= 15 ? wt[d] : 0), 0);
      expect(Array.from(r.coveredEach!)).toEqual(chosen.map((_, i) => within(chosen.slice(0, i + 1))));
      if (chosen.length) expect(r.coveredEach!.at(-1)).toBe(r.coveredAfter);
    }
  });

  it('p-center: the maximum and the P90 within 1 % of the optimum', async () => {
    for (const { seed, add, budget } of cases)
      for (const percentile of [100, 90]) {
        const w = world(seed),
          wt = w.households.elderly!;
        let opt = Infinity;
        for (const s of feasibleSets(w, add, budget))
          opt = Math.min(opt, weightedPercentile(nearest(w, 'elderly_canteen', s, 60), wt, percentile));
        const r = await runSiting(w, cmdFor(w, { model: 'pcenter', percentile, add, budget }));
        expect(r.objectiveAfter).toBeLessThanOrEqual(opt * 1.01 + 1e-6);
      }
  });

  it('multi-service: weighted covered demand of canteen + childcare within 1 % of the optimum', async () => {
    for (const { seed, add, budget } of cases) {
      const w = world(seed),
        weights = [1, 3];
      const value = (s: number[]) => {
        const e = nearest(w, 'elderly_canteen', s, 60),
          k = nearest(w, 'childcare', s, 60);
        let v = 0;
        for (let d = 0; d < w.households.count; d++)
          v += weights[0] * (e[d] <= 15 ? w.households.elderly![d] : 0) + weights[1] * (k[d] <= 15 ? w.households.infants![d] : 0);
        return v;
      };
      let opt = -Infinity;
      for (const s of feasibleSets(w, add, budget)) opt = Math.max(opt, value(s));
      const r = await runSiting(
        w,
        cmdFor(w, { add, budget, weights, also: [{ type: 'childcare', speedKmh: SPEED, minutes: 15, demand: 'infants' }] }),
      );
      expect(r.objectiveBefore).toBeCloseTo(value([]), 4);
      expect(r.objectiveAfter).toBeGreaterThanOrEqual(opt * 0.99 - 1e-6);
    }
  });

  it('budgeted coverage of one type within 1 % of the optimum', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const w = world(seed),
        wt = w.households.elderly!;
      const covered = (s: number[]) => nearest(w, 'elderly_canteen', s, 60).reduce((a, t, d) => a + (t <= 15 ? wt[d] : 0), 0);
      let opt = -Infinity;
      for (const s of feasibleSets(w, undefined, 7)) opt = Math.max(opt, covered(s));
      const r = await runSiting(w, cmdFor(w, { budget: 7 }));
      expect(r.coveredAfter).toBe(r.objectiveAfter);
      expect(r.objectiveAfter).toBeGreaterThanOrEqual(opt * 0.99 - 1e-6);
    }
  });
});

describe('costs, budgets and phasing', () => {
  // Three villages on a line, 2 km apart (beyond 15 min of each other), elderly 10, 5, 1.
  // Candidates at the villages: A costs 8, B 3, C 2.
  const households: HouseholdLayer = {
    count: 3,
    coords: pts([0, 0], [2500, 0], [5000, 0]),
    households: Float32Array.of(1, 1, 1),
    elderly: Float32Array.of(10, 5, 1),
    infants: Float32Array.of(0, 0, 0),
    community: Int32Array.of(0, 1, 2),
  };
  const facilities: FacilityLayer = {
    count: 0,
    coords: new Float64Array(0),
    type: new Uint8Array(0),
    ids: [],
    names: [],
    area: new Float32Array(0),
  };
  const cmd = (extra: Partial<SitingCommand>): SitingCommand => ({
    op: 'site',
    type: 'elderly_canteen',
    mode: 'straight',
    speedKmh: SPEED,
    detour: DETOUR,
    minutes: 15,
    demand: 'elderly',
    candidates: { points: pts([0, 0], [2500, 0], [5000, 0]), pointCost: Float64Array.of(8, 3, 2) },
    ...extra,
  });

  it('a budget buys the best affordable set, not the best N', async () => {
    const r = await runSiting({ households, facilities }, cmd({ budget: 6 }));
    expect(Array.from(r.costs)).toEqual([3, 2]);
    expect([r.objectiveAfter, r.spent]).toEqual([6, 5]);
  });

  it('years: the most coverage as early as possible; unspent money carries over; the year each gap community closes', async () => {
    const r = await runSiting(
      { households, facilities },
      cmd({
        years: [
          { year: 2023, budget: 4 },
          { year: 2024, budget: 4 },
          { year: 2025, budget: 5 },
        ],
      }),
    );
    // 2023: 4 buys B (5). 2024: 4 + 1 left = 5 < 8, C (1). 2025: 5 + 3 left = 8 buys A (10).
    expect(Array.from(r.costs)).toEqual([3, 2, 8]);
    expect(Array.from(r.years!)).toEqual([2023, 2024, 2025]);
    expect(Array.from(r.gains)).toEqual([5, 1, 10]);
    expect(Array.from(r.gapYears!.community)).toEqual([0, 1, 2]);
    expect(Array.from(r.gapYears!.year)).toEqual([2025, 2023, 2024]);
  });

  it('years with p-center: each year the affordable sites that lower the worst walk most', async () => {
    // Four villages on a line at 0, 800, 2000 and 3500 m (one elderly each); candidates at the
    // villages, A costing 2 and the others 1; 1 to spend each year. Minutes = m × 1.3 / 75.
    const four: HouseholdLayer = {
      count: 4,
      coords: pts([0, 0], [800, 0], [2000, 0], [3500, 0]),
      households: Float32Array.of(1, 1, 1, 1),
      elderly: Float32Array.of(1, 1, 1, 1),
      infants: Float32Array.of(0, 0, 0, 0),
      community: Int32Array.of(0, 1, 2, 3),
    };
    const r = await runSiting(
      { households: four, facilities },
      {
        ...cmd({ model: 'pcenter', percentile: 100, years: [2023, 2024, 2025].map((year) => ({ year, budget: 1 })) }),
        candidates: { points: four.coords, pointCost: Float64Array.of(2, 1, 1, 1) },
      },
    );
    // 2023: C leaves A at 2000 m (34.67 min; B alone leaves D at 46.8, D alone A at the 60 cap).
    // 2024: B brings A to 13.87, leaving D at 26 (D instead would leave A at 34.67).
    // 2025: D; A (cost 2) is out of reach. The worst walk is then A's 13.87 minutes.
    expect(Array.from(r.coords)).toEqual([2, 1, 3].flatMap((c) => [four.coords[2 * c], four.coords[2 * c + 1]]));
    expect(Array.from(r.years!)).toEqual([2023, 2024, 2025]);
    expect(r.objectiveBefore).toBe(60);
    expect(r.objectiveAfter).toBeCloseTo((800 * 1.3) / 75, 4);
    const steps = [60, (2000 * 1.3) / 75, (1500 * 1.3) / 75, (800 * 1.3) / 75];
    Array.from(r.gains).forEach((g, i) => expect(g).toBeCloseTo(steps[i] - steps[i + 1], 4));
    // Within 15 minutes: C in 2023; A and B in 2024; D in 2025.
    expect(Array.from(r.gapYears!.community)).toEqual([0, 1, 2, 3]);
    expect(Array.from(r.gapYears!.year)).toEqual([2024, 2024, 2023, 2025]);
  });

  it('default costs: renovating an existing building costs less than a new build', async () => {
    const r = await runSiting(
      { households, facilities },
      {
        ...cmd({ budget: 1000 }),
        candidates: { points: pts([0, 0], [2500, 0], [5000, 0]), pointRenovate: Uint8Array.of(1, 0, 0) },
      },
    );
    expect(Array.from(r.costs)).toEqual([30, 120, 120]);
  });

  it('bad input is refused before any work, saying what is wrong', async () => {
    const bad: [Partial<SitingCommand>, RegExp][] = [
      [{ budget: 1 }, /budget 1 is smaller than every candidate's cost \(cheapest 2\)/],
      [
        {
          years: [
            { year: 2024, budget: 5 },
            { year: 2023, budget: 5 },
          ],
        },
        /years must increase: 2023 comes after 2024/,
      ],
      [{ model: 'pcenter', percentile: 0, add: 1 }, /percentile must be a number from 1 to 100, got 0/],
      [{ model: 'pcenter', percentile: 101, add: 1 }, /percentile must be a number from 1 to 100/],
      [{ add: 1, demand: 'infants' }, /elderly_canteen: the households carry no infants demand/],
      [{ add: 1, budget: 5 }, /exactly one of add, target, budget or years/],
      [{ model: 'pmedian', add: 1, capMinutes: 10 }, /cap \(10\) must be at least the threshold/],
      [
        { model: 'pmedian', add: 1, also: [{ type: 'childcare', speedKmh: 4.5, minutes: 15, demand: 'elderly' }] },
        /several types per site work with the mclp model/,
      ],
      [{ add: 1, weights: [1, 2] }, /weights: give one per type \(1\), got 2/],
    ];
    for (const [extra, msg] of bad) await expect(runSiting({ households, facilities }, cmd(extra))).rejects.toThrow(msg);
  });
});
