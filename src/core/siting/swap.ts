// Teitz–Bart vertex substitution for maximal covering: for each open site j, find the closed
// candidate c whose swap for j raises covered weight most, apply it if it helps, and repeat
// passes until none does. Swapping c in for j changes covered weight by
//   gain(c) + overlap(c, j) − loss(j),
// where overlap is the weight c covers among the demand only j covers. Overlap is non-zero
// only for candidates sharing that demand, found through the reverse (demand → candidate)
// index; without overlap only candidates whose gain beats the smallest open-site loss can win
// (the "hot" list). Gains are kept current through the reverse index as sites open and close,
// so checking one open site costs O(hot + its unique demand's fan-out), not O(pairs).
import type { CoverState } from './cover-state.ts';
import type { CoverSets } from './cover-sets.ts';
import { Yielder, type RunControl } from './progress.ts';

/** The transpose of cover sets: candidates reaching each demand point, as CSR. */
export function reverseSets(s: CoverSets): { demStart: Uint32Array; candIdx: Uint32Array } {
  const demStart = new Uint32Array(s.demandCount + 1);
  for (let k = 0; k < s.demandIdx.length; k++) demStart[s.demandIdx[k] + 1]++;
  for (let d = 0; d < s.demandCount; d++) demStart[d + 1] += demStart[d];
  const fill = demStart.slice(0, s.demandCount);
  const candIdx = new Uint32Array(s.demandIdx.length);
  for (let c = 0; c < s.candCount; c++) for (let k = s.candStart[c]; k < s.candStart[c + 1]; k++) candIdx[fill[s.demandIdx[k]]++] = c;
  return { demStart, candIdx };
}

/** Swap-based local search over a CoverState whose open sites are exactly `sites` (edited in place). */
export class LocalSearch {
  readonly isOpen: Uint8Array;
  /** Marginal gain of every candidate given the open sites. */
  readonly gains: Float64Array;
  private readonly rev: { demStart: Uint32Array; candIdx: Uint32Array };
  private readonly over: Float64Array;
  private readonly stamp: Int32Array;
  private readonly touched: number[] = [];
  private visit = 0;
  private readonly hot: Uint32Array;
  private hotCount = 0;
  private dirty = true;

  constructor(
    readonly state: CoverState,
    readonly sites: number[],
  ) {
    const n = state.p.sets.candCount;
    this.rev = reverseSets(state.p.sets);
    this.isOpen = new Uint8Array(n);
    for (const c of sites) this.isOpen[c] = 1;
    this.gains = new Float64Array(n);
    for (let c = 0; c < n; c++) this.gains[c] = state.gain(c);
    this.over = new Float64Array(n);
    this.stamp = new Int32Array(n).fill(-1);
    this.hot = new Uint32Array(n);
  }

  /** Opens or closes candidate c, updating covers, covered weight and every affected gain. */
  toggle(c: number, open: boolean): void {
    const { candStart, demandIdx } = this.state.p.sets,
      { demStart, candIdx } = this.rev;
    const count = this.state.count,
      w = this.state.p.weight,
      gains = this.gains;
    for (let k = candStart[c]; k < candStart[c + 1]; k++) {
      const d = demandIdx[k];
      if (open ? count[d]++ !== 0 : --count[d] !== 0) continue;
      const dw = open ? -w[d] : w[d];
      this.state.covered -= dw;
      for (let r = demStart[d]; r < demStart[d + 1]; r++) gains[candIdx[r]] += dw;
    }
    this.isOpen[c] = open ? 1 : 0;
    this.dirty = true;
  }

  /** Closed candidates whose gain alone beats the smallest loss of any open site (ascending
   *  id): only they can improve a swap without overlap. Recomputed only after a toggle. */
  private hotList(eps: number): Uint32Array {
    if (this.dirty) {
      let minLoss = Infinity;
      for (const j of this.sites) minLoss = Math.min(minLoss, this.state.loss(j));
      let m = 0;
      for (let c = 0; c < this.gains.length; c++) if (!this.isOpen[c] && this.gains[c] - minLoss > eps) this.hot[m++] = c;
      this.hotCount = m;
      this.dirty = false;
    }
    return this.hot.subarray(0, this.hotCount);
  }

  /** Best closed candidate to swap in for the site at `pos`, and the weight gained; −1 if none helps. */
  private bestSwap(pos: number, eps: number): number {
    const { candStart, demandIdx } = this.state.p.sets,
      { demStart, candIdx } = this.rev;
    const count = this.state.count,
      w = this.state.p.weight,
      { gains, over, stamp, isOpen, touched } = this;
    const j = this.sites[pos],
      v = ++this.visit;
    let loss = 0;
    touched.length = 0;
    for (let k = candStart[j]; k < candStart[j + 1]; k++) {
      const d = demandIdx[k];
      if (count[d] !== 1) continue;
      loss += w[d];
      for (let r = demStart[d]; r < demStart[d + 1]; r++) {
        const c = candIdx[r];
        if (stamp[c] !== v) {
          stamp[c] = v;
          over[c] = 0;
          touched.push(c);
        }
        over[c] += w[d];
      }
    }
    // Improvement of c = gains[c] + overlap − loss: without overlap only hot candidates can
    // win; with overlap, the touched ones. Ties go to the smaller id.
    let best = -1,
      bestImp = eps;
    const consider = (c: number, imp: number) => {
      if (imp > bestImp || (imp === bestImp && best >= 0 && c < best)) {
        bestImp = imp;
        best = c;
      }
    };
    for (const c of this.hotList(eps)) if (!isOpen[c]) consider(c, gains[c] + (stamp[c] === v ? over[c] : 0) - loss);
    for (const c of touched) if (!isOpen[c]) consider(c, gains[c] + over[c] - loss);
    return best;
  }

  /** Swaps, visiting sites round-robin, until a full round finds none that improves (a site
   *  checked since the last swap need not be checked again), or after `maxRounds` rounds.
   *  Returns swaps made and whether cancelled. */
  async descend(ctl: RunControl = {}, maxRounds = 50): Promise<{ swaps: number; cancelled: boolean }> {
    const eps = 1e-9 * Math.max(1, this.state.total);
    const n = this.sites.length;
    const y = new Yielder();
    let swaps = 0;
    for (let step = 0, quiet = 0; quiet < n && step < maxRounds * n; step++) {
      if (ctl.signal?.cancelled) return { swaps, cancelled: true };
      const pos = step % n;
      const best = this.bestSwap(pos, eps);
      if (best >= 0) {
        this.toggle(this.sites[pos], false);
        this.toggle(best, true);
        this.sites[pos] = best;
        swaps++;
        quiet = 0;
      } else quiet++;
      await y.maybe();
    }
    return { swaps, cancelled: false };
  }
}

/** Improves `sites` in place on `state` (which must have exactly those sites open) by Teitz–Bart swaps. */
export async function swapImprove(
  state: CoverState,
  sites: number[],
  ctl: RunControl = {},
): Promise<{ swaps: number; cancelled: boolean }> {
  return new LocalSearch(state, sites).descend(ctl);
}
