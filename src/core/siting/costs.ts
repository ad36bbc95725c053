// What a new site costs: a value from the planner's candidate file when given, else a default per
// facility type, lower when the candidate is an existing building to renovate (e.g. a village
// committee building) than for a new build. A site hosting several types (multi-service) costs
// the sum of its types' defaults.
//
// Defaults in 万元 (10,000 yuan). They are illustrative orders of magnitude for rural Yunnan, not
// figures from the plan: planners replace them with their own through a cost field.
import { BUILT_IN_TYPES, type Catalogue } from '../catalogue.ts';

export const DEFAULT_COSTS: Readonly<Record<string, { build: number; renovate: number }>> = {
  service_center: { build: 300, renovate: 80 },
  elderly_canteen: { build: 120, renovate: 30 },
  elderly_daycare: { build: 200, renovate: 60 },
  childcare: { build: 150, renovate: 40 },
  fitness: { build: 40, renovate: 15 },
  fire_station: { build: 30, renovate: 10 },
  health_station: { build: 180, renovate: 50 },
};

/** Default cost of one site hosting `types`; `renovate` for an existing building. A catalogue
 *  file's cost_build / cost_renovate for a type take precedence. NaN when a type has none (a
 *  standard's or a planner's type without costs): only a budget needs it (runSiting says so). */
export function defaultCost(types: string[], renovate: boolean, catalogue: Catalogue = BUILT_IN_TYPES): number {
  let sum = 0;
  for (const t of types) {
    const ft = catalogue.find((x) => x.code === t);
    const c = ft?.costBuild !== undefined ? { build: ft.costBuild, renovate: ft.costRenovate ?? ft.costBuild } : DEFAULT_COSTS[t];
    if (!c) return NaN;
    sum += renovate ? c.renovate : c.build;
  }
  return sum;
}

/** Cost per candidate: `given[i]` when finite, else the default for `types` (renovation where
 *  `renovate[i]` is 1). Arrays are indexed by candidate; absent arrays mean new builds at default cost. */
export function candidateCosts(
  count: number,
  types: string[],
  given?: Float64Array,
  renovate?: Uint8Array,
  catalogue: Catalogue = BUILT_IN_TYPES,
): Float64Array {
  const build = defaultCost(types, false, catalogue),
    reno = defaultCost(types, true, catalogue);
  return Float64Array.from({ length: count }, (_, i) => {
    const g = given?.[i];
    return g !== undefined && Number.isFinite(g) ? g : renovate?.[i] ? reno : build;
  });
}
