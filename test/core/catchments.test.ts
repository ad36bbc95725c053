import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import { Engine } from '../../src/core/analysis/run.ts';
import type { CoverageCommand } from '../../src/core/analysis/command.ts';
import { catchment } from '../../src/core/catchments/catchment.ts';
import { cellCentre, type CellGrid } from '../../src/core/catchments/grid.ts';
import type { LineLayer } from '../../src/core/types.ts';
import { fitnessLayers as layers, lines, pts } from './local.ts';

/** Households at every cell centre of the grid; checks polygon membership ⇔ reachable. */
async function checkExact(facilities: Float64Array, cmd: CoverageCommand, network?: LineLayer, cellM = 50) {
  const spec = cmd.types[0];
  const first = catchment(new Engine(layers(new Float64Array(0), facilities, network)), spec, cmd, cellM);
  const g = first.grid as CellGrid;
  const homes = new Float64Array(2 * g.width * g.height);
  for (let j = 0; j < g.height; j++) for (let i = 0; i < g.width; i++) cellCentre(g, i, j, homes, 2 * (j * g.width + i));
  const engine = new Engine(layers(homes, facilities, network));
  const minutes = (await engine.run(cmd)).types[0].household.minutes;
  const c = catchment(engine, spec, cmd, cellM);
  const poly = { type: 'MultiPolygon' as const, coordinates: c.coordinates };
  let reachable = 0;
  for (let k = 0; k < homes.length / 2; k++) {
    const inside = booleanPointInPolygon([homes[2 * k], homes[2 * k + 1]], poly);
    expect(inside).toBe(minutes[k] <= spec.minutes);
    if (inside) reachable++;
  }
  return { reachable, minutes, homes, poly };
}

const spec = (mode: 'straight' | 'network', minutes: number): CoverageCommand => ({
  op: 'coverage',
  detour: 1.3,
  types: [{ code: 'fitness', mode, speedKmh: 4.5, minutes, targetShare: 1, demand: 'households' }],
});

describe('catchment polygons', () => {
  it('contain exactly the reachable households (straight line, two overlapping circles)', async () => {
    const { reachable } = await checkExact(pts([0, 0], [900, 300]), spec('straight', 8));
    expect(reachable).toBeGreaterThan(100);
  });

  it('follow the network: no area across a river without a bridge', async () => {
    // North bank road y = 100, south bank y = −100, bridge at x = 1000; facility on the north bank.
    const river = lines([
      [
        [-1500, -100],
        [1000, -100],
        [2500, -100],
      ],
      [
        [-1500, 100],
        [1000, 100],
        [2500, 100],
      ],
      [
        [1000, -100],
        [1000, 100],
      ],
    ]);
    const { reachable, poly } = await checkExact(pts([0, 110]), spec('network', 10), river);
    expect(reachable).toBeGreaterThan(10);
    // 150 m south of the facility as the crow flies, but 2 km by the bridge: outside.
    const south = pts([0, -110]);
    expect(booleanPointInPolygon([south[0], south[1]], poly)).toBe(false);
  });

  it('reach as far as the fastest road class: a path walked at twice the flat speed', async () => {
    // 10 min at 4.5 km/h is 750 m on the flat; on a class walked at 2× that speed, 1,500 m.
    const road = {
      ...lines([
        [
          [-3000, 0],
          [3000, 0],
        ],
      ]),
      lineClass: Uint16Array.of(1),
      classNames: ['', 'promenade'],
    };
    const cmd = { ...spec('network', 10), roadClasses: { promenade: { walk: true, walkFactor: 2, vehicleKmh: 0 } } };
    const homes = pts([1200, 10], [-1200, 10], [1700, 10]);
    const engine = new Engine(layers(homes, pts([0, 10]), road));
    const minutes = (await engine.run(cmd)).types[0].household.minutes;
    // 10 m to the road, 1,200 m along it at 150 m/min, 10 m to the site: ≈ 8.3 min; 1,700 m: ≈ 11.6 min
    // (a cell's travel from the outline at most).
    expect(Array.from(minutes, (m) => m <= 10)).toEqual([true, true, false]);
    const poly = { type: 'MultiPolygon' as const, coordinates: catchment(engine, cmd.types[0], cmd).coordinates };
    for (let k = 0; k < 3; k++) expect(booleanPointInPolygon([homes[2 * k], homes[2 * k + 1]], poly)).toBe(minutes[k] <= 10);
  });
});
