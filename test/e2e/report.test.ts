// Meeting outputs in real Chromium: the print PNG (exact pixel size from paper.ts; map, legend
// and scale bar visible in its pixels; the view on screen unmoved), the indicator workbook
// (reopened with exceljs), the gap CSV (BOM, Chinese headers) and the printable report (one
// section per county, one printed page per county).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { platformFonts } from './fonts';
import { pdfPages } from './pdf';
import ExcelJS from 'exceljs';
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BUILT_IN_TYPES } from '../../src/core/catalogue';
import { PLAN_TARGETS } from '../../src/core/indicators/targets';
import { gapColumns } from '../../src/io/export/tables';
import { overlaps, printLayout, type Rect } from '../../src/map/print/paper';
import { openApp, openSession, waitForAllTypes, type Session } from './browser';

let s: Session;
/** County names in layer order, from the served demo file. */
const counties: string[] = [];

async function bytesOf(d: Download): Promise<Buffer> {
  const path = await d.path();
  if (!path) throw new Error(`download ${d.suggestedFilename()} failed: ${await d.failure()}`);
  return readFileSync(path);
}

/** Clicks `selector` and returns the file it downloads. */
async function downloadBy(selector: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([s.page.waitForEvent('download', { timeout: 120_000 }), s.page.locator(selector).click()]);
  return { name: d.suggestedFilename(), bytes: await bytesOf(d) };
}

/** Pixels of `rect` in the PNG within `tol` of each colour, decoded in the page. */
async function countColours(png: Buffer, rect: Rect, colours: string[], tol: number): Promise<number[]> {
  return s.page.evaluate(
    async ({ b64, rect, colours, tol }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      const px = ctx.getImageData(Math.round(rect.x), Math.round(rect.y), Math.round(rect.w), Math.round(rect.h)).data;
      const rgb = colours.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
      return rgb.map(([r, g, b]) => {
        let n = 0;
        for (let i = 0; i < px.length; i += 4) {
          if (Math.abs(px[i] - r) <= tol && Math.abs(px[i + 1] - g) <= tol && Math.abs(px[i + 2] - b) <= tol) n++;
        }
        return n;
      });
    },
    { b64: png.toString('base64'), rect, colours, tol },
  );
}

