// Main-thread side of the worker's siting API (what-if editing and the optimiser), over the
// same worker as the coverage runs, so the households are never sent again.
import * as Comlink from 'comlink';
import type { WhatIfState } from '../../workers/analysis.worker';
import type { CoverageResult, TypeResult, TypeSpec } from '../core/analysis/command';
import type { SitingCommand, SitingOutput } from '../core/siting/command';
import type { AnalysisClient } from './client';
import type { WhatIfEdit } from '../core/siting/session';

export type { WhatIfState };

/** Proposed edits of one facility type, replayable in order (what the app keeps and a project saves). */
export interface SitingEdits {
  type: string;
  edits: WhatIfEdit[];
}

/** Progress of an optimiser run: steps done, expected total (0: unknown), stage. */
export type SitingProgress = (done: number, total: number, stage: string) => void;

// Siting run ids live far above the coverage runs' 1, 2, 3 … so cancelling one never hits the other.
let nextSiteRun = 1_000_000_000;

/** Runs the optimiser; `cancel()` on the returned handle stops it with the best sites so far. */
export function site(client: AnalysisClient, cmd: SitingCommand, onProgress?: SitingProgress): { done: Promise<SitingOutput>; cancel: () => void } {
  const runId = nextSiteRun++;
  const done = client.remote.site(cmd, onProgress && Comlink.proxy(onProgress), runId);
  return { done, cancel: () => { void client.remote.cancel(runId); } };
}

/** Opens a what-if session for `spec` and replays `edits`. */
export function whatIfStart(client: AnalysisClient, spec: TypeSpec, edits: WhatIfEdit[]): Promise<WhatIfState> {
  return client.remote.whatIfStart(spec, edits);
}

/** Applies one edit in the open session. */
export function whatIfEdit(client: AnalysisClient, edit: WhatIfEdit): Promise<WhatIfState> {
  return client.remote.whatIfEdit(edit);
}

export function whatIfEnd(client: AnalysisClient): Promise<void> {
  return client.remote.whatIfEnd();
}

/** `result` with `state` (of type `code`) put in place of that type's coverage: covered figures,
 *  shares and gaps of communities, counties (sums of their communities) and the prefecture.
 *  Times (mean, median, p90, Gini) are not tracked by the editor and read NaN where changed. */
export function withWhatIf(result: CoverageResult, code: string, state: WhatIfState, countyOf: Int32Array): CoverageResult {
  const types = result.types.map((t) => (t.code === code ? patchType(t, state, countyOf) : t));
  return { ...result, types };
}

function patchType(t: TypeResult, s: WhatIfState, countyOf: Int32Array): TypeResult {
  const c = { ...t.communities };
  c.covered = s.covered.slice(); c.householdsCovered = s.householdsCovered.slice();
  c.uncovered = c.demand.map((d, i) => d - c.covered[i]);
  c.share = c.demand.map((d, i) => (d > 0 ? c.covered[i] / d : NaN));
  c.gap = Uint8Array.from(c.demand, (d, i) => (d > 0 && c.share[i] < t.targetShare ? 1 : 0));
  c.mean = t.communities.mean.slice(); c.median = t.communities.median.slice(); c.p90 = t.communities.p90.slice(); c.gini = t.communities.gini.slice();
  for (const i of s.changed) { c.mean[i] = NaN; c.median[i] = NaN; c.p90[i] = NaN; c.gini[i] = NaN; }
  const k = { ...t.counties };
  k.covered = new Float64Array(k.demand.length); k.householdsCovered = new Float64Array(k.demand.length);
  for (let i = 0; i < countyOf.length; i++) {
    if (countyOf[i] < 0) continue;
    k.covered[countyOf[i]] += c.covered[i]; k.householdsCovered[countyOf[i]] += c.householdsCovered[i];
  }
  k.uncovered = k.demand.map((d, i) => d - k.covered[i]);
  k.share = k.demand.map((d, i) => (d > 0 ? k.covered[i] / d : NaN));
  k.gap = Uint8Array.from(k.demand, (d, i) => (d > 0 && k.share[i] < t.targetShare ? 1 : 0));
  k.mean = k.mean.map(() => NaN); k.median = k.median.map(() => NaN); k.p90 = k.p90.map(() => NaN); k.gini = k.gini.map(() => NaN);
  const tot = s.total, share = tot.demand > 0 ? tot.covered / tot.demand : NaN;
  const total = {
    ...t.total, covered: Float64Array.of(tot.covered), householdsCovered: Float64Array.of(tot.householdsCovered),
    uncovered: Float64Array.of(tot.demand - tot.covered), share: Float64Array.of(share),
    gap: Uint8Array.of(tot.demand > 0 && share < t.targetShare ? 1 : 0),
    mean: Float64Array.of(NaN), median: Float64Array.of(NaN), p90: Float64Array.of(NaN), gini: Float64Array.of(NaN),
  };
  let live = 0;
  for (const a of s.facilities.alive) live += a;
  return { ...t, facilityCount: live, communities: c, counties: k, total };
}
