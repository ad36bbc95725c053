// scripts/cli.mjs (what `npm run analyze|site|compare` run): the bundled tool gives the same
// files as the tool run in-process, passes the exit status on, and refuses unknown tools.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { main } from '../../src/cli/analyze.ts';
import { fromWgs84 } from '../../src/io/crs.ts';
import { at } from '../core/local.ts';

const dir = mkdtempSync(join(tmpdir(), 'cli-runner-'));
const pointF = (p: number[], properties: object) => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: p } });
const fc = (features: object[]) => JSON.stringify({ type: 'FeatureCollection', features });
const files = {
  communities: join(dir, 'c.geojson'),
  households: join(dir, 'h.geojson'),
  facilities: join(dir, 'f.geojson'),
  network: join(dir, 'n.geojson'),
};
writeFileSync(
  files.communities,
  fc([
    {
      type: 'Feature',
      properties: { code: 'A', name: '甲', county_code: 'K' },
      geometry: { type: 'Polygon', coordinates: [[at(0, 0), at(2000, 0), at(2000, 2000), at(0, 2000), at(0, 0)]] },
    },
  ]),
);
writeFileSync(
  files.households,
  fc(
    [
      [100, 100, 3],
      [900, 500, 2],
      [1800, 1900, 4],
    ].map(([x, y, h]) => pointF(at(x, y), { households: h })),
  ),
);
writeFileSync(files.facilities, fc([pointF(at(200, 200), { id: 'f', type: 'fitness' })]));
writeFileSync(
  files.network,
  fc([{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [at(0, 100), at(2000, 100), at(2000, 2000)] } }]),
);
const args = [
  '--communities',
  files.communities,
  '--households',
  files.households,
  '--facilities',
  files.facilities,
  '--network',
  files.network,
  '--mode',
  'network',
];
const run = (a: string[]) => spawnSync(process.execPath, ['scripts/cli.mjs', ...a], { encoding: 'utf8' });

describe('scripts/cli.mjs', () => {
  it('runs analyze from its bundle with the in-process results', async () => {
    const bundled = join(dir, 'bundled'),
      inProcess = join(dir, 'in-process');
    const r = run(['analyze', ...args, '--out', bundled]);
    expect(r.status, r.stderr).toBe(0);
    expect(await main([...args, '--out', inProcess], () => {})).toBe(0);
    for (const f of ['summary.json', 'communities.csv', 'catchments.geojson']) {
      expect(readFileSync(join(bundled, f), 'utf8')).toBe(readFileSync(join(inProcess, f), 'utf8'));
    }
  });

  it('converts coordinate systems (proj4 and gcoord, bundled into it) as in-process', async () => {
    // The facilities in Web Mercator metres (proj4), the network read as GCJ-02 (gcoord).
    const mercator = join(dir, 'f-3857.geojson');
    writeFileSync(mercator, fc([pointF(Array.from(fromWgs84({ kind: 'webmercator' })(at(200, 200))), { id: 'f', type: 'fitness' })]));
    const crsArgs = [
      ...args.map((a) => (a === files.facilities ? mercator : a)),
      '--crs',
      'facilities=EPSG:3857',
      '--crs',
      'network=gcj02',
    ];
    const bundled = join(dir, 'bundled-crs'),
      inProcess = join(dir, 'in-process-crs');
    const r = run(['analyze', ...crsArgs, '--out', bundled]);
    expect(r.status, r.stderr).toBe(0);
    expect(await main([...crsArgs, '--out', inProcess], () => {})).toBe(0);
    for (const f of ['summary.json', 'communities.csv', 'catchments.geojson'])
      expect(readFileSync(join(bundled, f), 'utf8')).toBe(readFileSync(join(inProcess, f), 'utf8'));
    // GCJ-02 → WGS84 moved the network by hundreds of metres: other times than the WGS84 run's.
    const plain = JSON.parse(readFileSync(join(dir, 'bundled', 'summary.json'), 'utf8'));
    const moved = JSON.parse(readFileSync(join(bundled, 'summary.json'), 'utf8'));
    expect(moved).not.toEqual(plain);
  });

  // Each process of the command says at exit whether it ran the tool and with which tunables.
  const probe = `data:text/javascript,${encodeURIComponent("process.on('exit', () => console.error('probe', JSON.stringify(process.env.GLIBC_TUNABLES ?? null)))")}`;
  const probed = (env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, ['--import', probe, 'scripts/cli.mjs', 'analyze', '--help'], { encoding: 'utf8', env }).stderr.match(
      /^probe .*$/gm,
    );

  it.runIf(process.platform === 'linux')('runs the tool in a child with glibc huge pages, unless the user set GLIBC_TUNABLES', () => {
    const { GLIBC_TUNABLES: _, ...env } = process.env;
    const tunables = JSON.stringify('glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824');
    // The child exits first, then the launcher.
    expect(probed(env)).toEqual([`probe ${tunables}`, 'probe null']);
    expect(probed({ ...env, GLIBC_TUNABLES: 'glibc.malloc.check=0' })).toEqual(['probe "glibc.malloc.check=0"']);
  });

  it('passes bad arguments and unknown tools on as exit status 2', () => {
    const bad = run(['analyze', '--bogus', 'x']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/usage: npm run analyze/);
    expect(run(['nope']).status).toBe(2);
    expect(run(['site', '--help']).status).toBe(0);
  });
});
