// `npm run compare` equals `npm run analyze` run once on the original facilities and once on the
// edited ones (written out by hand), on a case with adds, moves and removes; ids that match no
// facility or several are errors naming the file, row and id, and nothing is written.
import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main as compare } from '../../src/cli/compare.ts';
import { main as analyze } from '../../src/cli/analyze.ts';
import { at } from '../core/local.ts';

const dir = mkdtempSync(join(tmpdir(), 'compare-'));
const square = (x0: number, y0: number, code: string, county: string) => ({
  type: 'Feature',
  properties: { code, name: `${code}社区`, county_code: county },
  geometry: { type: 'Polygon', coordinates: [[at(x0, y0), at(x0 + 1000, y0), at(x0 + 1000, y0 + 1000), at(x0, y0 + 1000), at(x0, y0)]] },
});
const fcol = (features: object[]) => JSON.stringify({ type: 'FeatureCollection', features });
const pointF = (p: number[], properties: object) => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: p } });
const f = (name: string) => join(dir, name);
const inputs = [
  '--communities',
  f('communities.geojson'),
  '--households',
  f('households.geojson'),
  '--speed-kmh',
  '6',
  '--detour',
  '1',
  '--minutes',
  'fitness=5',
  '--minutes',
  'elderly_canteen=6',
];

beforeAll(() => {
  writeFileSync(
    f('communities.geojson'),
    fcol([square(0, 0, 'A', 'K1'), square(1000, 0, 'B', 'K1'), square(0, 1000, 'C', 'K2'), square(1000, 1000, 'D', 'K2')]),
  );
  const homes = [];
  for (let x = 50; x < 2000; x += 150)
    for (let y = 50; y < 2000; y += 150)
      homes.push(pointF(at(x, y), { households: 1 + ((x + y) % 3), elderly: (x * 7 + y) % 4, population: 3 }));
  writeFileSync(f('households.geojson'), fcol(homes));
  writeFileSync(
    f('facilities.geojson'),
    fcol([
      pointF(at(200, 200), { id: 'f1', type: 'fitness' }),
      pointF(at(1700, 300), { id: 'f2', type: 'fitness' }),
      pointF(at(400, 1500), { id: 'c1', type: 'elderly_canteen' }),
      pointF(at(1600, 1600), { id: 'c2', type: '老年食堂' }),
    ]),
  );
  // The scenario: one canteen and one fitness site added, canteen c1 moved, fitness f2 removed.
  writeFileSync(
    f('scenario.geojson'),
    fcol([
      pointF(at(1500, 500), { type: 'elderly_canteen', name: '新食堂', note: '利用闲置村委会' }),
      pointF(at(900, 1200), { action: 'move', id: 'c1' }),
      pointF(at(1700, 300), { action: '撤并', id: 'f2' }),
      pointF(at(1200, 1800), { action: 'add', type: '健身广场' }),
    ]),
  );
  // The same edits written out by hand as a facilities layer.
  writeFileSync(
    f('edited.geojson'),
    fcol([
      pointF(at(200, 200), { id: 'f1', type: 'fitness' }),
      pointF(at(900, 1200), { id: 'c1', type: 'elderly_canteen' }),
      pointF(at(1600, 1600), { id: 'c2', type: 'elderly_canteen' }),
      pointF(at(1500, 500), { id: 'n1', type: 'elderly_canteen' }),
      pointF(at(1200, 1800), { id: 'n2', type: 'fitness' }),
    ]),
  );
});

async function run(main: typeof compare, args: string[]) {
  const log: string[] = [];
  const code = await main(args, (s) => log.push(s));
  return { code, log: log.join('\n') };
}

const readCsv = (p: string) =>
  readFileSync(p, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));

