import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { main } from '../../src/cli/analyze.ts';
import { haversineM } from '../../src/core/geo/distance.ts';
import { at } from '../core/local.ts';

const dir = mkdtempSync(join(tmpdir(), 'analyze-'));
const out = join(dir, 'out');
const square = (x0: number, code: string, name: string, county: string) => ({
  type: 'Feature',
  properties: { code, name, county_code: county },
  geometry: { type: 'Polygon', coordinates: [[at(x0, 0), at(x0 + 1000, 0), at(x0 + 1000, 1000), at(x0, 1000), at(x0, 0)]] },
});
// Households (x, y metres; households; elderly): three in community A (county K1), two in B (K2).
const H: [number, number, number, number][] = [
  [100, 100, 2, 1],
  [400, 150, 3, 0],
  [850, 900, 1, 2],
  [1500, 500, 4, 1],
  [1900, 900, 5, 3],
];
const FIT = at(100, 500),
  CANTEEN = at(1500, 100);
const fcol = (features: object[]) => JSON.stringify({ type: 'FeatureCollection', features });
const pointF = (p: number[], properties: object) => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: p } });
const files = {
  communities: join(dir, 'communities.geojson'),
  households: join(dir, 'households.geojson'),
  facilities: join(dir, 'facilities.geojson'),
};
// 6 km/h and detour 1: one minute per 100 m great-circle.
const base = [
  '--communities',
  files.communities,
  '--households',
  files.households,
  '--facilities',
  files.facilities,
  '--speed-kmh',
  '6',
  '--detour',
  '1',
  '--minutes',
  'fitness=5',
  '--minutes',
  'elderly_canteen=10',
];
const minutes = (h: number, f: number[]) => Math.fround(haversineM(...at(H[h][0], H[h][1]), f[0], f[1]) / 100);

beforeAll(() => {
  writeFileSync(files.communities, fcol([square(0, 'A', '甲社区', 'K1'), square(1000, 'B', '乙村委会', 'K2')]));
  // No community field: households are placed by point-in-polygon.
  writeFileSync(files.households, fcol(H.map(([x, y, households, elderly]) => pointF(at(x, y), { households, elderly }))));
  writeFileSync(
    files.facilities,
    fcol([pointF(FIT, { id: 'f1', type: 'fitness' }), pointF(CANTEEN, { id: 'c1', type: 'elderly_canteen' })]),
  );
});

async function runOk(args: string[]) {
  const log: string[] = [];
  const code = await main(args, (s) => log.push(s));
  expect(code, log.join('\n')).toBe(0);
  return { summary: JSON.parse(readFileSync(join(args[args.indexOf('--out') + 1], 'summary.json'), 'utf8')), log };
}

