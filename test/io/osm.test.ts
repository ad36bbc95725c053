// The hand-made OSM network (test/fixtures/make-osm.ts), read from XML and from PBF, with the
// travel times of each scenario worked out by hand (4.5 km/h walking = 75 m/min, e-bike 15 km/h
// = 250 m/min, 20 m legs from home and facility to the road).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { osmNetworkFeatures, readOsm } from '../../src/io/osm.ts';
import { linesFromFeatures } from '../../src/io/features.ts';
import { ImportError } from '../../src/io/import-error.ts';
import { formatImportError } from '../../src/io/messages.ts';
import { attach, costNetwork, networkTimes, prepareNetwork } from '../../src/core/travel/network.ts';
import { DEFAULT_ROAD_CLASSES, type TravelProfile } from '../../src/core/travel/road-class.ts';
import type { LineLayer } from '../../src/core/types.ts';
import { at, pts } from '../core/local.ts';
import { ROW_M } from '../fixtures/make-osm.ts';

const DIR = fileURLToPath(new URL('../fixtures/osm/', import.meta.url));
const file = (name: string) => new Uint8Array(readFileSync(DIR + name));
const xml = readOsm('scenarios.osm', file('scenarios.osm'), { pois: true });
const pbf = readOsm('scenarios.osm.pbf', file('scenarios.osm.pbf'), { pois: true });

/** Minutes from `home` to `fac` (metres, on scenario row `row`) for a profile at `speedKmh`. */
function minutes(lines: LineLayer, row: number, home: [number, number], fac: [number, number], profile: TravelProfile, speedKmh: number) {
  const net = costNetwork(prepareNetwork(lines), lines, false, undefined, 500, { profile, speedKmh, roadClasses: DEFAULT_ROAD_CLASSES });
  const h = attach(net, pts([home[0], home[1] + row * ROW_M])),
    f = attach(net, pts([fac[0], fac[1] + row * ROW_M]));
  return { minutes: networkTimes(net, h, f, Int32Array.of(0), speedKmh).minutes[0], net };
}

describe.each([
  ['XML', xml],
  ['PBF', pbf],
])('OpenStreetMap %s scenarios', (_, osm) => {
  const L = osm.lines;
  it('reads every road way, its class and its flags', () => {
    expect(osm.ways).toBe(15);
    expect(L.lineStart.length - 1).toBe(15);
    expect(L.classNames).toEqual(['', 'motorway', 'residential', 'footway', 'path', 'primary', 'tertiary', 'service', 'farm_lane']);
  });

  it('motorway shortcut: the walker goes round by the residential street, the vehicle takes it', () => {
    // Walk: 20 + 600 + 1000 + 600 + 20 m.
    expect(minutes(L, 0, [-20, 0], [1020, 0], 'walk', 4.5).minutes).toBeCloseTo(2240 / 75, 1);
    expect(minutes(L, 0, [-20, 0], [1020, 0], 'ebike', 15).minutes).toBeCloseTo(2240 / 250, 1);
    // Vehicle with a 60 km/h top speed: 1,040 m at 1,000 m/min on the motorway (80 km/h capped).
    const v = minutes(L, 0, [-20, 0], [1020, 0], 'vehicle', 60);
    expect(v.minutes).toBeCloseTo(1.04, 2);
    // The 12 footway and path edges of the file are closed to vehicles; only the motorway to walkers.
    expect(v.net.dropped).toEqual({ byClass: 12, byAccess: 1, ferry: 1 });
    expect(minutes(L, 0, [-20, 0], [1020, 0], 'walk', 4.5).net.dropped).toEqual({ byClass: 1, byAccess: 2, ferry: 1 });
  });

  it('footbridge crossing a footway without a shared node: no short cut at the crossing', () => {
    // 20 + 1000 over the bridge + 1000 on the path at 0.9 + 20; joined at the crossing it would be 1,040 m.
    expect(minutes(L, 1, [500, -520], [1020, 0], 'walk', 4.5).minutes).toBeCloseTo((40 + 1000 + 1000 / 0.9) / 75, 1);
  });

  it('foot=no: walkers go round, vehicles drive through', () => {
    expect(minutes(L, 2, [-20, 0], [1020, 0], 'walk', 4.5).minutes).toBeCloseTo(1640 / 75, 1);
    expect(minutes(L, 2, [-20, 0], [1020, 0], 'vehicle', 15).minutes).toBeCloseTo(1040 / 250, 1);
  });

  it('ferry: not a way across for anyone', () => {
    expect(minutes(L, 3, [-100, 20], [1100, 20], 'walk', 4.5).minutes).toBe(Infinity);
    expect(minutes(L, 3, [-100, 20], [1100, 20], 'ebike', 15).minutes).toBe(Infinity);
  });

  it('tunnel under a footway: no junction where they cross', () => {
    // 20 + 500 + 500 on footways + 1000 through the tunnel + 20.
    expect(minutes(L, 4, [500, -520], [1020, 0], 'walk', 4.5).minutes).toBeCloseTo(2040 / 75, 1);
  });

  it('access=private is dropped; an unknown class is counted and walked at the default speed', () => {
    const r = minutes(L, 5, [-20, 0], [1020, 0], 'walk', 4.5);
    expect(r.minutes).toBeCloseTo(1440 / 75, 1);
    expect(r.net.unknownClasses).toEqual({ farm_lane: 3 });
  });

  it('turns tagged POIs into facilities by the tag table', () => {
    expect(osm.pois.map((p) => [p.type, p.tag, p.name])).toEqual([
      ['childcare', 'amenity=kindergarten', '红河幼儿园'],
      ['fire_station', 'amenity=fire_station', ''],
      ['fitness', 'leisure=pitch', ''],
    ]);
    expect(osm.pois[0].lon).toBeCloseTo(at(1020, 0)[0], 6);
  });
});

