import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/site.ts';
import { at } from '../core/local.ts';

// One 3 km × 1 km community; households (x, y metres, weight): West 5 + 5 (already covered by an
// existing fire station at (200, 500)), Mid 7, East 3. At 6 km/h, detour 1, 3 minutes = 300 m.
const dir = mkdtempSync(join(tmpdir(), 'site-'));
const fcol = (features: object[]) => JSON.stringify({ type: 'FeatureCollection', features });
const pointF = (p: number[], properties: object = {}) => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: p } });
const poly = (x0: number, y0: number, x1: number, y1: number, properties: object = {}) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Polygon', coordinates: [[at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)]] },
});
const H: [number, number, number][] = [
  [100, 500, 5],
  [300, 500, 5],
  [1500, 500, 7],
  [2800, 500, 3],
];
const C = [at(1500, 600), at(2800, 400), at(250, 500)];
const f = {
  communities: join(dir, 'communities.geojson'),
  households: join(dir, 'households.geojson'),
  facilities: join(dir, 'facilities.geojson'),
  candidates: join(dir, 'candidates.geojson'),
  nb: join(dir, 'nb.geojson'),
  network: join(dir, 'network.geojson'),
  costed: join(dir, 'costed.geojson'),
};
const base = [
  '--communities',
  f.communities,
  '--households',
  f.households,
  '--facilities',
  f.facilities,
  '--speed-kmh',
  '6',
  '--detour',
  '1',
  '--minutes',
  'fire_station=3',
  '--type',
  'fire_station',
];

beforeAll(() => {
  writeFileSync(f.communities, fcol([poly(0, 0, 3000, 1000, { code: 'A', name: '甲社区' })]));
  writeFileSync(f.households, fcol(H.map(([x, y, households]) => pointF(at(x, y), { households }))));
  writeFileSync(
    f.facilities,
    fcol([pointF(at(200, 500), { id: 'e1', type: 'fire_station' }), pointF(at(1500, 500), { id: 'x', type: 'fitness' })]),
  );
  writeFileSync(f.candidates, fcol(C.map((p) => pointF(p))));
  writeFileSync(f.nb, fcol([poly(1400, 550, 1600, 650)]));
  writeFileSync(f.costed, fcol(C.map((p, i) => pointF(p, { cost: [50, 10, 5][i], existing_building: i === 1 ? 'yes' : 0 }))));
  // One street along y = 500 from x = 0 to 2000: East (x 2800) is 800 m off it, past the 500 m snap.
  writeFileSync(
    f.network,
    fcol([{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [at(0, 500), at(1000, 500), at(2000, 500)] } }]),
  );
});

const point = ({ lon, lat, gain, cost }: { lon: number; lat: number; gain: number; cost: number }) => ({ lon, lat, gain, cost });

async function run(args: string[], name: string) {
  const out = join(dir, name),
    log: string[] = [];
  const code = await main([...args, '--out', out], (s) => log.push(s));
  expect(code, log.join('\n')).toBe(0);
  return {
    json: JSON.parse(readFileSync(join(out, 'sites.json'), 'utf8')),
    geo: JSON.parse(readFileSync(join(out, 'sites.geojson'), 'utf8')),
  };
}

