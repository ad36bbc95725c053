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
  type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [[at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)]] },
});
const H: [number, number, number][] = [[100, 500, 5], [300, 500, 5], [1500, 500, 7], [2800, 500, 3]];
const C = [at(1500, 600), at(2800, 400), at(250, 500)];
const f = {
  communities: join(dir, 'communities.geojson'), households: join(dir, 'households.geojson'),
  facilities: join(dir, 'facilities.geojson'), candidates: join(dir, 'candidates.geojson'), nb: join(dir, 'nb.geojson'),
  network: join(dir, 'network.geojson'),
};
const base = ['--communities', f.communities, '--households', f.households, '--facilities', f.facilities,
  '--speed-kmh', '6', '--detour', '1', '--minutes', 'fire_station=3', '--type', 'fire_station'];

beforeAll(() => {
  writeFileSync(f.communities, fcol([poly(0, 0, 3000, 1000, { code: 'A', name: '甲社区' })]));
  writeFileSync(f.households, fcol(H.map(([x, y, households]) => pointF(at(x, y), { households }))));
  writeFileSync(f.facilities, fcol([pointF(at(200, 500), { id: 'e1', type: 'fire_station' }), pointF(at(1500, 500), { id: 'x', type: 'fitness' })]));
  writeFileSync(f.candidates, fcol(C.map((p) => pointF(p))));
  writeFileSync(f.nb, fcol([poly(1400, 550, 1600, 650)]));
  // One street along y = 500 from x = 0 to 2000: East (x 2800) is 800 m off it, past the 500 m snap.
  writeFileSync(f.network, fcol([{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [at(0, 500), at(1000, 500), at(2000, 500)] } }]));
});

async function run(args: string[], name: string) {
  const out = join(dir, name), log: string[] = [];
  const code = await main([...args, '--out', out], (s) => log.push(s));
  expect(code, log.join('\n')).toBe(0);
  return { json: JSON.parse(readFileSync(join(out, 'sites.json'), 'utf8')), geo: JSON.parse(readFileSync(join(out, 'sites.geojson'), 'utf8')) };
}

describe('npm run site', () => {
  it('--add: the best sites from the candidate file, in the order chosen', async () => {
    const { json, geo } = await run([...base, '--candidates', f.candidates, '--add', '1'], 'add1');
    expect(json).toMatchObject({ type: 'fire_station', covered_before: 10, covered_after: 17, total: 20, candidates: 3, existing: 1 });
    expect(json.sites).toEqual([{ lon: C[0][0], lat: C[0][1], gain: 7 }]);
    expect(geo.features).toEqual([{ type: 'Feature', properties: { rank: 1, type: 'fire_station', gain: 7 }, geometry: { type: 'Point', coordinates: C[0] } }]);
    const two = await run([...base, '--candidates', f.candidates, '--add', '2'], 'add2');
    expect(two.json.sites).toEqual([{ lon: C[0][0], lat: C[0][1], gain: 7 }, { lon: C[1][0], lat: C[1][1], gain: 3 }]);
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
    expect(json.sites).toEqual([{ lon: C[1][0], lat: C[1][1], gain: 3 }]);
  });

  it('default candidates (community centroid + settled grid) find the same gains', async () => {
    const { json } = await run([...base, '--add', '2'], 'grid');
    expect(json.sites.map((s: { gain: number }) => s.gain)).toEqual([7, 3]);
    expect(json.covered_after).toBe(20);
  });

  it('--mode network: walking along the street; homes off the network stay unserved', async () => {
    const { json } = await run([...base, '--candidates', f.candidates, '--network', f.network, '--mode', 'network', '--add', '2'], 'net');
    expect(json).toMatchObject({ mode: 'network', covered_before: 10, covered_after: 17 });
    expect(json.sites).toEqual([{ lon: C[0][0], lat: C[0][1], gain: 7 }]);
  });

  it('rejects bad arguments with exit code 2', async () => {
    for (const bad of [
      [...base, '--out', join(dir, 'x')],
      [...base, '--add', '1', '--target', '0.5', '--out', join(dir, 'x')],
      [...base, '--add', '1', '--mode', 'network', '--out', join(dir, 'x')],
      [...base, '--target', '0.5', '--capacity', '3', '--out', join(dir, 'x')],
      [...base.slice(0, -2), '--type', 'canteen', '--add', '1', '--out', join(dir, 'x')],
    ]) {
      const log: string[] = [];
      expect(await main(bad, (s) => log.push(s))).toBe(2);
      expect(log.join('\n')).toMatch(/usage: npm run site/);
    }
  });
});
