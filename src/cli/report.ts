// The CLI's output files: summary.json, communities.csv, indicators.json and catchments.geojson
// (contract in README.md).
import { typeOf, type Catalogue } from '../core/catalogue.ts';
import type { CoverageResult, TypeResult } from '../core/analysis/command.ts';
import type { GroupStats } from '../core/coverage/stats.ts';
import type { IndicatorCell, IndicatorRow, IndicatorTable } from '../core/indicators/compute.ts';
import type { AreaLayer } from '../core/types.ts';
import type { Catchment } from '../core/catchments/catchment.ts';
import {
  missingHistogram,
  analysedCodes,
  DEFAULT_GAP_TYPES,
  missingByCounty,
  multiServiceGap,
  type MissingChange,
  type MultiServiceGap,
  type MultiServiceRow,
} from '../core/gaps/multi-service.ts';
import type { Engine } from '../core/analysis/run.ts';
import type { Comparison } from '../core/scenario/compare.ts';
import { csvField } from '../io/export/csv.ts';

/** JSON has no Infinity/NaN: both become null. */
const num = (x: number): number | null => (Number.isFinite(x) ? x : null);

function equity(s: GroupStats, g: number) {
  return {
    households: s.households[g],
    households_covered: s.householdsCovered[g],
    households_unreachable: s.householdsUnreachable[g],
    demand_total: s.demand[g],
    demand_covered: s.covered[g],
    demand_uncovered: s.uncovered[g],
    demand_unreachable: s.unreachable[g],
    share: num(s.share[g]),
    beyond_share: num(1 - s.share[g]),
    mean_min: num(s.mean[g]),
    median_min: num(s.median[g]),
    p90_min: num(s.p90[g]),
    gini: num(s.gini[g]),
  };
}

function typeSummary(t: TypeResult) {
  const s = t.total;
  const gaps = t.communities.gap.reduce((a, b) => a + b, 0);
  const d = t.droppedEdges;
  return {
    mode: t.mode,
    profile: t.profile,
    ...(d ? { dropped_edges: { by_class: d.byClass, by_access: d.byAccess, ferry: d.ferry } } : {}),
    speed_kmh: t.speedKmh,
    minutes: t.minutes,
    target_share: t.targetShare,
    facilities: t.facilityCount,
    households: s.households[0],
    covered: s.householdsCovered[0],
    share: num(s.households[0] > 0 ? s.householdsCovered[0] / s.households[0] : NaN),
    unreachable: s.householdsUnreachable[0],
    demand: t.demand,
    ...(t.demandRequested ? { demand_requested: t.demandRequested } : {}),
    demand_total: s.demand[0],
    demand_covered: s.covered[0],
    demand_share: num(s.share[0]),
    demand_uncovered: s.uncovered[0],
    demand_unreachable: s.unreachable[0],
    gap_communities: gaps,
    beyond_share: num(1 - s.share[0]),
    mean_min: num(s.mean[0]),
    median_min: num(s.median[0]),
    p90_min: num(s.p90[0]),
    gini: num(s.gini[0]),
  };
}

/** The summary.json object. */
export function summaryJson(res: CoverageResult, detour: number, inputs: Record<string, number>) {
  const modes = [...new Set(res.types.map((t) => t.mode))];
  return {
    mode: modes.length === 1 ? modes[0] : 'mixed',
    detour,
    inputs,
    ...(Object.keys(res.unattached).length
      ? { unattached_households: res.unattached, unattached_facilities: res.unattachedFacilities }
      : {}),
    ...(Object.keys(res.unknownRoadClasses ?? {}).length ? { unknown_road_classes: res.unknownRoadClasses } : {}),
    types: Object.fromEntries(res.types.map((t) => [t.code, typeSummary(t)])),
    counties: Object.fromEntries(
      res.counties.codes.map((code, g) => [
        code,
        {
          name: res.counties.names[g],
          types: Object.fromEntries(res.types.map((t) => [t.code, { demand: t.demand, ...equity(t.counties, g) }])),
        },
      ]),
    ),
  };
}

/** communities.csv: code,name,households, then per type <code>_share,<code>_p90_min,<code>_gap
 *  (share of the type's demand measure; p90 "Infinity" when unreachable; empty without demand). */
export function communitiesCsv(res: CoverageResult, communities: AreaLayer): string {
  const head = ['code', 'name', 'households', ...res.types.flatMap((t) => [`${t.code}_share`, `${t.code}_p90_min`, `${t.code}_gap`])];
  const households = res.types[0]?.communities.households;
  const lines = [head.join(',')];
  for (let c = 0; c < communities.count; c++) {
    const row: (string | number)[] = [communities.codes[c], communities.names[c], households ? households[c] : 0];
    for (const t of res.types) {
      const s = t.communities;
      row.push(round(s.share[c], 6), s.p90[c] === Infinity ? 'Infinity' : round(s.p90[c], 3), s.gap[c]);
    }
    // The app's CSV field: names from a user's file (=HYPERLINK(…), @SUM…) never run as formulas.
    lines.push(row.map(csvField).join(','));
  }
  return lines.join('\n') + '\n';
}

/** gaps.csv: code,name,county,missing_count,missing (codes joined by ";"), then <code>_gap per
 *  chosen type, one row per community in layer order. */
