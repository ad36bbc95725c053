// Exact HiGHS references for the location models (bench and tests). One MIP serves the p-median
// and coverage in the baseline form of median-search.ts:
//   minimise Σ_d w_d (t0_d z_d + Σ_c t_cd y_cd)  s.t.  z_d + Σ_c y_cd = 1,  y_cd ≤ x_c,
//   Σ_c cost_c x_c ≤ budget,  x binary,  y, z ≥ 0.
// The p-center is exact by binary search over the radii with this MIP on the coverage instance
// "within r" (p-center.ts withinProblem) as the feasibility test.
import highsLoader from 'highs';
import type { Budget, SumProblem } from '../../../src/core/siting/median-search.ts';
import { minutesWith, radiiBelow, weightedPercentile, withinProblem } from '../../../src/core/siting/p-center.ts';

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let loaded: Promise<Highs> | undefined;

const wrap = (terms: string[]): string => terms.map((t, i) => (i > 0 && i % 8 === 0 ? '\n ' : '') + t).join(' ');

/** CPLEX LP text of the MIP in the header. */
export function sumLp(p: SumProblem, b: Budget): string {
  const { candStart, demandIdx, time, candCount, demandCount } = p.sets;
  const obj: string[] = [],
    rows: string[] = [],
    bounds: string[] = [];
  const assign: string[][] = Array.from({ length: demandCount }, (_, d) => [`z${d}`]);
  for (let d = 0; d < demandCount; d++) if (p.weight[d] * p.t0[d] !== 0) obj.push(`+ ${p.weight[d] * p.t0[d]} z${d}`);
  for (let c = 0; c < candCount; c++)
    for (let k = candStart[c]; k < candStart[c + 1]; k++) {
      const d = demandIdx[k];
      if (!(time[k] < p.t0[d])) continue;
      const y = `y${c}_${d}`;
      if (p.weight[d] * time[k] !== 0) obj.push(`+ ${p.weight[d] * time[k]} ${y}`);
      assign[d].push(y);
      rows.push(` l${c}_${d}: ${y} - x${c} <= 0`);
    }
  for (let d = 0; d < demandCount; d++) rows.push(` a${d}: ` + wrap(assign[d].map((v, i) => `${i ? '+ ' : ''}${v}`)) + ' = 1');
  rows.push(
    ' budget: ' + wrap([...Array(candCount).keys()].map((c, i) => `${i ? '+ ' : ''}${b.cost ? b.cost[c] : 1} x${c}`)) + ` <= ${b.budget}`,
  );
  for (let d = 0; d < demandCount; d++) bounds.push(` z${d} >= 0`);
  return [
    'Minimize',
    ' obj: ' + (obj.length ? wrap(obj).replace(/^\+ /, '') : '0 x0'),
    'Subject To',
    ...rows,
    'Bounds',
    ...bounds,
    'Binary',
    ' ' + wrap([...Array(candCount).keys()].map((c) => `x${c}`)),
    'End',
  ].join('\n');
}

export interface Exact {
  value: number;
  sites: number[];
  seconds: number;
  solved: boolean;
}

/** Solves the MIP (time limit in seconds); `solved` false when HiGHS ran out of time. */
export async function exactSum(p: SumProblem, b: Budget, limitS = 60): Promise<Exact> {
  const highs = await (loaded ??= highsLoader());
  const t0 = performance.now();
  const sol = highs.solve(sumLp(p, b), { mip_rel_gap: 0, output_flag: false, time_limit: limitS });
  const seconds = (performance.now() - t0) / 1000;
  if (sol.Status !== 'Optimal') return { value: NaN, sites: [], seconds, solved: false };
  const sites = Object.entries(sol.Columns)
    .filter(([k, v]) => /^x\d+$/.test(k) && v.Primal > 0.5)
    .map(([k]) => Number(k.slice(1)));
  return { value: sol.ObjectiveValue, sites, seconds, solved: true };
}

/** Exact p-center (percentile q): the smallest radius whose coverage MIP reaches q % of demand. */
export async function exactCenter(p: SumProblem, b: Budget, q: number, limitS = 60): Promise<Exact> {
  const before = weightedPercentile(p.t0, p.weight, q);
  let total = 0;
  for (let d = 0; d < p.weight.length; d++) total += p.weight[d];
  const need = (q / 100) * total * (1 - 1e-12);
  const radii = radiiBelow(p, before);
  let lo = 0,
    hi = radii.length - 1,
    best: number[] = [],
    seconds = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1,
      r = await exactSum(withinProblem(p, radii[mid]), b, Math.max(1, limitS - seconds));
    seconds += r.seconds;
    if (!r.solved) return { value: NaN, sites: [], seconds, solved: false };
    if (total - r.value >= need) {
      best = r.sites;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  return { value: weightedPercentile(minutesWith(p.sets, p.t0, best), p.weight, q), sites: best, seconds, solved: true };
}
