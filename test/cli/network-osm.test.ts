// `npm run analyze` on the hand-made OSM scenarios (test/fixtures/make-osm.ts): the motorway row,
// one community around it, two households 20 m west of the motorway's west end, a fitness site
// and a micro fire station 20 m east of its east end.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/analyze.ts';
import { at } from '../core/local.ts';

const OSM = fileURLToPath(new URL('../fixtures/osm/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'analyze-osm-'));
const fcol = (features: object[]) => JSON.stringify({ type: 'FeatureCollection', features });
const pointF = (p: number[], properties: object) => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: p } });
const files = {
  communities: join(dir, 'communities.geojson'),
  households: join(dir, 'households.geojson'),
  facilities: join(dir, 'facilities.geojson'),
  table: join(dir, 'classes.json'),
  roads: join(dir, 'roads.geojson'),
};
const base = ['--communities', files.communities, '--households', files.households, '--facilities', files.facilities, '--mode', 'network'];

beforeAll(() => {
  writeFileSync(
    files.communities,
    fcol([
      {
        type: 'Feature',
        properties: { code: 'A', name: '甲' },
        geometry: { type: 'Polygon', coordinates: [[at(-100, -100), at(1100, -100), at(1100, 700), at(-100, 700), at(-100, -100)]] },
      },
    ]),
  );
  writeFileSync(files.households, fcol([pointF(at(-20, 0), { households: 2 })]));
  writeFileSync(files.facilities, fcol([pointF(at(1020, 0), { type: 'fitness' }), pointF(at(1020, 0), { type: 'fire_station' })]));
  writeFileSync(files.table, JSON.stringify({ motorway: { walk: true, walkFactor: 1, vehicleKmh: 80 } }));
  const line = (pts: [number, number][], props: object) => ({
    type: 'Feature',
    properties: props,
    geometry: { type: 'LineString', coordinates: pts.map(([x, y]) => at(x, y)) },
  });
  writeFileSync(
    files.roads,
    fcol([
      line(
        [
          [0, 0],
          [1000, 0],
        ],
        { 等级: '高速公路' },
      ),
      line(
        [
          [0, 0],
          [0, 600],
          [1000, 600],
          [1000, 0],
        ],
        { 等级: '村道' },
      ),
    ]),
  );
});

async function run(args: string[]) {
  const log: string[] = [],
    out = mkdtempSync(join(dir, 'out-'));
  const code = await main([...base, ...args, '--out', out], (s) => log.push(s));
  return { code, log: log.join('\n'), summary: code === 0 ? JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) : null };
}

