// A facility type of the planner's own in real Chromium: 幼儿园 added in the 设施类型 dialog (a
// duplicate code refused in Chinese first), a facilities file with 幼儿园 rows imported (its 小学
// row, no type in the catalogue, left out and said so), then the new type runs through the
// legend, the gap list, the optimiser and its site CSV, the gap CSV, the 规划指标 table and the
// printable report; after a reload the type is still there (saved with the project).
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openApp, openSession, type Session } from './browser';

let s: Session;

/** Waits until the analysis worker has been (re)loaded `n` times and its run is shown. */
async function waitForAnalysis(n: number): Promise<void> {
  await s.page.waitForFunction(
    (n) =>
      performance.getEntriesByName('scp:worker-loaded').length >= n &&
      !document.querySelector('[data-testid="run-progress"]') &&
      document.querySelector<HTMLElement>('[data-testid="figures"]')?.dataset.state === 'current',
    n,
    { timeout: 300_000 },
  );
}

async function downloadBytes(click: () => Promise<void>): Promise<Buffer> {
  const [dl] = await Promise.all([s.page.waitForEvent('download'), click()]);
  return readFileSync((await dl.path())!);
}
const download = async (click: () => Promise<void>) => (await downloadBytes(click)).toString('utf8').replace(/^\uFEFF/, '');

const at = (lon: number, lat: number, type: string, id: string) => ({
  type: 'Feature',
  properties: { id, name: `${type}${id}`, 类型: type },
  geometry: { type: 'Point', coordinates: [lon, lat] },
});
// Three kindergartens in Mengzi and Gejiu, and a primary school (no such type in the catalogue).
const FILE = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    at(103.385, 23.366, '幼儿园', 'k1'),
    at(103.405, 23.355, '幼儿园', 'k2'),
    at(103.16, 23.36, '幼儿园', 'k3'),
    at(103.39, 23.37, '小学', 'p1'),
  ],
});

