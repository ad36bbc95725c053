// The project model: type matching, field guesses, mapping onto the app's layers (hand-made
// demo + the fixture files), and the project file round trip with corrupt input refused whole.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Feature, FeatureCollection } from 'geojson';
import { loadFile } from '../../src/io/load';
import { gk3 } from '../../src/io/crs';
import { areasFromFeatures, facilitiesFromFeatures } from '../../src/io/features';
import { Engine } from '../../src/core/analysis/run';
import { defaultCommand } from '../../src/core/analysis/command';
import { typeIndex } from '../../src/core/catalogue';
import { matchFacilityType } from '../../src/core/type-words';
import {
  canonicalFeatures,
  emptyProject,
  fieldsOf,
  guessMapping,
  MappingError,
  mappingKey,
  withLayer,
  withoutLayer,
  type ImportedLayer,
} from '../../src/analysis/project';
import { importErrorText } from '../../src/ui/import/messages';
import { applyProject } from '../../src/analysis/projectApply';
import { osmNetworkFeatures, readOsm } from '../../src/io/osm';
import { ProjectFileError, projectFromJson, projectToJson } from '../../src/analysis/projectFile';
import { defaultSettings } from '../../src/analysis/settings';
import type { DemoData } from '../../src/analysis/loadDemo';

