// End to end on hand-made layers: engine coverage run → indicator input → indicators.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/core/analysis/run.ts';
import { computeIndicators } from '../../../src/core/indicators/compute.ts';
import { indicatorBase, indicatorInput } from '../../../src/core/indicators/from-layers.ts';
import { typeIndex } from '../../../src/core/catalogue.ts';
import type { FacilityLayer, HouseholdLayer } from '../../../src/core/types.ts';
import { pts } from '../local.ts';
import { squares } from './fixture.ts';

describe('indicatorInput', () => {
  // c0 (urban) and c1 (rural) in county A, c2 (rural) in county B; 1 km squares side by side.
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
  // A service centre at x = 900 m (in c0): 15 min at 4.5 km/h with detour 1.3 is 865 m straight,
  // so it reaches (1500, 500) at 600 m but not (1900, 900) at 1077 m nor c2.
  const facilities: FacilityLayer = {
    count: 2,
    coords: pts([900, 500], [2500, 500]),
    type: Uint8Array.from([typeIndex('service_center'), typeIndex('fire_station')]),
    ids: ['f0', 'f1'],
    names: ['中心', '消防站'],
    area: Float32Array.from([70, NaN]),
  };

  it('feeds the engine result into the indicators', async () => {
    const layers = { communities, households, facilities };
    const result = await new Engine(layers).run({
      op: 'coverage',
      detour: 1.3,
      types: [{ code: 'service_center', mode: 'straight', speedKmh: 4.5, minutes: 15, targetShare: 0.8, demand: 'households' }],
    });
    const input = indicatorInput(indicatorBase(layers), result);
    expect(input.counties).toEqual({ codes: ['A', 'B'], names: ['A', 'B'] });
    expect(Array.from(input.communities.households)).toEqual([10, 25, 40]);
    expect(Array.from(input.facilities.community)).toEqual([0, 2]);
    const t = computeIndicators(input);
    const get = (id: string) => t.rows.find((r) => r.id === id)!;
    // c1 has 20 of 25 households within reach (0.8 ≥ ½): served; c2 is not.
    expect([...get('service_rural').counties, get('service_rural').prefecture].map((c) => c.value)).toEqual([1, 0, 0.5]);
    expect(get('service_urban').prefecture).toMatchObject({ value: 1, status: 'met' });
    // 70 m² for 35 households in A; B has no centre: 0 m², complete, not met.
    expect(get('service_area').counties.map((c) => [c.value, c.status])).toEqual([
      [200, 'met'],
      [0, 'not_met'],
    ]);
    expect(get('fire_station').counties.map((c) => c.value)).toEqual([0, 1]);
    expect(get('walk_service_center').counties.map((c) => c.value)).toEqual([30 / 35, 0]);
  });

  it('judges on facilities alone without a result', () => {
    const input = indicatorInput(indicatorBase({ communities, households, facilities }), null);
    expect(input.coverage).toEqual({});
  });
});
