// One local search for every "sum over demand" location model: each demand point d has a
// baseline time t0[d] (existing facilities, or the cap) and, once sites open, the smallest of
// t0[d] and the times of the open candidates reaching it; the search minimises the weighted sum
//   Σ w[d] · min(t0[d], min over open c of t[c][d])
// under a budget Σ cost[c] ≤ budget (N sites = unit costs, budget N). The p-median is this with
// minutes; maximal covering is this with t0 = 0 (covered) or 1 and t = 0 on every cover pair,
// so coverage, multi-service coverage and the p-median share one budget-aware search.
// Greedy by saving per cost, then Teitz–Bart swaps in the fast-interchange form of Resende &
// Werneck: closing open site j and opening c changes the sum by  gain(c) − loss(j) + extra(j, c),
// and the gains, the losses and the extra matrix (one row per open site) are kept current as
// demand points change their nearest and second-nearest site, so after a swap or a kick only
// the demand near the changed sites is revisited and the best swap is one scan of the matrix.
// Under unequal costs, drop-and-refill and add-and-drop moves (drop-and-refill pruned by a
// knapsack bound), then seeded kicks as in max-cover.ts. Pairs with t ≥ t0 never help and
// should be left out of the sets.
import type { CoverSets } from './cover-sets.ts';
import { Yielder, type RunControl } from './progress.ts';
import { mulberry32 } from './random.ts';

export interface SumProblem {
  /** Candidate → demand times (only pairs that can beat t0 matter). */
  sets: CoverSets;
  weight: Float32Array;
  /** Baseline per demand point: what it has with no new site. */
  t0: Float32Array;
}

/** What the search may spend: a cost per candidate and a total; `count(n)` is "at most n sites". */
export interface Budget {
  cost: Float64Array | undefined;
  budget: number;
}

export interface SearchOptions extends RunControl {
  /** Kicks after the first swap descent (default 64), stop after `patience` idle kicks (24). */
  kicks?: number;
  patience?: number;
  /** Stop kicking after this many milliseconds (tests leave it unset: results then depend on speed). */
  maxMs?: number;
  seed?: number;
  /** Candidates that must not open (e.g. already chosen in an earlier year). */
  banned?: Uint8Array;
  /** Asked after the first descent and after each kick that improves: true stops the kicks
   *  (e.g. a p-center probe has reached its target, or a bound shows it never will). */
  settled?: (sum: number, before: number) => boolean;
}

export interface SumResult {
  /** Chosen candidates, ranked (each next one saves the most per cost given those before it). */
  sites: number[];
  /** Saving each adds given those before it in `sites`. */
  savings: number[];
  /** Σ w·time before and after. */
  before: number;
  after: number;
  spent: number;
  cancelled: boolean;
}

/** Pair indices ordered by time (stable: equal times keep their order), by a two-pass radix sort
 *  of the float bits (non-negative floats order as their bits). All-equal times: identity. */
function byTime(time: Float32Array): Uint32Array {
  const n = time.length;
  let order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  let sorted = true;
  for (let k = 1; k < n && sorted; k++) sorted = time[k] === time[0];
  if (sorted) return order;
  const bits = new Uint32Array(time.buffer, time.byteOffset, n);
  let out = new Uint32Array(n);
  const count = new Uint32Array(65537);
  for (const shift of [0, 16]) {
    count.fill(0);
    for (let k = 0; k < n; k++) count[((bits[k] >>> shift) & 0xffff) + 1]++;
    for (let b = 0; b < 65536; b++) count[b + 1] += count[b];
    for (let i = 0; i < n; i++) out[count[(bits[order[i]] >>> shift) & 0xffff]++] = order[i];
    [order, out] = [out, order];
  }
  return order;
}

/** Demand → (candidate, time) lists, each by time then candidate id; built once per cover sets
 *  (a search, its greedy twin and the final ranking share them). */
