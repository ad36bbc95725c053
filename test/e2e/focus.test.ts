// County and township focus in real Chromium: choosing a county in the gap list sets the headline
// figures, the county list, the chart and the map (fitted, county highlighted) to it and is kept
// in the link; a township narrows further; "all" returns to the prefecture.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openApp, openSession, type Session } from './browser';

let s: Session;
const text = (id: string) => s.page.getByTestId(id).textContent();
const num = (v: string | null) => Number((v ?? '').replace(/,/g, ''));
const query = () => s.page.evaluate(() => Object.fromEntries(new URLSearchParams(location.search)));
/** The map's centre once it has stopped moving. */
const centre = () =>
  s.page.evaluate(
    () =>
      new Promise<[number, number]>((resolve) => {
        const map = window.__scp!.map;
        const done = () => {
          const c = map.getCenter();
          resolve([c.lng, c.lat]);
        };
        if (map.isMoving()) map.once('moveend', done);
        else done();
      }),
  );

/** Sum of the gap list's uncovered-demand column (all rows shown: under the 300-row cap). */
async function listedUncovered(): Promise<number> {
  const nums = await s.page.locator('[data-testid="gap-list"] .num').evaluateAll((els) => els.map((e) => e.firstChild?.textContent ?? ''));
  return nums.reduce((a, v) => a + num(v), 0);
}

describe('county and township focus', () => {
  beforeAll(async () => {
    s = await openSession();
    await openApp(s.page, inject('baseUrl'));
    await s.page.waitForFunction(() => performance.getEntriesByName('scp:analysis-shown').length > 0, undefined, { timeout: 170_000 });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('starts on the prefecture', async () => {
    expect(await text('figures-area')).toBe('红河州');
    expect(await s.page.locator('[data-testid="county-list"] li[data-code]').count()).toBe(13);
    expect((await query()).county).toBeUndefined();
  });

  it('a county sets the figures, the county list, the map and the link', async () => {
    await s.page.getByTestId('gap-county').selectOption({ label: '蒙自市' });
    expect(await text('figures-area')).toBe('蒙自市');
    // Headline figures are the county's: its gap communities and the demand beyond reach in them.
    const rows = await s.page.locator('[data-testid="gap-list"] li').count();
    expect(num(await text('gap-count'))).toBe(rows);
    expect(num(await text('gap-list-count'))).toBe(rows);
    // (each row is rounded for display: the sum may differ by half a unit per row)
    expect(Math.abs(num(await text('uncovered-demand')) - (await listedUncovered()))).toBeLessThanOrEqual(rows / 2);
    expect(num(await text('area-households'))).toBeGreaterThan(0);
    expect(
      await s.page.locator('[data-testid="county-list"] li[data-code]').evaluateAll((l) => l.map((e) => e.getAttribute('data-code'))),
    ).toEqual(['532503']);
    // The map fits the county (蒙自市 spans 103.21–103.82 E, 23.02–23.58 N) and highlights it.
    const [lon, lat] = await centre();
    expect(lon).toBeGreaterThan(103.21);
    expect(lon).toBeLessThan(103.82);
    expect(lat).toBeGreaterThan(23.02);
    expect(lat).toBeLessThan(23.58);
    expect(await s.page.evaluate(() => window.__scp!.map.getFilter('county-focus-line'))).toEqual([
      '==',
      ['to-string', ['get', 'code']],
      '532503',
    ]);
    expect((await query()).county).toBe('532503');
  });

  it('the chart marks the county in focus, and the map export offers it first', async () => {
    await s.page.getByTestId('indicators-btn').click();
    const panel = s.page.getByTestId('indicator-panel');
    await panel.waitFor();
    expect(await panel.locator('[data-testid="coverage-chart"] g.focus').getAttribute('data-county')).toBe('蒙自市');
    await s.page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await s.page.getByTestId('export-map-btn').click();
    const dlg = s.page.getByTestId('export-map-dialog');
    expect(await dlg.locator('select[name="extent"]').inputValue()).toBe('532503');
    expect(await dlg.locator('input[name="title"]').getAttribute('placeholder')).toBe('蒙自市 · 老年幸福食堂 · 现状');
    await s.page.keyboard.press('Escape');
    await dlg.waitFor({ state: 'detached' });
  });

  it('a township narrows the figures further; the link keeps both', async () => {
    const county = { gaps: num(await text('gap-count')), households: num(await text('area-households')) };
    const options = await s.page.getByTestId('gap-township').locator('option').allTextContents();
    expect(options.length).toBeGreaterThan(2);
    await s.page.getByTestId('gap-township').selectOption({ index: 1 });
    expect(await text('figures-area')).toBe(`蒙自市 ${options[1]}`);
    expect(num(await text('gap-count'))).toBeLessThanOrEqual(county.gaps);
    expect(num(await text('area-households'))).toBeLessThan(county.households);
    expect(num(await text('gap-count'))).toBe(await s.page.locator('[data-testid="gap-list"] li').count());
    const q = await query();
    expect(q.county).toBe('532503');
    expect(q.town).toMatch(/^\S+$/);
  });

  it('the focus comes back from the link', async () => {
    const q = await query();
    await openApp(s.page, new URL(`?county=${q.county}&town=${q.town}`, inject('baseUrl')).href);
    await s.page.waitForFunction(() => document.querySelector('[data-testid="figures-area"]') !== null, undefined, { timeout: 170_000 });
    expect(await text('figures-area')).toMatch(/^蒙自市 /);
    expect(await s.page.getByTestId('gap-county').inputValue()).not.toBe('-1');
  });

  it('"all counties" returns to the prefecture', async () => {
    await s.page.getByTestId('gap-county').selectOption('-1');
    expect(await text('figures-area')).toBe('红河州');
    expect(await s.page.locator('[data-testid="county-list"] li[data-code]').count()).toBe(13);
    expect((await query()).county).toBeUndefined();
    expect(await s.page.evaluate(() => window.__scp!.map.getLayer('county-focus-line') ?? null)).toBeNull();
  });

  it('logged no console errors', () => {
    expect(s.errors).toEqual([]);
  });
});
