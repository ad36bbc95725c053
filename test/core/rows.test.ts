// Gap rows and site rows (core/coverage/gaps.ts, core/siting/site-rows.ts) on engine results.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/analysis/run.ts';
import { typeIndex } from '../../src/core/catalogue.ts';
import { allGapRows, gapRows, gapTotals, inRegion } from '../../src/core/coverage/gaps.ts';
import { placesOf } from '../../src/core/coverage/places.ts';
import { siteRows } from '../../src/core/siting/site-rows.ts';
import type { FacilityLayer, HouseholdLayer } from '../../src/core/types.ts';
import { at, pts } from './local.ts';
import { squares } from './indicators/fixture.ts';

// Three 1 km squares; a canteen at x = 900 m reaches 865 m (15 min, 4.5 km/h, detour 1.3).
const communities = squares(
  [
    [0, 0, 1000],
    [1000, 0, 1000],
    [2000, 0, 1000],
  ],
  [1, 0, 0],
  ['A', 'A', 'B'],
);
const households: HouseholdLayer = {
  count: 4,
  coords: pts([500, 500], [1500, 500], [1900, 900], [2800, 200]),
  households: Float32Array.from([10, 20, 5, 40]),
  community: Int32Array.from([0, 1, 1, 2]),
};
const facilities: FacilityLayer = {
  count: 1,
  coords: pts([900, 500]),
  type: Uint8Array.from([typeIndex('elderly_canteen')]),
  ids: ['f0'],
  names: ['食堂'],
  area: Float32Array.from([NaN]),
};

describe('gapRows', () => {
  it('lists communities under the target, most demand beyond reach first, at their centroids', async () => {
    const layers = { communities, households, facilities };
    const result = await new Engine(layers).run({
      op: 'coverage',
      detour: 1.3,
      types: [{ code: 'elderly_canteen', mode: 'straight', speedKmh: 4.5, minutes: 15, targetShare: 0.9, demand: 'households' }],
    });
    const rows = allGapRows(result, placesOf(layers));
    // c1: 20 of 25 covered (0.8 < 0.9); c2: none covered.
    expect(rows.map((r) => [r.communityCode, r.countyName, r.urban, r.households, r.householdsUncovered, r.share])).toEqual([
      ['c2', 'B', false, 40, 40, 0],
      ['c1', 'A', false, 25, 5, 0.8],
    ]);
    expect(rows.map((r) => [r.measure, r.demand, r.demandUncovered])).toEqual([
      ['households', 40, 40],
      ['households', 25, 5],
    ]);
    expect(rows[0].medianMin).toBeCloseTo((Math.hypot(1900, 300) * 1.3) / 75, 2); // 4.5 km/h = 75 m/min; great circle vs planar metres
    const [lon, lat] = at(2500, 500);
    expect(rows[0].lon).toBeCloseTo(lon, 7);
    expect(rows[0].lat).toBeCloseTo(lat, 7);
  });
});

describe('gapTotals in a region', () => {
  it('sums the headline figures over the county in focus, the same communities the gap list shows', async () => {
    const layers = { communities, households, facilities };
    const result = await new Engine(layers).run({
      op: 'coverage',
      detour: 1.3,
      types: [{ code: 'elderly_canteen', mode: 'straight', speedKmh: 4.5, minutes: 15, targetShare: 0.9, demand: 'households' }],
    });
    const places = placesOf(layers),
      t = result.types[0];
    const a = places.regions.counties.codes.indexOf('A');
    expect(a).toBeGreaterThanOrEqual(0);
    // County A: c0 (10 households, all covered) and c1 (20 of 25 covered, a gap).
    expect(gapTotals(t, inRegion(places, { county: a }))).toEqual({
      communities: 1,
      uncovered: 5,
      uncoveredDemand: 5,
      households: 35,
      demand: 35,
      covered: 30,
    });
    expect(gapRows(t, places, { county: a }).map((r) => r.communityCode)).toEqual(['c1']);
    // The prefecture: c2's 40 uncovered households join.
    expect(gapTotals(t)).toEqual({ communities: 2, uncovered: 45, uncoveredDemand: 45, households: 75, demand: 75, covered: 30 });
  });
});

describe('siteRows', () => {
  it('numbers the chosen sites, finds their community and accumulates the share', () => {
    const coords = pts([2500, 500], [1500, 900], [5000, 5000]);
    const rows = siteRows(
      { type: 'elderly_canteen', demand: 'elderly', coords, gains: Float64Array.from([40, 5, 0]), coveredBefore: 30, total: 75 },
      placesOf({ communities }),
    );
    expect(rows).toEqual([
      {
        rank: 1,
        type: 'elderly_canteen',
        lon: coords[0],
        lat: coords[1],
        countyName: 'B',
        communityCode: 'c2',
        communityName: '社区2',
        added: 40,
        measure: 'elderly',
        shareAfter: 70 / 75,
      },
      {
        rank: 2,
        type: 'elderly_canteen',
        lon: coords[2],
        lat: coords[3],
        countyName: 'A',
        communityCode: 'c1',
        communityName: '社区1',
        added: 5,
        measure: 'elderly',
        shareAfter: 1,
      },
      // Outside every community.
      {
        rank: 3,
        type: 'elderly_canteen',
        lon: coords[4],
        lat: coords[5],
        countyName: '',
        communityCode: '',
        communityName: '',
        added: 0,
        measure: 'elderly',
        shareAfter: 1,
      },
    ]);
  });

  it("takes p-median and p-center rows' covered demand from coveredEach (their gains are minutes)", () => {
    const coords = pts([2500, 500], [1500, 900]);
    const rows = siteRows(
      {
        type: 'elderly_canteen',
        demand: 'elderly',
        coords,
        gains: Float64Array.from([3.5, 1.25]),
        coveredBefore: 30,
        total: 75,
        coveredEach: Float64Array.from([50, 60]),
      },
      placesOf({ communities }),
    );
    expect(rows.map((r) => [r.added, r.shareAfter])).toEqual([
      [20, 50 / 75],
      [10, 60 / 75],
    ]);
  });
});