describe('npm run site', () => {
  it('--add: the best sites from the candidate file, in the order chosen', async () => {
    const { json, geo } = await run([...base, '--candidates', f.candidates, '--add', '1'], 'add1');
    expect(json).toMatchObject({ type: 'fire_station', covered_before: 10, covered_after: 17, total: 20, candidates: 3, existing: 1 });
    expect(json.sites).toEqual([{ lon: C[0][0], lat: C[0][1], gain: 7, cost: 30, community_code: 'A', community: '甲社区', county: '' }]);
    expect(geo.features).toEqual([
      {
        type: 'Feature',
        properties: { rank: 1, type: 'fire_station', gain: 7, cost: 30, community_code: 'A', community: '甲社区', county: '' },
        geometry: { type: 'Point', coordinates: C[0] },
      },
    ]);
    const two = await run([...base, '--candidates', f.candidates, '--add', '2'], 'add2');
    expect(two.json.sites.map(point)).toEqual([
      { lon: C[0][0], lat: C[0][1], gain: 7, cost: 30 },
      { lon: C[1][0], lat: C[1][1], gain: 3, cost: 30 },
    ]);
    expect(two.json.covered_after).toBe(20);
  });

  it('--target: the fewest sites reaching the share', async () => {
    const r80 = await run([...base, '--candidates', f.candidates, '--target', '0.8'], 't80');
    expect(r80.json.sites.map((s: { gain: number }) => s.gain)).toEqual([7]);
    expect(r80.json).toMatchObject({ reached: true, covered_after: 17 });
    const r100 = await run([...base, '--candidates', f.candidates, '--target', '1'], 't100');
    expect(r100.json.sites.map((s: { gain: number }) => s.gain)).toEqual([7, 3]);
  });

  it('--capacity caps what each site serves', async () => {
    const { json } = await run([...base, '--candidates', f.candidates, '--add', '2', '--capacity', '4'], 'cap');
    expect(json.sites.map((s: { gain: number }) => s.gain)).toEqual([4, 3]);
    expect(json.covered_after).toBe(17);
  });

  it('--not-buildable drops candidates inside the areas', async () => {
    const { json } = await run([...base, '--candidates', f.candidates, '--not-buildable', f.nb, '--add', '1'], 'nb');
    expect(json.candidates).toBe(2);
    expect(json.sites.map(point)).toEqual([{ lon: C[1][0], lat: C[1][1], gain: 3, cost: 30 }]);
  });

  it('default candidates (community centroid + settled grid) find the same gains', async () => {
    const { json } = await run([...base, '--add', '2'], 'grid');
    expect(json.sites.map((s: { gain: number }) => s.gain)).toEqual([7, 3]);
    expect(json.covered_after).toBe(20);
  });

  it('--mode network: walking along the street; homes off the network stay unserved', async () => {
    const { json } = await run([...base, '--candidates', f.candidates, '--network', f.network, '--mode', 'network', '--add', '2'], 'net');
    expect(json).toMatchObject({ mode: 'network', covered_before: 10, covered_after: 17 });
    expect(json.sites.map(point)).toEqual([{ lon: C[0][0], lat: C[0][1], gain: 7, cost: 30 }]);
  });

  it('--type and --minutes take the words the import dialog takes', async () => {
    const coded = await run([...base, '--candidates', f.candidates, '--add', '2'], 'coded');
    const args = [...base.slice(0, -4), '--minutes', '微型消防站=3', '--type', '微型消防站', '--candidates', f.candidates, '--add', '2'];
    expect((await run(args, 'worded')).json).toEqual(coded.json);
  });

  it('rejects bad arguments with exit code 2', async () => {
    for (const bad of [
      [...base, '--out', join(dir, 'x')],
      [...base, '--add', '1', '--target', '0.5', '--out', join(dir, 'x')],
      [...base, '--add', '1', '--mode', 'network', '--out', join(dir, 'x')],
      [...base, '--target', '0.5', '--capacity', '3', '--out', join(dir, 'x')],
      [...base.slice(0, -2), '--type', '菜市场', '--add', '1', '--out', join(dir, 'x')],
    ]) {
      const log: string[] = [];
      expect(await main(bad, (s) => log.push(s))).toBe(2);
      expect(log.join('\n')).toMatch(/usage: npm run site/);
    }
  });

  it('--model pmedian: the site that cuts the mean minutes most (far demand counted at the cap)', async () => {
    // Minutes at 6 km/h: West 1 (existing), Mid 13, East 26 → mean (5·1 + 5·1 + 7·13 + 3·26) / 20 = 8.95.
    // C0 brings Mid to 1 and East to 13.04: (10 + 7 + 39.1) / 20 = 2.81; C1 only reaches 5.21.
    const { json } = await run([...base, '--candidates', f.candidates, '--model', 'pmedian', '--add', '1'], 'pmed');
    expect(json).toMatchObject({ model: 'pmedian', objective: 'mean_minutes', cap_minutes: 60, covered_before: 10, covered_after: 17 });
    expect(json.objective_before).toBeCloseTo(8.95, 2);
    expect(json.objective_after).toBeCloseTo(2.81, 2);
    expect(json.sites.map((s: { lon: number }) => s.lon)).toEqual([C[0][0]]);
    expect(json.sites[0].gain).toBeCloseTo(8.95 - 2.81, 2);
    // With a 20-minute cap East counts at 20 before: (10 + 91 + 60) / 20 = 8.05.
    const capped = await run([...base, '--candidates', f.candidates, '--model', 'pmedian', '--cap-minutes', '20', '--add', '1'], 'pmed20');
    expect(capped.json.objective_before).toBeCloseTo(8.05, 2);
  });

  it("--model pcenter: the worst walk drops from East's 26 minutes to 13", async () => {
    const { json } = await run([...base, '--candidates', f.candidates, '--model', 'pcenter', '--add', '1'], 'pcen');
    expect(json).toMatchObject({ model: 'pcenter', objective: 'percentile_minutes', percentile: 100 });
    expect(json.objective_before).toBeCloseTo(26, 1);
    expect(json.objective_after).toBeCloseTo(13.04, 1);
    // The one community's P90 (weights 10 at 1 min, 7 at 13, 3 at 26) drops with it.
    expect(json.worst_community.before).toMatchObject({ code: 'A', name: '甲社区' });
    expect(json.worst_community.before.p90_min).toBeCloseTo(26, 1);
    expect(json.worst_community.after.p90_min).toBeCloseTo(13.04, 1);
    const two = await run([...base, '--candidates', f.candidates, '--model', 'pcenter', '--percentile', '50', '--add', '2'], 'pcen50');
    // Half the households (West, 10 of 20) are at 1 minute already: the median is 1 either way.
    expect(two.json.percentile).toBe(50);
    expect(two.json.objective_before).toBeCloseTo(1, 3);
    expect(two.json.objective_after).toBeCloseTo(1, 3);
  });

  it('--type A,B: one site hosts both types, maximising the weighted covered demand', async () => {
    // Fitness (15 min = 1.5 km at 6 km/h) at (1500, 500) already covers all 20; fire covers 10.
    const { json } = await run(
      [...base.slice(0, -2), '--candidates', f.candidates, '--type', 'fire_station,fitness', '--weights', '1,2', '--add', '1'],
      'multi',
    );
    expect(json).toMatchObject({ types: ['fire_station', 'fitness'], weights: [1, 2], model: 'mclp', objective: 'covered_demand' });
    expect([json.objective_before, json.objective_after]).toEqual([50, 57]);
    expect(json.sites.map(point)).toEqual([{ lon: C[0][0], lat: C[0][1], gain: 7, cost: 30 + 40 }]);
  });

  it('--budget with --cost-field: the best affordable sites; renovation flag read from the file', async () => {
    const { json } = await run([...base, '--candidates', f.costed, '--cost-field', 'cost', '--budget', '20'], 'budget');
    expect(json).toMatchObject({ budget: 20, spent: 10, covered_after: 13 });
    expect(json.sites.map(point)).toEqual([{ lon: C[1][0], lat: C[1][1], gain: 3, cost: 10 }]);
    const flagged = await run([...base, '--candidates', f.costed, '--budget', '100'], 'flagged');
    expect(flagged.json.sites.map((s: { cost: number }) => s.cost).sort()).toEqual([10, 30]); // C1 renovates (10), C0 new (30)
  });

  it('--years: sites by year, unspent money carried over, and the year the gap community reaches its target', async () => {
    const { json, geo } = await run([...base, '--candidates', f.costed, '--cost-field', 'cost', '--years', '2023:15,2024:45'], 'years');
    expect(json.sites.map((s: { year: number; gain: number }) => [s.year, s.gain])).toEqual([
      [2023, 3],
      [2024, 7],
    ]);
    expect(json.years).toEqual({ 2023: 15, 2024: 45 }); // 2024 has 45 + 5 left from 2023 for C0 (50)
    expect(json.gap_communities).toEqual([{ code: 'A', name: '甲社区', year: 2024 }]);
    expect(geo.features.map((g: { properties: { year: number } }) => g.properties.year)).toEqual([2023, 2024]);
  });

  it('refuses bad model arguments before reading any file (exit 2), and a budget no candidate fits (exit 1)', async () => {
    for (const [extra, msg] of [
      [['--model', 'pcenter', '--percentile', '0', '--add', '1'], /--percentile must be a number from 1 to 100, got 0/],
      [['--model', 'pcenter', '--percentile', '101', '--add', '1'], /--percentile must be a number from 1 to 100/],
      [['--years', '2024:5,2023:5'], /--years must increase: 2023 comes after 2024/],
      [['--years', '2024'], /--years expects YEAR:BUDGET/],
      [['--model', 'median', '--add', '1'], /--model must be one of mclp, lscp, pmedian, pcenter/],
      [['--cost-field', 'cost', '--budget', '5'], /--cost-field reads costs from the --candidates file/],
      [['--add', '1', '--budget', '5'], /exactly one of add, target, budget or years/],
      [['--type', 'elderly_canteen,childcare', '--weights', '1', '--add', '1'], /--weights: give one per type \(2\), got 1/],
    ] as [string[], RegExp][]) {
      const log: string[] = [];
      const typed = extra.includes('--type') ? base.slice(0, -2) : base;
      const args = [typed[0], '/nonexistent.geojson', ...typed.slice(2), ...extra, '--out', join(dir, 'x')];
      expect(await main(args, (s) => log.push(s))).toBe(2);
      expect(log.join('\n')).toMatch(msg);
    }
    const log: string[] = [];
    expect(
      await main([...base, '--candidates', f.costed, '--cost-field', 'cost', '--budget', '4', '--out', join(dir, 'x')], (s) => log.push(s)),
    ).toBe(1);
    expect(log.join('\n')).toMatch(/budget 4 is smaller than every candidate's cost \(cheapest 5\)/);
  });
});