describe("a planner's own facility type in Chromium", () => {
  beforeAll(async () => {
    s = await openSession();
    await openApp(s.page, inject('baseUrl'));
    await waitForAnalysis(1);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('adds 幼儿园 in the 设施类型 dialog, after refusing a duplicate code in Chinese', { timeout: 400_000 }, async () => {
    await s.page.getByTestId('catalogue-button').click();
    const dialog = s.page.getByTestId('catalogue-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('catalogue-table').locator('tr').count()).toBe(7);
    await dialog.getByTestId('catalogue-add').click();
    await dialog.getByTestId('cat-code').fill('fitness');
    await dialog.getByTestId('cat-zh').fill('幼儿园');
    await dialog.getByTestId('cat-en').fill('Kindergarten');
    await dialog.getByTestId('catalogue-save').click();
    expect(await dialog.getByTestId('catalogue-error').innerText()).toBe('类型不能保存：“代码”与已有类型重复');
    await dialog.getByTestId('cat-code').fill('kindergarten');
    await dialog.getByTestId('cat-minutes').fill('abc');
    await dialog.getByTestId('catalogue-save').click();
    expect(await dialog.getByTestId('catalogue-error').innerText()).toContain('“时间（分钟）”须为');
    await dialog.getByTestId('cat-minutes').fill('10');
    await dialog.getByTestId('cat-icon').fill('幼');
    await dialog.getByTestId('cat-color').fill('#e7ba52');
    await dialog.getByTestId('cat-demand').selectOption('population');
    await dialog.getByTestId('catalogue-save').click();
    await dialog.getByTestId('catalogue-error').waitFor({ state: 'detached' });
    const row = dialog.locator('tr[data-code="kindergarten"]');
    expect(await row.innerText()).toContain('幼儿园');
    expect(await row.innerText()).toContain('自定义');
    await dialog.getByTestId('catalogue-close').click();
    await waitForAnalysis(2);
    // The type is in the picker, the legend (its colour and icon letter) and the analysis.
    expect(await s.page.getByTestId('type-select').locator('option[value="kindergarten"]').innerText()).toBe('幼儿园');
    const legend = s.page.getByTestId('legend');
    expect(await legend.innerText()).toContain('幼儿园');
    expect(await legend.locator('.icon-dot', { hasText: '幼' }).getAttribute('style')).toContain('rgb(231, 186, 82)');
  });

  it('imports a facilities file: 幼儿园 rows become kindergartens, the 小学 row is left out and listed', { timeout: 400_000 }, async () => {
    await s.page
      .getByTestId('import-input')
      .setInputFiles({ name: '学前设施.geojson', mimeType: 'application/json', buffer: Buffer.from(FILE) });
    await s.page.getByTestId('import-dialog').waitFor();
    expect(await s.page.getByTestId('import-role').inputValue()).toBe('facilities');
    expect(await s.page.locator('[data-testid="import-type-values"] select[data-value="幼儿园"]').inputValue()).toBe('kindergarten');
    expect(await s.page.getByTestId('import-left-out').innerText()).toContain('小学 (1)');
    await s.page.getByTestId('import-apply').click();
    await waitForAnalysis(3);
    await s.page.getByTestId('type-select').selectOption('kindergarten');
    await s.page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="figures"]')?.dataset.state === 'current');
    expect(Number((await s.page.getByTestId('facility-count').innerText()).replace(/\D/g, ''))).toBe(3);
    // Three kindergartens cannot reach most of Honghe: a long gap list of this type.
    expect(await s.page.getByTestId('gap-list').locator('li').count()).toBeGreaterThan(10);
    expect(await s.page.getByTestId('rule-line').innerText()).toContain('10分钟步行');
  });

  it('draws kindergartens in their colour, details them, and takes a what-if kindergarten', { timeout: 400_000 }, async () => {
    const paint = await s.page.evaluate(() => JSON.stringify(window.__scp!.map.getPaintProperty('facility-points', 'circle-color')));
    expect(paint).toContain('"kindergarten","#e7ba52"');
    await s.page.getByTestId('gap-list').locator('button').first().click();
    const details = s.page.getByTestId('details');
    await details.waitFor();
    expect(await details.innerText()).toContain('幼儿园');
    await s.page.getByTestId('whatif-edit').click();
    const figures = s.page.getByTestId('whatif-figures');
    await s.page.waitForFunction(
      () => {
        const el = document.querySelector<HTMLElement>('[data-testid="whatif-figures"]');
        return el?.dataset.busy === 'false' && el.dataset.covered !== '';
      },
      undefined,
      { timeout: 120_000 },
    );
    const before = Number(await figures.getAttribute('data-covered'));
    // A kindergarten in central Jianshui, far from the three imported ones.
    const xy = await s.page.evaluate(async () => {
      const map = window.__scp!.map;
      map.jumpTo({ center: [102.826, 23.618], zoom: 14 });
      await new Promise((r) => map.once('idle', r));
      const pt = map.project([102.826, 23.618]);
      const box = map.getCanvas().getBoundingClientRect();
      return [box.left + pt.x, box.top + pt.y];
    });
    await s.page.mouse.click(xy[0], xy[1]);
    await s.page.waitForFunction(
      () => {
        const el = document.querySelector<HTMLElement>('[data-testid="whatif-figures"]');
        return el?.dataset.edits === '1' && el.dataset.busy === 'false';
      },
      undefined,
      { timeout: 120_000 },
    );
    expect(Number(await figures.getAttribute('data-covered'))).toBeGreaterThan(before);
    await s.page.getByTestId('whatif-edit').click(); // leave edit mode
  });

  it('sites kindergartens with the optimiser, and exports them as CSV', { timeout: 400_000 }, async () => {
    await s.page.getByTestId('opt-model-mclp').check();
    await s.page.getByTestId('opt-count').fill('3');
    await s.page.getByTestId('opt-run').click();
    await s.page.getByTestId('opt-results').waitFor({ timeout: 300_000 });
    const gains = await s.page
      .getByTestId('site-list')
      .locator('li')
      .evaluateAll((li) => li.map((x) => Number((x as HTMLElement).dataset.gain)));
    expect(gains).toHaveLength(3);
    for (const g of gains) expect(g).toBeGreaterThan(0);
    const csv = (await download(() => s.page.getByTestId('sites-csv').click())).split('\r\n');
    expect(csv[0]).toContain('设施类型');
    expect(csv.slice(1, 4).every((l) => l.includes('幼儿园'))).toBe(true);
  });

  it('names 幼儿园 in the gap CSV, the 规划指标 table and the report', { timeout: 400_000 }, async () => {
    await s.page.getByTestId('indicators-btn').click();
    const panel = s.page.getByTestId('indicator-panel');
    await panel.waitFor();
    expect(await panel.getByTestId('indicator-table').innerText()).toContain('幼儿园');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await downloadBytes(() => s.page.locator('[data-export="gaps.xlsx"]').click())) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    // The header row (after the title line) names the type column.
    let col = -1;
    sheet.eachRow((r) => void (col < 0 && (col = (r.values as unknown[]).indexOf('设施类型'))));
    expect(col).toBeGreaterThan(0);
    let kg = 0;
    sheet.eachRow((r) => void (r.getCell(col).value === '幼儿园' && kg++));
    expect(kg).toBeGreaterThan(10);
    const gaps = (await download(() => s.page.locator('[data-export="gaps.csv"]').click())).split('\r\n');
    const type = gaps[0].split(',').indexOf('设施类型');
    expect(type).toBeGreaterThanOrEqual(0);
    expect(gaps.filter((l) => l.split(',')[type] === '幼儿园').length).toBeGreaterThan(10);
    await s.page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await s.page.getByTestId('report-btn').click();
    const report = s.page.locator('[data-testid="report"]');
    await report.waitFor({ timeout: 120_000 });
    expect(await report.innerText()).toContain('幼儿园');
    expect(s.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });

  it('keeps the type after a reload (saved with the project)', { timeout: 400_000 }, async () => {
    await s.page.goto(inject('baseUrl'));
    await s.page.waitForFunction(() => document.body.dataset.mapReady === 'true', undefined, { timeout: 240_000 });
    await waitForAnalysis(1);
    expect(await s.page.getByTestId('legend').innerText()).toContain('幼儿园');
    await s.page.getByTestId('catalogue-button').click();
    expect(await s.page.locator('tr[data-code="kindergarten"]').innerText()).toContain('自定义');
  });

  it(
    "offers GB 50180-2018 as a preset: its types replace the plan's, the demo facilities of types it lacks are left out and said so",
    { timeout: 400_000 },
    async () => {
      await s.page.getByTestId('catalogue-close').click();
      await s.page.getByTestId('reset-demo').click();
      await s.page.getByTestId('reset-confirm').click();
      await waitForAnalysis(2);
      await s.page.getByTestId('catalogue-button').click();
      await s.page.getByTestId('catalogue-preset').selectOption('gb50180');
      expect(await s.page.getByTestId('catalogue-table').innerText()).toContain('十五分钟生活圈居住区');
      await s.page.getByTestId('catalogue-close').click();
      await waitForAnalysis(3);
      const legend = await s.page.getByTestId('legend').innerText();
      expect(legend).toContain('初中');
      expect(legend).not.toContain('老年幸福食堂');
      const notice = await s.page.getByTestId('facilities-skipped').innerText();
      expect(notice).toMatch(/老年幸福食堂 \(\d+\)/);
      expect(notice).toMatch(/微型消防站 \(\d+\)/);
      // The plan's day-care centres count as GB 50180's 老年人日间照料中心 (the same code).
      await s.page.getByTestId('type-select').selectOption('elderly_daycare');
      await s.page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="figures"]')?.dataset.state === 'current');
      expect(Number((await s.page.getByTestId('facility-count').innerText()).replace(/\D/g, ''))).toBeGreaterThan(0);
      expect(await s.page.getByTestId('rule-line').innerText()).toContain('5分钟步行');
    },
  );
});
