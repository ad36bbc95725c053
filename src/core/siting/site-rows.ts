// The proposed-site list: one row per chosen site in the optimiser's order, with the community
// and county it lies in (by geometry, core/geo/assign.ts) and the covered share after it. The
// one builder for the app's list, its downloads, the meeting exports and the CLI.
import type { DemandMeasure } from '../catalogue.ts';
import { assignToAreas } from '../geo/assign.ts';
import { countyName, type Places } from '../coverage/places.ts';
import type { SitingOutput } from './command.ts';

/** A proposed facility site, in the order the optimiser chose it. */
export interface SiteRow {
  rank: number;
  /** Catalogue code. */
  type: string;
  /** WGS84 degrees. */
  lon: number;
  lat: number;
  countyName: string;
  communityCode: string;
  communityName: string;
  /** Demand newly within reach thanks to this site (given the sites before it), in `measure`. */
  added: number;
  measure: DemandMeasure;
  /** Covered share of the type's demand after this site, 0–1 (NaN without demand). */
  shareAfter: number;
  /** What the site costs (the costs' unit, 万元 by default), and with yearly budgets its year. */
  cost?: number;
  year?: number;
}

/** Rows of a siting run's chosen sites (p-median and p-center gain minutes, not demand: their
 *  covered demand after each site is `coveredEach`). */
export function siteRows(
  out: Pick<SitingOutput, 'type' | 'demand' | 'coords' | 'gains' | 'coveredBefore' | 'total' | 'coveredEach'> &
    Partial<Pick<SitingOutput, 'costs' | 'years'>>,
  p: Places,
): SiteRow[] {
  const inside = assignToAreas(out.coords, p.communities);
  let covered = out.coveredBefore;
  return Array.from(out.gains, (gain, i) => {
    const added = out.coveredEach ? out.coveredEach[i] - covered : gain;
    covered = out.coveredEach ? out.coveredEach[i] : covered + gain;
    const c = inside[i];
    return {
      rank: i + 1,
      type: out.type,
      lon: out.coords[2 * i],
      lat: out.coords[2 * i + 1],
      countyName: countyName(p, c),
      communityCode: c >= 0 ? p.communities.codes[c] : '',
      communityName: c >= 0 ? p.communities.names[c] : '',
      added,
      measure: out.demand,
      shareAfter: out.total > 0 ? covered / out.total : NaN,
      ...(out.costs ? { cost: out.costs[i] } : {}),
      ...(out.years ? { year: out.years[i] } : {}),
    };
  });
}
