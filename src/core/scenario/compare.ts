// Two analyses side by side (现状 vs 方案A, or 方案A vs 方案B): per type, for the whole area, per
// county and per community, each figure before, after and the difference (after − before).
// Both results must come from the same households and communities (only facilities differ).
import type { CoverageResult, TypeResult } from '../analysis/command.ts';
import type { GroupStats } from '../coverage/stats.ts';

/** One figure for every group: before, after and after − before (0 when equal, ∞ included; NaN
 *  where either is undefined; ±∞ when only one side is unreachable). */
export interface Measure {
  before: Float64Array;
  after: Float64Array;
  diff: Float64Array;
}

export interface GroupComparison {
  /** Demand in the type's measure (the same before and after). */
  demand: Float64Array;
  covered: Measure;
  householdsCovered: Measure;
  share: Measure;
  /** Gap communities: a count for the area and for counties, 0/1 for a community. */
  gaps: Measure;
  median: Measure;
  p90: Measure;
  gini: Measure;
}

export interface TypeComparison {
  code: string;
  minutes: number;
  facilities: { before: number; after: number };
  total: GroupComparison;
  counties: GroupComparison;
  communities: GroupComparison;
}

export interface Comparison {
  counties: { codes: string[]; names: string[] };
  types: TypeComparison[];
}

function measure(before: ArrayLike<number>, after: ArrayLike<number>): Measure {
  const b = Float64Array.from(before),
    a = Float64Array.from(after);
  return { before: b, after: a, diff: a.map((x, i) => (x === b[i] ? 0 : x - b[i])) };
}

/** Gap communities per group: summed community flags (`groupOf` a community's group, −1 none). */
function gapCounts(gap: Uint8Array, groupOf: ArrayLike<number> | null, groups: number): Float64Array {
  const n = new Float64Array(groups);
  for (let c = 0; c < gap.length; c++) {
    const g = groupOf ? groupOf[c] : 0;
    if (g >= 0 && gap[c]) n[g]++;
  }
  return n;
}

function group(b: GroupStats, a: GroupStats, gapsBefore: ArrayLike<number>, gapsAfter: ArrayLike<number>): GroupComparison {
  return {
    demand: Float64Array.from(b.demand),
    covered: measure(b.covered, a.covered),
    householdsCovered: measure(b.householdsCovered, a.householdsCovered),
    share: measure(b.share, a.share),
    gaps: measure(gapsBefore, gapsAfter),
    median: measure(b.median, a.median),
    p90: measure(b.p90, a.p90),
    gini: measure(b.gini, a.gini),
  };
}

function compareType(b: TypeResult, a: TypeResult, countyOf: Int32Array): TypeComparison {
  const nc = countyOf.length,
    nk = b.counties.demand.length;
  if (b.communities.demand.length !== nc || a.communities.demand.length !== nc)
    throw new Error(`${b.code}: the two analyses have different communities`);
  return {
    code: b.code,
    minutes: a.minutes,
    facilities: { before: b.facilityCount, after: a.facilityCount },
    total: group(b.total, a.total, gapCounts(b.communities.gap, null, 1), gapCounts(a.communities.gap, null, 1)),
    counties: group(b.counties, a.counties, gapCounts(b.communities.gap, countyOf, nk), gapCounts(a.communities.gap, countyOf, nk)),
    communities: group(b.communities, a.communities, b.communities.gap, a.communities.gap),
  };
}

/** The comparison of `before` and `after` for the types both analysed (in `before`'s order);
 *  `countyOf` is the county index of each community (Engine.counties.ofCommunity). */
export function compareResults(before: CoverageResult, after: CoverageResult, countyOf: Int32Array): Comparison {
  const types: TypeComparison[] = [];
  for (const b of before.types) {
    const a = after.types.find((t) => t.code === b.code);
    if (a) types.push(compareType(b, a, countyOf));
  }
  return { counties: before.counties, types };
}
