// State of the multi-service gap view (综合缺口): whether it is shown and which services it
// counts. Plain TypeScript (a reducer), so the rules — at least one service, catalogue order,
// only known types — are unit-tested without a browser; components render and dispatch.
import { BUILT_IN_TYPES, type Catalogue } from '../core/catalogue';
import type { CoverageResult } from '../core/analysis/command';
import {
  analysedCodes,
  DEFAULT_GAP_TYPES,
  missingByCounty,
  missingCodes,
  multiServiceGap,
  multiServiceRows,
  rankMultiServiceGap,
  type MultiServiceGap,
  type MultiServiceRow,
} from '../core/gaps/multi-service';
import type { Regions } from '../core/coverage/regions';
import type { Places } from '../core/coverage/places';

export interface MultiGapView {
  /** Whether the map, lists and legend show the multi-service gap instead of one type. */
  on: boolean;
  /** Chosen type codes, in catalogue order, never empty. */
  codes: string[];
}

export type MultiGapAction = { kind: 'show'; on: boolean } | { kind: 'toggleType'; code: string; catalogue: Catalogue };

export const DEFAULT_MULTI_GAP: MultiGapView = { on: false, codes: [...DEFAULT_GAP_TYPES] };

const catalogueOrder = (codes: Iterable<string>, catalogue: Catalogue): string[] => {
  const set = new Set(codes);
  return catalogue.map((t) => t.code).filter((c) => set.has(c));
};

export function multiGapReducer(v: MultiGapView, a: MultiGapAction): MultiGapView {
  switch (a.kind) {
    case 'show':
      return v.on === a.on ? v : { ...v, on: a.on };
    case 'toggleType': {
      if (!a.catalogue.some((t) => t.code === a.code)) return v;
      const has = v.codes.includes(a.code);
      // The last service stays: a view of no services would show nothing and explain nothing.
      if (has && v.codes.length === 1) return v;
      return { ...v, codes: catalogueOrder(has ? v.codes.filter((c) => c !== a.code) : [...v.codes, a.code], a.catalogue) };
    }
  }
}

/** The view from the URL's `gaps` list (comma-separated codes; unknown ones dropped), or null
 *  when the list names no known type (a link names the plan's types). */
export function parseMultiGap(list: string | null): MultiGapView | null {
  if (list === null) return null;
  const codes = catalogueOrder(
    list.split(',').map((c) => c.trim()),
    BUILT_IN_TYPES,
  );
  return codes.length ? { on: true, codes } : null;
}

/** The multi-service gap of the shown result over the chosen types it holds (null when none). */
export function shownMultiGap(
  result: CoverageResult | null,
  v: MultiGapView,
  households: Float32Array,
  community: Int32Array,
): MultiServiceGap | null {
  if (!result || !v.on) return null;
  const codes = analysedCodes(result, v.codes);
  return codes.length ? multiServiceGap(result, codes, households, community) : null;
}

/** What the map draws: community code → the codes it lacks (communities lacking none included,
 *  with an empty list, so they are coloured as complete). */
export function missingByCode(g: MultiServiceGap, communityCodes: string[]): Map<string, string[]> {
  return new Map(communityCodes.map((code, c) => [code, missingCodes(g, c)]));
}

/** Per county code: how many of its communities lack 0, 1, … n of the chosen services. */
export function missingPerCounty(g: MultiServiceGap, regions: Regions): Map<string, number[]> {
  const codes = regions.counties.codes,
    width = g.codes.length + 1;
  const counts = missingByCounty(g, regions.countyOf, codes.length);
  return new Map(codes.map((code, k) => [code, Array.from(counts.subarray(k * width, k * width + width))]));
}

/** Every community's row, those lacking a service first in the gap list's order, then the rest
 *  in layer order (the meeting's export). */
export function rankedRows(g: MultiServiceGap, places: Places): MultiServiceRow[] {
  const ranked = rankMultiServiceGap(g),
    rest: number[] = [];
  for (let c = 0; c < g.communityCount; c++) if (g.missing[c] === 0) rest.push(c);
  const { regions } = places;
  return multiServiceRows(g, places.communities, regions, [...ranked, ...rest]);
}
