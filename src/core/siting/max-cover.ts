// Maximal covering (best N new sites, existing cover kept): lazy greedy, Teitz–Bart swaps, then
// iterated local search — close a few random sites of the best solution, refill greedily
// without them, swap again, keep the result if better, else go back to the best. Swaps alone
// stop at a 1-swap local optimum (2–3 % short of the MIP optimum on dense instances); the kicks
// escape it. Seeded, so results are reproducible.
import { CoverState, rankSites, resultOf, type SitingProblem, type SitingResult } from './cover-state.ts';
import { greedyOpen } from './greedy.ts';
import type { RunControl } from './progress.ts';
import { mulberry32 } from './random.ts';
import { LocalSearch } from './swap.ts';

export interface MaxCoverOptions extends RunControl {
  /** Most local-search kicks after the first swap descent (0 = greedy + swap only). Default 96. */
  kicks?: number;
  /** Stop kicking after this many kicks in a row found nothing better. Default 32. */
  patience?: number;
  /** Stop kicking after this many milliseconds (default: no limit). Bounds the wait on very
   *  large instances; results then depend on machine speed, so tests leave it unset. */
  maxMs?: number;
  /** Largest share of the sites one kick closes (at least one; default 0.3). */
  kickShare?: number;
  /** Seed of the kick generator. */
  seed?: number;
}

/** Moves the search from its current open sites to `target` (same length). */
function restore(ls: LocalSearch, target: number[]): void {
  for (const c of ls.sites) if (!target.includes(c)) ls.toggle(c, false);
  for (const c of target) if (!ls.isOpen[c]) ls.toggle(c, true);
  ls.sites.splice(0, ls.sites.length, ...target);
}

/** Up to `n` new sites maximising newly covered weight; sites ranked by marginal gain. */
export async function maxCover(p: SitingProblem, n: number, opt: MaxCoverOptions = {}): Promise<SitingResult & { swaps: number }> {
  const state = new CoverState(p);
  const g = await greedyOpen(state, (_s, k) => k >= n, n, opt);
  if (g.cancelled) return { ...resultOf(p, g.sites, true), swaps: 0 };
  const ls = new LocalSearch(state, g.sites);
  const first = await ls.descend(opt);
  let best = ls.sites.slice(),
    bestCovered = state.covered,
    swaps = first.swaps,
    cancelled = first.cancelled;
  const kicks = opt.kicks ?? 96,
    patience = opt.patience ?? 32,
    rand = mulberry32(opt.seed ?? 1);
  const { candCount } = p.sets;
  const banned = new Uint8Array(candCount);
  let idle = 0;
  const deadline = Date.now() + (opt.maxMs ?? Infinity);
  for (let it = 0; it < kicks && idle < patience && !cancelled && best.length > 1 && Date.now() < deadline; it++) {
    if (opt.signal?.cancelled) {
      cancelled = true;
      break;
    }
    // Close up to kickShare of the sites, refill greedily from the gains without them, descend again.
    const kick = Math.max(1, Math.round(best.length * (opt.kickShare ?? 0.3) * (1 / 3 + (2 / 3) * rand())));
    const out: number[] = [];
    for (let i = 0; i < kick; i++) {
      const pos = Math.floor(rand() * ls.sites.length);
      const c = ls.sites[pos];
      ls.toggle(c, false);
      banned[c] = 1;
      out.push(c);
      ls.sites.splice(pos, 1);
    }
    for (let i = 0; i < kick; i++) {
      let b = -1;
      for (let c = 0; c < candCount; c++) if (!ls.isOpen[c] && !banned[c] && (b < 0 || ls.gains[c] > ls.gains[b])) b = c;
      if (b < 0 || ls.gains[b] <= 0) break;
      ls.toggle(b, true);
      ls.sites.push(b);
    }
    for (const c of out) banned[c] = 0;
    const r = await ls.descend(opt);
    swaps += r.swaps;
    cancelled = r.cancelled;
    if (state.covered > bestCovered) {
      best = ls.sites.slice();
      bestCovered = state.covered;
      idle = 0;
    } else {
      idle++;
      restore(ls, best);
    }
    opt.onProgress?.(it + 1, kicks, 'improve');
  }
  return { ...resultOf(p, rankSites(p, best), cancelled), swaps };
}