const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/in/${name}`));

const square = (x: number, y: number, d: number): Feature => ({
  type: 'Feature',
  properties: {},
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + d, y],
        [x + d, y + d],
        [x, y + d],
        [x, y],
      ],
    ],
  },
});

/** Two 0.1° demo communities west of Mengzi, three households, one canteen. */
function tinyDemo(): DemoData {
  const areas: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      { ...square(103.0, 23.0, 0.1), properties: { code: 'A', name: '甲村' } },
      { ...square(103.1, 23.0, 0.1), properties: { code: 'B', name: '乙村' } },
    ],
  };
  const facilities: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { type: 'elderly_canteen', id: 'f1', name: '甲食堂' },
        geometry: { type: 'Point', coordinates: [103.05, 23.05] },
      },
    ],
  };
  const communities = areasFromFeatures(areas, {}, 'communities');
  return {
    geo: {
      counties: areas,
      townships: areas,
      communities: areas,
      facilities,
      householdsDisplay: () => Promise.resolve(new ArrayBuffer(0)),
    },
    layers: {
      communities,
      townships: communities,
      counties: communities,
      facilities: facilitiesFromFeatures(facilities),
      households: {
        count: 3,
        coords: Float64Array.of(103.05, 23.05, 103.15, 23.05, 103.3795, 23.3693),
        households: Float32Array.of(1, 2, 3),
        community: Int32Array.of(0, 1, -1),
      },
      network: { coords: Float64Array.of(103, 23, 103.2, 23), lineStart: Uint32Array.of(0, 2) },
    },
  };
}

describe('matchFacilityType', () => {
  it('maps the names planners use onto catalogue codes', () => {
    const cases: [string, string | null][] = [
      ['老年食堂', 'elderly_canteen'],
      ['长者食堂', 'elderly_canteen'],
      ['幸福食堂', 'elderly_canteen'],
      ['老年幸福食堂', 'elderly_canteen'],
      ['日间照料', 'elderly_daycare'],
      ['社区日间照料中心', 'elderly_daycare'],
      ['托育', 'childcare'],
      ['儿童之家', 'childcare'],
      ['健身', 'fitness'],
      ['全民健身场地设施', 'fitness'],
      ['消防', 'fire_station'],
      ['微型消防站', 'fire_station'],
      ['卫生室', 'health_station'],
      ['社区卫生服务站', 'health_station'],
      ['党群服务中心', 'service_center'],
      ['综合服务', 'service_center'],
      ['Elderly canteen', 'elderly_canteen'],
      ['fitness', 'fitness'],
      ['菜市场', null],
      ['', null],
    ];
    expect(cases.map(([v]) => [v, matchFacilityType(v)])).toEqual(cases);
  });
});

describe('guessMapping and canonicalFeatures on the fixtures', () => {
  it('reads the GK village shapefile as communities with code, name and households', async () => {
    const r = await loadFile('villages_gk102_cpg.zip', fixture('villages_gk102_cpg.zip'));
    const fields = fieldsOf(r.features);
    expect(guessMapping('communities', fields, r.features)).toEqual({
      role: 'communities',
      code: 'CODE',
      name: 'NAME',
      households: '户数',
    });
    const layer: ImportedLayer = {
      role: 'communities',
      file: 'v.zip',
      crs: r.crs,
      mapping: guessMapping('communities', fields, r.features),
      features: r.features,
    };
    const out = canonicalFeatures(layer);
    expect(out.features[0].properties).toEqual({
      code: '532503001001',
      name: '蒙自市观澜社区',
      urban: 1,
      township_code: '532503001',
      county_code: '532503',
      households: 2310,
    });
  });

  it('maps the XLSX canteen list onto elderly canteens through the type value map', async () => {
    const r = await loadFile('canteens.xlsx', fixture('canteens.xlsx'));
    const m = guessMapping('facilities', fieldsOf(r.features), r.features);
    expect(m.type).toBe('类型');
    expect(m.name).toBe('名称');
    expect(Object.values(m.typeValues!)).toEqual(Object.values(m.typeValues!).map(() => 'elderly_canteen'));
    const out = canonicalFeatures({ role: 'facilities', file: 'c.xlsx', crs: r.crs, mapping: m, features: r.features });
    expect(out.features.map((f) => f.properties!.type)).toEqual(r.features.map(() => 'elderly_canteen'));
    expect(out.features[0].properties!.name).toBe('观澜社区老年幸福食堂');
  });
});

describe('canonicalFeatures errors name the feature and field', () => {
  const base = (features: Feature[], role: ImportedLayer['role'] = 'communities'): ImportedLayer => ({
    role,
    file: 'f',
    crs: { kind: 'wgs84' },
    mapping: { role, code: 'c', households: 'h' },
    features,
  });
  const at = (layer: ImportedLayer) => {
    try {
      canonicalFeatures(layer);
    } catch (e) {
      return e instanceof MappingError ? [e.key, e.params] : e;
    }
    return 'no error';
  };
  it('duplicate codes, bad counts, missing codes, wrong geometry', () => {
    const a = { ...square(103, 23, 0.01), properties: { c: 'X', h: 3 } };
    expect(at(base([a, { ...a }]))).toEqual(['duplicate_code', { feature: 2, field: 'c', value: 'X' }]);
    expect(at(base([{ ...a, properties: { c: 'X', h: 'many' } }]))).toEqual(['not_number', { feature: 1, field: 'h', value: 'many' }]);
    expect(at(base([{ ...a, properties: { c: 'X', h: -1 } }]))).toEqual(['not_number', { feature: 1, field: 'h', value: '-1' }]);
    expect(at(base([{ ...a, properties: { h: 1 } }]))).toEqual(['no_code', { feature: 1, field: 'c' }]);
    expect(at(base([a], 'households'))).toEqual(['wrong_geometry', { feature: 1, value: 'Polygon' }]);
    const pt: Feature = { type: 'Feature', properties: { t: '菜市场' }, geometry: { type: 'Point', coordinates: [103, 23] } };
    expect(at({ ...base([pt], 'facilities'), mapping: { role: 'facilities', type: 't', typeValues: { 菜市场: '' } } })).toEqual([
      'no_type',
      {},
    ]);
  });
  it('reads counts written with thousands separators', () => {
    const a = { ...square(103, 23, 0.01), properties: { c: 'X', h: '1,234' } };
    expect(canonicalFeatures(base([a])).features[0].properties!.households).toBe(1234);
  });
});

describe('applyProject', () => {
  it('gives the demo’s layers as copies that share no buffer with the demo (the worker takes them)', () => {
    const demo = tinyDemo();
    const out = applyProject(demo, emptyProject());
    expect({ ...out.layers, facilities: null }).toEqual({ ...demo.layers, facilities: null });
    expect(out.layers.facilities.coords).toEqual(demo.layers.facilities.coords);
    const buffers = (o: unknown, into: ArrayBufferLike[] = []): ArrayBufferLike[] => {
      if (ArrayBuffer.isView(o)) into.push(o.buffer);
      else if (o && typeof o === 'object') Object.values(o).forEach((v) => buffers(v, into));
      return into;
    };
    const demoBuffers = new Set(buffers(demo.layers));
    expect(buffers(out.layers).length).toBeGreaterThan(5);
    expect(buffers(out.layers).filter((b) => demoBuffers.has(b))).toEqual([]);
  });

  it('takes a population grid as households: population ÷ the household size the dialog holds', async () => {
    const demo = tinyDemo();
    const r = await loadFile('pop.tif', new Uint8Array(readFileSync('test/fixtures/planner/pop.tif')));
    expect(r.format).toBe('geotiff');
    expect(r.raster!.cells).toBe(r.features.length);
    const mapping = { ...guessMapping('households', fieldsOf(r.features), r.features), householdSize: 2 };
    expect(mapping.population).toBe('population');
    const out = applyProject(
      demo,
      withLayer(emptyProject(), { role: 'households', file: 'pop.tif', crs: r.crs, mapping, features: r.features }),
    );
    const h = out.layers.households;
    expect(h.count).toBe(r.raster!.cells);
    const sum = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);
    expect(sum(h.households)).toBeCloseTo(r.raster!.population / 2, 2);
    expect(sum(h.population!)).toBeCloseTo(r.raster!.population, 2);
    expect(sum(h.elderly!)).toBeCloseTo(r.raster!.population * 0.165, 2); // none in the tiny demo's areas: village share
  });

  it('takes building footprints as households: guessed with the default household size and floor area', () => {
    const demo = tinyDemo();
    const b = (x: number, props: Record<string, unknown>): Feature => ({ ...square(x, 23.05, 0.0002), properties: props });
    const features = [b(103.05, { 层数: 3 }), b(103.15, { 层数: 1 })];
    const mapping = guessMapping('households', fieldsOf(features), features);
    expect(mapping).toMatchObject({ floors: '层数', householdSize: 3.09, areaPerHousehold: 90 });
    const out = applyProject(
      demo,
      withLayer(emptyProject(), { role: 'households', file: 'b.geojson', crs: { kind: 'wgs84' }, mapping, features }),
    );
    const h = out.layers.households;
    expect([...h.community]).toEqual([0, 1]);
    expect(h.households[0] / h.households[1]).toBeCloseTo(3, 5); // same footprint, 3 floors vs 1
    expect(h.coords[0]).toBeCloseTo(103.0501, 6);
  });

  it("types facilities by the project's catalogue: a preset's lack is counted, another preset's mapping stays readable", () => {
    const demo = tinyDemo();
    // Under GB 50180-2018 the demo's canteen has no type: left out, counted, not drawn.
    const gb = applyProject(demo, { ...emptyProject(), catalogue: { preset: 'gb50180', types: [] } });
    expect(gb.layers.facilities.count).toBe(0);
    expect([...gb.skippedFacilities]).toEqual([['elderly_canteen', 1]]);
    expect(gb.geo.facilities.features).toHaveLength(0);
    const point = (type: string, lon: number): Feature => ({
      type: 'Feature',
      properties: { 类型: type },
      geometry: { type: 'Point', coordinates: [lon, 23.05] },
    });
    const layer: ImportedLayer = {
      role: 'facilities',
      file: 'f.geojson',
      crs: { kind: 'wgs84' },
      mapping: { role: 'facilities', type: '类型', typeValues: { 幼儿园: 'kindergarten', 食堂: 'elderly_canteen' } },
      features: [point('幼儿园', 103.05), point('食堂', 103.15)],
    };
    // Mapped under the plan (with an own kindergarten), then GB 50180 picked: the file still reads.
    const p = { ...withLayer(emptyProject(), layer), catalogue: { preset: 'gb50180', types: [] } };
    const out = applyProject(demo, projectFromJson(projectToJson(p)));
    const f = out.layers.facilities;
    expect(f.count).toBe(1);
    expect(f.catalogue![f.type[0]].code).toBe('kindergarten');
    expect([...out.skippedFacilities]).toEqual([['elderly_canteen', 1]]);
    // A code no catalogue has is still refused.
    const bad = JSON.parse(projectToJson(p));
    bad.layers.facilities.mapping.typeValues['幼儿园'] = 'nursery_school';
    expect(() => projectFromJson(JSON.stringify(bad))).toThrow('layers.facilities.mapping.typeValues.幼儿园');
  });

  it('replaces communities, re-places households in them, and leaves the demo untouched', async () => {
    const demo = tinyDemo();
    const before = structuredClone(demo.layers);
    const r = await loadFile('villages_gk102_cpg.zip', fixture('villages_gk102_cpg.zip'));
    const layer: ImportedLayer = {
      role: 'communities',
      file: 'v.zip',
      crs: r.crs,
      mapping: guessMapping('communities', fieldsOf(r.features), r.features),
      features: r.features,
    };
    const out = applyProject(demo, withLayer(emptyProject(), layer));
    expect(out.layers.communities.count).toBe(r.features.length);
    expect(out.layers.communities.codes[0]).toBe('532503001001');
    // Only the third household (103.3795, 23.3693) lies in a village: 蒙自市观澜社区's hexagon.
    expect([...out.layers.households.community]).toEqual([-1, -1, 0]);
    expect(demo.layers).toEqual(before);
    expect(out.layers.households.coords.buffer).not.toBe(demo.layers.households.coords.buffer);
  });

  it('replaces facilities from the XLSX list and the analysis runs on the result', async () => {
    const demo = tinyDemo();
    const r = await loadFile('canteens.xlsx', fixture('canteens.xlsx'));
    const m = guessMapping('facilities', fieldsOf(r.features), r.features);
    const out = applyProject(
      demo,
      withLayer(emptyProject(), { role: 'facilities', file: 'c.xlsx', crs: r.crs, mapping: m, features: r.features }),
    );
    expect(out.layers.facilities.count).toBe(r.features.length);
    expect([...out.layers.facilities.type]).toEqual(r.features.map(() => typeIndex('elderly_canteen')));
    expect(out.geo.facilities.features[0].properties!.name).toBe('观澜社区老年幸福食堂');
    const cmd = defaultCommand(['elderly_canteen']);
    cmd.types[0].mode = 'straight';
    const res = await new Engine(out.layers).run(cmd);
    // The third household sits ≈ 480 m from the first canteen (103.3841, 23.3702); the others ≥ 30 km.
    expect(Array.from(res.types[0].household.minutes, (x) => x < 15)).toEqual([false, false, true]);
  });

  it('replaces households, weighting points by the mapped fields and placing them in the areas', () => {
    const pt = (x: number, y: number, props: Record<string, unknown>): Feature => ({
      type: 'Feature',
      properties: props,
      geometry: { type: 'Point', coordinates: [x, y] },
    });
    const layer: ImportedLayer = {
      role: 'households',
      file: 'h.csv',
      crs: { kind: 'wgs84' },
      mapping: { role: 'households', households: '户数', elderly: '老人' },
      features: [pt(103.05, 23.05, { 户数: 4, 老人: '2' }), pt(103.15, 23.02, { 户数: '1,000', 老人: null }), pt(104, 24, { 户数: 7 })],
    };
    const out = applyProject(tinyDemo(), withLayer(emptyProject(), layer));
    expect(out.layers.households.count).toBe(3);
    expect([...out.layers.households.households]).toEqual([4, 1000, 7]);
    expect([...out.layers.households.elderly!]).toEqual([2, 0, 0]);
    expect([...out.layers.households.community]).toEqual([0, 1, -1]);
  });

  it('remembers the mapping under the file name and its field names', () => {
    const f: Feature = { type: 'Feature', properties: { b: 1, a: 2 }, geometry: { type: 'Point', coordinates: [103, 23] } };
    const p = withLayer(emptyProject(), {
      role: 'households',
      file: 'x.csv',
      crs: { kind: 'wgs84' },
      mapping: { role: 'households', households: 'a' },
      features: [f],
    });
    expect(mappingKey('x.csv', ['b', 'a'])).toBe('x.csv|a,b');
    expect(p.mappings).toEqual({ 'x.csv|a,b': { role: 'households', households: 'a' } });
  });
});

describe('a road network in the project (OpenStreetMap import)', () => {
  const osm = readOsm('scenarios.osm', new Uint8Array(readFileSync('test/fixtures/osm/scenarios.osm')));
  const layer = (): ImportedLayer => ({
    role: 'network',
    file: 'scenarios.osm',
    crs: { kind: 'wgs84' },
    mapping: { role: 'network' },
    features: osmNetworkFeatures(osm.lines),
  });

  it('survives the project file and replaces the demo network with the same lines and node ids', () => {
    const p = projectFromJson(projectToJson(withLayer(emptyProject(), layer())));
    expect(p.layers.network?.features.length).toBe(osm.lines.lineStart.length - 1);
    const out = applyProject(tinyDemo(), p);
    for (const k of ['coords', 'lineStart', 'lineClass', 'lineFlags', 'nodeId'] as const)
      expect(Array.from(out.layers.network![k]!), k).toEqual(Array.from(osm.lines[k]!));
  });

  it('refuses a network layer of points, naming the feature', () => {
    const bad = { ...layer(), features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [103, 23] } }] };
    const json = JSON.parse(projectToJson(withLayer(emptyProject(), layer())));
    json.layers.network.features = bad.features;
    expect(() => projectFromJson(JSON.stringify(json))).toThrow(ProjectFileError);
  });
});

describe('barrier lines in the project', () => {
  const river: Feature = {
    type: 'Feature',
    properties: { name: '南溪河' },
    geometry: {
      type: 'LineString',
      coordinates: [
        [103.1, 23.0],
        [103.1, 23.05],
        [103.12, 23.1],
      ],
    },
  };
  const layer = (features: Feature[]): ImportedLayer => ({
    role: 'barriers',
    file: 'rivers.geojson',
    crs: { kind: 'wgs84' },
    mapping: { role: 'barriers' },
    features,
  });

  it('survive the project file, reach the core layers and the map, and are removed without touching the rest', () => {
    const p = projectFromJson(projectToJson(withLayer(emptyProject(), layer([river]))));
    const out = applyProject(tinyDemo(), p);
    expect(Array.from(out.layers.barriers!.coords)).toEqual([103.1, 23.0, 103.1, 23.05, 103.12, 23.1]);
    expect(Array.from(out.layers.barriers!.lineStart)).toEqual([0, 3]);
    expect(out.geo.barriers?.features).toEqual([river]);
    const gone = withoutLayer(p, 'barriers');
    expect(gone.layers).toEqual({});
    const back = applyProject(tinyDemo(), gone);
    expect(back.layers.barriers).toBeUndefined();
    expect(back.geo.barriers).toBeUndefined();
  });

  it('a file without lines is refused naming the file, in both languages', () => {
    const point: Feature = { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [103, 23] } };
    let err: unknown;
    try {
      canonicalFeatures(layer([point]));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MappingError);
    expect(importErrorText(err, 'zh')).toBe('“rivers.geojson”中没有线要素，不能作为道路网或障碍线');
    expect(importErrorText(err, 'en')).toBe('"rivers.geojson" holds no lines: it cannot be a road network or barriers');
    // Lines mixed with another geometry: the stray feature is named.
    expect(() => canonicalFeatures(layer([river, point]))).toThrow(new MappingError('wrong_geometry', { feature: 2, value: 'Point' }));
  });
});

describe('project file', () => {
  const sample = () => {
    const f: Feature = {
      type: 'Feature',
      properties: { 名称: '食堂', 类型: '老年食堂' },
      geometry: { type: 'Point', coordinates: [103.38, 23.37] },
    };
    return {
      ...withLayer(emptyProject(), {
        role: 'facilities',
        file: '食堂.xlsx',
        crs: gk3(102, true),
        mapping: { role: 'facilities', name: '名称', type: '类型', typeValues: { 老年食堂: 'elderly_canteen' } },
        features: [f],
      }),
      settings: defaultSettings(),
    };
  };

  it('round-trips', () => {
    const p = sample();
    expect(projectFromJson(projectToJson(p))).toEqual(p);
  });

  it('round-trips what-if edits, and a new layer drops them (they name facilities of the old one)', () => {
    const edits = {
      type: 'elderly_canteen',
      edits: [
        { op: 'add' as const, lon: 103.4, lat: 23.4 },
        { op: 'move' as const, id: 3, lon: 103.41, lat: 23.39 },
        { op: 'delete' as const, id: 0 },
      ],
    };
    const p = { ...sample(), edits };
    expect(projectFromJson(projectToJson(p))).toEqual(p);
    const layer = p.layers.facilities!;
    expect(withLayer(p, layer).edits).toBeUndefined();
    const bad = (e: unknown) => {
      try {
        projectFromJson(projectToJson({ ...sample(), edits: e as typeof edits }));
      } catch (x) {
        return x instanceof ProjectFileError ? x.detail : x;
      }
      return 'accepted';
    };
    expect(bad({ type: 'canteen', edits: [] })).toBe('edits');
    expect(bad({ type: 'fitness', edits: [{ op: 'move', id: 1.5, lon: 1, lat: 2 }] })).toBe('edits.edits[0]');
    expect(bad({ type: 'fitness', edits: [{ op: 'add', lon: 'x', lat: 2 }] })).toBe('edits.edits[0]');
  });

  it('refuses a wrong type code, a bad CRS and a foreign JSON with ProjectFileError', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed file broken on purpose, field by field
    const bad = (mutate: (o: any) => void) => {
      const o = JSON.parse(projectToJson(sample()));
      mutate(o);
      try {
        projectFromJson(JSON.stringify(o));
      } catch (e) {
        return e instanceof ProjectFileError ? e.detail : e;
      }
      return 'accepted';
    };
    expect(
      bad((o) => {
        o.layers.facilities.mapping.typeValues['老年食堂'] = 'canteen';
      }),
    ).toBe('layers.facilities.mapping.typeValues.老年食堂');
    expect(
      bad((o) => {
        o.layers.facilities.crs = { kind: 'mars' };
      }),
    ).toBe('layers.facilities.crs');
    expect(
      bad((o) => {
        o.layers.facilities.mapping.role = 'communities';
      }),
    ).toBe('layers.facilities.mapping.role');
    expect(
      bad((o) => {
        o.format = 'geojson';
      }),
    ).toBe('format');
    expect(
      bad((o) => {
        o.layers.facilities.features[0].geometry = null;
      }),
    ).toBe('layers.facilities.features[0]');
  });

  it('truncated or corrupted text is refused with ProjectFileError, never anything else', () => {
    const text = projectToJson(sample());
    fc.assert(
      fc.property(fc.nat(text.length - 1), fc.string({ maxLength: 3 }), (cut, junk) => {
        const s = text.slice(0, cut) + junk + text.slice(cut + junk.length + (cut % 3));
        try {
          projectFromJson(s);
        } catch (e) {
          return e instanceof ProjectFileError;
        }
        return true; // some edits still leave a valid project (e.g. inside a name)
      }),
      { numRuns: 300 },
    );
  });
});