const reversed = new WeakMap<CoverSets, { demStart: Uint32Array; revCand: Uint32Array; revTime: Float32Array }>();
function reverseByTime(s: CoverSets): { demStart: Uint32Array; revCand: Uint32Array; revTime: Float32Array } {
  let r = reversed.get(s);
  if (r) return r;
  const nd = s.demandCount,
    demStart = new Uint32Array(nd + 1);
  for (let k = 0; k < s.demandIdx.length; k++) demStart[s.demandIdx[k] + 1]++;
  for (let d = 0; d < nd; d++) demStart[d + 1] += demStart[d];
  const fill = demStart.slice(0, nd),
    pairCand = new Uint32Array(s.demandIdx.length);
  for (let c = 0; c < s.candCount; c++) pairCand.fill(c, s.candStart[c], s.candStart[c + 1]);
  const revCand = new Uint32Array(s.demandIdx.length),
    revTime = new Float32Array(s.demandIdx.length);
  for (const k of byTime(s.time)) {
    const i = fill[s.demandIdx[k]]++;
    revCand[i] = pairCand[k];
    revTime[i] = s.time[k];
  }
  r = { demStart, revCand, revTime };
  reversed.set(s, r);
  return r;
}

export class SumSearch {
  readonly isOpen: Uint8Array;
  /** Saving of opening each candidate now (0 for open ones). */
  readonly gains: Float64Array;
  readonly cur: Float64Array;
  /** Open candidate giving cur[d] (−1: the baseline), and the time d falls back to without it. */
  private readonly best: Int32Array;
  private readonly second: Float64Array;
  private readonly demStart: Uint32Array;
  private readonly revCand: Uint32Array;
  private readonly revTime: Float32Array;
  /** Interchange bookkeeping, from the first descent on: each open site's row of the extra
   *  matrix and its loss (sum lost if it closed), by candidate; spare rows are reused. */
  private rowOf: (Float64Array | undefined)[] | undefined;
  private readonly loss: Float64Array;
  private spare: Float64Array[] = [];
  sites: number[] = [];
  sum = 0;
  spent = 0;

  constructor(
    readonly p: SumProblem,
    readonly cost: (c: number) => number,
  ) {
    const s = p.sets,
      nd = s.demandCount,
      nc = s.candCount;
    ({ demStart: this.demStart, revCand: this.revCand, revTime: this.revTime } = reverseByTime(s));
    this.isOpen = new Uint8Array(nc);
    this.gains = new Float64Array(nc);
    this.cur = Float64Array.from(p.t0);
    this.best = new Int32Array(nd).fill(-1);
    this.second = Float64Array.from(p.t0);
    this.loss = new Float64Array(nc);
    for (let d = 0; d < nd; d++) this.sum += p.weight[d] * p.t0[d];
    for (let c = 0; c < nc; c++) {
      let g = 0;
      for (let k = s.candStart[c]; k < s.candStart[c + 1]; k++) {
        const d = s.demandIdx[k];
        if (s.time[k] < p.t0[d]) g += p.weight[d] * (p.t0[d] - s.time[k]);
      }
      this.gains[c] = g;
    }
  }

  /** Moves demand d to nearest open site `id` (−1: the baseline) at `v` minutes with fallback
   *  `sec`, keeping in one pass over its reverse list every candidate's gain, the sum and, when
   *  tracked, the nearest site's loss and extra row: d adds w·(sec − v) to the loss and
   *  w·(sec − max(t, v)) to the row of each candidate reaching d in t < sec. */
  private change(d: number, id: number, v: number, sec: number): void {
    const old = this.cur[d],
      oldSec = this.second[d],
      oldId = this.best[d];
    if (old === v && oldSec === sec && oldId === id) return;
    const w = this.p.weight[d],
      gains = this.gains,
      oldRow = oldId >= 0 ? this.rowOf?.[oldId] : undefined,
      row = id >= 0 ? this.rowOf?.[id] : undefined;
    if (oldRow) this.loss[oldId] -= w * (oldSec - old);
    if (row) this.loss[id] += w * (sec - v);
    if (old !== v || oldRow || row) {
      // Nothing at or beyond the larger time involved changes (the list is by time).
      const lim = Math.max(old, v, oldRow ? oldSec : 0, row ? sec : 0);
      for (let r = this.demStart[d], end = this.demStart[d + 1]; r < end; r++) {
        const t = this.revTime[r],
          c = this.revCand[r];
        if (t >= lim) break;
        if (t < old || t < v) gains[c] += w * ((v > t ? v - t : 0) - (old > t ? old - t : 0));
        if (oldRow && t < oldSec) oldRow[c] -= w * (oldSec - (t > old ? t : old));
        if (row && t < sec) row[c] += w * (sec - (t > v ? t : v));
      }
    }
    this.sum += w * (v - old);
    this.cur[d] = v;
    this.best[d] = id;
    this.second[d] = sec;
  }

