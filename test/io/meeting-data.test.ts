// The app's path from loaded GeoJSON to the meeting's figures (io/features → analysis/areaIndex →
// core indicators, gap rows, result rows), on a hand-made case with exact values. A facility
// counts where its point lies: with or without a community_code, and with a wrong one.
import { describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { areaIndex } from '../../src/analysis/areaIndex';
import type { DemoLayers } from '../../src/analysis/loadDemo';
import type { TypeResult } from '../../src/core/analysis/command';
import { allGapRows } from '../../src/core/coverage/gaps';
import type { GroupStats } from '../../src/core/coverage/stats';
import { indicatorTable } from '../../src/core/indicators/from-layers';
import { PLAN_TARGETS } from '../../src/core/indicators/targets';
import { areasFromFeatures, facilitiesFromFeatures, householdsFromFeatures, linesFromFeatures } from '../../src/io/features';
import { communityResultRows, multiPolygonOf } from '../../src/ui/report/meetingData';

const square = (x: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, 0],
      [x + 1, 0],
      [x + 1, 1],
      [x, 1],
      [x, 0],
    ],
  ],
});
const fc = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });
const area = (x: number, properties: Record<string, unknown>): Feature => ({ type: 'Feature', geometry: square(x), properties });
const point = (x: number, y: number, properties: Record<string, unknown>): Feature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [x, y] },
  properties,
});

const counties = fc([area(0, { code: 'A', name: '甲县' }), area(2, { code: 'B', name: '乙县' })]);
const townships = fc([area(0, { code: 'tA', name: '甲镇', county_code: 'A' }), area(2, { code: 'tB', name: '乙镇', county_code: 'B' })]);
const communities = fc([
  // c1's households field disagrees with its household points (100), which win.
  area(0, { code: 'c1', name: '一社区', township_code: 'tA', county_code: 'A', urban: 1, households: 999 }),
  area(1, { code: 'c2', name: '二村', township_code: 'tA', county_code: 'A', urban: 0, households: 50 }),
  // c3 has no county code: its township's says B.
  area(2, { code: 'c3', name: '三村', township_code: 'tB', urban: 0, households: 30 }),
]);
const households = fc([point(0.5, 0.5, { households: 100 }), point(1.5, 0.5, { households: 50 }), point(2.5, 0.5, { households: 30 })]);
// A service centre in c1, a fire station in c3 and one outside every community.
const sites: [number, number, Record<string, unknown>][] = [
  [0.5, 0.5, { type: 'service_center', area_m2: 45 }],
  [2.5, 0.5, { type: 'fire_station' }],
  [5, 5, { type: 'fire_station' }],
];

/** The app's layers from the GeoJSON, facilities carrying `codes` as community_code (none when omitted). */
function layers(codes?: string[]): DemoLayers {
  const com = areasFromFeatures(communities, {}, 'communities');
  return {
    communities: com,
    townships: areasFromFeatures(townships, {}, 'townships'),
    counties: areasFromFeatures(counties, {}, 'counties'),
    households: householdsFromFeatures(households, com),
    facilities: facilitiesFromFeatures(fc(sites.map(([x, y, p], i) => point(x, y, codes ? { ...p, community_code: codes[i] } : p)))),
    network: linesFromFeatures(fc([])),
  };
}

const stats = (demand: number[], covered: number[], gap: number[]): GroupStats =>
  ({
    demand: Float64Array.from(demand),
    covered: Float64Array.from(covered),
    households: Float64Array.from([100, 50, 30]),
    householdsCovered: Float64Array.from([100, 20, 30]),
    share: Float64Array.from(demand.map((d, i) => covered[i] / d)),
    uncovered: Float64Array.from(demand.map((d, i) => d - covered[i])),
    median: Float64Array.from([5, 25, 8]),
    p90: Float64Array.from([9, 40, 12]),
    gap: Uint8Array.from(gap),
  }) as GroupStats;
