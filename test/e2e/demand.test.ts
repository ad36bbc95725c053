// Demand measures in the browser (issue 8): the elderly-canteen gap list is ranked by elderly
// residents beyond reach, and the county list shows the engine's equity figures.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openApp, openSession, type Session } from './browser';
import { demoEngine } from './engine';
import { defaultCommand, type CoverageResult } from '../../src/core/analysis/command';

let s: Session;
let result: CoverageResult;

describe('demand measures in Chromium', () => {
  beforeAll(async () => {
    const engine = await demoEngine();
    result = await engine.run(defaultCommand(['elderly_canteen']));
    s = await openSession();
    await openApp(s.page, `${inject('baseUrl')}?type=elderly_canteen`);
    await s.page.waitForSelector('[data-testid="figures"][data-state="current"]', { timeout: 120_000 });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('ranks canteen gaps by elderly residents beyond reach, as the engine counts them', async () => {
    const r = result.types[0];
    expect(r.demand).toBe('elderly');
    const c = r.communities;
    const expected = [...c.gap.keys()]
      .filter((i) => c.gap[i])
      .sort(
        (a, b) => c.uncovered[b] - c.uncovered[a] || c.households[b] - c.householdsCovered[b] - (c.households[a] - c.householdsCovered[a]),
      )
      .slice(0, 5);
    const heading = await s.page.locator('section.gaps h2').innerText();
    expect(heading).toContain('60岁以上老人');
    const items = s.page.getByTestId('gap-list').locator('button');
    for (let k = 0; k < 5; k++) {
      const text = await items.nth(k).locator('.num').innerText();
      expect(Number(text.split('\n')[0].replace(/[^0-9]/g, ''))).toBe(Math.round(c.uncovered[expected[k]]));
    }
    // Ranked by elderly, not households: the orders differ on the demo.
    const byHouseholds = [...expected].sort(
      (a, b) => c.households[b] - c.householdsCovered[b] - (c.households[a] - c.householdsCovered[a]),
    );
    expect(byHouseholds).not.toEqual(expected);
  });

  it("shows each county's Gini coefficient and share beyond reach from the engine", async () => {
    const r = result.types[0].counties;
    // The page formats in zh-CN (Chinese is the default language).
    const gini = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });
    const share = new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 0 });
    for (const [i, code] of result.counties.codes.entries()) {
      const row = s.page.locator(`[data-testid="county-list"] li[data-code="${code}"]`);
      expect(await row.locator('[data-field="gini"]').innerText()).toBe(gini.format(r.gini[i]));
      expect(await row.locator('[data-field="beyond"]').innerText()).toBe(share.format(r.uncovered[i] / r.demand[i]));
    }
    expect(s.errors).toEqual([]);
  });
});
