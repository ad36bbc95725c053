// src/io/geojson.ts and src/io/features.ts (the engine's loaders; test/io belongs to the import work).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { booleanPointInPolygon } from '@turf/turf';
import type { FeatureCollection } from 'geojson';
import { parseGeoJson } from '../../src/io/geojson.ts';
import { areasFromFeatures, facilitiesFromFeatures, householdsFromFeatures, linesFromFeatures } from '../../src/io/features.ts';
import { assignToAreas } from '../../src/core/geo/assign.ts';
import { sortByMinutes } from '../../src/core/coverage/stats.ts';

const ring = (x0: number, y0: number, s: number) => [
  [x0, y0],
  [x0 + s, y0],
  [x0 + s, y0 + s],
  [x0, y0 + s],
  [x0, y0],
];
const areasFc: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    // A square with a square hole, and a two-part MultiPolygon filling the hole and more.
    {
      type: 'Feature',
      properties: { code: 'A', name: '甲', township_code: 'T1', urban: 1 },
      geometry: { type: 'Polygon', coordinates: [ring(0, 0, 10), ring(4, 4, 2)] },
    },
    {
      type: 'Feature',
      properties: { code: 'B', name: '乙', township_code: 'T1' },
      geometry: { type: 'MultiPolygon', coordinates: [[ring(4, 4, 2)], [ring(20, 0, 5)]] },
    },
  ],
};

describe('GeoJSON parsing', () => {
  it('accepts collections, features and bare geometries', () => {
    expect(parseGeoJson('{"type":"Point","coordinates":[1,2]}').features.length).toBe(1);
    expect(parseGeoJson('\ufeff{"type":"FeatureCollection","features":[]}').features).toEqual([]);
  });
  it('says what is wrong', () => {
    expect(() => parseGeoJson('{', 'x.geojson')).toThrow(/x.geojson: not valid JSON/);
    expect(() => parseGeoJson('{"type":"Topology"}')).toThrow(/expected a FeatureCollection, Feature or geometry, got type "Topology"/);
    expect(() => parseGeoJson('{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null},{"type":"Foo"}]}')).toThrow(
      /feature 1 is not a GeoJSON Feature/,
    );
  });
});

describe('features to layers', () => {
  const areas = areasFromFeatures(areasFc, {}, 'communities');

  it('reads areas with holes and multipolygons, parent codes and the urban flag', () => {
    expect(areas.codes).toEqual(['A', 'B']);
    expect(areas.parentCodes).toEqual(['T1', 'T1']);
    expect(Array.from(areas.urban)).toEqual([1, 0]);
    expect(Array.from(areas.polygons.featurePolyStart)).toEqual([0, 1, 3]);
  });

  it('places points by point-in-polygon exactly as Turf does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -2, max: 27, noNaN: true }), fc.double({ min: -2, max: 12, noNaN: true })), { maxLength: 50 }),
        (ps) => {
          const got = assignToAreas(Float64Array.from(ps.flat()), areas);
          ps.forEach((p, i) => {
            const want = areasFc.features.findIndex((f) => booleanPointInPolygon(p, f as never, { ignoreBoundary: true }));
            const onEdge = areasFc.features.some((f) => booleanPointInPolygon(p, f as never)) && want < 0;
            if (!onEdge) expect(got[i]).toBe(want);
          });
        },
      ),
    );
  });

  it('takes a claimed area only where geometry confirms it', () => {
    // Off the edges (all at whole degrees), where either neighbour is a true answer.
    const off = (min: number, max: number) => fc.double({ min, max, noNaN: true }).filter((x) => !Number.isInteger(x));
    const pt = fc.tuple(off(-2, 27), off(-2, 12));
    fc.assert(
      fc.property(fc.array(fc.tuple(pt, fc.integer({ min: -1, max: 3 })), { maxLength: 50 }), (ps) => {
        const coords = Float64Array.from(ps.flatMap(([p]) => p));
        // The areas do not overlap: whatever the claims, the answer is the one by search alone.
        expect(
          Array.from(
            assignToAreas(
              coords,
              areas,
              ps.map(([, c]) => c),
            ),
          ),
        ).toEqual(Array.from(assignToAreas(coords, areas)));
      }),
    );
  });

  it('reads households with weights and group counts, placed by location (a community code only confirms)', () => {
    const h = householdsFromFeatures(
      {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { households: 3, elderly: '2', community_code: 'B' },
            geometry: { type: 'Point', coordinates: [1, 1] },
          },
          { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [21, 1] } },
          { type: 'Feature', properties: { community_code: 'zz' }, geometry: { type: 'Point', coordinates: [50, 50] } },
        ],
      },
      areas,
    );
    expect(Array.from(h.households)).toEqual([3, 1, 1]);
    expect(Array.from(h.elderly!)).toEqual([2, 0, 0]);
    expect(h.infants).toBeUndefined();
    // The first point claims B but lies in A: geometry decides.
    expect(Array.from(h.community)).toEqual([0, 1, -1]);
  });

  it('names the feature index and field in errors', () => {
    const pt = (properties: object, geometry: object = { type: 'Point', coordinates: [0, 0] }) =>
      ({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } },
          { type: 'Feature', properties, geometry },
        ],
      }) as FeatureCollection;
    expect(() => householdsFromFeatures(pt({ households: 'many' }), areas)).toThrow(
      'households: feature 1: field "households" is not a number ("many")',
    );
    // The first bad feature is reported, whichever field: feature 0's elderly before feature 1's households.
    const two = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { households: 2, elderly: -1 }, geometry: { type: 'Point', coordinates: [0, 0] } },
        { type: 'Feature', properties: { households: 2e7 }, geometry: { type: 'Point', coordinates: [0, 0] } },
      ],
    } as FeatureCollection;
    expect(() => householdsFromFeatures(two, areas)).toThrow('households: feature 0: field "elderly" must be a count');
    expect(() =>
      householdsFromFeatures(
        pt(
          {},
          {
            type: 'LineString',
            coordinates: [
              [0, 0],
              [1, 1],
            ],
          },
        ),
        areas,
      ),
    ).toThrow('households: feature 1: expected a Point geometry, got LineString');
    expect(() => facilitiesFromFeatures(pt({ kind: 'fitness' }), { type: 'kind' })).toThrow(
      'facilities: feature 0: field "kind": "" is not a facility type',
    );
    expect(() => areasFromFeatures(pt({}), {}, 'communities')).toThrow(
      'communities: feature 0: expected a Polygon or MultiPolygon, got Point',
    );
    expect(() => linesFromFeatures(pt({}))).toThrow('network: feature 0: expected a LineString or MultiLineString, got Point');
  });

  it('reads lines with Z values', () => {
    const l = linesFromFeatures({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'MultiLineString',
            coordinates: [
              [
                [0, 0, 5],
                [1, 0, 6],
              ],
              [
                [2, 2, 7],
                [3, 3, 8],
                [4, 4, 9],
              ],
            ],
          },
        },
      ],
    });
    expect(Array.from(l.lineStart)).toEqual([0, 2, 5]);
    expect(Array.from(l.z!)).toEqual([5, 6, 7, 8, 9]);
  });
});

describe('sorting by minutes', () => {
  it('equals a comparator sort (ties by index, Infinity last)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.float({ min: 0, max: 1e6, noNaN: true }), fc.constant(Infinity), fc.constantFrom(0, 1, 2))),
        (xs) => {
          const m = Float32Array.from(xs);
          const want = Array.from(m.keys()).sort((a, b) => m[a] - m[b] || a - b);
          expect(Array.from(sortByMinutes(m))).toEqual(want);
        },
      ),
    );
  });
});
