import { describe, expect, it } from 'vitest';
import { areaShown } from '../../src/core/geo/areaShown';
import type { PolygonSet } from '../../src/core/types';

/** Unit squares side by side: feature k spans x ∈ [k, k+1], y ∈ [0, 1]. */
function squares(n: number): PolygonSet {
  const xy: number[] = [];
  for (let k = 0; k < n; k++) xy.push(k, 0, k + 1, 0, k + 1, 1, k, 1, k, 0);
  return {
    coords: Float64Array.from(xy),
    ringStart: Uint32Array.from({ length: n + 1 }, (_, i) => 5 * i),
    polyRingStart: Uint32Array.from({ length: n + 1 }, (_, i) => i),
    featurePolyStart: Uint32Array.from({ length: n + 1 }, (_, i) => i),
  };
}

describe('areaShown', () => {
  const set = squares(3);
  it('names the area a zoomed view lies in', () => {
    expect(areaShown(set, 3, [1.2, 0.2, 1.8, 0.8])).toBe(1);
  });
  it('names an area that dominates a view reaching into its neighbours', () => {
    // Fitted to square 2 with a margin: 10 % of the width falls on square 1, the rest on 2 or outside.
    expect(areaShown(set, 3, [1.9, -0.1, 3.1, 1.1])).toBe(2);
  });
  it('names none (the whole region) when the view spans several areas evenly', () => {
    expect(areaShown(set, 3, [0, 0, 3, 1])).toBe(-1);
    expect(areaShown(set, 3, [0.5, 0, 1.5, 1])).toBe(-1);
  });
  it('names none when the view shows no area at all', () => {
    expect(areaShown(set, 3, [10, 10, 11, 11])).toBe(-1);
  });
});