  /** Starts the interchange bookkeeping (rows for the open sites, every demand accounted). */
  private track(): void {
    if (this.rowOf) return;
    const nc = this.p.sets.candCount;
    this.rowOf = new Array<Float64Array | undefined>(nc);
    for (const c of this.sites) this.rowOf[c] = new Float64Array(nc);
    for (let d = 0; d < this.best.length; d++) {
      const id = this.best[d],
        v = this.cur[d],
        sec = this.second[d];
      // From the baseline state to the current one adds d's share (the gains stay: v is kept).
      this.best[d] = -1;
      this.second[d] = v;
      this.change(d, id, v, sec);
    }
  }

  /** Recomputes d's nearest open candidate and fallback from its reverse list. */
  private refresh(d: number): void {
    let b1 = this.p.t0[d],
      id = -1,
      b2 = b1;
    // The list is by time, then id: the first two open candidates are the nearest and the fallback.
    for (let r = this.demStart[d], end = this.demStart[d + 1]; r < end; r++) {
      const t = this.revTime[r];
      if (t >= b2) break;
      if (!this.isOpen[this.revCand[r]]) continue;
      if (id < 0 && t < b1) {
        b1 = t;
        id = this.revCand[r];
      } else {
        b2 = t;
        break;
      }
    }
    this.change(d, id, b1, b2);
  }

  open(c: number): void {
    const s = this.p.sets;
    this.isOpen[c] = 1;
    this.sites.push(c);
    this.spent += this.cost(c);
    if (this.rowOf) {
      const row = this.spare.pop();
      this.rowOf[c] = row ? row.fill(0) : new Float64Array(s.candCount);
      this.loss[c] = 0;
    }
    // Only demand c now serves (or backs up) changes; ties keep the smaller id, as refresh does.
    for (let k = s.candStart[c]; k < s.candStart[c + 1]; k++) {
      const d = s.demandIdx[k],
        t = s.time[k],
        cur = this.cur[d],
        id = this.best[d];
      if (t < cur || (t === cur && id >= 0 && c < id)) {
        this.change(d, c, t, cur);
      } else if (t < this.second[d]) this.change(d, id, cur, t);
    }
  }

  close(c: number): void {
    const s = this.p.sets;
    this.isOpen[c] = 0;
    this.sites.splice(this.sites.indexOf(c), 1);
    this.spent -= this.cost(c);
    // Demand c served falls back; demand c backed up needs a new fallback; the rest is unchanged.
    for (let k = s.candStart[c]; k < s.candStart[c + 1]; k++) {
      const d = s.demandIdx[k];
      if (this.best[d] === c || s.time[k] <= this.second[d]) this.refresh(d);
    }
    if (this.rowOf) {
      this.spare.push(this.rowOf[c]!);
      this.rowOf[c] = undefined;
    }
  }

  /** Moves to exactly the open sites `target`. */
  restore(target: number[]): void {
    const keep = new Set(target);
    for (const c of this.sites.slice()) if (!keep.has(c)) this.close(c);
    for (const c of target) if (!this.isOpen[c]) this.open(c);
    this.sites = target.slice();
  }

