// A coverage result with what-if edits in place: the figures after an edit, patched from the
// session's covered sums with the same share and gap rule as a full run (coverage/stats.ts), so
// the app's panels, map and exports show the edited figures as a run would give them.
import type { CoverageResult, TypeResult } from '../analysis/command.ts';
import { sharesAndGaps, type GroupStats } from '../coverage/stats.ts';
import type { WhatIfFacilities, WhatIfUpdate } from './session.ts';

/** What a what-if session reports after an edit (the worker's state). */
export type WhatIfFigures = Pick<WhatIfUpdate, 'changed' | 'covered' | 'householdsCovered' | 'total'> & { facilities: Pick<WhatIfFacilities, 'alive'> };

/** `result` with `state` (of type `code`) put in place of that type's coverage: covered figures,
 *  shares and gaps of communities, counties (sums of their communities, by `countyOf`) and the
 *  prefecture. Times (mean, median, p90, Gini) are not tracked by the editor and read NaN where
 *  changed (everywhere for counties and the prefecture). */
export function withWhatIf(result: CoverageResult, code: string, state: WhatIfFigures, countyOf: Int32Array): CoverageResult {
  return { ...result, types: result.types.map((t) => (t.code === code ? patchType(t, state, countyOf) : t)) };
}

/** `s` with new covered sums, its uncovered demand, shares and gaps recomputed and its times
 *  NaN in `stale` groups (all when omitted). */
function patched(s: GroupStats, covered: Float64Array, householdsCovered: Float64Array, targetShare: number, stale?: ArrayLike<number>): GroupStats {
  const times = { mean: s.mean.slice(), median: s.median.slice(), p90: s.p90.slice(), gini: s.gini.slice() };
  for (const k of Object.values(times)) {
    if (!stale) k.fill(NaN);
    else for (let i = 0; i < stale.length; i++) k[stale[i]] = NaN;
  }
  const out: GroupStats = { ...s, ...times, covered, householdsCovered, uncovered: new Float64Array(s.demand.length), share: new Float64Array(s.demand.length), gap: new Uint8Array(s.demand.length) };
  sharesAndGaps(out, targetShare);
  return out;
}

function patchType(t: TypeResult, s: WhatIfFigures, countyOf: Int32Array): TypeResult {
  const nk = t.counties.demand.length;
  const kCovered = new Float64Array(nk), kHouseholds = new Float64Array(nk);
  for (let i = 0; i < countyOf.length; i++) {
    if (countyOf[i] < 0) continue;
    kCovered[countyOf[i]] += s.covered[i]; kHouseholds[countyOf[i]] += s.householdsCovered[i];
  }
  let live = 0;
  for (const a of s.facilities.alive) live += a;
  return {
    ...t, facilityCount: live,
    communities: patched(t.communities, s.covered.slice(), s.householdsCovered.slice(), t.targetShare, s.changed),
    counties: patched(t.counties, kCovered, kHouseholds, t.targetShare),
    total: patched(t.total, Float64Array.of(s.total.covered), Float64Array.of(s.total.householdsCovered), t.targetShare),
  };
}
