// The indicator input from the loaded layers and a coverage result: the one way the app's
// 规划指标 table, its exports and the CLI's indicators.json get their figures. A facility counts
// in the community its point lies in (core/geo/assign.ts), never by a code column.
import type { CoverageResult, Layers } from '../analysis/command.ts';
import { regionsOf } from '../coverage/regions.ts';
import { assignToAreas } from '../geo/assign.ts';
import { computeIndicators, type CommunityCoverage, type IndicatorInput, type IndicatorOptions, type IndicatorTable } from './compute.ts';

/** What the indicators read of the layers (all but coverage): built once per data set, e.g.
 *  before the layers' buffers move to the analysis worker. */
export type IndicatorBase = Omit<IndicatorInput, 'coverage'>;

/** Counties, each community's county, urban flag and households, and each facility's type,
 *  floor area and community (by point-in-polygon). */
export function indicatorBase(layers: Pick<Layers, 'communities' | 'households' | 'facilities' | 'townships' | 'counties'>): IndicatorBase {
  const { communities, households: h, facilities: f } = layers;
  const regions = regionsOf(communities, layers.townships, layers.counties);
  const hh = new Float64Array(communities.count);
  for (let i = 0; i < h.count; i++) if (h.community[i] >= 0) hh[h.community[i]] += h.households[i];
  return {
    counties: { codes: regions.counties.codes, names: regions.counties.names },
    communities: { count: communities.count, urban: communities.urban.slice(), county: regions.countyOf, households: hh },
    facilities: {
      count: f.count,
      type: f.type.slice(),
      area: f.area.slice(),
      community: assignToAreas(f.coords, communities),
      ...(f.catalogue ? { catalogue: f.catalogue } : {}),
    },
  };
}

/** The base with the coverage of every type in `result` (none: judged on facilities alone). */
export function indicatorInput(base: IndicatorBase, result?: CoverageResult | null): IndicatorInput {
  const coverage: Record<string, CommunityCoverage> = {};
  for (const t of result?.types ?? []) {
    coverage[t.code] = {
      demand: t.communities.demand,
      covered: t.communities.covered,
      targetShare: t.targetShare,
      minutes: t.minutes,
      profile: t.profile,
    };
  }
  return { ...base, coverage };
}

/** The plan's indicators for the layers and a coverage result. */
export function indicatorTable(base: IndicatorBase, result?: CoverageResult | null, opts?: IndicatorOptions): IndicatorTable {
  return computeIndicators(indicatorInput(base, result), opts);
}