describe('the network as the app keeps it (GeoJSON with osm_nodes)', () => {
  it('gives back the same lines, classes, flags and node ids', () => {
    const back = linesFromFeatures({ type: 'FeatureCollection', features: JSON.parse(JSON.stringify(osmNetworkFeatures(xml.lines))) });
    for (const k of ['coords', 'lineStart', 'lineClass', 'lineFlags', 'nodeId'] as const)
      expect(Array.from(back[k]!), k).toEqual(Array.from(xml.lines[k]!));
    expect(back.classNames).toEqual(xml.lines.classNames);
  });

  it('keeps the footbridge apart from the footway it crosses (without the ids they would join)', () => {
    const features = osmNetworkFeatures(xml.lines);
    const kept = linesFromFeatures({ type: 'FeatureCollection', features });
    expect(minutes(kept, 1, [500, -520], [1020, 0], 'walk', 4.5).minutes).toBeCloseTo((40 + 1000 + 1000 / 0.9) / 75, 1);
    const joined = linesFromFeatures({
      type: 'FeatureCollection',
      features: features.map((f) => ({ ...f, properties: { ...f.properties, osm_nodes: undefined } })),
    });
    expect(minutes(joined, 1, [500, -520], [1020, 0], 'walk', 4.5).minutes).toBeCloseTo(1040 / 75, 1);
  });
});

