// Candidate points from a planner's file (src/io/candidates.ts): positions, the existing-building
// flag and the fields every point carries a cost in.
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { candidateFile, candidatesOf } from '../../src/io/candidates';

const fc = (props: Record<string, unknown>[]): FeatureCollection => ({
  type: 'FeatureCollection',
  features: props.map((p, i) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [103 + i, 23] }, properties: p })),
});

describe('candidate files', () => {
  it('offers only fields with a cost on every point, and reads the existing-building flag', () => {
    const f = candidateFile(
      'c.geojson',
      fc([
        { cost: 80, name: '村委会', est: '12', existing_building: '是' },
        { cost: '5', name: '空地', est: '', existing_building: 0 },
      ]),
    );
    expect(f.points).toEqual(Float64Array.of(103, 23, 104, 23));
    expect(f.renovate).toEqual(Uint8Array.of(1, 0));
    expect(f.costFields).toEqual(['cost']);
    expect(f.costs.cost).toEqual(Float64Array.of(80, 5));
  });

  it('refuses a non-point feature and a bad cost, naming the feature', () => {
    const line: FeatureCollection = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [] }, properties: {} }],
    };
    expect(() => candidateFile('c', line)).toThrow(/candidates: feature 0: expected a Point geometry, got LineString/);
    expect(() => candidatesOf(fc([{ cost: 1 }, { cost: -3 }]), 'cost')).toThrow(/feature 1: field "cost": expected a cost from 0/);
    expect(candidatesOf(fc([{ cost: 1 }]), 'cost').pointCost).toEqual(Float64Array.of(1));
  });
});
