import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import fc from 'fast-check';
import { Engine } from '../../src/core/analysis/run.ts';
import type { CoverageCommand } from '../../src/core/analysis/command.ts';
import { catchment } from '../../src/core/catchments/catchment.ts';
import { cellCentre, type CellGrid } from '../../src/core/catchments/grid.ts';
import { traceCells } from '../../src/core/catchments/trace.ts';
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
  op: 'coverage', detour: 1.3, types: [{ code: 'fitness', mode, speedKmh: 4.5, minutes, targetShare: 1, demand: 'households' }],
});

describe('catchment polygons', () => {
  it('contain exactly the reachable households (straight line, two overlapping circles)', async () => {
    const { reachable } = await checkExact(pts([0, 0], [900, 300]), spec('straight', 8));
    expect(reachable).toBeGreaterThan(100);
  });

  it('follow the network: no area across a river without a bridge', async () => {
    // North bank road y = 100, south bank y = −100, bridge at x = 1000; facility on the north bank.
    const river = lines([[[-1500, -100], [1000, -100], [2500, -100]], [[-1500, 100], [1000, 100], [2500, 100]], [[1000, -100], [1000, 100]]]);
    const { reachable, poly } = await checkExact(pts([0, 110]), spec('network', 10), river);
    expect(reachable).toBeGreaterThan(10);
    // 150 m south of the facility as the crow flies, but 2 km by the bridge: outside.
    const south = pts([0, -110]);
    expect(booleanPointInPolygon([south[0], south[1]], poly)).toBe(false);
  });
});

describe('cell tracing', () => {
  const g: CellGrid = { width: 5, height: 5, i0: 0, j0: 0, dLon: 1, dLat: 1 };
  const mask = (rows: string[]) => Uint8Array.from(rows.slice().reverse().join('').split('').map(Number));

  it('makes a ring with a hole (outer counter-clockwise, hole clockwise)', () => {
    const polys = traceCells(g, mask(['00000', '01110', '01010', '01110', '00000']));
    expect(polys.length).toBe(1);
    expect(polys[0].length).toBe(2);
    const area = (r: number[][]) => r.slice(1).reduce((a, p, k) => a + (r[k][0] * p[1] - p[0] * r[k][1]), 0) / 2;
    expect(area(polys[0][0])).toBe(9);
    expect(area(polys[0][1])).toBe(-1);
  });

  it('covers exactly the masked cells on random masks (holes, islands in holes, pinches)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 1, max: 14 }), fc.array(fc.boolean(), { minLength: 196, maxLength: 196 }), (w, h, bits) => {
      const grid: CellGrid = { width: w, height: h, i0: 1030, j0: 230, dLon: 0.001, dLat: 0.001 };
      const m = Uint8Array.from(bits.slice(0, w * h), (b) => (b ? 1 : 0));
      const polys = traceCells(grid, m);
      const mp = { type: 'MultiPolygon' as const, coordinates: polys };
      const centre = new Float64Array(2);
      for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) {
        cellCentre(grid, i, j, centre);
        expect(booleanPointInPolygon([centre[0], centre[1]], mp)).toBe(m[j * w + i] === 1);
      }
      // Polygons never overlap: total ring area equals the cell count.
      const area = (r: number[][]) => r.slice(1).reduce((a, p, k) => a + (r[k][0] * p[1] - p[0] * r[k][1]), 0) / 2;
      const cells = polys.reduce((a, p) => a + p.reduce((b, r) => b + area(r), 0), 0) / (grid.dLon * grid.dLat);
      expect(cells).toBeCloseTo(m.reduce((a, b) => a + b, 0), 3);
    }), { numRuns: 200 });
  });

  it('keeps cells touching at a corner as separate polygons', () => {
    const polys = traceCells(g, mask(['00000', '00010', '00100', '00000', '00000']));
    expect(polys.length).toBe(2);
    expect(polys.map((p) => p[0].length)).toEqual([5, 5]);
  });
});