  /** Opens sites by saving per cost while the budget allows; `byRatio` false: by saving alone.
   *  The gains are kept current, so each pick is one scan (no lazy heap to build per call: most
   *  calls refill one to three sites after a kick or a drop). Ties go to the smaller id. */
  greedy(budget: number, byRatio: boolean, banned?: Uint8Array): void {
    const nc = this.p.sets.candCount,
      eps = 1e-9 * Math.max(1, budget);
    for (;;) {
      const room = budget - this.spent + eps;
      let best = -1,
        bestKey = 0;
      for (let c = 0; c < nc; c++) {
        const g = this.gains[c];
        if (!(g > 0) || this.isOpen[c] || banned?.[c]) continue;
        const cc = this.cost(c);
        if (cc > room) continue;
        const k = byRatio ? g / Math.max(cc, 1e-12) : g;
        if (k > bestKey) {
          bestKey = k;
          best = c;
        }
      }
      if (best < 0) return;
      this.open(best);
    }
  }

  /** Best candidate to swap in for open site j within the budget (−1 when none helps): one scan
   *  of j's row of the extra matrix. Ties go to the smaller id. */
  private bestSwap(j: number, budget: number, eps: number, banned?: Uint8Array): number {
    const nc = this.gains.length,
      row = this.rowOf![j]!,
      room = budget - this.spent + this.cost(j) + eps,
      lj = this.loss[j];
    let best = -1,
      bestImp = eps;
    for (let c = 0; c < nc; c++) {
      const imp = this.gains[c] + row[c] - lj;
      if (imp > bestImp && !this.isOpen[c] && !banned?.[c] && this.cost(c) <= room) {
        bestImp = imp;
        best = c;
      }
    }
    return best;
  }

  /** The reverse of drop-and-refill: one dear site may be worth several cheap ones. Open one of
   *  the `tries` closed candidates saving most, close the open sites losing least per cost until
   *  the budget holds, refill; keep the first that improves. Returns whether any did. */
  private addDrop(budget: number, eps: number, banned?: Uint8Array, tries = 8): boolean {
    const nc = this.gains.length,
      top: number[] = [];
    for (let c = 0; c < nc; c++) {
      if (this.isOpen[c] || banned?.[c] || !(this.gains[c] > 0) || this.cost(c) > budget + eps) continue;
      top.push(c);
      if (top.length > tries) {
        top.sort((a, b) => this.gains[b] - this.gains[a] || a - b);
        top.pop();
      }
    }
    for (const c of top) {
      if (this.isOpen[c]) continue;
      const keep = this.sites.slice(),
        before = this.sum;
      this.open(c);
      while (this.spent > budget + eps) {
        let worst = -1,
          worstRatio = Infinity;
        for (const j of this.sites) {
          if (j === c) continue;
          const r = this.loss[j] / Math.max(this.cost(j), 1e-12);
          if (r < worstRatio) {
            worstRatio = r;
            worst = j;
          }
        }
        this.close(worst);
      }
      this.greedy(budget, true, banned);
      if (this.sum < before - eps) return true;
      this.restore(keep);
    }
    return false;
  }

  /** With unequal costs one dear site may be worth less than two cheap ones, which no 1-for-1
   *  swap sees: close each open site in turn and refill the freed budget greedily (by saving per
   *  cost, then by saving), keeping the first refill that improves. Returns whether any did. */
  private dropRefill(budget: number, eps: number, banned?: Uint8Array, tried?: Uint8Array): boolean {
    const skip = banned ? banned.slice() : new Uint8Array(this.gains.length);
    let improved = false;
    for (const j of this.sites.slice()) {
      if (!this.isOpen[j] || tried?.[j] || this.refillBound(j, budget, banned) <= this.loss[j] + eps) continue;
      const keep = this.sites.slice(),
        before = this.sum;
      for (const byRatio of [true, false]) {
        this.close(j);
        skip[j] = 1;
        this.greedy(budget, byRatio, skip);
        skip[j] = banned?.[j] ?? 0;
        if (this.sum < before - eps) {
          improved = true;
          break;
        }
        this.restore(keep);
      }
    }
    return improved;
  }

