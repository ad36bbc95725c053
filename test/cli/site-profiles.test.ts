// `npm run site` travels as `analyze` does: the type's profile over the road classes, and
// barriers in straight-line mode (the core cases: test/core/siting/profiles.test.ts).
import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/site.ts';
import { at } from '../core/local.ts';

const dir = mkdtempSync(join(tmpdir(), 'site-profiles-'));
const fcol = (features: object[]) => JSON.stringify({ type: 'FeatureCollection', features });
const pointF = (p: number[], properties: object = {}) => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: p } });
const lineF = (xy: [number, number][], properties: object = {}) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'LineString', coordinates: xy.map(([x, y]) => at(x, y)) },
});
const f = {
  communities: join(dir, 'communities.geojson'),
  households: join(dir, 'households.geojson'),
  facilities: join(dir, 'facilities.geojson'),
  candidates: join(dir, 'candidates.geojson'),
  network: join(dir, 'network.geojson'),
  river: join(dir, 'river.geojson'),
  table: join(dir, 'table.json'),
};

beforeAll(() => {
  const ring = [at(-500, -500), at(2500, -500), at(2500, 2500), at(-500, 2500), at(-500, -500)];
  writeFileSync(
    f.communities,
    fcol([{ type: 'Feature', properties: { code: 'A', name: '甲' }, geometry: { type: 'Polygon', coordinates: [ring] } }]),
  );
  // Three households at the end of a 2 km motorway (a 6 km village road goes round); one
  // household 200 m north of the candidate, across a river at y = 100.
  writeFileSync(f.households, fcol([pointF(at(2000, 0), { households: 3 }), pointF(at(0, 200), { households: 1 })]));
  writeFileSync(f.facilities, fcol([pointF(at(1000, 1000), { id: 'x', type: 'fitness' })]));
  writeFileSync(f.candidates, fcol([pointF(at(0, 0))]));
  writeFileSync(
    f.network,
    fcol([
      lineF(
        [
          [0, 0],
          [2000, 0],
        ],
        { highway: 'motorway' },
      ),
      lineF(
        [
          [0, 0],
          [0, 2000],
          [2000, 2000],
          [2000, 0],
        ],
        { highway: 'unclassified' },
      ),
    ]),
  );
  writeFileSync(
    f.river,
    fcol([
      lineF([
        [-500, 100],
        [500, 100],
      ]),
    ]),
  );
  writeFileSync(f.table, JSON.stringify({ motorway: { walk: false, vehicleKmh: 0 }, unclassified: { walk: true, vehicleKmh: 30 } }));
});

const base = () => [
  '--communities',
  f.communities,
  '--households',
  f.households,
  '--facilities',
  f.facilities,
  '--candidates',
  f.candidates,
  '--type',
  'fire_station',
  '--add',
  '1',
];

async function run(args: string[], name: string) {
  const out = join(dir, name),
    log: string[] = [];
  const code = await main([...args, '--out', out], (s) => log.push(s));
  expect(code, log.join('\n')).toBe(0);
  return JSON.parse(readFileSync(join(out, 'sites.json'), 'utf8'));
}

describe('npm run site with profiles and barriers', () => {
  const net = ['--network', f.network, '--mode', 'network', '--speed-kmh', '60', '--minutes', 'fire_station=3'];

  // On the network the river does not count (the village road passes the north household, 200 m).
  it('the fire station drives the motorway (2 min at 60 km/h); as a walker it cannot', async () => {
    const drive = await run([...base(), ...net], 'drive');
    expect(drive).toMatchObject({ mode: 'network', profile: 'vehicle', covered_before: 0, covered_after: 4 });
    const walk = await run([...base(), ...net, '--profile', 'fire_station=walk'], 'walk');
    expect(walk).toMatchObject({ profile: 'walk', covered_after: 1 });
  });

  it('--road-profile replaces the class table for siting too', async () => {
    const closed = await run([...base(), ...net, '--road-profile', f.table], 'closed');
    expect(closed.covered_after).toBe(1);
  });

  it('--barriers: a straight line across the river does not reach', async () => {
    const straight = ['--mode', 'straight', '--speed-kmh', '15', '--detour', '1.3', '--minutes', 'fire_station=3'];
    expect((await run([...base(), ...straight], 'open')).covered_after).toBe(1);
    expect((await run([...base(), ...straight, '--barriers', f.river], 'river')).covered_after).toBe(0);
  });
});
