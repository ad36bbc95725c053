import { describe, expect, it } from 'vitest';
import { sampleElevation, slopeFactor, toblerKmh } from '../../src/core/travel/slope.ts';

describe('elevation sampling and Tobler', () => {
  // 2×2 grid, cells 1° wide, centres at (100.5, 29.5) … (101.5, 28.5).
  const grid = { width: 2, height: 2, west: 100, north: 30, dx: 1, dy: 1, values: Float32Array.from([0, 10, 20, 30]) };

  it('interpolates bilinearly between cell centres and clamps at the edge', () => {
    expect(sampleElevation(grid, 100.5, 29.5)).toBe(0);
    expect(sampleElevation(grid, 101, 29)).toBe(15);
    expect(sampleElevation(grid, 101.25, 29.5)).toBe(7.5);
    expect(sampleElevation(grid, 100.1, 29.9)).toBe(0);
    expect(sampleElevation(grid, 99, 29)).toBeNaN();
  });

  it("gives Tobler's published speeds", () => {
    expect(toblerKmh(-0.05)).toBe(6);
    expect(toblerKmh(0)).toBeCloseTo(5.0367, 4); // PLAN.md: ≈ 1.26 km in 15 min on the flat
    expect(slopeFactor(0)).toBe(1);
    expect(slopeFactor(0.1)).toBeCloseTo(Math.exp(3.5 * 0.1), 12);
    expect(slopeFactor(-0.1)).toBeCloseTo(1, 12);
    // Beyond 45° the factor stops growing (elevation artefacts on short legs).
    expect(slopeFactor(10)).toBe(slopeFactor(1));
    expect(slopeFactor(-10)).toBe(slopeFactor(-1));
  });
});
