// A hand-made prefecture for the indicator tests (and the export tests that print its table).
import type { IndicatorInput } from '../../../src/core/indicators/compute.ts';
import { typeIndex } from '../../../src/core/catalogue.ts';
import type { AreaLayer } from '../../../src/core/types.ts';
import { at } from '../local.ts';

// Counties A, B and C (C has no communities); community 7 is in no known county.
//   community:   0    1    2    3    4    5    6    7
//   county:      A    A    A    A    B    B    B    −
//   urban:       1    1    0    0    1    0    0    0
//   households: 100  200  50   50  300  100  100  100
const T = (code: string) => typeIndex(code);
export function fixture(): IndicatorInput {
  return {
    counties: { codes: ['A', 'B', 'C'], names: ['甲县', '乙县', '丙县'] },
    communities: {
      count: 8,
      urban: Uint8Array.from([1, 1, 0, 0, 1, 0, 0, 0]),
      county: Int32Array.from([0, 0, 0, 0, 1, 1, 1, -1]),
      households: Float64Array.from([100, 200, 50, 50, 300, 100, 100, 100]),
    },
    facilities: {
      count: 8,
      type: Uint8Array.from(
        [
          'service_center',
          'service_center',
          'service_center',
          'elderly_canteen',
          'fire_station',
          'fire_station',
          'fitness',
          'service_center',
        ].map(T),
      ),
      community: Int32Array.from([0, 4, 5, 1, 2, 7, 0, -1]),
      area: Float32Array.from([150, 60, NaN, NaN, NaN, NaN, NaN, 500]),
    },
    coverage: {
      // shares 1, 0.75, 0.4, 0.5, 1, 0.5, 0, 1
      service_center: {
        demand: [100, 200, 50, 50, 300, 100, 100, 100],
        covered: [100, 150, 20, 25, 300, 50, 0, 100],
        targetShare: 0.8,
        minutes: 15,
      },
      // shares 1, 0, 0.6, 0.4, 1, 1, 0.5, (no demand)
      fitness: { demand: [10, 10, 10, 10, 10, 10, 10, 0], covered: [10, 0, 6, 4, 10, 10, 5, 0] },
    },
  };
}

/** Square communities given as [x0, y0, side] in metres, one ring each. */
export function squares(sq: [number, number, number][], urban: number[], county: string[]): AreaLayer {
  const coords: number[] = [];
  for (const [x, y, s] of sq)
    for (const p of [
      [x, y],
      [x + s, y],
      [x + s, y + s],
      [x, y + s],
      [x, y],
    ] as [number, number][])
      coords.push(...at(...p));
  const n = sq.length;
  return {
    count: n,
    codes: sq.map((_, i) => `c${i}`),
    names: sq.map((_, i) => `社区${i}`),
    parentCodes: sq.map(() => ''),
    urban: Uint8Array.from(urban),
    countyCodes: county,
    polygons: {
      coords: Float64Array.from(coords),
      ringStart: Uint32Array.from({ length: n + 1 }, (_, i) => 5 * i),
      polyRingStart: Uint32Array.from({ length: n + 1 }, (_, i) => i),
      featurePolyStart: Uint32Array.from({ length: n + 1 }, (_, i) => i),
    },
  };
}