describe('npm run compare', () => {
  it('equals analyze on the original facilities and on the edited ones', async () => {
    const c = await run(compare, [
      ...inputs,
      '--facilities',
      f('facilities.geojson'),
      '--scenario',
      f('scenario.geojson'),
      '--scenario-name',
      '方案A',
      '--out',
      f('cmp'),
    ]);
    expect(c.code, c.log).toBe(0);
    expect(c.log).toMatch(/现状 vs 方案A \(2 added, 1 moved, 1 removed\)/);
    expect((await run(analyze, [...inputs, '--facilities', f('facilities.geojson'), '--out', f('before')])).code).toBe(0);
    expect((await run(analyze, [...inputs, '--facilities', f('edited.geojson'), '--out', f('after')])).code).toBe(0);
    const json = JSON.parse(readFileSync(f('cmp/compare.json'), 'utf8'));
    const before = JSON.parse(readFileSync(f('before/summary.json'), 'utf8')),
      after = JSON.parse(readFileSync(f('after/summary.json'), 'utf8'));
    expect(json.scenario_name).toBe('方案A');
    expect(json.baseline).toEqual(before);
    expect(json.scenario).toEqual(after);
    expect(Object.keys(json.types)).toEqual(['elderly_canteen', 'fitness']);
    for (const code of ['elderly_canteen', 'fitness']) {
      const b = before.types[code],
        a = after.types[code];
      expect(json.types[code]).toEqual({
        covered_before: b.covered,
        covered_after: a.covered,
        demand_covered_before: b.demand_covered,
        demand_covered_after: a.demand_covered,
        gap_communities_before: b.gap_communities,
        gap_communities_after: a.gap_communities,
      });
    }
    // The scenario changes the figures (else the equality above would prove little).
    expect(json.types.elderly_canteen.demand_covered_after).toBeGreaterThan(json.types.elderly_canteen.demand_covered_before);
    expect(json.types.fitness.covered_after).not.toBe(json.types.fitness.covered_before);
    // The multi-service gap (here only the canteen of the default services is analysed): the
    // communities whose missing count changes, as the two gaps.csv files give them.
    const gb = readCsv(f('before/gaps.csv')),
      ga = readCsv(f('after/gaps.csv'));
    const m = gb[0].indexOf('missing_count');
    expect(m).toBeGreaterThan(0);
    const changed = Object.fromEntries(
      gb.slice(1).flatMap((r, i) => (r[m] !== ga[i + 1][m] ? [[r[0], { before: Number(r[m]), after: Number(ga[i + 1][m]) }]] : [])),
    );
    expect(Object.keys(changed).length).toBeGreaterThan(0);
    expect(json.multi_service_gap).toEqual({
      types: ['elderly_canteen'],
      communities: changed,
      improved: Object.values(changed).filter((c) => c.after < c.before).length,
      worsened: Object.values(changed).filter((c) => c.after > c.before).length,
    });
    const cmp = readCsv(f('cmp/compare.csv')),
      b = readCsv(f('before/communities.csv')),
      a = readCsv(f('after/communities.csv'));
    expect(cmp[0]).toEqual([
      'code',
      'name',
      'elderly_canteen_share_before',
      'elderly_canteen_share_after',
      'elderly_canteen_gap_before',
      'elderly_canteen_gap_after',
      'fitness_share_before',
      'fitness_share_after',
      'fitness_gap_before',
      'fitness_gap_after',
    ]);
    expect(cmp.length).toBe(5);
    const col = (rows: string[][], name: string) => rows.slice(1).map((r) => r[rows[0].indexOf(name)]);
    for (const code of ['elderly_canteen', 'fitness']) {
      expect(col(cmp, 'code')).toEqual(col(b, 'code'));
      expect(col(cmp, `${code}_share_before`)).toEqual(col(b, `${code}_share`));
      expect(col(cmp, `${code}_share_after`)).toEqual(col(a, `${code}_share`));
      expect(col(cmp, `${code}_gap_before`)).toEqual(col(b, `${code}_gap`));
      expect(col(cmp, `${code}_gap_after`)).toEqual(col(a, `${code}_gap`));
    }
  });

  it('refuses an id that matches no facility, naming the file, row and id, and writes nothing', async () => {
    writeFileSync(f('bad.geojson'), fcol([pointF(at(100, 100), { type: 'fitness' }), pointF(at(100, 100), { action: 'move', id: 'f9' })]));
    const r = await run(compare, [
      ...inputs,
      '--facilities',
      f('facilities.geojson'),
      '--scenario',
      f('bad.geojson'),
      '--out',
      f('bad-out'),
    ]);
    expect(r.code).toBe(1);
    expect(r.log).toBe(`compare: ${f('bad.geojson')}: feature 1: id "f9" matches no facility`);
    expect(existsSync(f('bad-out'))).toBe(false);
  });

  it('refuses an id that matches more than one facility (CSV rows counted as in the file)', async () => {
    // The second facility has no id and is given its index, "1", which the first one also has.
    writeFileSync(f('dup.geojson'), fcol([pointF(at(200, 200), { id: '1', type: 'fitness' }), pointF(at(300, 300), { type: 'fitness' })]));
    writeFileSync(f('dup.csv'), `action,id,type,lon,lat\nadd,,fitness,${at(100, 100).join(',')}\nremove,1,,${at(100, 100).join(',')}\n`);
    const r = await run(compare, [...inputs, '--facilities', f('dup.geojson'), '--scenario', f('dup.csv'), '--out', f('dup-out')]);
    expect(r.code).toBe(1);
    expect(r.log).toMatch(new RegExp(`compare: ${f('dup.csv').replace(/[.]/g, '\\.')}: row 3: id "1" matches more than one facility$`));
    expect(existsSync(f('dup-out'))).toBe(false);
  });

  it('refuses a scenario with an unreadable row or an unknown action', async () => {
    writeFileSync(
      f('skip.geojson'),
      fcol([pointF(at(100, 100), { type: 'fitness' }), { type: 'Feature', properties: { action: 'remove', id: 'f1' }, geometry: null }]),
    );
    const r = await run(compare, [
      ...inputs,
      '--facilities',
      f('facilities.geojson'),
      '--scenario',
      f('skip.geojson'),
      '--out',
      f('skip-out'),
    ]);
    expect(r.code).toBe(1);
    expect(r.log).toMatch(/1 row\(s\) could not be read/);
    writeFileSync(f('word.geojson'), fcol([pointF(at(100, 100), { action: 'rebuild', id: 'f1' })]));
    const w = await run(compare, [
      ...inputs,
      '--facilities',
      f('facilities.geojson'),
      '--scenario',
      f('word.geojson'),
      '--out',
      f('word-out'),
    ]);
    expect(w.log).toBe(`compare: ${f('word.geojson')}: feature 0: field "action": "rebuild" is not add, move or remove`);
    expect(existsSync(f('skip-out')) || existsSync(f('word-out'))).toBe(false);
  });
});
