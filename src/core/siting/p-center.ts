// p-center ("no village left far away"): new sites that minimise the largest minutes over demand,
// or a demand-weighted percentile of them (P90: one remote farmhouse does not decide). Solved as
// a sequence of coverage problems: the percentile is ≤ r exactly when the sites can bring P % of
// the demand within r minutes, so a binary search over the distinct times r asks the
// budget-aware coverage search (median-search.ts) for the most demand within r and keeps the
// smallest r it reaches. Times beyond the cap count at the cap.
import { sortByMinutes } from '../coverage/stats.ts';
import type { CoverSets } from './cover-sets.ts';
import { sumSearch, type Budget, type SearchOptions, type SumProblem } from './median-search.ts';

/** Demand-weighted percentile q (1–100) of `minutes`: the smallest value at which the cumulative
 *  weight in ascending order reaches q % of the total (groupStats' rule for the p90). */
export function weightedPercentile(minutes: Float32Array, weight: Float32Array, q: number): number {
  let total = 0;
  for (let d = 0; d < weight.length; d++) if (weight[d] > 0) total += weight[d];
  if (total <= 0) return NaN;
  const need = (q / 100) * total * (1 - 1e-12);
  const order = sortByMinutes(minutes);
  let cum = 0,
    last = NaN;
  for (const d of order) {
    if (!(weight[d] > 0)) continue;
    cum += weight[d];
    last = minutes[d];
    if (cum >= need) return last;
  }
  return last;
}

/** Each demand point's minutes with `sites` open: the smaller of t0 and their times. */
export function minutesWith(sets: CoverSets, t0: Float32Array, sites: number[]): Float32Array {
  const out = Float32Array.from(t0);
  for (const c of sites)
    for (let k = sets.candStart[c]; k < sets.candStart[c + 1]; k++) {
      const d = sets.demandIdx[k];
      if (sets.time[k] < out[d]) out[d] = sets.time[k];
    }
  return out;
}

/** The coverage instance "within r minutes": baseline 0 where t0 ≤ r, else 1; pairs within r. */
export function withinProblem(p: SumProblem, r: number): SumProblem {
  const { sets, t0 } = p;
  const t = new Float32Array(t0.length);
  for (let d = 0; d < t.length; d++) t[d] = t0[d] <= r ? 0 : 1;
  const candStart = new Uint32Array(sets.candCount + 1);
  // Times are ascending per candidate: the pairs within r are a prefix. Two passes: count, fill.
  for (let c = 0; c < sets.candCount; c++) {
    let m = 0;
    for (let k = sets.candStart[c]; k < sets.candStart[c + 1] && sets.time[k] <= r; k++) if (t[sets.demandIdx[k]] === 1) m++;
    candStart[c + 1] = candStart[c] + m;
  }
  const demandIdx = new Uint32Array(candStart[sets.candCount]);
  for (let c = 0, o = 0; c < sets.candCount; c++) {
    for (let k = sets.candStart[c]; k < sets.candStart[c + 1] && sets.time[k] <= r; k++)
      if (t[sets.demandIdx[k]] === 1) demandIdx[o++] = sets.demandIdx[k];
  }
  return {
    sets: { candCount: sets.candCount, demandCount: sets.demandCount, candStart, demandIdx, time: new Float32Array(demandIdx.length) },
    weight: p.weight,
    t0: t,
  };
}

/** Upper bound on the weight the budget can bring within r: what is within r now plus the
 *  fractional knapsack of the candidates' standalone gains (coverage is submodular, so no set
 *  does better). One pass over the pairs, without building the instance. */
function coverBound(p: SumProblem, r: number, b: Budget): number {
  let covered = 0;
  for (let d = 0; d < p.t0.length; d++) if (p.t0[d] <= r) covered += p.weight[d];
  const { candStart, demandIdx, time, candCount } = p.sets;
  const gain = new Float64Array(candCount);
  for (let c = 0; c < candCount; c++) {
    let g = 0;
    for (let k = candStart[c]; k < candStart[c + 1] && time[k] <= r; k++) if (p.t0[demandIdx[k]] > r) g += p.weight[demandIdx[k]];
    gain[c] = g;
  }
  const cost = (c: number) => (b.cost ? b.cost[c] : 1);
  const order = Array.from({ length: candCount }, (_, c) => c)
    .filter((c) => gain[c] > 0)
    .sort((x, y) => gain[y] / cost(y) - gain[x] / cost(x));
  let left = b.budget;
  for (const c of order) {
    if (left <= 0) break;
    const take = Math.min(1, left / cost(c));
    covered += take * gain[c];
    left -= take * cost(c);
  }
  return covered;
}

/** The distinct times below `limit` some demand point can end up at (a pair's time or a
 *  baseline), ascending: the p-center's answer is one of them. */
export function radiiBelow(p: SumProblem, limit: number): Float32Array {
  const all = new Float32Array(p.sets.time.length + p.t0.length);
  all.set(p.sets.time);
  all.set(p.t0, p.sets.time.length);
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length && all[i] < limit; i++) if (n === 0 || all[i] !== all[n - 1]) all[n++] = all[i];
  return all.slice(0, n);
}

export interface CenterResult {
  /** Chosen candidates, ranked by the demand each brings within the final radius. */
  sites: number[];
  /** The percentile minutes before and after (capped). */
  before: number;
  after: number;
  spent: number;
  cancelled: boolean;
}

/** Sites within the budget minimising the q-th percentile (100 = maximum) of minutes (see header). */
export async function pCenter(p: SumProblem, b: Budget, q: number, opt: SearchOptions = {}): Promise<CenterResult> {
  const before = weightedPercentile(p.t0, p.weight, q);
  let total = 0;
  for (let d = 0; d < p.weight.length; d++) if (p.weight[d] > 0) total += p.weight[d];
  const need = (q / 100) * total * (1 - 1e-12);
  const radii = radiiBelow(p, before);
  const unit = !b.cost;
  const solve = async (r: number) => {
    // The knapsack bound must reach the need. The search is asked whether the need is met, not
    // for the most cover: its kicks stop once it is, and are skipped when (N sites) greedy and
    // swaps, which reach at least 1 − 1/e of the best new cover, show that no choice meets it.
    if (coverBound(p, r, b) < need) return undefined;
    return sumSearch(withinProblem(p, r), b, {
      ...opt,
      maxMs: opt.maxMs && opt.maxMs / Math.max(1, Math.log2(radii.length + 1)),
      settled: (sum, before) => total - sum >= need || (unit && total - before + (before - sum) / (1 - 1 / Math.E) < need),
    });
  };
  let bestSites: number[] | undefined,
    lo = 0,
    hi = radii.length - 1,
    cancelled = false;
  while (lo <= hi) {
    if (opt.signal?.cancelled) {
      cancelled = true;
      break;
    }
    const mid = (lo + hi) >> 1,
      r = await solve(radii[mid]);
    if (r && total - r.after >= need) {
      bestSites = r.sites;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  // No radius below the current percentile is reachable (e.g. more than 1 − q of the demand lies
  // beyond the cap): the percentile stays, and the sites cut the mean minutes instead.
  bestSites ??= (await sumSearch(p, b, opt)).sites;
  const after = weightedPercentile(minutesWith(p.sets, p.t0, bestSites), p.weight, q);
  return { sites: bestSites, before, after, spent: bestSites.reduce((a, c) => a + (b.cost ? b.cost[c] : 1), 0), cancelled };
}
