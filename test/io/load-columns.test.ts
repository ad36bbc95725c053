// The column readers (io/load-columns.ts with geojson-columns.ts and fgb-columns.ts) against the
// general reader (loadFile + features.ts): on every file the fast path takes, the core layers are
// equal to the last bit and the warnings the same; on every file with something to report it
// declines (null), so loadFile's messages stay the only ones.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { AreaLayer } from '../../src/core/types.ts';
import {
  ACCESS_TAGS,
  areaLayer,
  areasFromFeatures,
  facilitiesFromFeatures,
  facilityLayer,
  HOUSEHOLD_DEFAULTS,
  householdLayer,
  householdsFromFeatures,
  lineLayer,
  linesFromFeatures,
  ROAD_CLASS_FIELDS,
} from '../../src/io/features.ts';
import { columnAttributes, columnLines, columnPoints, columnPolygons } from '../../src/io/feature-columns.ts';
import { loadFile } from '../../src/io/load.ts';
import { loadColumns } from '../../src/io/load-columns.ts';
import { fgbColumns, fgbSourceColumns, type FgbSource } from '../../src/io/fgb-columns.ts';
import type { GeometryKind } from '../../src/io/validate.ts';
import { encodeFgb, type Props } from '../../data/generator/write.ts';

const DEMO = join(import.meta.dirname, '../../public/demo');
const demo = (layer: string) => new Uint8Array(readFileSync(join(DEMO, `${layer}.fgb`)));
const enc = (o: unknown, space?: number) => new TextEncoder().encode(JSON.stringify(o, null, space));

const AREA_FIELDS = ['code', 'name', 'county_code', 'urban', 'township_code', 'parent_code'];
const HH_FIELDS = Object.values(HOUSEHOLD_DEFAULTS);
const FAC_FIELDS = ['type', 'id', 'name', 'area_m2'];
const LINE_FIELDS = [...ROAD_CLASS_FIELDS, ...ACCESS_TAGS];

type Kind = 'areas' | 'households' | 'facilities' | 'lines';
const GEOMETRY: Record<Kind, GeometryKind[]> = { areas: ['Polygon'], households: ['Point'], facilities: ['Point'], lines: ['LineString'] };
const FIELDS: Record<Kind, string[]> = { areas: AREA_FIELDS, households: HH_FIELDS, facilities: FAC_FIELDS, lines: LINE_FIELDS };

/** Both paths on one file: [general, columns] core layers and warnings (columns null when declined). */
async function both(name: string, bytes: Uint8Array, kind: Kind, communities?: AreaLayer) {
  const idField = kind === 'areas' ? 'code' : undefined;
  const r = await loadFile(name, bytes, { geometry: GEOMETRY[kind], ...(idField ? { idField } : {}) });
  const f: FeatureCollection = { type: 'FeatureCollection', features: r.features };
  const general =
    kind === 'areas'
      ? areasFromFeatures(f, {}, 'communities')
      : kind === 'households'
        ? householdsFromFeatures(f, communities!)
        : kind === 'facilities'
          ? facilitiesFromFeatures(f, {}, undefined, new Map())
          : linesFromFeatures(f);
  const c = loadColumns(name, bytes, { geometry: GEOMETRY[kind], fields: FIELDS[kind], ...(idField ? { idField } : {}) });
  if (!c) return { general, warnings: r.report.warnings, columns: null, columnWarnings: null };
  const a = columnAttributes(c.columns);
  const columns =
    kind === 'areas'
      ? areaLayer(columnPolygons(c.columns)!, a, {}, 'communities')
      : kind === 'households'
        ? householdLayer(columnPoints(c.columns)!, a, communities!)
        : kind === 'facilities'
          ? facilityLayer(columnPoints(c.columns)!, a, {}, undefined, new Map())
          : lineLayer(columnLines(c.columns)!, a);
  return { general, warnings: r.report.warnings, columns, columnWarnings: c.warnings };
}

async function same(name: string, bytes: Uint8Array, kind: Kind, communities?: AreaLayer) {
  const r = await both(name, bytes, kind, communities);
  expect(r.columns, `${name}: the column path declined`).not.toBeNull();
  expect(r.columns).toEqual(r.general);
  expect(r.columnWarnings).toEqual(r.warnings);
  return r.general;
}