export function gapsCsv(codes: string[], rows: MultiServiceRow[]): string {
  const lines = [['code', 'name', 'county', 'township', 'missing_count', 'missing', ...codes.map((c) => `${c}_gap`)].join(',')];
  for (const r of rows)
    lines.push([r.code, r.name, r.county, r.township, r.missingCount, r.missing.join(';'), ...r.gaps].map(csvField).join(','));
  return lines.join('\n') + '\n';
}

/** summary.json's multi_service_gap: the chosen types and, per county and for the whole area,
 *  how many communities lack 0, 1, … n of them. */
export function multiServiceSummary(g: MultiServiceGap, byCounty: Uint32Array, countyCodes: string[]) {
  const width = g.codes.length + 1;
  return {
    types: g.codes,
    communities_missing: missingHistogram(g),
    counties: Object.fromEntries(countyCodes.map((code, k) => [code, Array.from(byCounty.subarray(k * width, k * width + width))])),
  };
}

function round(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}

/** indicators.json: the plan's indicators (the app's 规划指标 table, core/indicators) — each
 *  target once, then the values per county (keyed by county code) and for the prefecture;
 *  null where the value cannot be computed. */
export function indicatorsJson(table: IndicatorTable) {
  const values = (cell: (r: IndicatorRow) => IndicatorCell) => Object.fromEntries(table.rows.map((r) => [r.id, num(cell(r).value)]));
  return {
    targets: table.rows.map((r) => ({ id: r.id, zh: r.zh, target: r.target, unit: r.unit, scope: r.scope })),
    counties: Object.fromEntries(
      table.counties.codes.map((code, k) => [code, { name: table.counties.names[k], ...values((r) => r.counties[k]) }]),
    ),
    prefecture: values((r) => r.prefecture),
  };
}

/** catchments.geojson: one MultiPolygon feature per type. */
export function catchmentsGeoJson(cs: Catchment[], res: CoverageResult, cellM: number, catalogue: Catalogue) {
  return {
    type: 'FeatureCollection' as const,
    features: cs.map((c) => {
      const t = res.types.find((r) => r.code === c.code)!;
      const ft = typeOf(c.code, catalogue);
      return {
        type: 'Feature' as const,
        properties: {
          type: c.code,
          zh: ft.zh,
          en: ft.en,
          mode: t.mode,
          profile: t.profile,
          minutes: t.minutes,
          speed_kmh: t.speedKmh,
          cell_m: cellM,
        },
        geometry: { type: 'MultiPolygon', coordinates: c.coordinates },
      };
    }),
  };
}

/** compare.json: both summaries and, per type, the prefecture figures before and after. */
export function compareJson(cmp: Comparison, baseline: object, scenario: object, scenarioName: string, multiGap?: object) {
  return {
    scenario_name: scenarioName,
    baseline,
    scenario,
    types: Object.fromEntries(
      cmp.types.map((t) => [
        t.code,
        {
          covered_before: t.total.householdsCovered.before[0],
          covered_after: t.total.householdsCovered.after[0],
          demand_covered_before: t.total.covered.before[0],
          demand_covered_after: t.total.covered.after[0],
          gap_communities_before: t.total.gaps.before[0],
          gap_communities_after: t.total.gaps.after[0],
        },
      ]),
    ),
    ...(multiGap ? { multi_service_gap: multiGap } : {}),
  };
}

/** compare.json's multi_service_gap: the chosen types, how many communities lack fewer (improved)
 *  or more (worsened) of them in the scenario, and each changed community's counts. */
export function multiGapChangesJson(changes: MissingChange[], types: string[], codes: string[]) {
  return {
    types,
    improved: changes.filter((c) => c.after < c.before).length,
    worsened: changes.filter((c) => c.after > c.before).length,
    communities: Object.fromEntries(changes.map((c) => [codes[c.index], { before: c.before, after: c.after }])),
  };
}

/** compare.csv: code,name, then per type <code>_share_before,<code>_share_after,<code>_gap_before,
 *  <code>_gap_after (shares of the type's demand as in communities.csv). */
export function compareCsv(cmp: Comparison, communities: AreaLayer): string {
  const head = [
    'code',
    'name',
    ...cmp.types.flatMap((t) => ['share_before', 'share_after', 'gap_before', 'gap_after'].map((k) => `${t.code}_${k}`)),
  ];
  const lines = [head.join(',')];
  for (let c = 0; c < communities.count; c++) {
    const row: (string | number)[] = [communities.codes[c], communities.names[c]];
    for (const t of cmp.types) {
      const { share, gaps } = t.communities;
      row.push(round(share.before[c], 6), round(share.after[c], 6), gaps.before[c], gaps.after[c]);
    }
    lines.push(row.map(csvField).join(','));
  }
  return lines.join('\n') + '\n';
}

/** analyze's summary.json for a run of `engine`, with the multi-service gap over `gapTypes`
 *  (default: the plan's headline services, those of them analysed); also the gap itself. */
export function analysisSummary(res: CoverageResult, engine: Engine, detour: number, inputs: Record<string, number>, gapTypes?: string[]) {
  const { households } = engine.layers;
  const gap = multiServiceGap(res, gapTypes ?? analysedCodes(res, DEFAULT_GAP_TYPES), households.households, households.community);
  const {
    countyOf: ofCommunity,
    counties: { codes },
  } = engine.regions;
  const summary = {
    ...summaryJson(res, detour, inputs),
    multi_service_gap: multiServiceSummary(gap, missingByCounty(gap, ofCommunity, codes.length), codes),
  };
  return { summary, gap };
}
