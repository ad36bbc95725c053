// Location-model benchmark (issue 17): p-median, p-center (maximum and P90) and multi-service
// coverage, with N sites and with a budget, against HiGHS exact (models-mip.ts) on synthetic
// clustered instances it solves within 60 s; then each model end to end on the full demo.
// Run alone: npx tsx test/bench/location-models.bench.ts
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DETOUR, BUILT_IN_TYPES, typeIndex } from '../../src/core/catalogue.ts';
import { coverageInstance, runSiting, type SitingCommand } from '../../src/core/siting/command.ts';
import { coveredBy, straightCoverSets } from '../../src/core/siting/cover-sets.ts';
import type { SitingProblem } from '../../src/core/siting/cover-state.ts';
import { sumSearch, type Budget, type SumProblem } from '../../src/core/siting/median-search.ts';
import { pCenter } from '../../src/core/siting/p-center.ts';
import { straightTimeSets } from '../../src/core/siting/time-sets.ts';
import { readFgb } from '../../src/io/fgb.ts';
import { areasFromFeatures, facilitiesFromFeatures, householdsFromFeatures, linesFromFeatures } from '../../src/io/features.ts';
import { exactCenter, exactSum, type Exact } from '../core/siting/models-mip.ts';
import { seeded } from '../core/siting/instances.ts';
import { exactComparison, mclpVsExact, syntheticInstance, syntheticPlaces } from './siting.bench.ts';

const DEMO = fileURLToPath(new URL('../../public/demo/', import.meta.url));
const LIMIT_S = 60;

/** Clustered villages in a `km` square near Mengzi: demand points, candidates and 4 existing sites. */
function places(seed: number, nDem: number, nCand: number, km: number) {
  const rng = seeded(seed);
  const villages = Array.from({ length: 30 }, () => [103.3 + (rng() * km) / 102, 23.3 + (rng() * km) / 111]);
  const around = (v: number[], spread: number) => [v[0] + (rng() - 0.5) * spread, v[1] + (rng() - 0.5) * spread];
  const dem: number[] = [],
    cand: number[] = [],
    fac: number[] = [];
  for (let i = 0; i < nDem; i++) dem.push(...around(villages[Math.floor(rng() ** 1.5 * villages.length)], 0.02));
  for (let i = 0; i < nCand; i++) cand.push(...around(villages[Math.floor(rng() * villages.length)], 0.03));
  for (let i = 0; i < 4; i++) fac.push(...around(villages[i * 7], 0.01));
  const w = () => Float32Array.from({ length: nDem }, () => 1 + Math.floor(rng() * 30));
  const cost = Float64Array.from({ length: nCand }, () => (rng() < 0.3 ? 30 : 120)); // renovation or new build
  return { dem: Float64Array.from(dem), cand: Float64Array.from(cand), fac: Float64Array.from(fac), weight: w(), weight2: w(), cost };
}

const WALK = { speedKmh: 4.5, detour: DEFAULT_DETOUR };

type Places = Pick<ReturnType<typeof places>, 'dem' | 'cand' | 'fac' | 'weight'>;

/** The MCLP instance (15 min walk, first weight) on the same places: the like-for-like baseline. */
function mclpProblem(s: Places): SitingProblem {
  const walk = { ...WALK, minutes: 15 };
  return { sets: straightCoverSets(s.cand, s.dem, walk), weight: s.weight, covered0: coveredBy(straightCoverSets(s.fac, s.dem, walk)) };
}

function timeOn(s: Places) {
  const ts = straightTimeSets(s.cand, s.fac, s.dem, { ...WALK, minutes: 60 }, 60);
  return { sets: ts.sets, weight: s.weight, t0: ts.t0 } as SumProblem;
}

export function timeProblem(seed: number, nDem: number, nCand: number, km: number) {
  const s = places(seed, nDem, nCand, km);
  return { p: timeOn(s), cost: s.cost, mclp: mclpProblem(s) };
}

export function multiProblem(seed: number, nDem: number, nCand: number, km: number) {
  const s = places(seed, nDem, nCand, km);
  const services = [
    { type: 'elderly_canteen', speedKmh: 4.5, minutes: 15, demand: 'elderly' as const },
    { type: 'childcare', speedKmh: 4.5, minutes: 10, demand: 'infants' as const },
  ];
  const inst = coverageInstance(
    services,
    [s.weight, s.weight2],
    [1, 2],
    (t) => straightCoverSets(s.cand, s.dem, { ...WALK, minutes: t.minutes }),
    (t) => straightCoverSets(s.fac, s.dem, { ...WALK, minutes: t.minutes }),
  );
  return { p: inst.p, cost: s.cost, mclp: mclpProblem(s) };
}

