// The gap list: communities below their type's target share, the most demand beyond reach first
// (in the type's measure: elderly residents for canteens and day-care, infants for childcare…).
// The one builder and the one order for the app's list, the exports and the report.
import type { TravelProfile } from '../travel/road-class.ts';
import type { DemandMeasure } from '../catalogue.ts';
import type { CoverageResult, TypeResult } from '../analysis/command.ts';
import { countyName, townshipName, type Places } from './places.ts';
import type { GroupStats } from './stats.ts';

/** A community below its type's target share. */
export interface GapRow {
  /** Community index (in the layers' order). */
  index: number;
  countyName: string;
  townshipName: string;
  communityCode: string;
  communityName: string;
  urban: boolean;
  /** Catalogue code, and the rule's threshold and travel profile (for the "15分钟步行" words). */
  type: string;
  minutes: number;
  profile: TravelProfile;
  households: number;
  /** Households beyond the threshold. */
  householdsUncovered: number;
  /** What the type's coverage counts (elderly residents for canteens, …). */
  measure: DemandMeasure;
  /** Demand in that measure, and the part beyond the threshold (unreachable included). */
  demand: number;
  demandUncovered: number;
  /** Covered share of demand, 0–1. */
  share: number;
  /** Demand-weighted median and 90th-percentile minutes to the nearest facility (Infinity: unreachable). */
  medianMin: number;
  p90Min: number;
  /** The community's centroid, WGS84, for map exports. */
  lon: number;
  lat: number;
}

/** Gap communities (gap = 1) in rank order: demand beyond reach, then households beyond reach,
 *  most first; ties by community code. */
export function gapOrder(s: GroupStats, codes: readonly string[]): number[] {
  const gaps: number[] = [];
  for (let c = 0; c < s.gap.length; c++) if (s.gap[c]) gaps.push(c);
  const hhOut = (c: number) => s.households[c] - s.householdsCovered[c];
  return gaps.sort(
    (a, b) => s.uncovered[b] - s.uncovered[a] || hhOut(b) - hhOut(a) || (codes[a] < codes[b] ? -1 : codes[a] > codes[b] ? 1 : 0),
  );
}

/** Optional filter: only communities of county index `county` / township index `township`. */
export interface GapFilter {
  county?: number;
  township?: number;
}

/** Whether community `c` lies in the filter's county and township (absent or −1: any). */
export function inRegion(p: Places, filter: GapFilter = {}): (c: number) => boolean {
  const { countyOf, townshipOf } = p.regions;
  const county = filter.county ?? -1,
    township = filter.township ?? -1;
  return (c) => (county < 0 || countyOf[c] === county) && (township < 0 || townshipOf[c] === township);
}

/** The gap rows of one type, ranked (gapOrder), optionally in one county or township. */
export function gapRows(t: TypeResult, p: Places, filter: GapFilter = {}): GapRow[] {
  const s = t.communities,
    com = p.communities;
  return gapOrder(s, com.codes)
    .filter(inRegion(p, filter))
    .map((c) => ({
      index: c,
      countyName: countyName(p, c),
      townshipName: townshipName(p, c),
      communityCode: com.codes[c],
      communityName: com.names[c],
      urban: com.urban[c] === 1,
      type: t.code,
      minutes: t.minutes,
      profile: t.profile,
      households: s.households[c],
      householdsUncovered: s.households[c] - s.householdsCovered[c],
      measure: t.demand,
      demand: s.demand[c],
      demandUncovered: s.uncovered[c],
      share: s.share[c],
      medianMin: s.median[c],
      p90Min: s.p90[c],
      lon: p.centres[2 * c],
      lat: p.centres[2 * c + 1],
    }));
}

/** The gap rows of every type of a result, type by type in result order. */
export function allGapRows(result: CoverageResult, p: Places): GapRow[] {
  return result.types.flatMap((t) => gapRows(t, p));
}

export interface GapTotals {
  /** Communities below target, and the households and demand beyond reach inside them. */
  communities: number;
  uncovered: number;
  uncoveredDemand: number;
  /** Over every community kept: households, and demand and covered demand in the type's measure. */
  households: number;
  demand: number;
  covered: number;
}

/** The headline figures of `t` over the communities `keep` accepts (inRegion; all by default). */
export function gapTotals(t: TypeResult, keep: (c: number) => boolean = () => true): GapTotals {
  const s = t.communities;
  let communities = 0,
    uncovered = 0,
    uncoveredDemand = 0,
    households = 0,
    demand = 0,
    covered = 0;
  for (let i = 0; i < s.gap.length; i++) {
    if (!keep(i)) continue;
    households += s.households[i];
    demand += s.demand[i];
    covered += s.covered[i];
    if (!s.gap[i]) continue;
    communities++;
    uncovered += s.households[i] - s.householdsCovered[i];
    uncoveredDemand += s.uncovered[i];
  }
  return { communities, uncovered, uncoveredDemand, households, demand, covered };
}
