// The ranked gap list for one facility type: communities below their target share, filtered by
// county/township, sorted by the demand beyond reach in the type's measure (elderly residents for
// canteens and day-care, infants for childcare…), most first.
import type { TypeResult } from '../core/analysis/command';
import type { AreaIndex } from './areaIndex';

export interface GapRow {
  /** Community index. */
  index: number;
  code: string;
  name: string;
  township: string;
  county: string;
  households: number;
  /** Households outside the threshold. */
  uncovered: number;
  /** Demand (the type's measure) outside the threshold, unreachable included. */
  uncoveredDemand: number;
  /** Covered share of the type's demand, 0–1. */
  share: number;
}

/** Gap rows of `type`, optionally only in county/township index `county`/`township` (−1: all). */
export function gapRows(type: TypeResult, idx: AreaIndex, county = -1, township = -1): GapRow[] {
  const s = type.communities;
  const rows: GapRow[] = [];
  for (let i = 0; i < s.gap.length; i++) {
    if (!s.gap[i]) continue;
    if (county >= 0 && idx.countyOf[i] !== county) continue;
    if (township >= 0 && idx.townshipOf[i] !== township) continue;
    const t = idx.townshipOf[i], c = idx.countyOf[i];
    rows.push({
      index: i, code: idx.communities.codes[i], name: idx.communities.names[i],
      township: t >= 0 ? idx.townships.names[t] : '', county: c >= 0 ? idx.counties.names[c] : '',
      households: s.households[i], uncovered: s.households[i] - s.householdsCovered[i], uncoveredDemand: s.uncovered[i], share: s.share[i],
    });
  }
  return rows.sort((a, b) => b.uncoveredDemand - a.uncoveredDemand || b.uncovered - a.uncovered || a.code.localeCompare(b.code));
}

/** Number of communities below target, and the households and demand beyond reach inside them. */
export function gapTotals(type: TypeResult): { communities: number; uncovered: number; uncoveredDemand: number } {
  const s = type.communities;
  let communities = 0, uncovered = 0, uncoveredDemand = 0;
  for (let i = 0; i < s.gap.length; i++) {
    if (!s.gap[i]) continue;
    communities++;
    uncovered += s.households[i] - s.householdsCovered[i];
    uncoveredDemand += s.uncovered[i];
  }
  return { communities, uncovered, uncoveredDemand };
}
