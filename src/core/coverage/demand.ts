// Demand measures (issue 8): which resident count a facility type's coverage is counted in.
import type { DemandMeasure } from '../catalogue.ts';
import type { HouseholdLayer } from '../types.ts';

export const DEMAND_MEASURES: readonly DemandMeasure[] = ['households', 'population', 'elderly', 'infants', 'disabled'];

/** True when `s` names a demand measure. */
export function isDemandMeasure(s: string): s is DemandMeasure {
  return (DEMAND_MEASURES as readonly string[]).includes(s);
}

/** Per-point weights of `measure`, or undefined when the households carry no such counts. */
export function demandWeights(h: HouseholdLayer, measure: DemandMeasure): Float32Array | undefined {
  return measure === 'households' ? h.households : h[measure];
}
