// The multi-service gap view (综合缺口) in real Chromium: three chosen services, the legend runs
// 0–3, the list is ranked as core ranks it, and the top community's details list exactly the
// services it lacks, as the engine computes them in node on the same data.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openApp, openSession, type Session } from './browser';
import { demoEngine } from './engine';
import { defaultCommand } from '../../src/core/analysis/command';
import {
  missingByCounty,
  missingCodes,
  multiServiceGap,
  rankMultiServiceGap,
  type MultiServiceGap,
} from '../../src/core/gaps/multi-service';
import type { Engine } from '../../src/core/analysis/run';

let s: Session;

/** The opacity of the community fills drawn only while their state is set (0: not drawn). */
const fillOpacities = () =>
  s.page.evaluate(() =>
    Object.fromEntries(['community-missing', 'community-diff'].map((id) => [id, window.__scp!.map.getPaintProperty(id, 'fill-opacity')])),
  );
let engine: Engine;
let g: MultiServiceGap;
const CODES = ['elderly_canteen', 'elderly_daycare', 'fitness'];

describe('multi-service gap view in Chromium', () => {
  beforeAll(async () => {
    s = await openSession();
    await openApp(s.page, `${inject('baseUrl')}?type=elderly_canteen`);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('counts the chosen services each community lacks, as the engine does', async () => {
    engine = await demoEngine();
    const res = await engine.run(defaultCommand(CODES));
    const h = engine.layers.households;
    g = multiServiceGap(res, CODES, h.households, h.community);
    const ranked = rankMultiServiceGap(g);
    const top = ranked[0];

    await s.page.getByTestId('figures').waitFor();
    // A fill is drawn only while its feature-state colours something (a transparent one still
    // costs the software GPU a pass per frame): the gap view not yet (the coverage always).
    expect(await fillOpacities()).toEqual({ 'community-missing': 0, 'community-diff': 0 });
    await s.page.getByTestId('multi-gap-toggle').check();
    // Default set: day-care, canteen, fire station; swap the fire station for fitness.
    await s.page.getByTestId('multi-gap-type-fitness').check();
    await s.page.getByTestId('multi-gap-type-fire_station').uncheck();
    expect(new URL(s.page.url()).searchParams.get('gaps')).toBe(CODES.join(','));

    const legend = s.page.getByTestId('missing-legend');
    expect(await legend.locator('[data-missing]').allInnerTexts()).toEqual(['0', '1', '2', '3']);

    const count = Number((await s.page.getByTestId('gap-list-count').innerText()).replace(/[^0-9]/g, ''));
    expect(count).toBe(ranked.length);
    // Headline: communities lacking 1, 2 and 3 of them.
    const figures = await s.page.getByTestId('multi-gap-figures').locator('dd[data-missing]').allInnerTexts();
    expect(figures.map((x) => Number(x.replace(/[^0-9]/g, '')))).toEqual([1, 2, 3].map((m) => g.missing.filter((x) => x === m).length));
    const first = s.page.getByTestId('gap-list').locator('button').first();
    const code = engine.layers.communities.codes[top];
    expect(await first.getAttribute('data-code')).toBe(code);
    expect(await first.getAttribute('data-missing')).toBe(missingCodes(g, top).join(','));

    await first.click();
    const details = s.page.getByTestId('missing-services');
    await details.waitFor();
    const listed = await details.locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    expect(listed).toEqual(missingCodes(g, top));
    // Each line gives the share, the target and the P90 minutes.
    expect(await details.locator('li').first().innerText()).toMatch(/%.*目标.*%.*P90|%.*目标.*%.*90/);

    // The map colours the community by the share of services it lacks.
    const state = await s.page.evaluate((id) => window.__scp!.map.getFeatureState({ source: 'communities', id }), code);
    expect(state.missingShare).toBeCloseTo(g.missing[top] / 3, 12);
    expect(await fillOpacities()).toEqual({ 'community-missing': 0.65, 'community-diff': 0 });
    expect(s.errors).toEqual([]);
  });

  it('per county, counts the communities lacking 0, 1, 2 and 3 of them', async () => {
    const {
      counties: { codes },
      countyOf,
    } = engine.regions;
    const want = missingByCounty(g, countyOf, codes.length);
    const rows = s.page.getByTestId('county-list').locator('li[data-code]');
    expect(await rows.count()).toBe(13);
    for (let r = 0; r < 13; r++) {
      const k = codes.indexOf(String(await rows.nth(r).getAttribute('data-code')));
      const cells = (await rows.nth(r).locator('[data-missing]').allInnerTexts()).map((x) => Number(x.replace(/[^0-9]/g, '')));
      expect(cells).toEqual(Array.from(want.subarray(k * 4, k * 4 + 4)));
    }
  });

  it('shows the county counts in 规划指标 and exports them, one column per type', async () => {
    await s.page.getByTestId('indicators-btn').click();
    const table = s.page.getByTestId('multi-gap-table');
    await table.waitFor();
    const all = await table.locator('tbody tr[data-area="prefecture"] td').allInnerTexts();
    expect(all.map((x) => Number(x.replace(/[^0-9]/g, '')))).toEqual([0, 1, 2, 3].map((m) => g.missing.filter((x) => x === m).length));
    expect(await table.locator('tbody tr').count()).toBe(1 + 13);
    const [d] = await Promise.all([
      s.page.waitForEvent('download', { timeout: 120_000 }),
      s.page.locator('[data-export="multigap.csv"]').click(),
    ]);
    const path = await d.path();
    const lines = readFileSync(path!, 'utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(
      '县市,乡镇（街道）,村（社区）代码,村（社区）,缺项数,缺少的服务,老年幸福食堂未达标,社区日间照料机构未达标,全民健身场地设施未达标,至少一项未覆盖户数',
    );
    // Ranked as the list: the top community first, in its township, with its missing services by name.
    const top = rankMultiServiceGap(g)[0];
    const r = engine.regions;
    expect(lines[1].split(',').slice(0, 3)).toEqual([
      r.counties.names[r.countyOf[top]],
      r.townships.names[r.townshipOf[top]],
      engine.layers.communities.codes[top],
    ]);
    expect(lines.filter((l) => l !== '').length).toBe(1 + 1363);
    await s.page.keyboard.press('Escape');
  });

  it('names the 综合缺口 in the map export and in presentation mode, with its legend', async () => {
    await s.page.getByTestId('export-map-btn').click();
    const dlg = s.page.getByTestId('export-map-dialog');
    expect(await dlg.locator('input[name="title"]').getAttribute('placeholder')).toContain(
      '综合缺口（老年幸福食堂、社区日间照料机构、全民健身场地设施）',
    );
    await s.page.keyboard.press('Escape');
    await dlg.waitFor({ state: 'detached' });
    await s.page.locator('body').press('p');
    await s.page.locator('.present-title').waitFor();
    expect(await s.page.locator('.present-title').innerText()).toContain('综合缺口');
    const legend = await s.page.locator('.present-legend').innerText();
    for (const m of [0, 1, 2, 3]) expect(legend).toContain(`缺${m}项`);
    expect(legend).not.toContain('微型消防站');
    await s.page.keyboard.press('Escape');
    await s.page.locator('.present-title').waitFor({ state: 'detached' });
  });

  it('prints a 综合缺口 page in the report while the view is on', async () => {
    await s.page.getByTestId('report-btn').click();
    const page = s.page.getByTestId('report-multi-gap');
    await page.waitFor({ timeout: 60_000 });
    expect(await page.locator('h2').innerText()).toBe('综合缺口 · 老年幸福食堂、社区日间照料机构、全民健身场地设施');
    const rows = page.locator('table.gap-table tbody tr');
    expect(await rows.first().getAttribute('data-code')).toBe(engine.layers.communities.codes[rankMultiServiceGap(g)[0]]);
    expect(await rows.count()).toBe(Math.min(30, rankMultiServiceGap(g).length));
    await s.page.keyboard.press('Escape');
  });

  it('is restored from a shared link', async () => {
    const url = s.page.url();
    const t = await openSession();
    try {
      await openApp(t.page, url);
      await t.page.getByTestId('missing-legend').waitFor();
      expect(await t.page.getByTestId('multi-gap-type-fitness').isChecked()).toBe(true);
      expect(await t.page.getByTestId('multi-gap-type-fire_station').isChecked()).toBe(false);
    } finally {
      await t.close();
    }
  });
});
