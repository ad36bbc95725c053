// The rough edges a first-time user hit, in real Chromium: the minutes field takes a new value
// after being cleared (no snap-back, no appending), the village-boundary checkbox leaves the
// coverage colours, Settings closes on Esc, a jump to a community shows a loading sign until the
// household points are drawn, and every type's status comes with its rule in words.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openApp, openSession, type Session } from './browser';

let s: Session;
const visibility = (id: string) => s.page.evaluate((id) => window.__scp!.map.getLayoutProperty(id, 'visibility') ?? 'visible', id);

describe('first-use bugs', () => {
  beforeAll(async () => {
    s = await openSession();
    await openApp(s.page, inject('baseUrl'));
    await s.page.waitForFunction(() => performance.getEntriesByName('scp:analysis-shown').length > 0, undefined, { timeout: 170_000 });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a cleared minutes field takes what is typed: "8" means 8 minutes, in the field and the link', async () => {
    const minutes = s.page.getByTestId('minutes-input');
    expect(await minutes.inputValue()).toBe('15');
    await minutes.fill('');
    expect(await minutes.inputValue()).toBe('');
    await minutes.pressSequentially('8');
    expect(await minutes.inputValue()).toBe('8');
    await s.page.waitForFunction(() => new URLSearchParams(location.search).get('elderly_canteen') === 'network,4.5,8,0.9');
    await minutes.fill('15');
    await s.page.waitForFunction(() => !new URLSearchParams(location.search).has('elderly_canteen'));
  });

  it('switching village boundaries off keeps the coverage colours', async () => {
    const box = s.page.locator('input[data-group="communities"]');
    await box.uncheck();
    expect(await visibility('community-line')).toBe('none');
    expect(await visibility('community-fill')).toBe('visible');
    expect(await visibility('community-gap')).toBe('visible');
    // Coverage has its own switch.
    await s.page.locator('input[data-group="coverage"]').uncheck();
    expect(await visibility('community-fill')).toBe('none');
    await s.page.locator('input[data-group="coverage"]').check();
    await box.check();
    expect(await visibility('community-line')).toBe('visible');
  });

  it('Settings closes on Esc', async () => {
    await s.page.getByTestId('settings-btn').click();
    await s.page.getByTestId('settings-dialog').waitFor();
    await s.page.keyboard.press('Escape');
    await s.page.getByTestId('settings-dialog').waitFor({ state: 'detached' });
  });

  it('a jump to a community shows a loading sign until the household points are drawn', async () => {
    expect(await s.page.getByTestId('households-loading').count()).toBe(0);
    await s.page.locator('[data-testid="gap-list"] button').first().click();
    await s.page.getByTestId('households-loading').waitFor({ timeout: 30_000 });
    expect(await s.page.getByTestId('households-loading').textContent()).toBe('正在加载住户点…');
    await s.page.getByTestId('households-loading').waitFor({ state: 'detached', timeout: 120_000 });
    // Drawn on the next frames once the source has loaded.
    await s.page.waitForFunction(() => window.__scp!.map.queryRenderedFeatures({ layers: ['household-points'] }).length > 0, undefined, {
      timeout: 30_000,
    });
  });

  it("explains each type's rule where its status shows; the coverage legend has its 0/50/100 % scale", async () => {
    // The details panel of the community picked above.
    const details = s.page.getByTestId('details');
    await details.waitFor();
    const rule = (code: string) => details.locator(`tr[data-type="${code}"] [data-testid="rule"]`).textContent();
    expect(await rule('fitness')).toBe('15分钟步行（沿道路网，4.5 km/h）；目标：≥ 100% 的人口可达');
    const fire = await rule('fire_station');
    expect(fire).toBe('3分钟车程（直线距离×绕行系数，15 km/h）；目标：≥ 90% 的户数可达');
    expect(fire).not.toContain('步行');
    for (const tag of await details.locator('.tag').allTextContents()) expect(tag).toMatch(/^(缺口|达标)（目标 ≥ \d+%）$/);
    expect(await s.page.getByTestId('rule-line').textContent()).toContain('目标：≥ 90% 的60岁以上老人可达');
    expect(await s.page.locator('[data-testid="coverage-scale"] .scale-values').textContent()).toBe('0%50%100%');
  });

  it("optimiser results lie in the panel's own scroll (no nested box) and zoom the map on a click", async () => {
    await s.page.getByTestId('opt-model-mclp').check();
    await s.page.getByTestId('opt-count').fill('3');
    await s.page.getByTestId('opt-run').click();
    await s.page.getByTestId('opt-results').waitFor({ timeout: 120_000 });
    const list = s.page.getByTestId('site-list');
    expect(await list.evaluate((el) => [getComputedStyle(el).overflowY, el.scrollHeight <= el.clientHeight])).toEqual(['visible', true]);
    const first = list.getByTestId('site-zoom').first();
    const site = [Number(await first.getAttribute('data-lon')), Number(await first.getAttribute('data-lat'))];
    await first.click();
    const at = await s.page.evaluate(
      () =>
        new Promise<[number, number, number]>((resolve) => {
          const map = window.__scp!.map;
          const done = () => resolve([map.getCenter().lng, map.getCenter().lat, map.getZoom()]);
          if (map.isMoving()) map.once('moveend', done);
          else done();
        }),
    );
    expect(at[2]).toBeGreaterThan(12);
    // The map centres on the first proposed site.
    expect(Math.abs(site[0] - at[0])).toBeLessThan(0.002);
    expect(Math.abs(site[1] - at[1])).toBeLessThan(0.002);
  });

  it('logged no console errors', () => {
    expect(s.errors).toEqual([]);
  });
});