describe('meeting outputs', () => {
  beforeAll(async () => {
    s = await openSession();
    mkdirSync('test-results', { recursive: true });
    await openApp(s.page, inject('baseUrl'));
    // Indicators and gaps use the worker's coverage result: wait for the first one on the map.
    await s.page.waitForFunction(() => performance.getEntriesByName('scp:analysis-shown').length > 0, undefined, { timeout: 170_000 });
    for await (const f of deserialize(new Uint8Array(readFileSync('dist/demo/counties.fgb')))) counties.push(String(f.properties?.name));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('exports an A4 landscape 150 dpi PNG of exact size: map frame, legend and scale in the margin, only the shown type; the view stays', async () => {
    const view = () =>
      s.page.evaluate(() => {
        const m = window.__scp!.map;
        return [m.getCenter().lng, m.getCenter().lat, m.getZoom()];
      });
    const before = await view();
    await s.page.locator('[data-testid="export-map-btn"]').click();
    const dlg = s.page.locator('[data-testid="export-map-dialog"]');
    // The title names the area shown: the whole prefecture now, a county when one is chosen.
    expect(await dlg.locator('input[name="title"]').getAttribute('placeholder')).toBe('红河州 · 老年幸福食堂 · 现状');
    await dlg.locator('select[name="extent"]').selectOption({ label: '蒙自市' });
    expect(await dlg.locator('input[name="title"]').getAttribute('placeholder')).toBe('蒙自市 · 老年幸福食堂 · 现状');
    await dlg.locator('select[name="extent"]').selectOption('');
    await dlg.locator('select[name="paper"]').selectOption('A4');
    await dlg.locator('select[name="orientation"]').selectOption('landscape');
    await dlg.locator('select[name="dpi"]').selectOption('150');
    const { name, bytes } = await downloadBy('[data-testid="export-png"]');
    expect(name).toMatch(/A4_150dpi.*\.png$/);
    const L = printLayout({ paper: 'A4', orientation: 'landscape', dpi: 150 });
    expect([L.width, L.height]).toEqual([1754, 1240]);
    // PNG signature, then the IHDR chunk: width and height, big-endian.
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1754, 1240]);

    // Map: the middle of the map frame is drawn (paper-coloured background, coverage fills), not blank white.
    const m = L.map;
    const middle = { x: m.x + m.w * 0.3, y: m.y + m.h * 0.3, w: m.w * 0.4, h: m.h * 0.4 };
    const [white] = await countColours(bytes, middle, ['#ffffff'], 2);
    expect(white / (middle.w * middle.h)).toBeLessThan(0.2);
    const [paperBg, low, high] = await countColours(bytes, m, ['#f3f1ea', '#e58a72', '#d1e7c8'], 30);
    expect(paperBg + low + high).toBeGreaterThan(0.2 * m.w * m.h);
    // Legend in the margin panel, never over the data: its opaque coverage scale carries the exact
    // ramp colours, which the translucent map fill never shows, so they appear in the legend box
    // and nowhere in the map frame.
    expect(overlaps(L.legend, L.map)).toBe(false);
    const ramp = ['#d7301f', '#fdcc8a', '#b8e0b0'];
    for (const n of await countColours(bytes, L.legend, ramp, 3)) expect(n).toBeGreaterThan(100);
    for (const n of await countColours(bytes, L.map, ramp, 3)) expect(n).toBe(0);
    // Only the shown type (elderly canteen, orange) in the legend, none of the other six.
    const [shown, ...others] = await countColours(
      bytes,
      L.legend,
      ['#ff7f0e', ...BUILT_IN_TYPES.filter((f) => f.code !== 'elderly_canteen').map((f) => f.color)],
      3,
    );
    expect(shown).toBeGreaterThan(50);
    expect(others).toEqual([0, 0, 0, 0, 0, 0]);
    // …and on the map only that type's facilities are drawn.
    const [shownOnMap, ...othersOnMap] = await countColours(
      bytes,
      L.map,
      ['#ff7f0e', ...BUILT_IN_TYPES.filter((f) => f.code !== 'elderly_canteen').map((f) => f.color)],
      3,
    );
    expect(shownOnMap).toBeGreaterThan(50);
    expect(othersOnMap).toEqual([0, 0, 0, 0, 0, 0]);
    // Locator inset: the frame marked in red on the prefecture.
    const [mark] = await countColours(bytes, L.inset, ['#d62728'], 3);
    expect(mark).toBeGreaterThan(100);
    // Scale bar in its cell: the dark half of the bar.
    const [ink] = await countColours(bytes, L.scale, ['#1a1a1a'], 8);
    expect(ink).toBeGreaterThan(200);
    expect(await s.page.locator('[data-testid="export-map-status"]').textContent()).toContain('已导出');
    writeFileSync('test-results/export-A4-landscape.png', bytes);
    expect(await view()).toEqual(before);
    await s.page.keyboard.press('Escape');
  });

  it('names the county a zoomed view shows in the export title', async () => {
    await s.page.evaluate(() => window.__scp!.map.jumpTo({ center: [103.5, 23.33], zoom: 10 }));
    await s.page.locator('[data-testid="export-map-btn"]').click();
    const dlg = s.page.locator('[data-testid="export-map-dialog"]');
    expect(await dlg.locator('input[name="title"]').getAttribute('placeholder')).toBe('蒙自市 · 老年幸福食堂 · 现状');
    await s.page.keyboard.press('Escape');
    await dlg.waitFor({ state: 'detached' });
  });

  it('exports the indicator workbook that reopens with the expected sheets, headers and rows', async () => {
    await waitForAllTypes(s.page);
    await s.page.locator('[data-testid="indicators-btn"]').click();
    const panel = s.page.locator('[data-testid="indicator-panel"]');
    await panel.waitFor();
    const uiRows = await panel.locator('[data-testid="indicator-table"] tbody tr').count();
    // The plan's seven targets, then walking coverage for every catalogue type the analysis ran.
    expect(uiRows).toBe(PLAN_TARGETS.length + BUILT_IN_TYPES.length);
    // Status is spelled out, not only coloured.
    expect(await panel.locator('td[data-status="not_met"] .st').first().textContent()).toContain('未达标');
    expect(await panel.locator('[data-testid="coverage-chart"] g[data-county]').count()).toBe(13);

    const { name, bytes } = await downloadBy('[data-export="indicators.xlsx"]');
    expect(name).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['指标', '指标明细', '缺口村（社区）', '建议选址']);
    const ind = wb.worksheets[0];
    const zh = (ind.getRow(2).values as unknown[]).slice(1);
    expect(zh).toEqual(['指标', '2025年目标', '全州', ...counties]);
    expect((ind.getRow(3).values as unknown[]).slice(1, 4)).toEqual(['Indicator', '2025 target', 'Prefecture']);
    expect(ind.rowCount).toBe(3 + uiRows);
    expect(ind.getRow(4).getCell(1).value).toBe(PLAN_TARGETS[0].zh);
    const detail = wb.worksheets[1];
    expect(detail.rowCount).toBe(2 + uiRows * 14);
    const gaps = wb.worksheets[2];
    expect((gaps.getRow(1).values as unknown[]).slice(1)).toEqual(gapColumns().map((c) => c.zh));
    expect(gaps.rowCount).toBeGreaterThan(2);
  });

  it('exports the gap list as CSV with a BOM and Chinese headers, and results as GeoJSON', async () => {
    const csv = await downloadBy('[data-export="gaps.csv"]');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(
      gapColumns()
        .map((c) => c.zh)
        .join(','),
    );
    expect(lines.length).toBeGreaterThan(3);
    // Each row names its rule with the type's travel profile ("15分钟步行", "3分钟车程").
    const rule = gapColumns().findIndex((c) => c.key === 'rule');
    expect(lines[1].split(',')[rule]).toMatch(/^\d+分钟(步行|电动自行车骑行|车程)$/);
    const gj = await downloadBy('[data-export="results.geojson"]');
    const fc = JSON.parse(gj.bytes.toString('utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(1363);
    expect(fc.features[0].geometry.type).toBe('MultiPolygon');
    const fgb = await downloadBy('[data-export="results.fgb"]');
    expect([...fgb.bytes.subarray(0, 3)]).toEqual([0x66, 0x67, 0x62]); // "fgb"
    await s.page.keyboard.press('Escape');
    await s.page.locator('[data-testid="indicator-panel"]').waitFor({ state: 'detached' });
  });

  /** Prints the open atlas in `paper` × `orientation` once its maps are drawn; the page texts. */
  async function printAtlas(paper: 'A4' | 'A3', orientation: 'portrait' | 'landscape'): Promise<string[]> {
    const report = s.page.locator('[data-testid="report"]');
    await report.locator('select[name="atlas-paper"]').selectOption(paper);
    await report.locator('select[name="atlas-orientation"]').selectOption(orientation);
    await s.page.waitForFunction(
      () => document.querySelector('[data-testid="report"]')?.getAttribute('data-maps-done') === 'true',
      undefined,
      { timeout: 300_000 },
    );
    const pdf = await s.page.pdf({ preferCSSPageSize: true });
    writeFileSync(`test-results/atlas-${paper}-${orientation}.pdf`, pdf);
    return pdfPages(pdf);
  }

  it('opens the atlas (?report=1): the prefecture page, then one page per county, each titled with its area', async () => {
    await s.page.goto(new URL('?report=1', inject('baseUrl')).href);
    const report = s.page.locator('[data-testid="report"]');
    await report.waitFor({ timeout: 120_000 });
    expect(await report.locator('section.atlas-page').count()).toBe(1 + 13);
    expect(await report.locator('section.atlas-page h2').allTextContents()).toEqual(['红河州', ...counties]);
    // Maps are drawn once the data is on the map and redrawn with the coverage colours.
    await s.page.waitForFunction(() => performance.getEntriesByName('scp:analysis-shown').length > 0, undefined, { timeout: 170_000 });
    await s.page.waitForFunction(
      () => document.querySelector('[data-testid="report"]')?.getAttribute('data-maps-done') === 'true',
      undefined,
      { timeout: 170_000 },
    );
    // Each map frame is drawn at 150 dpi for A4 portrait's 186 mm content width (1098 px).
    await s.page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('img.atlas-map')].every((i) => i.complete));
    const widths = await report.locator('img.atlas-map').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
    expect(widths).toEqual(new Array(14).fill(1098));
    // Long county names wrap in the chart, never cut: every label line lies inside the chart.
    const labels = await report
      .locator('[data-testid="coverage-chart"] text.label')
      .evaluateAll((ts) =>
        ts.map((t) => ({ text: t.textContent, lines: t.querySelectorAll('tspan').length, x: (t as SVGGraphicsElement).getBBox().x })),
      );
    expect(labels.map((l) => l.text)).toEqual(counties);
    for (const l of labels) expect(l.x).toBeGreaterThanOrEqual(0);
    expect(labels.find((l) => l.text === '金平苗族瑶族傣族自治县')?.lines).toBe(2);
    // Laid out with real CJK fonts (CI installs fonts-noto-cjk), not missing-glyph boxes.
    expect(await platformFonts(s.page, '.atlas-page h2')).toContain('Noto Sans CJK SC');
  });

  // Both papers and both orientations, in two prints (each costs a minute of drawing).
  for (const [paper, orientation] of [
    ['A4', 'portrait'],
    ['A3', 'landscape'],
  ] as const) {
    it(`prints the atlas on ${paper} ${orientation}: 14 pages, each headed by its area, the first with the titled chart`, async () => {
      const pages = await printAtlas(paper, orientation);
      expect(pages).toHaveLength(1 + 13);
      expect(pages.map((p) => p.trimStart().split('\n')[0].trim())).toEqual(['红河州', ...counties]);
      expect(pages[0]).toContain('各县市服务圈覆盖率');
      expect(pages[0]).toContain('金平苗族瑶族');
      // Every county page carries its indicator table (header and last row) and the credits.
      for (const text of pages.slice(1)) {
        expect(text).toContain('2025年目标');
        expect(text).toContain('村卫生室/社区卫生服务站');
        expect(text).toContain('DataV.GeoAtlas');
      }
    }, 360_000);
  }

  it('logged no console errors', () => {
    expect(s.errors).toEqual([]);
  });
});
