import { describe, expect, it } from 'vitest';
import { areaCentroids, insidePolygons, mergeCandidates, settledGrid } from '../../../src/core/siting/candidates.ts';
import type { PolygonSet } from '../../../src/core/types.ts';

/** Feature 0: square [0,4]² with a hole [0,2]×[0,2] (clockwise on purpose); feature 1: square [10,12]×[0,2]. */
const PS: PolygonSet = {
  coords: Float64Array.of(0, 0, 4, 0, 4, 4, 0, 4, 0, 0, 0, 0, 0, 2, 2, 2, 2, 0, 0, 0, 10, 0, 12, 0, 12, 2, 10, 2, 10, 0),
  ringStart: Uint32Array.of(0, 5, 10, 15),
  polyRingStart: Uint32Array.of(0, 2, 3),
  featurePolyStart: Uint32Array.of(0, 1, 2),
};

describe('candidate sites', () => {
  it('area centroids subtract holes whatever their winding', () => {
    // L-shape: area 16 centred (2,2) minus area 4 centred (1,1): (2·16 − 1·4) / 12 = 7/3.
    expect([...areaCentroids(PS)]).toEqual([7 / 3, 7 / 3, 11, 1]);
  });

  it('point in polygons honours holes', () => {
    expect(insidePolygons(PS, 3, 3)).toBe(true);
    expect(insidePolygons(PS, 1, 1)).toBe(false);
    expect(insidePolygons(PS, 11, 1)).toBe(true);
    expect(insidePolygons(PS, 7, 1)).toBe(false);
  });

  it('settled grid: one candidate per occupied cell at the weighted mean; empty weights ignored', () => {
    // Three points 10 m apart share a 1 km cell; one point far away; one with zero weight.
    const coords = Float64Array.of(103, 23, 103.0001, 23, 103.0002, 23, 103.5, 23.5, 103.3, 23.3);
    const g = settledGrid(coords, Float32Array.of(1, 2, 1, 5, 0), 1000);
    expect(g.length).toBe(4);
    expect(g[0]).toBeCloseTo(103.0001, 12);
    expect(g[1]).toBeCloseTo(23, 12);
    expect([g[2], g[3]]).toEqual([103.5, 23.5]);
    expect(settledGrid(coords, Float32Array.of(1, 2, 1, 5, 0), 1000, 4).length).toBe(2);
  });

  it('merge drops NaN, duplicates and points inside not-buildable areas', () => {
    const m = mergeCandidates([Float64Array.of(3, 3, 1, 1, NaN, 0), Float64Array.of(1, 1, 20, 20)], PS);
    expect([...m.coords]).toEqual([1, 1, 20, 20]);
    expect([...m.origin]).toEqual([1, 4]); // (1,1) from the first set; (20,20) is the second set's second point
  });
});
