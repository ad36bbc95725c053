// Export rows from engine results: the gap list from a coverage result, the proposed-site list
// from a siting result.
import type { DemandMeasure } from '../../core/catalogue.ts';
import type { CoverageResult, Layers } from '../../core/analysis/command.ts';
import { countiesOf } from '../../core/coverage/regions.ts';
import { assignToAreas } from '../../core/geo/assign.ts';
import { areaCentroids } from '../../core/siting/candidates.ts';
import type { AreaLayer } from '../../core/types.ts';
import type { GapRow, SiteRow } from './tables.ts';

/** What a gap row says of each community, in the result's community order. */
export interface CommunityMeta {
  codes: string[];
  names: string[];
  townshipNames: string[];
  countyNames: string[];
  urban: ArrayLike<number>;
  /** A representative point per community (seat or centroid), WGS84. */
  lon: ArrayLike<number>;
  lat: ArrayLike<number>;
}

/** Communities below their type's target share, per type in result order, the most demand beyond
 *  reach first (in the type's measure: elderly residents for canteens, …), as the app ranks them. */
export function gapRowsOf(result: CoverageResult, meta: CommunityMeta): GapRow[] {
  const out: GapRow[] = [];
  for (const t of result.types) {
    const s = t.communities, rows: GapRow[] = [];
    for (let c = 0; c < meta.codes.length; c++) {
      if (!s.gap[c]) continue;
      rows.push({
        countyName: meta.countyNames[c], townshipName: meta.townshipNames[c],
        communityCode: meta.codes[c], communityName: meta.names[c], urban: meta.urban[c] === 1, type: t.code,
        households: s.households[c], householdsUncovered: s.households[c] - s.householdsCovered[c],
        measure: t.demand, demand: s.demand[c], demandUncovered: s.uncovered[c],
        share: s.share[c], medianMin: s.median[c], p90Min: s.p90[c], lon: meta.lon[c], lat: meta.lat[c],
      });
    }
    rows.sort((a, b) => b.demandUncovered - a.demandUncovered || b.householdsUncovered - a.householdsUncovered
      || a.communityCode.localeCompare(b.communityCode));
    out.push(...rows);
  }
  return out;
}

/** Gap rows from core layers; communities located at their polygon centroids. */
export function gapRows(layers: Layers, result: CoverageResult): GapRow[] {
  const com = layers.communities;
  const regions = countiesOf(com, layers.townships, layers.counties);
  const townName = new Map<string, string>();
  layers.townships?.codes.forEach((c, i) => townName.set(c, layers.townships!.names[i]));
  const centre = areaCentroids(com.polygons);
  const idx = [...com.codes.keys()];
  return gapRowsOf(result, {
    codes: com.codes, names: com.names, urban: com.urban,
    townshipNames: com.parentCodes.map((p) => townName.get(p) ?? ''),
    countyNames: idx.map((c) => (regions.ofCommunity[c] >= 0 ? regions.names[regions.ofCommunity[c]] : '')),
    lon: idx.map((c) => centre[2 * c]), lat: idx.map((c) => centre[2 * c + 1]),
  });
}

/** What a siting run returns (core/siting SitingResult). */
export interface SitingOutcome {
  sites: number[];
  gains: number[];
  coveredBefore: number;
  total: number;
}

/** Proposed sites in chosen order: `candidates` are the interleaved WGS84 candidate points the
 *  sites index; community and county found by point-in-polygon when `communities` is given. */
export function siteRows(
  type: string, candidates: Float64Array, r: SitingOutcome,
  opts: { communities?: AreaLayer; townships?: AreaLayer; counties?: AreaLayer; measure?: DemandMeasure } = {},
): SiteRow[] {
  const xy = Float64Array.from(r.sites.flatMap((s) => [candidates[2 * s], candidates[2 * s + 1]]));
  const com = opts.communities;
  const inCom = com ? assignToAreas(xy, com) : undefined;
  const regions = com ? countiesOf(com, opts.townships, opts.counties) : undefined;
  let covered = r.coveredBefore;
  return r.sites.map((_, i) => {
    covered += r.gains[i];
    const c = inCom ? inCom[i] : -1, k = c >= 0 && regions ? regions.ofCommunity[c] : -1;
    return {
      rank: i + 1, type, lon: xy[2 * i], lat: xy[2 * i + 1],
      countyName: k >= 0 ? regions!.names[k] : '', communityName: c >= 0 ? com!.names[c] : '',
      added: r.gains[i], measure: opts.measure ?? 'households', shareAfter: r.total > 0 ? covered / r.total : NaN,
    };
  });
}