const geo = (features: unknown[], extra: Record<string, unknown> = {}) => ({ type: 'FeatureCollection', ...extra, features });

describe('column readers equal the general reader', () => {
  it('on the demo FlatGeobuf layers and the same as GeoJSON', async () => {
    const communities = (await same('communities.fgb', demo('communities'), 'areas')) as AreaLayer;
    await same('households.fgb', demo('households'), 'households', communities);
    await same('facilities.fgb', demo('facilities'), 'facilities');
    await same('roads.fgb', demo('roads'), 'lines');
    for (const [layer, kind] of [
      ['communities', 'areas'],
      ['facilities', 'facilities'],
      ['roads', 'lines'],
    ] as const) {
      const r = await loadFile(`${layer}.fgb`, demo(layer));
      await same(`${layer}.geojson`, enc(geo(r.features)), kind, communities);
      // Pretty-printed, members in another order (coordinates before type, properties last).
      const shuffled = r.features.slice(0, 300).map((f) => ({
        geometry: { coordinates: (f.geometry as { coordinates: unknown }).coordinates, type: f.geometry.type },
        id: 7,
        properties: f.properties,
        type: 'Feature',
      }));
      await same(`${layer}-pretty.geojson`, enc(geo(shuffled), 2), kind, communities);
    }
  });

  it('on FlatGeobuf written from GeoJSON (multi-geometries, 3D, no columns)', async () => {
    const lines = geo([
      {
        type: 'Feature',
        properties: { highway: 'footway', foot: 'no' },
        geometry: {
          type: 'MultiLineString',
          coordinates: [
            [
              [103.1, 23.1, 5],
              [103.2, 23.2, 6],
            ],
            [
              [103.3, 23.3, 1],
              [103.31, 23.31, 2],
              [103.32, 23.3, 3],
            ],
          ],
        },
      },
      {
        type: 'Feature',
        properties: { highway: 'steps' },
        geometry: {
          type: 'MultiLineString',
          coordinates: [
            [
              [103.4, 23.1, 0],
              [103.5, 23.2, 0],
            ],
          ],
        },
      },
    ]);
    await same('lines.fgb', serialize(lines as FeatureCollection), 'lines');
    await same('lines.geojson', enc(lines), 'lines');
    const polys = geo([
      {
        type: 'Feature',
        properties: { code: 'a', name: '甲', urban: 1 },
        geometry: {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [103, 23],
                [103.1, 23],
                [103.1, 23.1],
                [103, 23],
              ],
              [
                [103.01, 23.01],
                [103.02, 23.01],
                [103.02, 23.02],
                [103.01, 23.01],
              ],
            ],
            [
              [
                [104, 23],
                [104.1, 23],
                [104.1, 23.1],
                [104, 23],
              ],
            ],
          ],
        },
      },
      {
        type: 'Feature',
        properties: { code: 'b', name: '乙', urban: 0 },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [105, 23],
              [105.1, 23],
              [105.1, 23.1],
              [105, 23],
            ],
          ],
        },
      },
    ]);
    await same('areas.fgb', serialize(polys as FeatureCollection), 'areas');
    await same('areas.geojson', enc(polys), 'areas');
  });

  it('on GeoJSON with escapes, exponents, a declared CRS and far-away points', async () => {
    const text = `\ufeff{"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[
      {"type":"Feature","properties":{"type":"elderly_\\u0063anteen","name":"食堂\\n\\"一\\"","area_m2":1.5e2,"id":-0},"geometry":{"type":"Point","coordinates":[1.0312E2,2331e-2,12]}},
      {"type":"Feature","properties":{"type":"fitness","name":null,"area_m2":"80","extra":{"a":[1,2,{"b":null}]}},"geometry":{"type":"MultiPoint","coordinates":[[120.123456789012345678,30.5]]}}
    ],"type":"FeatureCollection","name":"x"}`;
    const r = await same('facilities.geojson', new TextEncoder().encode(text), 'facilities');
    expect(r).toMatchObject({ count: 2 });
  });

  it('on random point files (property test)', async () => {
    const num = fc.oneof(fc.double({ min: 98, max: 110, noNaN: true }), fc.integer({ min: 98, max: 110 }));
    const lat = fc.double({ min: 21.5, max: 29, noNaN: true });
    const value = fc.oneof(
      fc.constant(null),
      fc.integer({ min: 0, max: 50 }),
      fc.double({ min: 0, max: 1e6, noNaN: true }),
      fc.string(),
      fc.constantFrom('3', ' 4 ', 'x'),
    );
    const feature = fc.record({
      x: num,
      y: lat,
      props: fc.dictionary(fc.constantFrom('households', 'population', 'elderly', 'other', 'community_code', '名'), value, { maxKeys: 4 }),
    });
    const communities = areasFromFeatures({ type: 'FeatureCollection', features: [] });
    await fc.assert(
      fc.asyncProperty(fc.array(feature, { minLength: 1, maxLength: 30 }), fc.boolean(), async (fs, pretty) => {
        const features = fs.map((f) => ({ type: 'Feature', properties: f.props, geometry: { type: 'Point', coordinates: [f.x, f.y] } }));
        const bytes = enc(geo(features), pretty ? 1 : undefined);
        const loaded = await loadFile('h.geojson', bytes, { geometry: ['Point'] });
        const c = loadColumns('h.geojson', bytes, { geometry: ['Point'], fields: HH_FIELDS });
        expect(c).not.toBeNull();
        const general = () => householdsFromFeatures({ type: 'FeatureCollection', features: loaded.features }, communities);
        const columns = () => householdLayer(columnPoints(c!.columns)!, columnAttributes(c!.columns), communities);
        try {
          expect(columns()).toEqual(general());
        } catch (e) {
          // A bad count: both fail with the same message.
          const message = (e as Error).message;
          expect(general).toThrow(message);
          expect(columns).toThrow(message);
        }
        expect(c!.warnings).toEqual(loaded.report.warnings);
      }),
      { numRuns: 150 },
    );
  });

  it('on random FlatGeobuf fields of every scalar type, some absent (property test)', async () => {
    // Columns of each type the column reader takes and the library writes (not (U)Byte or ULong; numbers into typed arrays, text as codes,
    // booleans and dates as values); null leaves a feature without the field.
    const types = {
      bool: 2,
      short: 3,
      ushort: 4,
      int: 5,
      uint: 6,
      long: 7,
      float: 9,
      double: 10,
      text: 11,
      date: 13,
    };
    const value: Record<keyof typeof types, fc.Arbitrary<unknown>> = {
      bool: fc.boolean(),
      short: fc.integer({ min: -32768, max: 32767 }),
      ushort: fc.integer({ min: 0, max: 65535 }),
      int: fc.integer(),
      uint: fc.nat(),
      long: fc.integer(),
      float: fc.float({ noNaN: true }),
      double: fc.double(),
      // Repeats (the reader reuses a value equal to the previous feature's) and long texts.
      text: fc.oneof(fc.constantFrom('53250001', '53250002', '甲'), fc.string({ maxLength: 60 })),
      date: fc.constantFrom('2024-01-02', '2025-12-31T00:00:00Z'),
    };
    const names = Object.keys(types) as (keyof typeof types)[];
    const row = fc.record(
      Object.fromEntries(names.map((k) => [k, fc.option(value[k], { freq: 4 })])) as Record<string, fc.Arbitrary<unknown>>,
    );
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 20 }), async (rows) => {
        const bytes = encodeFgb(
          'Point',
          names.map((name) => [name, types[name]]),
          rows.length,
          (i) => ({ geometry: { type: 'Point', coordinates: [103 + i / 100, 25] }, properties: rows[i] as Props }),
        );
        const loaded = await loadFile('f.fgb', bytes, { geometry: ['Point'] });
        const c = loadColumns('f.fgb', bytes, { geometry: ['Point'], fields: names });
        expect(c).not.toBeNull();
        const a = columnAttributes(c!.columns);
        for (const name of names) {
          const got = Array.from({ length: rows.length }, (_, i) => a.column(name)(i));
          expect(got, name).toEqual(loaded.features.map((f) => f.properties?.[name]));
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('FlatGeobuf read a window at a time', () => {
  const source = (bytes: Uint8Array): FgbSource => ({
    size: bytes.length,
    read: (into, at, offset, length) => into.set(bytes.subarray(offset, offset + length), at),
  });
  const fields = [...HH_FIELDS, ...AREA_FIELDS, ...FAC_FIELDS, ...LINE_FIELDS];

  it('gives the columns of the file held whole, for every window size', () => {
    const files = [
      demo('communities'),
      demo('facilities'),
      demo('roads'),
      // Features larger than the smallest windows.
      serialize(
        geo(
          Array.from({ length: 40 }, (_, i) => ({
            type: 'Feature',
            properties: { code: `c${i}`, name: 'x'.repeat(i * 7) },
            geometry: { type: 'LineString', coordinates: Array.from({ length: 2 + i }, (_, k) => [103 + k / 100, 23 + i / 100]) },
          })),
        ) as FeatureCollection,
        4326,
      ),
    ];
    for (const bytes of files) {
      const whole = fgbColumns(bytes, fields);
      expect(whole).not.toBeNull();
      for (const window of [8, 61, 1000, 1 << 16]) expect(fgbSourceColumns(source(bytes), fields, window)).toEqual(whole);
    }
  });

  it('declines a truncated file or one with a feature count that does not match', () => {
    const bytes = demo('facilities');
    expect(fgbSourceColumns(source(bytes.subarray(0, bytes.length - 3)), fields, 4096)).toBeNull();
    expect(fgbSourceColumns(source(bytes.subarray(0, 9)), fields, 4096)).toBeNull();
    expect(fgbColumns(bytes.subarray(0, bytes.length - 3), fields)).toBeNull();
  });
});

describe('column readers decline what the general reader reports', () => {
  const pt = (x: number, y: number, props: Record<string, unknown> = {}) => ({
    type: 'Feature',
    properties: props,
    geometry: { type: 'Point', coordinates: [x, y] },
  });
  const cases: [string, string | Uint8Array][] = [
    ['null geometry', JSON.stringify(geo([pt(103, 23), { type: 'Feature', properties: {}, geometry: null }]))],
    ['NaN-like coordinate', JSON.stringify(geo([pt(103, 23)])).replace('103', '1e400')],
    ['outside China', JSON.stringify(geo([pt(103, 23), pt(10, 50)]))],
    ['duplicate id', JSON.stringify(geo([pt(103, 23, { id: 1 }), pt(103.1, 23, { id: 1 })]))],
    [
      'wrong geometry',
      JSON.stringify(
        geo([
          pt(103, 23),
          {
            type: 'Feature',
            properties: {},
            geometry: {
              type: 'LineString',
              coordinates: [
                [103, 23],
                [104, 23],
              ],
            },
          },
        ]),
      ),
    ],
    [
      'geometry collection',
      JSON.stringify(geo([{ type: 'Feature', properties: {}, geometry: { type: 'GeometryCollection', geometries: [] } }])),
    ],
    ['short position', JSON.stringify(geo([pt(103, 23)])).replace('[103,23]', '[103]')],
    ['string coordinate', JSON.stringify(geo([pt(103, 23)])).replace('[103,23]', '["103",23]')],
    ['trailing comma', JSON.stringify(geo([pt(103, 23)])).replace(']}}]', ']}},]')],
    ['broken skipped value', JSON.stringify(geo([pt(103, 23, { other: [1, 2] })])).replace('[1,2]', '[1,,2]')],
    ['control character', JSON.stringify(geo([pt(103, 23, { other: 'a' })])).replace('"a"', '"a\tb"')],
    ['trailing garbage', JSON.stringify(geo([pt(103, 23)])) + 'x'],
    ['leading zero', JSON.stringify(geo([pt(103, 23)])).replace('[103,23]', '[0103,23]')],
    ['a single Feature', JSON.stringify(pt(103, 23))],
    ['empty', JSON.stringify(geo([]))],
    ['swapped lon/lat', JSON.stringify(geo([pt(23, 103), pt(23.1, 103.1)]))],
    ['not FlatGeobuf', new Uint8Array([0x66, 0x67, 0x62, 3, 0x66, 0x67, 0x62, 0, 1, 2])],
  ];
  for (const [what, text] of cases)
    it(what, () => {
      const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
      const name = typeof text === 'string' ? 'f.geojson' : 'f.fgb';
      expect(loadColumns(name, bytes, { geometry: ['Point'], fields: FAC_FIELDS })).toBeNull();
    });
});