describe('reading OSM files', () => {
  it('gives the same network from XML and PBF', () => {
    expect(Array.from(pbf.lines.lineStart)).toEqual(Array.from(xml.lines.lineStart));
    expect(Array.from(pbf.lines.nodeId!)).toEqual(Array.from(xml.lines.nodeId!));
    pbf.lines.coords.forEach((c, i) => expect(c).toBeCloseTo(xml.lines.coords[i], 7));
  });

  it('clips to the extent: only the roads of rows inside, with their border edge', () => {
    const [w, s] = at(-500, -800),
      [e, n] = at(1500, ROW_M + 800);
    const clipped = readOsm('scenarios.osm', file('scenarios.osm'), { extent: [w, s, e, n] });
    expect(clipped.ways).toBe(15);
    expect(clipped.waysInside).toBe(5);
    // A way leaving the extent keeps its first node outside: around the motorway row's west end
    // the motorway keeps its one edge, the residential street its first edge (0,0)–(0,600).
    const half = readOsm('scenarios.osm', file('scenarios.osm'), {
      extent: [at(-500, 0)[0], at(0, -100)[1], at(500, 0)[0], at(0, 100)[1]],
    });
    const ls = half.lines.lineStart;
    expect(Array.from(ls.slice(1)).map((end, k) => end - ls[k])).toEqual([2, 2]);
    expect(half.lines.coords[7]).toBeCloseTo(at(0, 600)[1], 7);
  });

  it('names the file when it holds no roads, or none inside the extent', () => {
    const noRoads = () => readOsm('no-roads.osm', file('no-roads.osm'));
    expect(noRoads).toThrow(ImportError);
    try {
      noRoads();
    } catch (e) {
      expect(formatImportError(e as ImportError, 'en')).toContain('no-roads.osm');
      expect(formatImportError(e as ImportError, 'en')).toContain('no usable roads');
      expect(formatImportError(e as ImportError, 'zh')).toContain('没有可用的道路');
    }
    const outside = () => readOsm('scenarios.osm.pbf', file('scenarios.osm.pbf'), { extent: [110, 30, 111, 31] });
    try {
      outside();
      expect.unreachable();
    } catch (e) {
      expect(formatImportError(e as ImportError, 'en')).toMatch(/scenarios\.osm\.pbf.*None of the 15 roads/);
    }
    expect(() => readOsm('broken.osm.pbf', Uint8Array.of(0, 0, 0, 9, 1, 2, 3))).toThrow(/broken\.osm\.pbf/);
  });

  // Found by the fuzz suite: a node without a position used to reach the network as NaN, and one
  // flipped byte in a block's zlib stream made the inflater loop for ever.
  it('refuses a node without a valid position, naming the file and the node', () => {
    const text = new TextDecoder().decode(file('scenarios.osm')).replace(/lat="[^"]*"/, 'lat="north"');
    expect(() => readOsm('bad-node.osm', new TextEncoder().encode(text))).toThrow(/bad-node\.osm.*node \d+: no valid position/);
  });

  it('refuses a damaged block instead of hanging', () => {
    const bytes = file('scenarios.osm.pbf');
    // The last block's zlib stream, a little after its start: a stored block of damaged lengths.
    const damaged = bytes.slice();
    for (let i = damaged.length - 40; i < damaged.length - 30; i++) damaged[i] ^= 0xff;
    expect(() => readOsm('damaged.osm.pbf', damaged)).toThrow(/damaged\.osm\.pbf/);
  });
});

describe('GeoJSON with 道路等级', () => {
  const line = (coords: [number, number][], props: Record<string, unknown>) => ({
    type: 'Feature' as const,
    properties: props,
    geometry: { type: 'LineString' as const, coordinates: coords.map(([x, y]) => at(x, y)) },
  });
  const fc: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      line(
        [
          [0, 0],
          [1000, 0],
        ],
        { 道路等级: '高速公路' },
      ),
      line(
        [
          [0, 0],
          [0, 400],
        ],
        { 道路等级: '村道' },
      ),
      line(
        [
          [0, 400],
          [1000, 400],
        ],
        { 道路等级: '台阶' },
      ),
      line(
        [
          [1000, 400],
          [1000, 0],
        ],
        { 道路等级: '田埂' },
      ),
    ],
  };
  it('walks round the expressway, on steps at half speed, an unknown class at full speed', () => {
    const lines = linesFromFeatures(fc);
    expect(lines.classNames).toEqual(['', '高速公路', '村道', '台阶', '田埂']);
    const r = minutes(lines, 0, [-20, 0], [1020, 0], 'walk', 4.5);
    expect(r.minutes).toBeCloseTo((40 + 400 + 1000 / 0.5 + 400) / 75, 1);
    expect(r.net.unknownClasses).toEqual({ 田埂: 1 });
    expect(r.net.dropped).toEqual({ byClass: 1, byAccess: 0, ferry: 0 });
  });
  it('reads the class from a named field, and lines without one walk at the default speed', () => {
    const renamed: FeatureCollection = {
      ...fc,
      features: fc.features.map((f) => ({ ...f, properties: { DLDJ: f.properties!['道路等级'] } })),
    };
    expect(linesFromFeatures(renamed).classNames).toBeUndefined();
    expect(linesFromFeatures(renamed, 'DLDJ').classNames).toEqual(['', '高速公路', '村道', '台阶', '田埂']);
    expect(minutes(linesFromFeatures(renamed), 0, [-20, 0], [1020, 0], 'walk', 4.5).minutes).toBeCloseTo(1040 / 75, 1);
  });
});
