// A facility layer's type indices pointed at another catalogue (the planner picked a preset or
// added a type): each facility keeps its type by code; one whose code the new catalogue lacks is
// left out and counted under its code, like a file's unknown type value.
import { BUILT_IN_TYPES, type Catalogue } from './catalogue.ts';
import type { FacilityLayer } from './types.ts';

export function recatalogue(f: FacilityLayer, to: Catalogue): { facilities: FacilityLayer; skipped: Map<string, number> } {
  const from = f.catalogue ?? BUILT_IN_TYPES;
  const index = from.map((t) => to.findIndex((x) => x.code === t.code));
  const keep: number[] = [];
  const skipped = new Map<string, number>();
  for (let i = 0; i < f.count; i++) {
    if (index[f.type[i]] >= 0) keep.push(i);
    else skipped.set(from[f.type[i]].code, (skipped.get(from[f.type[i]].code) ?? 0) + 1);
  }
  const facilities: FacilityLayer = {
    count: keep.length,
    coords: Float64Array.from(keep.flatMap((i) => [f.coords[2 * i], f.coords[2 * i + 1]])),
    type: Uint8Array.from(keep, (i) => index[f.type[i]]),
    ids: keep.map((i) => f.ids[i]),
    names: keep.map((i) => f.names[i]),
    area: Float32Array.from(keep, (i) => f.area[i]),
    catalogue: to,
  };
  return { facilities, skipped };
}