const ms = (t0: number) => performance.now() - t0;
const pct = (x: number) => (100 * x).toFixed(2) + ' %';

/** Median of 3 timed heuristic runs (after one warm-up) and its objective. */
async function timed(run: () => Promise<number>): Promise<{ value: number; ms: number }> {
  let value = await run();
  const t: number[] = [];
  for (let i = 0; i < 3; i++) {
    const s = performance.now();
    value = await run();
    t.push(ms(s));
  }
  return { value, ms: t.sort((a, b) => a - b)[1] };
}

interface Row {
  name: string;
  heur: number;
  exact: Exact;
  ms: number;
  before: number;
  minimise: boolean;
  /** MCLP heuristic and HiGHS ms on the same places and N (rows with N sites; MCLP has no budget form). */
  mclp?: { heurMs: number; exactMs: number };
}

async function comparisons(rows: string[][], mclpRatio: number): Promise<void> {
  const results: { model: string; r: Row }[] = [];
  // MCLP timings per instance and N, shared by the models that use the same instance.
  const mclpRuns = new Map<string, { heurMs: number; exactMs: number }>();
  const mclpOn = async (key: string, mp: SitingProblem, n: number) => {
    if (!mclpRuns.has(`${key} N=${n}`)) {
      const m = await mclpVsExact(mp, n);
      mclpRuns.set(`${key} N=${n}`, { heurMs: m.th, exactMs: m.te });
    }
    return mclpRuns.get(`${key} N=${n}`);
  };
  const add = async (
    model: string,
    name: string,
    p: SumProblem,
    b: Budget,
    kind: 'sum' | 'center',
    q = 100,
    same?: { key: string; mp: SitingProblem },
  ) => {
    const h = await timed(async () => (kind === 'sum' ? (await sumSearch(p, b)).after : (await pCenter(p, b, q)).after));
    const exact = kind === 'sum' ? await exactSum(p, b, LIMIT_S) : await exactCenter(p, b, q, LIMIT_S);
    const before =
      kind === 'sum'
        ? (await sumSearch(p, { cost: undefined, budget: 0 })).before
        : (await pCenter(p, { cost: undefined, budget: 0 }, q)).before;
    const mclp = same && !b.cost ? await mclpOn(same.key, same.mp, b.budget) : undefined;
    results.push({ model, r: { name, heur: h.value, exact, ms: h.ms, before, minimise: true, mclp } });
  };
  for (const seed of [1, 2, 3]) {
    for (const km of [6, 10]) {
      const tp = timeProblem(seed, 500, 100, km);
      const tSame = { key: `500×100 ${km} ${seed}`, mp: tp.mclp };
      await add('p-median', `500×100 ${km} km seed ${seed}, N=8`, tp.p, { cost: undefined, budget: 8 }, 'sum', 100, tSame);
      await add('p-median', `500×100 ${km} km seed ${seed}, budget 600`, tp.p, { cost: tp.cost, budget: 600 }, 'sum');
      // The exact p-center solves a MIP per radius probe: smaller instances stay within 60 s.
      const cp = timeProblem(seed, 250, 50, km);
      const cSame = { key: `250×50 ${km} ${seed}`, mp: cp.mclp };
      await add('p-center max', `250×50 ${km} km seed ${seed}, N=6`, cp.p, { cost: undefined, budget: 6 }, 'center', 100, cSame);
      await add('p-center P90', `250×50 ${km} km seed ${seed}, N=6`, cp.p, { cost: undefined, budget: 6 }, 'center', 90, cSame);
      await add('p-center P90', `250×50 ${km} km seed ${seed}, budget 450`, cp.p, { cost: cp.cost, budget: 450 }, 'center', 90);
      const mp = multiProblem(seed, 2000, 300, km + 2);
      const mSame = { key: `2000×300 ${km + 2} ${seed}`, mp: mp.mclp };
      await add(
        'multi-service',
        `2000×300 2 types ${km + 2} km seed ${seed}, N=15`,
        mp.p,
        { cost: undefined, budget: 15 },
        'sum',
        100,
        mSame,
      );
      await add('multi-service', `2000×300 2 types ${km + 2} km seed ${seed}, budget 1000`, mp.p, { cost: mp.cost, budget: 1000 }, 'sum');
      console.error(`location-models bench: seed ${seed}, ${km} km done`);
    }
  }
  // The p-median on the siting bench's own MCLP instances (2000×300, 60 villages), N=10. The exact
  // p-center (P90) ran past 60 s on the first of them, so it is not compared there.
  for (const [seed, km] of [
    [1, 6],
    [2, 6],
    [3, 6],
    [1, 12],
    [2, 12],
    [3, 12],
  ]) {
    const same = { key: `MCLP bench ${km} ${seed}`, mp: syntheticInstance(seed, km) };
    await add(
      'p-median on MCLP bench',
      `2000×300 ${km} km seed ${seed}, N=10`,
      timeOn(syntheticPlaces(seed, km)),
      { cost: undefined, budget: 10 },
      'sum',
      100,
      same,
    );
    console.error(`location-models bench: MCLP instance seed ${seed}, ${km} km done`);
  }
  for (const model of ['p-median', 'p-center max', 'p-center P90', 'multi-service', 'p-median on MCLP bench']) {
    let worst = 0,
      sumH = 0,
      sumE = 0,
      solved = 0,
      minRatio = Infinity,
      sameH = 0,
      sameE = 0,
      sameMH = 0,
      sameME = 0,
      sameN = 0;
    const mine = results.filter((x) => x.model === model);
    for (const { r } of mine) {
      if (!r.exact.solved) {
        rows.push([`${model} ${r.name}`, `HiGHS did not finish in ${LIMIT_S} s`, `heuristic ${r.ms.toFixed(1)} ms`, '']);
        continue;
      }
      // Gap: for the sum models, of the improvement the optimum makes; for the p-center, of its minutes.
      const gap = model.startsWith('p-center')
        ? Math.max(0, r.heur - r.exact.value) / Math.max(r.exact.value, 1e-9)
        : Math.max(0, r.heur - r.exact.value) / Math.max(r.before - r.exact.value, 1e-9);
      const te = r.exact.seconds * 1000;
      worst = Math.max(worst, gap);
      sumH += r.ms;
      sumE += te;
      solved++;
      minRatio = Math.min(minRatio, te / r.ms);
      if (r.mclp) {
        sameH += r.ms;
        sameE += te;
        sameMH += r.mclp.heurMs;
        sameME += r.mclp.exactMs;
        sameN++;
      }
      const show = (v: number) =>
        model === 'multi-service'
          ? `${Math.round(r.before - v)} weighted newly covered`
          : model.startsWith('p-median')
            ? `${v.toFixed(0)} w·min`
            : `${v.toFixed(2)} min`;
      rows.push([
        `${model} ${r.name}`,
        `gap ${pct(gap)} (${show(r.heur)} vs exact ${show(r.exact.value)})`,
        `heuristic ${r.ms.toFixed(1)} ms, HiGHS ${te.toFixed(0)} ms, ratio ${(te / r.ms).toFixed(0)}×`,
        `gap ≤ 1 %: ${gap <= 0.01 ? 'yes' : 'NO'}` +
          (r.mclp
            ? `; MCLP same places+N: ${r.mclp.heurMs.toFixed(1)} ms, HiGHS ${r.mclp.exactMs.toFixed(0)} ms, ratio ${(r.mclp.exactMs / r.mclp.heurMs).toFixed(0)}×`
            : ''),
      ]);
    }
    const same = sameE / sameH,
      mclpSame = sameME / sameMH;
    rows.push([
      `${model} summary (${solved}/${mine.length} solved by HiGHS)`,
      `worst gap ${pct(worst)} (target ≤ 1 %)`,
      `Σ HiGHS ${sumE.toFixed(0)} ms / Σ heuristic ${sumH.toFixed(0)} ms = ${(sumE / sumH).toFixed(0)}×`,
      `slowest-relative instance ${minRatio.toFixed(0)}×; vs MCLP 2000×300 bench's ${mclpRatio.toFixed(0)}× (its 12 instances, N=10 and 20): ${sumE / sumH >= mclpRatio ? 'as fast or faster' : 'SLOWER'}`,
    ]);
    rows.push([
      `${model} like for like (${sameN} N-site rows; budget rows have no MCLP twin)`,
      `same instances and N as MCLP`,
      `${model} Σ ratio ${same.toFixed(0)}× vs MCLP Σ ratio ${mclpSame.toFixed(0)}×`,
      sameN ? (same >= mclpSame ? 'as fast or faster than MCLP' : 'SLOWER than MCLP') : 'no comparable rows',
    ]);
  }
}