  /** The most a refill of the budget freed by closing open site j can save: the fractional
   *  knapsack of each candidate's saving once j is closed (its gain plus j's extra row). The
   *  saving is submodular, so no set of candidates saves more; below j's loss, no refill helps. */
  private refillBound(j: number, budget: number, banned?: Uint8Array): number {
    const row = this.rowOf![j]!,
      room = budget - this.spent + this.cost(j),
      items: number[] = [];
    let maxRatio = 0;
    for (let c = 0; c < row.length; c++) {
      const v = this.gains[c] + row[c];
      if (this.isOpen[c] || banned?.[c] || !(v > 0) || this.cost(c) > room) continue;
      items.push(c);
      maxRatio = Math.max(maxRatio, v / Math.max(this.cost(c), 1e-12));
    }
    // Cheap first: all the room at the best ratio.
    if (maxRatio * room <= this.loss[j]) return maxRatio * room;
    const value = (c: number) => this.gains[c] + row[c];
    items.sort((a, b) => value(b) / Math.max(this.cost(b), 1e-12) - value(a) / Math.max(this.cost(a), 1e-12));
    let left = room,
      bound = 0;
    for (const c of items) {
      if (left <= 0) break;
      const take = Math.min(1, left / Math.max(this.cost(c), 1e-12));
      bound += take * value(c);
      left -= take * this.cost(c);
    }
    return bound;
  }

  /** Swaps (and fills leftover budget) until a round over the open sites finds nothing better;
   *  drop-and-refill skips the sites marked in `tried`. */
  async descend(
    budget: number,
    ctl: RunControl,
    banned?: Uint8Array,
    budgetMoves = true,
    tried?: Uint8Array,
    maxRounds = 50,
  ): Promise<boolean> {
    const eps = 1e-9 * Math.max(1, Math.abs(this.sum)),
      y = new Yielder();
    let varied = false;
    for (let c = 1; c < this.gains.length && !varied; c++) varied = this.cost(c) !== this.cost(0);
    for (let round = 0; round < maxRounds; round++) {
      let improved = false;
      this.track();
      for (const j of this.sites.slice()) {
        if (ctl.signal?.cancelled) return true;
        if (!this.isOpen[j]) continue;
        const c = this.bestSwap(j, budget, eps, banned),
          sum = this.sum;
        if (c < 0) continue;
        this.close(j);
        this.open(c);
        // Guards against rounding in the kept sums: a swap must really save.
        if (!(this.sum < sum - eps)) {
          this.close(c);
          this.open(j);
          continue;
        }
        improved = true;
        await y.maybe();
      }
      const before = this.sites.length;
      this.greedy(budget, true, banned);
      if (varied && budgetMoves) improved = this.dropRefill(budget, eps, banned, tried) || this.addDrop(budget, eps, banned) || improved;
      if (!improved && this.sites.length === before) break;
    }
    return false;
  }
}

