// Maximal covering by lazy greedy: marginal gains only shrink as sites open (submodularity), so a
// stale gain is an upper bound and only the top of the heap needs re-evaluating.
import { CoverState, resultOf, type SitingProblem, type SitingResult } from './cover-state.ts';
import { MaxHeap } from './max-heap.ts';
import { Yielder, type RunControl } from './progress.ts';

/** Opens sites greedily on `state` until `stop(state, opened)` or no candidate adds weight;
 *  candidates flagged in `banned` (and already open ones) are skipped.
 *  Returns the opened candidate indices in order. */
export async function greedyOpen(
  state: CoverState,
  stop: (state: CoverState, opened: number) => boolean,
  expected: number,
  ctl: RunControl = {},
  banned?: Uint8Array,
): Promise<{ sites: number[]; cancelled: boolean }> {
  const n = state.p.sets.candCount;
  const heap = new MaxHeap(n);
  for (let c = 0; c < n; c++) {
    if (banned?.[c]) continue;
    const g = state.gain(c);
    if (g > 0) heap.push(g, c);
  }
  const sites: number[] = [];
  const y = new Yielder();
  while (!stop(state, sites.length) && heap.size > 0) {
    if (ctl.signal?.cancelled) return { sites, cancelled: true };
    const c = heap.pop();
    const g = state.gain(c);
    if (g <= 0) continue;
    if (heap.size > 0 && g < heap.topKey()) {
      heap.push(g, c);
      continue;
    }
    state.open(c);
    sites.push(c);
    ctl.onProgress?.(sites.length, expected, 'greedy');
    await y.maybe();
  }
  return { sites, cancelled: false };
}

/** Maximal covering: up to `n` new sites maximising newly covered weight (existing cover kept).
 *  Stops early when no candidate adds any weight. */
export async function greedyMaxCover(p: SitingProblem, n: number, ctl: RunControl = {}): Promise<SitingResult> {
  const state = new CoverState(p);
  const { sites, cancelled } = await greedyOpen(state, (_s, k) => k >= n, n, ctl);
  return resultOf(p, sites, cancelled);
}
