// Bring-your-own-data in real Chromium: a corrupt file is refused in the UI language with the
// project unchanged; the GK village shapefile (GBK names) is dropped on the page and the XLSX
// canteen list picked, CRS and fields confirmed; both land in Honghe and the analysis runs on
// them; a reload restores the project, which exports to one file and reads back after a reset.
// Every request stays on the app's own origin, and the page ships a CSP.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openApp, openSession, type Session } from './browser';

let s: Session;
let origin: string;
const requests: string[] = [];
const fixture = (name: string) => readFileSync(`test/fixtures/in/${name}`);

/** Drops `name` on the page as the desktop would: a DataTransfer holding a File. */
async function dropFile(name: string, bytes: Buffer): Promise<void> {
  await s.page.evaluate(
    ({ name, b64 }) => {
      const bin = atob(b64);
      const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        document.body.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      }
    },
    { name, b64: bytes.toString('base64') },
  );
}

/** Waits until the analysis worker has been (re)loaded `n` times and its run is shown. */
async function waitForAnalysis(n: number): Promise<void> {
  try {
    await s.page.waitForFunction(
      (n) =>
        performance.getEntriesByName('scp:worker-loaded').length >= n &&
        !document.querySelector('[data-testid="run-progress"]') &&
        document.querySelector<HTMLElement>('[data-testid="figures"]')?.dataset.state === 'current',
      n,
      { timeout: 240_000 },
    );
  } catch (e) {
    const state = await s.page.evaluate(() => [
      performance.getEntriesByName('scp:worker-loaded').length,
      document.querySelector('.analysis')?.textContent?.slice(0, 300),
    ]);
    throw new Error(`analysis not shown: ${JSON.stringify(state)}; errors ${JSON.stringify(s.errors)}`, { cause: e });
  }
}

/** The features in the map's `communities` source. */
async function mapCommunities(): Promise<{ names: string[]; bbox: number[] }> {
  return s.page.evaluate(async () => {
    const src = window.__scp!.map.getSource('communities') as unknown as { getData(): Promise<GeoJSON.FeatureCollection> };
    const fc = await src.getData();
    const b = [Infinity, Infinity, -Infinity, -Infinity];
    const xy = fc.features
      .flatMap((f) => (f.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon).coordinates.flat(2) as unknown as number[])
      .flat();
    for (let i = 0; i < xy.length; i += 2) {
      b[0] = Math.min(b[0], xy[i]);
      b[1] = Math.min(b[1], xy[i + 1]);
      b[2] = Math.max(b[2], xy[i]);
      b[3] = Math.max(b[3], xy[i + 1]);
    }
    return { names: fc.features.map((f) => String(f.properties?.name)), bbox: b };
  });
}

const figure = async (id: string) => Number((await s.page.getByTestId(id).innerText()).replace(/[^0-9]/g, ''));

async function saves(): Promise<number> {
  return s.page.evaluate(() => Number(document.body.dataset.projectSaves ?? 0));
}