/** Minimises Σ w·min(t0, open times) within the budget (see file header). */
export async function sumSearch(p: SumProblem, b: Budget, opt: SearchOptions = {}): Promise<SumResult> {
  const cost = b.cost ? (c: number) => b.cost![c] : () => 1;
  const ls = new SumSearch(p, cost);
  const before = ls.sum;
  ls.greedy(b.budget, true, opt.banned);
  if (b.cost) {
    // Greedy by ratio can be arbitrarily bad under a budget; the better of it and greedy by
    // saving alone is within a constant factor (Khuller, Moss & Naor).
    const alt = new SumSearch(p, cost);
    alt.greedy(b.budget, false, opt.banned);
    if (alt.sum < ls.sum) ls.restore(alt.sites);
  }
  let cancelled = await ls.descend(b.budget, opt, opt.banned);
  let best = ls.sites.slice(),
    bestSum = ls.sum;
  const kicks = opt.kicks ?? 64,
    patience = opt.patience ?? 24,
    rand = mulberry32(opt.seed ?? 1);
  const banned = opt.banned ? opt.banned.slice() : new Uint8Array(p.sets.candCount);
  const deadline = Date.now() + (opt.maxMs ?? Infinity);
  const inBest = new Uint8Array(p.sets.candCount);
  let settled = opt.settled?.(bestSum, before) ?? false;
  for (let it = 0, idle = 0; it < kicks && idle < patience && !settled && !cancelled && best.length > 0 && Date.now() < deadline; it++) {
    // Close 1 to max(2, 30 %) of the sites, open one random useful affordable candidate, refill
    // greedily: a kick of one site refilled greedily alone would stay in the swap neighbourhood.
    const kick = 1 + Math.floor(rand() * Math.min(best.length, Math.max(2, Math.round(0.3 * best.length))));
    const out: number[] = [];
    for (let i = 0; i < kick && ls.sites.length > 0; i++) {
      const c = ls.sites[Math.floor(rand() * ls.sites.length)];
      ls.close(c);
      banned[c] = 1;
      out.push(c);
    }
    // The random site may be dearer than what was freed: random others close until the budget holds.
    const nc = p.sets.candCount;
    for (let k = 0, c = Math.floor(rand() * nc); k < nc; k++, c = (c + 1) % nc) {
      if (ls.isOpen[c] || banned[c] || !(ls.gains[c] > 0) || cost(c) > b.budget) continue;
      ls.open(c);
      while (ls.spent > b.budget + 1e-9 * Math.max(1, b.budget)) {
        const others = ls.sites.filter((j) => j !== c),
          j = others[Math.floor(rand() * others.length)];
        ls.close(j);
        banned[j] = 1;
        out.push(j);
      }
      break;
    }
    ls.greedy(b.budget, true, banned);
    for (const c of out) banned[c] = opt.banned?.[c] ?? 0;
    // Swaps first; the dearer drop-and-refill and add-and-drop moves only where that comes within
    // 2 % of the saving so far (not of the sum, which for coverage holds all the uncovered demand),
    // and not when the swaps led back to the best sites (which those moves already left as they are).
    // Drop-and-refill then tries only the sites the kick brought in: it tried each of the best's
    // sites there (a kick moves the demand near a few sites; add-and-drop still sees them all).
    cancelled = await ls.descend(b.budget, opt, opt.banned, false);
    if (b.cost && !cancelled && ls.sum < bestSum + 0.02 * (before - bestSum) && !sameSites(ls.sites, best)) {
      for (const c of best) inBest[c] = 1;
      cancelled = await ls.descend(b.budget, opt, opt.banned, true, inBest);
      for (const c of best) inBest[c] = 0;
    }
    if (ls.sum < bestSum - 1e-9 * Math.max(1, Math.abs(bestSum))) {
      best = ls.sites.slice();
      bestSum = ls.sum;
      idle = 0;
      settled = opt.settled?.(bestSum, before) ?? false;
    } else {
      idle++;
      ls.restore(best);
    }
    opt.onProgress?.(it + 1, kicks, 'improve');
  }
  return { ...rankBySaving(p, best, cost), before, spent: best.reduce((a, c) => a + cost(c), 0), cancelled };
}

/** Whether two lists hold the same sites (in any order). */
function sameSites(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  const x = a.slice().sort((u, v) => u - v),
    y = b.slice().sort((u, v) => u - v);
  return x.every((c, i) => c === y[i]);
}

/** Orders sites so each next one saves the most per cost given those before it ("build these first"). */
export function rankBySaving(
  p: SumProblem,
  sites: number[],
  cost: (c: number) => number,
): { sites: number[]; savings: number[]; after: number } {
  const ls = new SumSearch(p, cost);
  const left = sites.slice(),
    out: number[] = [],
    savings: number[] = [];
  while (left.length > 0) {
    let bi = 0;
    for (let i = 1; i < left.length; i++) {
      const a = ls.gains[left[i]] / Math.max(cost(left[i]), 1e-12),
        b = ls.gains[left[bi]] / Math.max(cost(left[bi]), 1e-12);
      if (a > b || (a === b && left[i] < left[bi])) bi = i;
    }
    const c = left.splice(bi, 1)[0],
      before = ls.sum;
    ls.open(c);
    out.push(c);
    savings.push(before - ls.sum);
  }
  return { sites: out, savings, after: ls.sum };
}