async function demoRuns(rows: string[][]): Promise<void> {
  if (!existsSync(DEMO + 'households.fgb')) {
    rows.push(['full demo', 'skipped: run `npm run data` first', '', '']);
    return;
  }
  const read = async (f: string) => readFgb(new Uint8Array(readFileSync(DEMO + f)));
  const communities = areasFromFeatures(await read('communities.fgb'), {}, 'communities');
  const households = householdsFromFeatures(await read('households.fgb'), communities);
  const facilities = facilitiesFromFeatures(await read('facilities.fgb'));
  const network = linesFromFeatures(await read('roads.fgb'));
  const type = BUILT_IN_TYPES[typeIndex('elderly_canteen')];
  const base = {
    op: 'site',
    type: type.code,
    speedKmh: type.speedKmh,
    detour: DEFAULT_DETOUR,
    minutes: type.minutes,
    demand: type.demand,
    candidates: { communities: true, gridM: 400 },
  } as const;
  const runs: [string, Partial<SitingCommand>][] = [
    ['pmedian, 20 sites', { model: 'pmedian', add: 20 }],
    ['pcenter P90, 20 sites', { model: 'pcenter', percentile: 90, add: 20 }],
    [
      'mclp canteen+day-care+childcare, budget 4,700 万元',
      {
        budget: 4700,
        also: ['elderly_daycare', 'childcare'].map((c) => {
          const t = BUILT_IN_TYPES[typeIndex(c)];
          return { type: c, speedKmh: t.speedKmh, minutes: t.minutes, demand: t.demand };
        }),
      },
    ],
    ['pmedian, years 2023–2025 at 600 万元 each', { model: 'pmedian', years: [2023, 2024, 2025].map((year) => ({ year, budget: 600 })) }],
  ];
  for (const mode of ['straight', 'network'] as const) {
    for (const [name, extra] of runs) {
      const t = performance.now();
      const r = await runSiting({ households, facilities, communities: communities.polygons, network }, {
        ...base,
        mode,
        ...extra,
      } as SitingCommand);
      const unit = r.model === 'mclp' ? '' : ' min';
      const f = (v: number) => (r.model === 'mclp' ? Math.round(v).toLocaleString('en') : v.toFixed(2));
      rows.push([
        `demo ${mode}: ${name}`,
        `${r.candidateCount.toLocaleString('en')} candidates, ${r.gains.length} sites, spent ${r.spent}`,
        `${ms(t).toFixed(0)} ms end to end`,
        `${r.model} objective ${f(r.objectiveBefore)}${unit} → ${f(r.objectiveAfter)}${unit}` +
          (r.gapYears ? `; gap communities closed by 2025: ${r.gapYears.year.filter((y) => y >= 0).length}/${r.gapYears.year.length}` : ''),
      ]);
    }
  }
}

/** Runs the location-model benchmark and prints its table. The baseline ratio is MCLP's against
 *  HiGHS (siting.bench.ts) in the same run: given by `npm run bench`, measured here when run alone. */
export async function run(mclpRatio?: number): Promise<void> {
  const rows: string[][] = [];
  const mclp = mclpRatio ?? (await exactComparison([]));
  rows.push(['baseline: MCLP 2000×300, 12 instances (siting bench, same run)', '', `Σ HiGHS / Σ heuristic = ${mclp.toFixed(0)}×`, '']);
  await comparisons(rows, mclp);
  await demoRuns(rows);
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length)));
  console.log(
    '\nLocation models (issue 17): heuristic = budget-aware greedy + fast interchange (Resende–Werneck: kept loss and extra matrix) + bounded drop-and-refill + kicks (p-center: radius search over it); baseline = HiGHS exact MIP (p-center: binary search of exact coverage MIPs), 60 s limit',
  );
  for (const r of rows) console.log(r.map((x, c) => x.padEnd(widths[c])).join(' | '));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await run();
