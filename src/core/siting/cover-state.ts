// Which demand is covered, and by how many open sites, while optimisers open and close sites.
// Existing facilities count as one permanent cover, so closing a proposed site never uncovers
// demand they already reach.
import type { CoverSets } from './cover-sets.ts';
import { MaxHeap } from './max-heap.ts';

/** A siting instance: cover sets, demand weights, and the demand existing facilities already cover. */
export interface SitingProblem {
  sets: CoverSets;
  /** Demand weight per point (households, or the type's demand measure). */
  weight: Float32Array;
  /** 1 where existing facilities already cover the point; absent = nothing covered yet. */
  covered0?: Uint8Array;
}

export class CoverState {
  /** Number of covers per demand point (existing facilities count once). */
  readonly count: Int32Array;
  /** Weight covered now. */
  covered = 0;
  /** Weight covered by existing facilities alone. */
  readonly coveredBefore: number;
  /** Total demand weight. */
  readonly total: number;
  constructor(readonly p: SitingProblem) {
    const n = p.sets.demandCount;
    this.count = new Int32Array(n);
    let tot = 0,
      cov = 0;
    for (let d = 0; d < n; d++) {
      tot += p.weight[d];
      if (p.covered0?.[d]) {
        this.count[d] = 1;
        cov += p.weight[d];
      }
    }
    this.total = tot;
    this.covered = cov;
    this.coveredBefore = cov;
  }
  /** Weight candidate c would newly cover. */
  gain(c: number): number {
    const { candStart, demandIdx } = this.p.sets;
    let g = 0;
    for (let k = candStart[c]; k < candStart[c + 1]; k++) if (this.count[demandIdx[k]] === 0) g += this.p.weight[demandIdx[k]];
    return g;
  }
  /** Weight that only open site c covers (lost if it closed). */
  loss(c: number): number {
    const { candStart, demandIdx } = this.p.sets;
    let g = 0;
    for (let k = candStart[c]; k < candStart[c + 1]; k++) if (this.count[demandIdx[k]] === 1) g += this.p.weight[demandIdx[k]];
    return g;
  }
  open(c: number): void {
    const { candStart, demandIdx } = this.p.sets;
    for (let k = candStart[c]; k < candStart[c + 1]; k++) {
      const d = demandIdx[k];
      if (this.count[d]++ === 0) this.covered += this.p.weight[d];
    }
  }
  close(c: number): void {
    const { candStart, demandIdx } = this.p.sets;
    for (let k = candStart[c]; k < candStart[c + 1]; k++) {
      const d = demandIdx[k];
      if (--this.count[d] === 0) this.covered -= this.p.weight[d];
    }
  }
}

/** Result of a siting run. */
export interface SitingResult {
  /** Chosen candidate indices, in the order chosen (after improvement, in final order). */
  sites: number[];
  /** Weight each site adds given the sites before it in `sites` (sums to after − before). */
  gains: number[];
  coveredBefore: number;
  coveredAfter: number;
  total: number;
  /** True when stopped by the signal; the result is the best found so far. */
  cancelled: boolean;
}

/** Recomputes the marginal gains of `sites` in order, from the existing cover (for reporting). */
export function resultOf(p: SitingProblem, sites: number[], cancelled: boolean): SitingResult {
  const s = new CoverState(p);
  const gains: number[] = [];
  for (const c of sites) {
    const before = s.covered;
    s.open(c);
    gains.push(s.covered - before);
  }
  return { sites, gains, coveredBefore: s.coveredBefore, coveredAfter: s.covered, total: s.total, cancelled };
}

/** Orders a set of sites greedily (each next site adds the most given those before it), so a
 *  ranked list reads "build these first"; lazy evaluation as in greedy.ts. */
export function rankSites(p: SitingProblem, sites: number[]): number[] {
  const s = new CoverState(p);
  const heap = new MaxHeap(sites.length);
  for (const c of sites) heap.push(s.gain(c), c);
  const out: number[] = [];
  while (heap.size > 0) {
    const c = heap.pop();
    const g = s.gain(c);
    if (heap.size > 0 && g < heap.topKey()) {
      heap.push(g, c);
      continue;
    }
    s.open(c);
    out.push(c);
  }
  return out;
}