describe('npm run analyze', () => {
  it('writes the brute-force coverage to summary.json', async () => {
    const { summary, log } = await runOk([...base, '--out', out]);
    expect(summary.mode).toBe('straight');
    // fitness: households 0 and 1 within 5 min; demand falls back to households (no population field).
    expect(summary.types.fitness).toMatchObject({
      minutes: 5,
      households: 15,
      covered: 5,
      share: 5 / 15,
      unreachable: 0,
      demand: 'households',
      demand_requested: 'population',
      demand_total: 15,
      demand_covered: 5,
    });
    expect(log.join('\n')).toMatch(/fitness: households carry no "population" counts/);
    // elderly canteen: households 3 and 4 within 10 min; counted in elderly residents.
    expect(summary.types.elderly_canteen).toMatchObject({
      minutes: 10,
      households: 15,
      covered: 9,
      share: 9 / 15,
      demand: 'elderly',
      demand_total: 7,
      demand_covered: 4,
    });
    const k2 = summary.counties.K2.types.elderly_canteen;
    const x3 = minutes(3, CANTEEN),
      x4 = minutes(4, CANTEEN);
    expect(k2).toMatchObject({ demand_total: 4, demand_covered: 4, share: 1, beyond_share: 0, median_min: x4, p90_min: x4 });
    // Weights 1 and 3: G = 2·1·3·|x4 − x3| / (2·W²·μ), W = 4, μ = (x3 + 3·x4)/4.
    expect(k2.gini).toBeCloseTo((6 * (x4 - x3)) / (2 * 16 * ((x3 + 3 * x4) / 4)), 12);
    expect(summary.counties.K1.types.elderly_canteen).toMatchObject({ demand_total: 3, demand_covered: 0, share: 0, beyond_share: 1 });
  });

  it('writes communities.csv and catchments.geojson', async () => {
    await runOk([...base, '--out', out]);
    const csv = readFileSync(join(out, 'communities.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe(
      'code,name,households,elderly_canteen_share,elderly_canteen_p90_min,elderly_canteen_gap,fitness_share,fitness_p90_min,fitness_gap',
    );
    const p90A = Math.round(minutes(2, FIT) * 1000) / 1000;
    expect(csv[1]).toBe(`A,甲社区,6,0,${Math.round(minutes(0, CANTEEN) * 1000) / 1000},1,${Math.round((5 / 6) * 1e6) / 1e6},${p90A},1`);
    expect(csv[2].startsWith('B,乙村委会,9,1,')).toBe(true);
    const gj = JSON.parse(readFileSync(join(out, 'catchments.geojson'), 'utf8'));
    expect(gj.features.map((f: { properties: { type: string } }) => f.properties.type)).toEqual(['elderly_canteen', 'fitness']);
    expect(gj.features[0].geometry.type).toBe('MultiPolygon');
    expect(gj.features[0].geometry.coordinates.length).toBe(1);
  });

  it("writes indicators.json: the plan's targets per county and prefecture, facilities counted where they lie", async () => {
    // The same facilities without, with right and with wrong community codes (and a counties file naming the counties).
    const counties = join(dir, 'counties.geojson');
    writeFileSync(
      counties,
      fcol([
        { ...square(0, 'K1', '甲县', ''), properties: { code: 'K1', name: '甲县' } },
        { ...square(1000, 'K2', '乙县', ''), properties: { code: 'K2', name: '乙县' } },
      ]),
    );
    const indicators = async (name: string, codes?: string[]) => {
      const file = join(dir, `${name}.geojson`);
      writeFileSync(
        file,
        fcol([
          pointF(FIT, { id: 'f1', type: 'fitness', ...(codes ? { community_code: codes[0] } : {}) }),
          pointF(CANTEEN, { id: 'c1', type: 'elderly_canteen', ...(codes ? { community_code: codes[1] } : {}) }),
        ]),
      );
      const args = [...base.slice(0, 4), '--facilities', file, ...base.slice(6), '--counties', counties, '--out', join(dir, name)];
      await runOk(args);
      return JSON.parse(readFileSync(join(dir, name, 'indicators.json'), 'utf8'));
    };
    const plain = await indicators('ind-none');
    expect(plain.targets[0]).toEqual({ id: 'service_rural', zh: '农村社区综合服务设施覆盖率', target: 0.8, unit: 'share', scope: 'rural' });
    expect(plain.targets.map((t: { id: string }) => t.id).slice(-2)).toEqual(['walk_elderly_canteen', 'walk_fitness']);
    // Fitness: A has the site; B's households are beyond 5 minutes. No urban community: urban targets have no value.
    expect(plain.counties.K1).toMatchObject({ name: '甲县', fitness_circle: 1, canteen_urban: null, walk_fitness: 5 / 6 });
    expect(plain.counties.K2).toMatchObject({ name: '乙县', fitness_circle: 0, walk_elderly_canteen: 1 });
    expect(plain.prefecture).toMatchObject({ fitness_circle: 0.5, fire_station: 0, walk_elderly_canteen: 4 / 7 });
    expect(await indicators('ind-right', ['A', 'B'])).toEqual(plain);
    expect(await indicators('ind-wrong', ['B', 'A'])).toEqual(plain);
  });

  it('writes gaps.csv: the services each community lacks, for the chosen types', async () => {
    const { summary } = await runOk([...base, '--gap-types', 'elderly_canteen,fitness', '--out', join(dir, 'gaps')]);
    // A: no canteen within 10 min, fitness 5/6 < 100 %; B: canteen for all, fitness for none.
    expect(readFileSync(join(dir, 'gaps', 'gaps.csv'), 'utf8')).toBe(
      'code,name,county,township,missing_count,missing,elderly_canteen_gap,fitness_gap\n' +
        'A,甲社区,K1,,2,elderly_canteen;fitness,1,1\n' +
        'B,乙村委会,K2,,1,fitness,0,1\n',
    );
    expect(summary.multi_service_gap).toEqual({
      types: ['elderly_canteen', 'fitness'],
      communities_missing: [0, 1, 1],
      counties: { K1: [0, 0, 1], K2: [0, 1, 0] },
    });
    // By default: the plan's three headline services, of those analysed (only the canteen here).
    await runOk([...base, '--out', join(dir, 'gaps-default')]);
    expect(readFileSync(join(dir, 'gaps-default', 'gaps.csv'), 'utf8').split('\n')[0]).toBe(
      'code,name,county,township,missing_count,missing,elderly_canteen_gap',
    );
  });

  it('analyses a type named in --gap-types even without facilities', async () => {
    const { summary } = await runOk([...base, '--gap-types', 'fire_station', '--out', join(dir, 'gaps-fire')]);
    expect(summary.types.fire_station).toMatchObject({ facilities: 0, covered: 0 });
    expect(readFileSync(join(dir, 'gaps-fire', 'gaps.csv'), 'utf8')).toBe(
      'code,name,county,township,missing_count,missing,fire_station_gap\nA,甲社区,K1,,1,fire_station,1\nB,乙村委会,K2,,1,fire_station,1\n',
    );
  });

  it('reads FlatGeobuf inputs the same as GeoJSON', async () => {
    const fgb = (name: string, json: string) => {
      const path = join(dir, name);
      writeFileSync(path, serialize(JSON.parse(json)));
      return path;
    };
    const hh = fgb('households.fgb', readFileSync(files.households, 'utf8'));
    const fac = fgb('facilities.fgb', readFileSync(files.facilities, 'utf8'));
    const args = [...base];
    args[3] = hh;
    args[5] = fac;
    const { summary } = await runOk([...args, '--out', join(dir, 'fgb')]);
    const { summary: want } = await runOk([...base, '--out', join(dir, 'json')]);
    expect(summary.types).toEqual(want.types);
    expect(summary.types.elderly_canteen.demand_covered).toBe(4);
  });

  it('lets --demand override the measure', async () => {
    const { summary } = await runOk([...base, '--demand', 'elderly_canteen=households', '--out', join(dir, 'o2')]);
    expect(summary.types.elderly_canteen).toMatchObject({ demand: 'households', demand_total: 15, demand_covered: 9 });
  });

  it.each([
    [['--out', out], 2, '--communities is required'],
    [[...base], 2, '--out is required'],
    [[...base, '--out', out, '--minutes', '菜市场=10'], 2, 'unknown facility type "菜市场"'],
    [[...base, '--out', out, '--minutes', 'fitness'], 2, '--minutes expects TYPE=VALUE'],
    [[...base, '--out', out, '--mode', 'network'], 2, '--mode network needs --network'],
    [[...base.slice(0, 6), '--out', out, '--detour', 'x'], 2, '--detour must be a number'],
    [[...base, '--out', out, '--mode', 'walk'], 2, '--mode must be straight, network or slope'],
    [[...base, '--out', out, '--demand', 'fitness=children'], 2, 'unknown measure "children"'],
    [
      [...base, '--out', out, '--gap-types', 'elderly_canteen,菜市场'],
      2,
      '--gap-types: unknown facility type "菜市场" (known: service_center, elderly_canteen,',
    ],
    [[...base, '--out', out, '--gap-types', ','], 2, '--gap-types needs at least one type code'],
  ])('rejects bad arguments %#', async (args, code, message) => {
    const log: string[] = [];
    expect(await main(args as string[], (s) => log.push(s))).toBe(code);
    expect(log.join('\n')).toContain(message);
  });

  it('prints the usage on --help', async () => {
    const log: string[] = [];
    expect(await main(['--help'], (s) => log.push(s))).toBe(0);
    expect(log[0]).toMatch(/^usage: npm run analyze -- --communities F/);
  });

  it('rejects bad files naming the file, feature and field', async () => {
    const bad = join(dir, 'bad.geojson');
    writeFileSync(bad, fcol([pointF(FIT, { type: '菜市场' })]));
    const log: string[] = [];
    const args = (f: string) => [...base.slice(0, 4), '--facilities', f, '--out', out];
    expect(await main(args(bad), (s) => log.push(s))).toBe(1);
    // Unknown types are skipped and counted (test/cli/catalogue.test.ts); none known is an error.
    expect(log.pop()).toContain(`${bad}: feature 0: no value of field "type" is a facility type ("菜市场"`);
    expect(await main(args(join(dir, 'missing.fgb')), (s) => log.push(s))).toBe(1);
    expect(log.pop()).toContain('cannot read (ENOENT)');
    writeFileSync(join(dir, 'broken.geojson'), '{"type": "FeatureCollection", ');
    expect(await main(args(join(dir, 'broken.geojson')), (s) => log.push(s))).toBe(1);
    expect(log.pop()).toContain('broken.geojson: The file is damaged or malformed: JSON');
  });

  it('exits non-zero with a message from the real command line', () => {
    const r = spawnSync('npx', ['tsx', 'src/cli/analyze.ts', '--bogus', 'x'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown option --bogus');
  });
});

describe('npm run analyze on a network', () => {
  // A river along y = 0 with one bridge at x = 1000, an island road that joins nothing; a
  // fitness site on the north bank (fixture as in test/core/network.test.ts).
  const line = (...xy: [number, number][]) => ({
    type: 'Feature',
    properties: { class: 'path' },
    geometry: { type: 'LineString', coordinates: xy.map(([x, y]) => at(x, y)) },
  });
  const net = join(dir, 'roads.geojson'),
    hh = join(dir, 'hh-river.geojson'),
    fac = join(dir, 'fac-river.geojson');
  // (x, y, households): across the river, on the facility's road, on the island, far from any road.
  const homes: [number, number, number][] = [
    [0, -110, 2],
    [200, 95, 3],
    [5200, -90, 4],
    [3000, 1500, 1],
  ];
  const args = ['--communities', files.communities, '--households', hh, '--facilities', fac, '--network', net];

  beforeAll(() => {
    writeFileSync(
      net,
      fcol([
        line([0, -100], [1000, -100], [2000, -100]),
        line([0, 100], [1000, 100], [2000, 100]),
        line([1000, -100], [1000, 100]),
        line([5000, -100], [5500, -100]),
      ]),
    );
    writeFileSync(hh, fcol(homes.map(([x, y, households]) => pointF(at(x, y), { households }))));
    writeFileSync(fac, fcol([pointF(at(0, 110), { type: 'fitness' })]));
  });

  it('counts only what the network reaches, and reports the unreachable', async () => {
    const { summary } = await runOk([...args, '--out', join(dir, 'net')]);
    expect(summary.mode).toBe('network');
    expect(summary.unattached_households).toEqual({ network: 1 });
    expect(summary.unattached_facilities).toEqual({ network: 0 });
    expect(summary.types.fitness).toMatchObject({ households: 10, covered: 3, share: 0.3, unreachable: 5 });
  });

  it('uses the straight line when asked, crossing the river', async () => {
    const { summary } = await runOk([...args, '--mode', 'straight', '--out', join(dir, 'net-straight')]);
    expect(summary.types.fitness).toMatchObject({ households: 10, covered: 5, unreachable: 0 });
  });

  it('refuses slope mode without elevation', async () => {
    const log: string[] = [];
    expect(await main([...args, '--mode', 'slope', '--out', join(dir, 'x')], (s) => log.push(s))).toBe(2);
    expect(log.join('\n')).toContain('--mode slope needs --dem or a network with Z values');
  });
});
