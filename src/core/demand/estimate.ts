// Demand points that carry only one count (a population grid cell, a building's households):
// the other count comes from the household size, the age and disability groups from the census
// shares of the community the point lies in (villages are older than towns).
import type { HouseholdLayer } from '../types.ts';
import { GROUPS, groupCount } from './census.ts';

/** Fills households from population (or population from households) at `householdSize` persons
 *  per household, and every group the layer lacks from the census shares; `urban` is the
 *  communities' urban flag (points outside every community use village shares). */
export function estimateDemand(
  layer: HouseholdLayer,
  urban: Uint8Array,
  householdSize: number,
  from: 'population' | 'households',
): HouseholdLayer {
  if (!(householdSize > 0)) throw new Error(`household size must be > 0, got ${householdSize}`);
  const n = layer.count;
  const population = new Float32Array(n),
    households = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    if (from === 'population') {
      population[i] = layer.population?.[i] ?? 0;
      households[i] = population[i] / householdSize;
    } else {
      households[i] = layer.households[i];
      population[i] = households[i] * householdSize;
    }
  }
  const out: HouseholdLayer = { ...layer, households, population };
  for (const g of GROUPS) {
    if (layer[g]) continue;
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) a[i] = groupCount(g, population[i], layer.community[i] >= 0 && urban[layer.community[i]] === 1);
    out[g] = a;
  }
  return out;
}
