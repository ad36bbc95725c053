// Export rows from engine results: the gap list from a coverage result, the proposed-site list
// from a siting result.
import type { DemandMeasure } from '../../core/catalogue.ts';
import type { CoverageResult, Layers } from '../../core/analysis/command.ts';
import { countiesOf } from '../../core/coverage/regions.ts';
import { assignToAreas } from '../../core/geo/assign.ts';
import { areaCentroids } from '../../core/siting/candidates.ts';
import type { AreaLayer } from '../../core/types.ts';
import type { GapRow, SiteRow } from './tables.ts';

/** Communities below their type's target share, per type in result order, worst share first
 *  within a type; located at the community's centroid. */
export function gapRows(layers: Layers, result: CoverageResult): GapRow[] {
  const com = layers.communities;
  const regions = countiesOf(com, layers.townships, layers.counties);
  const townName = new Map<string, string>();
  layers.townships?.codes.forEach((c, i) => townName.set(c, layers.townships!.names[i]));
  const centre = areaCentroids(com.polygons);
  const out: GapRow[] = [];
  for (const t of result.types) {
    const s = t.communities, rows: GapRow[] = [];
    for (let c = 0; c < com.count; c++) {
      if (!s.gap[c]) continue;
      const k = regions.ofCommunity[c];
      rows.push({
        countyName: k >= 0 ? regions.names[k] : '', townshipName: townName.get(com.parentCodes[c]) ?? '',
        communityCode: com.codes[c], communityName: com.names[c], urban: com.urban[c] === 1, type: t.code,
        households: s.households[c], householdsUncovered: s.households[c] - s.householdsCovered[c],
        share: s.share[c], medianMin: s.median[c], lon: centre[2 * c], lat: centre[2 * c + 1],
      });
    }
    rows.sort((a, b) => a.share - b.share || b.householdsUncovered - a.householdsUncovered);
    out.push(...rows);
  }
  return out;
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
