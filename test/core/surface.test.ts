import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Engine } from '../../src/core/analysis/run.ts';
import type { CoverageCommand } from '../../src/core/analysis/command.ts';
import { catchment } from '../../src/core/catchments/catchment.ts';
import { cellCentre, type CellGrid } from '../../src/core/catchments/grid.ts';
import { defaultCapMinutes, timeSurface } from '../../src/core/catchments/surface.ts';
import { straightTimes } from '../../src/core/travel/straight.ts';
import type { LineLayer } from '../../src/core/types.ts';
import { fitnessLayers as layers, lines, pts } from './local.ts';

const command = (mode: 'straight' | 'network', minutes: number): CoverageCommand => ({
  op: 'coverage',
  detour: 1.3,
  types: [{ code: 'fitness', mode, speedKmh: 4.5, minutes, targetShare: 1, demand: 'households' }],
});

function centres(g: CellGrid): Float64Array {
  const out = new Float64Array(2 * g.width * g.height);
  for (let j = 0; j < g.height; j++) for (let i = 0; i < g.width; i++) cellCentre(g, i, j, out, 2 * (j * g.width + i));
  return out;
}

/** The surface against households placed at every one of its cell centres (the household
 *  figures' model), and its ≤ threshold cells against the catchment's reachable cells. */
async function checkSurface(facilities: Float64Array, cmd: CoverageCommand, cap: number, network?: LineLayer, cellM = 50) {
  const spec = cmd.types[0];
  const s = timeSurface(new Engine(layers(new Float64Array(0), facilities, network)), spec, cmd, cellM, cap);
  const g = s.grid as CellGrid;
  expect(s.minutes.length).toBe(g.width * g.height);
  const homes = centres(g);
  const engine = new Engine(layers(homes, facilities, network));
  const direct = (await engine.run(cmd)).types[0].household.minutes;
  let shown = 0;
  for (let k = 0; k < direct.length; k++) {
    if (direct[k] <= cap) {
      expect(s.minutes[k]).toBe(direct[k]);
      shown++;
    } else expect(s.minutes[k]).toBeNaN();
  }
  // The catchment lies on the same lattice (same cell size and centre latitude): compare by the
  // lattice's global cell numbers.
  const c = catchment(engine, spec, cmd, cellM);
  const cg = c.grid as CellGrid;
  expect([cg.dLon, cg.dLat]).toEqual([g.dLon, g.dLat]);
  const reached = new Set(c.inside);
  expect(reached.size).toBe(c.inside.length);
  for (let j = 0; j < g.height; j++)
    for (let i = 0; i < g.width; i++) {
      const ci = g.i0 + i - cg.i0,
        cj = g.j0 + j - cg.j0;
      const inside = ci >= 0 && cj >= 0 && ci < cg.width && cj < cg.height && reached.has(cj * cg.width + ci);
      expect(inside).toBe(s.minutes[j * g.width + i] <= spec.minutes);
    }
  return { s, homes, shown, inMask: reached.size };
}

describe('walking-time surface', () => {
  it('equals straightTimes at every cell centre, NaN beyond the cap', async () => {
    const f = pts([0, 0], [900, 300]);
    const cmd = command('straight', 8);
    const { s, homes, shown, inMask } = await checkSurface(f, cmd, 20);
    const direct = straightTimes(homes, f, Int32Array.from([0, 1]), 4.5, 1.3).minutes;
    for (let k = 0; k < direct.length; k++) {
      if (direct[k] <= 20) expect(s.minutes[k]).toBe(direct[k]);
      else expect(s.minutes[k]).toBeNaN();
    }
    expect(inMask).toBeGreaterThan(100);
    expect(shown).toBeGreaterThan(inMask);
    expect(direct.some((m) => m > 20)).toBe(true);
  });

  it('follows the network: the far bank is far, cells off the network are NaN', async () => {
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
    const cmd = { ...command('network', 10), maxSnapM: 150 };
    const { s, homes, shown, inMask } = await checkSurface(pts([0, 110]), cmd, 40, river);
    expect(inMask).toBeGreaterThan(10);
    expect(shown).toBeGreaterThan(inMask);
    // The cell 110 m south of the facility: 150 m as the crow flies, over 2 km by the bridge.
    const south = pts([0, -110]);
    let best = 0,
      bestD = Infinity;
    for (let k = 0; k < homes.length / 2; k++) {
      const d = Math.hypot(homes[2 * k] - south[0], homes[2 * k + 1] - south[1]);
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    expect(s.minutes[best]).toBeGreaterThan(2000 / 75);
    expect(s.minutes.some((m) => Number.isNaN(m))).toBe(true);
  });

  it('agrees with the households and the catchment for random facilities (straight)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: -1500, max: 1500 }), fc.integer({ min: -1500, max: 1500 })), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 2, max: 10 }),
        async (xy, minutes) => {
          await checkSurface(pts(...xy), command('straight', minutes), 2 * minutes, undefined, 80);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('has no grid without facilities, and caps at 4× the threshold up to 60 minutes', () => {
    const cmd = command('straight', 10);
    expect(timeSurface(new Engine(layers(new Float64Array(0), new Float64Array(0))), cmd.types[0], cmd).grid).toBeNull();
    expect([defaultCapMinutes(5), defaultCapMinutes(15), defaultCapMinutes(90)]).toEqual([20, 60, 90]);
  });
});