const canteen = {
  code: 'elderly_canteen',
  demand: 'elderly',
  minutes: 15,
  profile: 'walk',
  targetShare: 0.9,
  communities: stats([10, 20, 5], [10, 5, 5], [0, 1, 0]),
} as TypeResult;
const result = { types: [canteen], counties: { codes: ['A', 'B'], names: ['甲县', '乙县'] }, unattached: {}, unattachedFacilities: {} };

describe("meeting figures from the app's layers", () => {
  it('computes the plan indicators per county and for the prefecture', () => {
    const idx = areaIndex(layers());
    const table = indicatorTable(idx.indicators, result);
    const row = (id: string) => table.rows.find((r) => r.id === id)!;
    const cells = (id: string) => [...row(id).counties, row(id).prefecture].map((c) => [c.numerator, c.denominator, c.status]);
    expect(table.counties).toEqual({ codes: ['A', 'B'], names: ['甲县', '乙县'] });
    expect(cells('service_rural')).toEqual([
      [0, 1, 'not_met'],
      [0, 1, 'not_met'],
      [0, 2, 'not_met'],
    ]);
    expect(cells('service_urban')).toEqual([
      [1, 1, 'met'],
      [0, 0, 'no_data'],
      [1, 1, 'met'],
    ]);
    // 100 · 45 m² ÷ 150 households = 30 (the target) in A; none in B; 100 · 45 ÷ 180 = 25 overall.
    expect(row('service_area').counties.map((c) => c.value)).toEqual([30, 0]);
    expect(row('service_area').prefecture.value).toBe(25);
    expect(cells('fire_station')).toEqual([
      [0, 2, 'not_met'],
      [1, 1, 'met'],
      [1, 3, 'not_met'],
    ]);
    expect(cells('walk_elderly_canteen')).toEqual([
      [15, 30, 'not_met'],
      [5, 5, 'met'],
      [20, 35, 'not_met'],
    ]);
    // Urban canteens count a community within reach (c1 fully covered) as served.
    expect(cells('canteen_urban')).toEqual([
      [1, 1, 'met'],
      [0, 0, 'no_data'],
      [1, 1, 'met'],
    ]);
    expect(indicatorTable(idx.indicators, null).rows.map((r) => r.id)).toEqual(PLAN_TARGETS.map((p) => p.id));
  });

  it('places facilities by geometry: without, with right and with wrong community codes alike', () => {
    const tableOf = (codes?: string[]) => indicatorTable(areaIndex(layers(codes)).indicators, result);
    const without = tableOf();
    // Right codes; then every code wrong (the service centre claims c3, the stations c1 and c2).
    expect(tableOf(['c1', 'c3', ''])).toEqual(without);
    expect(tableOf(['c3', 'c1', 'c2'])).toEqual(without);
    const row = (id: string) => without.rows.find((r) => r.id === id)!;
    expect(row('service_urban').prefecture.value).toBe(1);
    expect(row('fire_station').counties.map((c) => c.value)).toEqual([0, 1]);
    expect(Array.from(areaIndex(layers(['c3', 'c1', 'c2'])).indicators.facilities.community)).toEqual([0, 2, -1]);
  });

  it('lists gaps with county and township names at the centroid, and result rows as MultiPolygons', () => {
    const idx = areaIndex(layers());
    expect(allGapRows(result, idx.places)).toEqual([
      {
        index: 1,
        countyName: '甲县',
        townshipName: '甲镇',
        communityCode: 'c2',
        communityName: '二村',
        urban: false,
        type: 'elderly_canteen',
        minutes: 15,
        profile: 'walk',
        households: 50,
        householdsUncovered: 30,
        measure: 'elderly',
        demand: 20,
        demandUncovered: 15,
        share: 0.25,
        medianMin: 25,
        p90Min: 40,
        lon: 1.5,
        lat: 0.5,
      },
    ]);
    const rows = communityResultRows({ communities }, idx.places, canteen);
    expect(rows.map((r) => [r.county, r.index])).toEqual([
      ['甲县', 0],
      ['甲县', 1],
      ['乙县', 2],
    ]);
    expect(multiPolygonOf(rows[2])).toEqual({ type: 'MultiPolygon', coordinates: [square(2).coordinates] });
  });
});