describe("importing a planner's files in Chromium", () => {
  beforeAll(async () => {
    const base = inject('baseUrl');
    origin = new URL(base).origin;
    s = await openSession();
    s.context.on('request', (r) => requests.push(r.url()));
    await openApp(s.page, base);
    await waitForAnalysis(1);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('ships a Content-Security-Policy allowing scripts from its own origin only', async () => {
    const csp = await s.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self'[^;]*;/);
    expect(csp).not.toMatch(/script-src[^;]*('unsafe-inline'|'unsafe-eval'|https:|\*)/);
    expect(csp).toContain("worker-src 'self' blob:");
  });

  it('refuses a truncated shapefile with a Chinese message and leaves the project as it was', async () => {
    const zip = fixture('villages_gk102_cpg.zip');
    await s.page.getByTestId('import-input').setInputFiles({ name: '村界.zip', mimeType: 'application/zip', buffer: zip.subarray(0, 700) });
    const msg = await s.page.getByTestId('import-error').innerText();
    expect(msg).toContain('导入失败');
    expect(msg).toContain('村界.zip');
    expect(msg).toContain('项目未作任何更改');
    await s.page.getByRole('button', { name: '关闭' }).click();
    expect(await s.page.getByTestId('imported-layers').count()).toBe(0);
    expect((await mapCommunities()).names.length).toBe(1363);
  });

  // Each import re-runs the analysis on the whole demo; on a loaded 2-core machine that can take minutes.
  it('takes the dropped GK village shapefile as communities with readable names, in Honghe', { timeout: 400_000 }, async () => {
    await dropFile('villages_gk102_cpg.zip', fixture('villages_gk102_cpg.zip'));
    const dialog = s.page.getByTestId('import-dialog');
    await dialog.waitFor();
    expect(await s.page.getByTestId('import-count').innerText()).toBe('6');
    const crs = s.page.getByTestId('import-crs');
    const declared = await crs.inputValue();
    expect(await crs.locator('option:checked').innerText()).toMatch(/3° GK CM 102°E/);
    // Choosing a wrong system shows why, in Chinese; choosing the right one again clears it.
    await crs.selectOption({ label: 'Web Mercator (EPSG:3857)' });
    expect(await s.page.getByTestId('import-error').innerText()).toContain('导入失败');
    expect(await s.page.getByTestId('import-apply').isDisabled()).toBe(true);
    await crs.selectOption(declared);
    await s.page.getByTestId('import-error').waitFor({ state: 'detached' });
    expect(await s.page.getByTestId('import-role').inputValue()).toBe('communities');
    expect(await s.page.getByTestId('import-field-code').inputValue()).toBe('CODE');
    expect(await s.page.getByTestId('import-field-name').inputValue()).toBe('NAME');
    expect(await s.page.getByTestId('import-preview').innerText()).toContain('蒙自市观澜社区');
    await s.page.getByTestId('import-apply').click();
    await dialog.waitFor({ state: 'detached' });
    await waitForAnalysis(2);
    expect(await s.page.getByTestId('imported-layers').innerText()).toContain('村（社区）');
    const { names, bbox } = await mapCommunities();
    expect(names).toContain('蒙自市观澜社区');
    expect(names.length).toBe(6);
    // Honghe lies within 101.7–104.8°E, 22.2–24.8°N.
    expect(bbox[0]).toBeGreaterThan(101.7);
    expect(bbox[2]).toBeLessThan(104.8);
    expect(bbox[1]).toBeGreaterThan(22.2);
    expect(bbox[3]).toBeLessThan(24.8);
    expect(await figure('gap-count')).toBeLessThanOrEqual(6); // gap communities now counted among the 6 villages
  });

  it('takes the picked XLSX canteen list as elderly canteens and the analysis counts them', { timeout: 400_000 }, async () => {
    await s.page.getByTestId('import-input').setInputFiles('test/fixtures/in/canteens.xlsx');
    await s.page.getByTestId('import-dialog').waitFor();
    expect(await s.page.getByTestId('import-role').inputValue()).toBe('facilities');
    const row = s.page.getByTestId('import-type-values').locator('select').first();
    expect(await row.inputValue()).toBe('elderly_canteen');
    expect(await s.page.getByTestId('import-type-values').innerText()).toContain('老年食堂');
    const n = Number(await s.page.getByTestId('import-count').innerText());
    const saved = await saves();
    await s.page.getByTestId('import-apply').click();
    await waitForAnalysis(3);
    expect(await figure('facility-count')).toBe(n); // facilities of the shown type (elderly canteen)
    await s.page.waitForFunction((b) => Number(document.body.dataset.projectSaves ?? 0) > b, saved);
  });

  it('restores the project after a reload', { timeout: 400_000 }, async () => {
    await s.page.reload();
    await s.page.waitForFunction(() => document.body.dataset.mapReady === 'true', undefined, { timeout: 240_000 });
    await waitForAnalysis(1);
    expect(await s.page.getByTestId('imported-layers').innerText()).toMatch(/村（社区）.*服务设施/);
    expect((await mapCommunities()).names.length).toBe(6);
    expect(await figure('facility-count')).toBe(5);
    // Results go back in the shapefile's own system (CGCS2000 3° GK CM 102) when asked.
    await s.page.getByTestId('indicators-btn').click();
    await s.page.getByTestId('export-source-crs').check();
    const [dl] = await Promise.all([s.page.waitForEvent('download'), s.page.locator('[data-export="results.geojson"]').click()]);
    const fc = JSON.parse(readFileSync((await dl.path())!, 'utf8'));
    expect(fc.crs.properties.name).toBe('urn:ogc:def:crs:EPSG::4543');
    expect(fc.features).toHaveLength(6);
    const [x, y] = fc.features[0].geometry.coordinates[0][0][0];
    expect(x).toBeGreaterThan(3e5);
    expect(x).toBeLessThan(7e5);
    expect(y).toBeGreaterThan(2.4e6);
    await s.page.getByTestId('indicator-panel').getByRole('button', { name: '关闭' }).click();
  });

  it('exports the project to one file, resets to the demo, and reads the file back', { timeout: 400_000 }, async () => {
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.getByTestId('export-project').click()]);
    expect(download.suggestedFilename()).toMatch(/\.scp\.json$/);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toContain('蒙自市观澜社区');
    await s.page.getByTestId('reset-demo').click();
    await s.page.getByTestId('reset-confirm').click();
    await waitForAnalysis(2);
    expect(await s.page.getByTestId('imported-layers').count()).toBe(0);
    expect((await mapCommunities()).names.length).toBe(1363);
    // A damaged project file is refused whole; the demo stays.
    await s.page
      .getByTestId('import-input')
      .setInputFiles({ name: 'p.scp.json', mimeType: 'application/json', buffer: Buffer.from(text.slice(0, 200)) });
    expect(await s.page.getByTestId('import-error').innerText()).toContain('项目文件无法读取');
    await s.page.getByRole('button', { name: '关闭' }).click();
    expect(await s.page.getByTestId('imported-layers').count()).toBe(0);
    await s.page.getByTestId('import-input').setInputFiles({ name: 'p.scp.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await waitForAnalysis(3);
    expect(await s.page.getByTestId('imported-layers').innerText()).toMatch(/村（社区）.*服务设施/);
    expect((await mapCommunities()).names.length).toBe(6);
    expect(await figure('facility-count')).toBe(5);
  });

  it('logged no errors and requested nothing beyond its own origin', () => {
    expect(s.errors).toEqual([]);
    const foreign = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(requests.length).toBeGreaterThan(5);
  });
});
