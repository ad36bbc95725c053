// Fewest new sites reaching a target covered share (set covering, with existing cover kept):
// lazy greedy until the target is met, then drop redundant sites, then try to do with one site
// fewer by closing the weakest and re-optimising the rest with Teitz–Bart swaps.
import { CoverState, rankSites, resultOf, type SitingProblem, type SitingResult } from './cover-state.ts';
import { greedyOpen } from './greedy.ts';
import type { RunControl } from './progress.ts';
import { swapImprove } from './swap.ts';

function stateWith(p: SitingProblem, sites: number[]): CoverState {
  const s = new CoverState(p);
  for (const c of sites) s.open(c);
  return s;
}

/** Closes sites whose removal keeps covered ≥ need, smallest loss first, until none can go. */
function dropRedundant(state: CoverState, sites: number[], need: number): void {
  for (;;) {
    let best = -1,
      bestLoss = Infinity;
    for (let i = 0; i < sites.length; i++) {
      const l = state.loss(sites[i]);
      if (state.covered - l >= need && l < bestLoss) {
        bestLoss = l;
        best = i;
      }
    }
    if (best < 0) return;
    state.close(sites[best]);
    sites.splice(best, 1);
  }
}

/** Fewest new sites so that covered weight ≥ targetShare × total (0–1). `reached` is false when
 *  all useful candidates together fall short; the sites are then every candidate greedy found useful. */
export async function setCover(p: SitingProblem, targetShare: number, ctl: RunControl = {}): Promise<SitingResult & { reached: boolean }> {
  const state = new CoverState(p);
  const need = targetShare * state.total - 1e-9 * Math.max(1, state.total);
  const g = await greedyOpen(state, (s) => s.covered >= need, 0, ctl);
  const reached = state.covered >= need;
  if (g.cancelled || !reached) return { ...resultOf(p, g.sites, g.cancelled), reached };
  let sites = g.sites,
    cancelled = false;
  dropRedundant(state, sites, need);
  while (sites.length > 1 && !cancelled) {
    if (ctl.signal?.cancelled) {
      cancelled = true;
      break;
    }
    // Try k − 1 sites: close the weakest, let swaps recover what they can.
    const trialState = stateWith(p, sites);
    const trial = sites.slice();
    let weakest = 0;
    for (let i = 1; i < trial.length; i++) if (trialState.loss(trial[i]) < trialState.loss(trial[weakest])) weakest = i;
    trialState.close(trial[weakest]);
    trial.splice(weakest, 1);
    const s = await swapImprove(trialState, trial, ctl);
    cancelled = s.cancelled;
    if (cancelled || trialState.covered < need) break;
    dropRedundant(trialState, trial, need);
    sites = trial;
  }
  return { ...resultOf(p, rankSites(p, sites), cancelled), reached };
}
