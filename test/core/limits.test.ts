// The numeric boundary (core/limits.ts) and the loops it protects: a threshold or speed that
// would overflow to Infinity is refused by the core itself, and the catchment grid always ends.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Engine } from '../../src/core/analysis/run.ts';
import { gridAround } from '../../src/core/catchments/grid.ts';
import { checkRange, inRange, parseNumber, RangeInputError, RANGES } from '../../src/core/limits.ts';
import { runSiting } from '../../src/core/siting/command.ts';
import { fitnessLayers, pts } from './local.ts';

describe('number ranges', () => {
  it('accepts the ends of each range and refuses what lies outside, NaN, Infinity and text', () => {
    for (const [name, r] of Object.entries(RANGES) as [keyof typeof RANGES, { min: number; max: number }][]) {
      expect(inRange(name, r.min)).toBe(r.min);
      expect(inRange(name, r.max)).toBe(r.max);
      for (const bad of [r.min - 1, r.max + 1, NaN, Infinity, -Infinity, String(r.min), null, undefined])
        expect(inRange(name, bad)).toBeNull();
    }
    expect(inRange('add', 2.5)).toBeNull();
    expect(() => checkRange('minutes', 1e307, 'fitness: minutes')).toThrow(new RangeInputError('minutes', '1e+307', 'fitness: minutes'));
    expect(new RangeInputError('minutes', '1e+307').message).toBe('minutes must be a number from 0 to 240, got 1e+307');
    expect([parseNumber(''), parseNumber('  '), parseNumber('1e999'), parseNumber('x'), parseNumber('2.5')]).toEqual([
      null,
      null,
      null,
      null,
      2.5,
    ]);
  });
});

describe('the catchment grid always ends', () => {
  const p = pts([0, 0], [5000, 2000]);

  it('refuses a non-finite radius or cell instead of looping', () => {
    expect(() => gridAround(p, Infinity)).toThrow(/must be finite/);
    expect(() => gridAround(p, NaN)).toThrow(/must be finite/);
    expect(() => gridAround(p, 1000, 0)).toThrow(/must be finite/);
  });

  it('fits any finite radius into maxCells (at least 4: a box across the equator needs 2 × 2)', () => {
    expect(() => gridAround(p, 1e7, 100, 3)).toThrow(/maxCells 3 ≥ 4/);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 2e7, noNaN: true }), fc.integer({ min: 4, max: 1e6 }), (radius, maxCells) => {
        const g = gridAround(p, radius, 100, maxCells)!;
        expect(g.width * g.height).toBeLessThanOrEqual(maxCells);
        expect(g.width).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('the core refuses 1e307 minutes and 1e308 km/h (the shared link and CLI hang)', async () => {
    const engine = new Engine(fitnessLayers(pts([0, 0]), pts([100, 0])));
    const spec = {
      code: 'fitness',
      mode: 'straight' as const,
      speedKmh: 4.5,
      minutes: 1e307,
      targetShare: 1,
      demand: 'households' as const,
    };
    await expect(engine.run({ op: 'coverage', types: [spec], detour: 1.3 })).rejects.toThrow(
      'fitness: minutes must be a number from 0 to 240, got 1e+307',
    );
    await expect(engine.run({ op: 'coverage', types: [{ ...spec, minutes: 15, speedKmh: 1e308 }], detour: 1.3 })).rejects.toThrow(
      RangeInputError,
    );
    const { households, facilities } = fitnessLayers(pts([0, 0]), pts([100, 0]));
    await expect(
      runSiting(
        { households, facilities },
        {
          op: 'site',
          type: 'fitness',
          mode: 'straight',
          speedKmh: 4.5,
          detour: 1.3,
          minutes: 15,
          demand: 'households',
          add: 1,
          candidates: { gridM: 1 },
        },
      ),
    ).rejects.toThrow('candidate grid metres must be a number from 100 to 20000, got 1');
  });
});
