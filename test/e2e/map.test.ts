// The built app in real headless Chromium: the demo loads with a progress bar, the map draws
// boundaries and households (checked from the map canvas' own pixels), the 13 counties are
// listed, and nothing logs an error.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { countMapColours, openApp, openSession, type Session } from './browser';
import { COUNTY_LINE, HOUSEHOLD_COLOR } from '../../src/map/style';
import type { LayerGroup } from '../../src/map/layers';

let s: Session;

/** Shows exactly the given layer groups through the layer panel, then waits for the map to settle. */
async function showOnly(groups: LayerGroup[]): Promise<void> {
  const boxes = await s.page.locator('input[data-group]').all();
  for (const box of boxes) {
    const group = (await box.getAttribute('data-group')) as LayerGroup;
    await box.setChecked(groups.includes(group));
  }
  await s.page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__scp!.map;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}

describe('demo map in Chromium', () => {
  beforeAll(async () => {
    s = await openSession();
    // Records whether the loading bar was ever on screen (it may be gone by the time we look).
    await s.page.addInitScript(() => {
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="load-progress"]')) document.documentElement.dataset.sawProgress = '1';
      }).observe(document, { childList: true, subtree: true });
    });
    await openApp(s.page, inject('baseUrl'));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('showed a progress bar while loading and hides it once loaded', async () => {
    expect(await s.page.evaluate(() => document.documentElement.dataset.sawProgress)).toBe('1');
    expect(await s.page.locator('[data-testid="load-progress"]').count()).toBe(0);
  });

  it('lists the 13 counties of Honghe', async () => {
    const names = await s.page.locator('[data-testid="county-list"] li[data-code] .name').allTextContents();
    expect(names).toHaveLength(13);
    expect(names).toContain('蒙自市');
    expect(names).toContain('个旧市');
  });

  it('draws county boundaries', async () => {
    await showOnly(['counties']);
    const [withLines] = await countMapColours(s.page, [COUNTY_LINE], 20);
    expect(withLines).toBeGreaterThan(2000);
    await showOnly([]);
    const [without] = await countMapColours(s.page, [COUNTY_LINE], 20);
    expect(without).toBe(0);
  });

  it('draws households (per-community circles at the initial zoom)', async () => {
    // Circles are translucent over the background: match the blended colour loosely.
    const blend = blendOnBackground(HOUSEHOLD_COLOR, 0.55);
    await showOnly(['households']);
    const [withHouseholds] = await countMapColours(s.page, [blend], 40);
    expect(withHouseholds).toBeGreaterThan(2000);
    await showOnly([]);
    const [without] = await countMapColours(s.page, [blend], 40);
    expect(without).toBe(0);
    await showOnly(['basemap', 'hillshade', 'communities', 'townships', 'counties', 'households', 'facilities']);
  });

  it('draws no layer of a source without features; the selected community is outlined alone', async () => {
    // On a software GPU each drawn fill or line source costs a pass over the whole view per frame.
    const visible = (ids: string[]) =>
      s.page.evaluate((ids) => ids.map((id) => window.__scp!.map.getLayoutProperty(id, 'visibility') ?? 'visible'), ids);
    const outline = async () => (await countMapColours(s.page, ['#111111'], 24))[0];
    await showOnly(['coverage', 'communities']);
    // The demo has no barriers; nothing is sited, edited or selected yet.
    expect(
      await visible(['barriers-line', 'siting-nobuild-fill', 'siting-nobuild-line', 'scenario-changes-move', 'community-selected']),
    ).toEqual(['none', 'none', 'none', 'none', 'none']);
    expect(await visible(['community-fill', 'community-line', 'community-gap'])).toEqual(['visible', 'visible', 'visible']);
    const before = await outline();
    expect(before).toBeLessThan(50);

    const box = (await s.page.getByTestId('map').boundingBox())!;
    await s.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await s.page.waitForFunction(() => window.__scp!.map.querySourceFeatures('community-selection').length > 0, undefined, {
      timeout: 30_000,
    });
    await showOnly(['coverage', 'communities']);
    expect(await visible(['community-selected'])).toEqual(['visible']);
    const codes = await s.page.evaluate(
      () => new Set(window.__scp!.map.querySourceFeatures('community-selection').map((f) => f.properties.code)).size,
    );
    expect(codes).toBe(1);
    expect(await outline()).toBeGreaterThan(before + 60); // a community is a few pixels across here

    // A click off every community clears it (the top-left corner lies outside Honghe).
    await s.page.mouse.click(box.x + 5, box.y + 5);
    await s.page.waitForFunction(() => window.__scp!.map.getLayoutProperty('community-selected', 'visibility') === 'none', undefined, {
      timeout: 30_000,
    });
    await showOnly(['coverage', 'communities']);
    expect(await outline()).toBeLessThan(50);
    await showOnly(['basemap', 'hillshade', 'communities', 'townships', 'counties', 'households', 'facilities']);
  });

  it('logged no console errors', () => {
    expect(s.errors).toEqual([]);
  });
});

/** `hex` at `alpha` over the map background, as hex. */
function blendOnBackground(hex: string, alpha: number): string {
  const bg = [0xf3, 0xf1, 0xea];
  return (
    '#' +
    [1, 3, 5]
      .map((i, k) =>
        Math.round(alpha * parseInt(hex.slice(i, i + 2), 16) + (1 - alpha) * bg[k])
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')
  );
}
