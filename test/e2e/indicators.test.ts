// The app's 规划指标 table equals the CLI's indicators.json on the same inputs (the demo the app
// serves, the app's default settings): one function (core/indicators/from-layers.ts) behind both.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/analyze';
import { BUILT_IN_TYPES } from '../../src/core/catalogue';
import { openApp, openSession, waitForAllTypes, type Session } from './browser';

interface IndicatorsJson {
  targets: { id: string; zh: string; target: number; unit: string; scope: string }[];
  counties: Record<string, Record<string, number | null | string>>;
  prefecture: Record<string, number | null>;
}

let s: Session;
let cli: IndicatorsJson;

describe('规划指标: app and CLI', () => {
  beforeAll(async () => {
    // The CLI on the files the app loads, every catalogue type (as the app runs them) at its defaults.
    const demo = (f: string) => join('dist', 'demo', f);
    const out = join(mkdtempSync(join(tmpdir(), 'indicators-')), 'out');
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
        '--townships',
        demo('townships.fgb'),
        '--counties',
        demo('counties.fgb'),
        ...BUILT_IN_TYPES.flatMap((t) => ['--minutes', `${t.code}=${t.minutes}`]),
        '--out',
        out,
      ],
      (m) => log.push(m),
    );
    expect(code, log.join('\n')).toBe(0);
    cli = JSON.parse(readFileSync(join(out, 'indicators.json'), 'utf8'));
    s = await openSession();
    await openApp(s.page, inject('baseUrl'));
    // The table is compared once every type is computed.
    await waitForAllTypes(s.page);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows the same indicators, counties and values as indicators.json', async () => {
    await s.page.getByTestId('indicators-btn').click();
    const table = s.page.getByTestId('indicator-table');
    await table.waitFor();
    expect(await s.page.getByTestId('indicators-computing').count()).toBe(0);
    const app = await table.evaluate((t) => ({
      counties: [...t.querySelectorAll('thead th')].slice(3).map((th) => th.textContent ?? ''),
      rows: [...t.querySelectorAll('tbody tr')].map((tr) => ({
        id: (tr as HTMLElement).dataset.indicator ?? '',
        values: [...tr.querySelectorAll('td.ind-cell')].map((td) => Number((td as HTMLElement).dataset.value)),
      })),
    }));
    expect(app.rows.map((r) => r.id)).toEqual(cli.targets.map((t) => t.id));
    expect(app.rows.length).toBe(7 + BUILT_IN_TYPES.length);
    // Counties in the app's column order, found in the CLI's file by name.
    const codeOf = new Map(Object.entries(cli.counties).map(([code, c]) => [c.name as string, code]));
    expect(app.counties.length).toBe(13);
    expect(app.counties.every((n) => codeOf.has(n))).toBe(true);
    const same = (ui: number, json: number | null | string | undefined) => {
      if (json === null) expect(ui).toBeNaN();
      else expect(ui).toBeCloseTo(json as number, 12);
    };
    let between = 0;
    for (const r of app.rows) {
      same(r.values[0], cli.prefecture[r.id]);
      app.counties.forEach((name, k) => same(r.values[k + 1], cli.counties[codeOf.get(name)!][r.id]));
      between += r.values.filter((v) => v > 0 && v < 1).length;
    }
    // Not a table of zeros: many cells lie strictly between none and all.
    expect(between).toBeGreaterThan(20);
  });

  it('logged no console errors', () => {
    expect(s.errors).toEqual([]);
  });
});
