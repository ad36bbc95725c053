// The multi-service gap (综合缺口): for a chosen set of facility types, how many of them each
// community lacks, each by its own rule (covered share of the type's demand below its target
// share). Communities lacking several services at once are where an integrated 综合服务设施
// belongs; the app's view, its exports and the CLI's gaps.csv all read this one computation.
import type { CoverageResult, TypeResult } from '../analysis/command.ts';
import type { Regions } from '../coverage/regions.ts';

/** The plan's three headline services: day-care, elderly canteen, micro fire station. */
export const DEFAULT_GAP_TYPES: readonly string[] = ['elderly_daycare', 'elderly_canteen', 'fire_station'];

/** The chosen services that `result` has analysed, in their order (a multi-service gap is of those only). */
export function analysedCodes(result: CoverageResult | null, codes: readonly string[]): string[] {
  return codes.filter((c) => result?.types.some((t) => t.code === c));
}

export interface MultiServiceGap {
  /** The chosen types found in the result, in the order asked for. */
  codes: string[];
  communityCount: number;
  /** Per community: how many of `codes` are below target there (0 … codes.length). */
  missing: Uint8Array;
  /** Community-major flags: `flags[c·codes.length + t]` = 1 when type t is below target in c. */
  flags: Uint8Array;
  /** Per community: households beyond the threshold of at least one chosen type. */
  householdsBeyond: Float64Array;
}

/** Types of `res` among `codes` (order of `codes`); a code the result lacks is an error. */
function chosen(res: CoverageResult, codes: readonly string[]): TypeResult[] {
  return codes.map((code) => {
    const t = res.types.find((r) => r.code === code);
    if (!t) throw new Error(`multi-service gap: type "${code}" was not analysed`);
    return t;
  });
}

/** The multi-service gap of `codes` over the analysed result. `householdsOf` and `communityOf`
 *  are the household layer's weights and community index (the points the result was run on). */
export function multiServiceGap(
  res: CoverageResult,
  codes: readonly string[],
  householdsOf: Float32Array,
  communityOf: Int32Array,
): MultiServiceGap {
  const types = chosen(res, codes),
    n = types.length;
  const communityCount = types[0]?.communities.gap.length ?? 0;
  const missing = new Uint8Array(communityCount),
    flags = new Uint8Array(communityCount * n);
  types.forEach((t, k) => {
    const gap = t.communities.gap;
    for (let c = 0; c < communityCount; c++)
      if (gap[c]) {
        flags[c * n + k] = 1;
        missing[c]++;
      }
  });
  // A household is beyond when any chosen type's minutes exceed that type's threshold (the same
  // `m <= threshold` test that counts coverage).
  const householdsBeyond = new Float64Array(communityCount);
  for (let i = 0; i < communityOf.length; i++) {
    const c = communityOf[i];
    if (c < 0) continue;
    for (const t of types) {
      if (!(t.household.minutes[i] <= t.minutes)) {
        householdsBeyond[c] += householdsOf[i];
        break;
      }
    }
  }
  return { codes: types.map((t) => t.code), communityCount, missing, flags, householdsBeyond };
}

/** The codes community `c` lacks, in the chosen order. */
export function missingCodes(g: MultiServiceGap, c: number): string[] {
  const n = g.codes.length;
  return g.codes.filter((_, k) => g.flags[c * n + k] === 1);
}

/** Communities lacking at least one chosen service, most missing first, then most households
 *  beyond reach, then by index; `keep` (optional) filters them (county or township focus). */
export function rankMultiServiceGap(g: MultiServiceGap, keep?: (c: number) => boolean): Int32Array {
  const rows: number[] = [];
  for (let c = 0; c < g.communityCount; c++) if (g.missing[c] > 0 && (!keep || keep(c))) rows.push(c);
  rows.sort((a, b) => g.missing[b] - g.missing[a] || g.householdsBeyond[b] - g.householdsBeyond[a] || a - b);
  return Int32Array.from(rows);
}

/** How many communities lack 0, 1, … n of the chosen services, over the whole area. */
export function missingHistogram(g: MultiServiceGap): number[] {
  const counts = new Array<number>(g.codes.length + 1).fill(0);
  for (let c = 0; c < g.communityCount; c++) counts[g.missing[c]]++;
  return counts;
}

/** Per county, how many communities lack 0, 1, … n of the chosen services:
 *  `counts[k·(n+1) + m]` for county k and m missing. Communities of no county are left out. */
export function missingByCounty(g: MultiServiceGap, countyOf: Int32Array, countyCount: number): Uint32Array {
  const width = g.codes.length + 1,
    counts = new Uint32Array(countyCount * width);
  for (let c = 0; c < g.communityCount; c++) {
    const k = countyOf[c];
    if (k >= 0) counts[k * width + g.missing[c]]++;
  }
  return counts;
}

/** One community's row of the multi-service gap, as the exports and the CLI's gaps.csv give it. */
export interface MultiServiceRow {
  index: number;
  code: string;
  name: string;
  county: string;
  /** The community's township ('' when unknown). */
  township: string;
  missingCount: number;
  /** Missing type codes, chosen order. */
  missing: string[];
  /** Per chosen type (order of `codes`): 1 below target, 0 not. */
  gaps: number[];
  householdsBeyond: number;
}

/** Rows for communities `order` (all, in layer order, when omitted). */
export function multiServiceRows(
  g: MultiServiceGap,
  names: { codes: string[]; names: string[] },
  regions: Pick<Regions, 'countyOf' | 'counties' | 'townshipOf' | 'townships'>,
  order?: ArrayLike<number>,
): MultiServiceRow[] {
  const n = g.codes.length,
    rows: MultiServiceRow[] = [];
  const count = order ? order.length : g.communityCount;
  for (let r = 0; r < count; r++) {
    const c = order ? order[r] : r,
      k = regions.countyOf[c],
      t = regions.townshipOf[c];
    rows.push({
      index: c,
      code: names.codes[c],
      name: names.names[c],
      county: k >= 0 ? regions.counties.names[k] : '',
      township: t >= 0 ? regions.townships.names[t] : '',
      missingCount: g.missing[c],
      missing: missingCodes(g, c),
      gaps: Array.from(g.flags.subarray(c * n, c * n + n)),
      householdsBeyond: g.householdsBeyond[c],
    });
  }
  return rows;
}

/** A community whose missing count differs between two gaps of the same chosen types. */
export interface MissingChange {
  index: number;
  before: number;
  after: number;
}

/** The communities whose count of missing services changes from `before` to `after` (e.g. 现状
 *  to a 方案), in layer order; a drop is a community the scenario helps. */
export function missingChanges(before: MultiServiceGap, after: MultiServiceGap): MissingChange[] {
  if (before.codes.join() !== after.codes.join() || before.communityCount !== after.communityCount) {
    throw new Error('multi-service gaps of different types or communities cannot be compared');
  }
  const out: MissingChange[] = [];
  for (let c = 0; c < before.communityCount; c++) {
    if (before.missing[c] !== after.missing[c]) out.push({ index: c, before: before.missing[c], after: after.missing[c] });
  }
  return out;
}
