// Siting counts the type's demand measure: a fixture where the households are near one candidate
// and the elderly near the other gets a different answer for each measure (issue 8).
import { describe, expect, it } from 'vitest';
import { runSiting, type SitingCommand } from '../../../src/core/siting/command.ts';
import type { HouseholdLayer } from '../../../src/core/types.ts';
import { at, pts } from '../local.ts';

describe('siting by demand measure', () => {
  // Candidate A at (0, 0): 6 points of 10 households with 1 elderly resident each (60 households,
  // 6 elderly). Candidate B at (5 km, 0): 4 points of 3 households with 8 elderly each (12, 32).
  const near = (x: number, k: number): [number, number] => [x + 100 * (k % 3), 100 * Math.floor(k / 3)];
  const places = [...Array.from({ length: 6 }, (_, k) => near(0, k)), ...Array.from({ length: 4 }, (_, k) => near(5000, k))];
  const households: HouseholdLayer = {
    count: places.length,
    coords: pts(...places),
    households: Float32Array.from(places.map((_, i) => (i < 6 ? 10 : 3))),
    elderly: Float32Array.from(places.map((_, i) => (i < 6 ? 1 : 8))),
    community: new Int32Array(places.length).fill(-1),
  };
  const facilities = { count: 0, coords: new Float64Array(0), type: new Uint8Array(0), ids: [], names: [], area: new Float32Array(0) };
  const cmd = (demand: 'households' | 'elderly'): SitingCommand => ({
    op: 'site',
    type: 'elderly_canteen',
    mode: 'straight',
    speedKmh: 4.5,
    detour: 1.3,
    minutes: 15,
    demand,
    add: 1,
    candidates: { points: pts([0, 0], [5000, 0]) },
  });

  it('picks the household cluster for households and the elderly cluster for elderly', async () => {
    const byHouseholds = await runSiting({ households, facilities }, cmd('households'));
    const byElderly = await runSiting({ households, facilities }, cmd('elderly'));
    expect(byHouseholds.demand).toBe('households');
    expect(byElderly.demand).toBe('elderly');
    const [ax, ay] = at(0, 0),
      [bx, by] = at(5000, 0);
    expect(Array.from(byHouseholds.coords)).toEqual([ax, ay]);
    expect(Array.from(byHouseholds.gains)).toEqual([60]);
    expect(Array.from(byElderly.coords)).toEqual([bx, by]);
    expect(Array.from(byElderly.gains)).toEqual([32]);
  });
});
