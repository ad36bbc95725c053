// The multi-service gap on the whole demo: gaps.csv's missing_count is the sum of the per-type gap
// flags that communities.csv gives for the same run, community by community.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/analyze.ts';

const demo = (f: string) => join('public', 'demo', f);
const out = join(mkdtempSync(join(tmpdir(), 'demo-gaps-')), 'out');
const table = (path: string) => {
  const [head, ...rows] = readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
};

describe('gaps.csv on the demo', () => {
  it('gives, for every community, the count and list of the default services below target', async () => {
    const log: string[] = [];
    const code = await main(
      [
        '--communities',
        demo('communities.fgb'),
        '--households',
        demo('households.fgb'),
        '--facilities',
        demo('facilities.fgb'),
        '--network',
        demo('roads.fgb'),
        '--dem',
        demo('dem.tif'),
        '--out',
        out,
      ],
      (s) => log.push(s),
    );
    expect(code, log.join('\n')).toBe(0);
    const communities = table(join(out, 'communities.csv')),
      gaps = table(join(out, 'gaps.csv'));
    expect(gaps.length).toBe(1363);
    const codes = ['elderly_daycare', 'elderly_canteen', 'fire_station'];
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.multi_service_gap.types).toEqual(codes);
    const histogram = [0, 0, 0, 0];
    gaps.forEach((g, i) => {
      const c = communities[i];
      expect(g.code).toBe(c.code);
      const missing = codes.filter((t) => c[`${t}_gap`] === '1');
      expect(Number(g.missing_count)).toBe(missing.length);
      expect(g.missing).toBe(missing.join(';'));
      for (const t of codes) expect(g[`${t}_gap`]).toBe(c[`${t}_gap`]);
      histogram[missing.length]++;
    });
    expect(summary.multi_service_gap.communities_missing).toEqual(histogram);
    // Every community is in one of the 13 counties, so the county rows add up to the whole.
    const byCounty = Object.values(summary.multi_service_gap.counties as Record<string, number[]>);
    expect(byCounty.length).toBe(13);
    expect([0, 1, 2, 3].map((m) => byCounty.reduce((s, row) => s + row[m], 0))).toEqual(histogram);
  });
});