describe('analyze --network FILE.osm.pbf', () => {
  it('walks round the motorway, drives the fire engine on it, and reports the profiles and dropped edges', async () => {
    for (const name of ['scenarios.osm.pbf', 'scenarios.osm']) {
      const { code, log, summary } = await run(['--network', OSM + name]);
      expect(code, log).toBe(0);
      // Rows 0 and 1 lie within the community's extent + 5 km.
      expect(log).toContain("5 of 15 roads within the communities' extent + 5 km");
      expect(summary.types.fitness).toMatchObject({ profile: 'walk', dropped_edges: { by_class: 1, by_access: 0, ferry: 0 }, covered: 0 });
      expect(summary.types.fitness.mean_min).toBeCloseTo(2240 / 75, 1);
      // 1,040 m at the fire engine's 15 km/h top speed; the row-1 footways and paths are not driven.
      expect(summary.types.fire_station).toMatchObject({ profile: 'vehicle', dropped_edges: { by_class: 6, by_access: 0, ferry: 0 } });
      expect(summary.types.fire_station.mean_min).toBeCloseTo(1040 / 250, 1);
    }
  });

  it('takes --profile per type and a --road-profile table', async () => {
    const walkFire = await run(['--network', OSM + 'scenarios.osm.pbf', '--profile', 'fire_station=ebike']);
    expect(walkFire.summary.types.fire_station.profile).toBe('ebike');
    expect(walkFire.summary.types.fire_station.mean_min).toBeCloseTo(2240 / 250, 1);
    // A table where people walk on motorways: the fitness site is 1,040 m away; every class the
    // table lacks is counted and reported.
    const open = await run(['--network', OSM + 'scenarios.osm.pbf', '--road-profile', files.table]);
    expect(open.summary.types.fitness.mean_min).toBeCloseTo(1040 / 75, 1);
    expect(open.summary.types.fitness.covered).toBe(2);
    expect(open.summary.unknown_road_classes).toEqual({ residential: 3, footway: 4, path: 2 });
    expect(open.log).toContain('road class "residential" (3 edges) is not in the class table');
  });

  it('reads the class of a GeoJSON network from --road-class', async () => {
    const r = await run(['--network', files.roads, '--road-class', '等级']);
    expect(r.summary.types.fitness.mean_min).toBeCloseTo(2240 / 75, 1);
    const unclassed = await run(['--network', files.roads]);
    expect(unclassed.summary.types.fitness.mean_min).toBeCloseTo(1040 / 75, 1);
  });

  it('--facilities FILE.osm.pbf: facilities from the tag table, printed for confirmation', async () => {
    const out = mkdtempSync(join(dir, 'out-')),
      log: string[] = [];
    const args = [
      '--communities',
      files.communities,
      '--households',
      files.households,
      '--facilities',
      OSM + 'scenarios.osm.pbf',
      '--network',
      OSM + 'scenarios.osm.pbf',
      '--mode',
      'network',
      '--out',
      out,
    ];
    expect(await main(args, (x) => log.push(x)), log.join('\n')).toBe(0);
    // Within the extent + 5 km: the kindergarten of row 0 and the fire station of row 1.
    expect(log).toContain(`${OSM}scenarios.osm.pbf: 2 facilities from OpenStreetMap tags:`);
    expect(log).toContain('  amenity=kindergarten → childcare: 1');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.types.childcare).toMatchObject({ facilities: 1, profile: 'walk' });
    expect(summary.types.childcare.mean_min).toBeCloseTo(2240 / 75, 1);
    expect(summary.types.fire_station.facilities).toBe(1);
    const shops = join(dir, 'shops.osm');
    writeFileSync(
      shops,
      '<?xml version="1.0"?>\n<osm version="0.6"><node id="1" lat="23" lon="103"><tag k="shop" v="bakery"/></node></osm>\n',
    );
    const none = await main([...args.slice(0, 5), shops, ...args.slice(6)], (x) => log.push(x));
    expect(none).toBe(1);
    expect(log.at(-1)).toMatch(/shops\.osm: no facility tags \(amenity=fire_station, /);
  });

  it('--barriers: in straight-line mode a river between home and site makes it unreachable', async () => {
    const river = join(dir, 'river.geojson');
    writeFileSync(
      river,
      fcol([
        { type: 'Feature', properties: { name: '南溪河' }, geometry: { type: 'LineString', coordinates: [at(500, -1000), at(500, 1000)] } },
      ]),
    );
    const straight = [
      '--communities',
      files.communities,
      '--households',
      files.households,
      '--facilities',
      files.facilities,
      '--minutes',
      'fitness=30',
    ];
    const go = async (extra: string[]) => {
      const out = mkdtempSync(join(dir, 'out-')),
        log: string[] = [];
      expect(await main([...straight, ...extra, '--out', out], (s) => log.push(s)), log.join('\n')).toBe(0);
      return JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    };
    const open = await go([]);
    expect(open.types.fitness).toMatchObject({ mode: 'straight', covered: 2 });
    expect(open.types.fitness.mean_min).toBeCloseTo((1040 * 1.3) / 75, 1);
    const blocked = await go(['--barriers', river]);
    expect(blocked.inputs.barrier_lines).toBe(1);
    expect(blocked.types.fitness).toMatchObject({ covered: 0, unreachable: 2 });
  });

  it('fails naming the file: no roads, bad table, bad profile', async () => {
    const none = await run(['--network', OSM + 'no-roads.osm']);
    expect(none.code).toBe(1);
    expect(none.log).toMatch(/no-roads\.osm: .*no usable roads/);
    writeFileSync(join(dir, 'bad.json'), '{"motorway": {"walk": "yes"}}');
    const bad = await run(['--network', OSM + 'scenarios.osm', '--road-profile', join(dir, 'bad.json')]);
    expect(bad.code).toBe(1);
    expect(bad.log).toMatch(/bad\.json: road-class table: "motorway": walk must be true or false/);
    const prof = await run(['--network', OSM + 'scenarios.osm', '--profile', 'fitness=car']);
    expect(prof.code).toBe(2);
    expect(prof.log).toContain('--profile fitness: expected walk, ebike or vehicle, got "car"');
  });
});
