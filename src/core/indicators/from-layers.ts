// Builds the indicator input from the loaded layers and an engine coverage result, so the UI,
// worker and CLI compute indicators the same way.
import type { CoverageResult, Layers } from '../analysis/command.ts';
import { countiesOf } from '../coverage/regions.ts';
import { assignToAreas } from '../geo/assign.ts';
import type { CommunityCoverage, IndicatorInput } from './compute.ts';

/** Indicator input from layers (+ coverage). `facilityCommunity` (community index per facility,
 *  e.g. from a community_code column) overrides point-in-polygon assignment. */
export function indicatorInput(layers: Layers, result?: CoverageResult, facilityCommunity?: Int32Array): IndicatorInput {
  const { communities, households: h, facilities: f } = layers;
  const regions = countiesOf(communities, layers.townships, layers.counties);
  const hh = new Float64Array(communities.count);
  for (let i = 0; i < h.count; i++) if (h.community[i] >= 0) hh[h.community[i]] += h.households[i];
  const coverage: Record<string, CommunityCoverage> = {};
  for (const t of result?.types ?? []) {
    coverage[t.code] = { demand: t.communities.demand, covered: t.communities.covered, targetShare: t.targetShare, minutes: t.minutes };
  }
  return {
    counties: { codes: regions.codes, names: regions.names },
    communities: { count: communities.count, urban: communities.urban, county: regions.ofCommunity, households: hh },
    facilities: {
      count: f.count, type: f.type, area: f.area,
      community: facilityCommunity ?? assignToAreas(f.coords, communities),
    },
    coverage,
  };
}
