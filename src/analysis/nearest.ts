// Per community and type: the closest household's minutes and which facility that is, from a
// run's per-household arrays. One pass over the points.
import type { CoverageResult } from '../core/analysis/command';
import type { AreaIndex } from './areaIndex';

export interface CommunityNearest {
  /** Minutes from the community's closest household to its nearest facility (Infinity: none). */
  minutes: Float32Array;
  /** Facility index (global, into FacilityLayer) reached by that household, −1 when none. */
  facility: Int32Array;
}

/** Closest-household minutes and facility per community (`community[i]` = point i's community, −1: none). */
export function nearestPerCommunity(
  community: Int32Array,
  communityCount: number,
  minutes: Float32Array,
  facility: Int32Array,
): CommunityNearest {
  const best = new Float32Array(communityCount).fill(Infinity);
  const fac = new Int32Array(communityCount).fill(-1);
  for (let i = 0; i < community.length; i++) {
    const c = community[i];
    if (c >= 0 && minutes[i] < best[c]) {
      best[c] = minutes[i];
      fac[c] = facility[i];
    }
  }
  return { minutes: best, facility: fac };
}

/** nearestPerCommunity for every type of a result, by type code. */
export function nearestByType(result: CoverageResult, idx: AreaIndex): Map<string, CommunityNearest> {
  const n = idx.places.communities.count;
  return new Map(
    result.types.map((r) => [r.code, nearestPerCommunity(idx.householdCommunity, n, r.household.minutes, r.household.facility)]),
  );
}
