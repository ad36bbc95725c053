// The planners' own formats in real Chromium: GDAL (gdal3.js) is fetched from the app's own
// files only when the first such file is dropped; GeoPackage, File Geodatabase and MapInfo files
// with several layers offer the choice, and a chosen layer is applied and analysed; DXF, KML,
// KMZ and GML read; a population GeoTIFF becomes households with the household size the dialog
// shows. The GDAL load time is printed, not asserted.
import { readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openApp, openSession, type Session } from './browser';

let s: Session;
let origin: string;
const requests: string[] = [];
const FX = 'test/fixtures/planner';

async function dropFile(name: string): Promise<void> {
  await s.page
    .getByTestId('import-input')
    .setInputFiles({ name, mimeType: 'application/octet-stream', buffer: readFileSync(`${FX}/${name}`) });
  await s.page.getByTestId('import-dialog').waitFor();
}

async function waitRead(): Promise<void> {
  await s.page.waitForFunction(
    () => !document.querySelector('[data-testid="import-dialog"] p')?.textContent?.match(/正在读取|Reading/),
    undefined,
    { timeout: 120_000 },
  );
}

const count = async () => Number((await s.page.getByTestId('import-count').innerText()).replace(/[^0-9]/g, ''));
const close = async () => {
  await s.page.getByTestId('import-dialog').getByRole('button', { name: '取消' }).click();
  await s.page.getByTestId('import-dialog').waitFor({ state: 'detached' });
};
const gdalRequests = () => requests.filter((u) => /gdal3/.test(u));

describe('planner formats in Chromium', () => {
  beforeAll(async () => {
    const base = inject('baseUrl');
    origin = new URL(base).origin;
    s = await openSession();
    s.context.on('request', (r) => requests.push(r.url()));
    await openApp(s.page, base);
    await s.page.waitForSelector('[data-testid="figures"][data-state="current"]', { timeout: 240_000 });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('loads no GDAL until a file needs it', () => {
    expect(gdalRequests()).toEqual([]);
  });

  it("GeoPackage: lists its three layers and reads the one chosen, with GDAL from the app's own files", async () => {
    await dropFile('case.gpkg');
    await waitRead();
    expect(await s.page.getByTestId('import-error').innerText()).toContain('文件包含多个图层');
    const layer = s.page.getByTestId('import-layer');
    expect(await layer.locator('option:not([disabled])').allInnerTexts()).toEqual(['communities', 'households', 'facilities']);
    await layer.selectOption('facilities');
    await s.page.getByTestId('import-error').waitFor({ state: 'detached' });
    expect(await count()).toBe(3);
    expect(await s.page.getByTestId('import-role').inputValue()).toBe('facilities');
    const gdal = gdalRequests();
    expect(gdal.some((u) => u.endsWith('.wasm'))).toBe(true);
    expect(gdal.every((u) => u.startsWith(origin))).toBe(true);
    const ms = await s.page.evaluate(() => performance.getEntriesByName('scp:gdal-loaded')[0]?.duration);
    const bytes =
      statSync('node_modules/gdal3.js/dist/package/gdal3WebAssembly.wasm').size +
      statSync('node_modules/gdal3.js/dist/package/gdal3WebAssembly.data').size;
    console.log(`GDAL (gdal3.js) in Chromium: ${(bytes / 1e6).toFixed(1)} MB wasm+data, loaded in ${Math.round(ms)} ms`);
    expect(ms).toBeGreaterThan(0);
    await close();
  });

  it('File Geodatabase (zipped .gdb) and MapInfo TAB (zip of three tables): the chosen layer', async () => {
    await dropFile('case.gdb.zip');
    await waitRead();
    await s.page.getByTestId('import-layer').selectOption('communities');
    await s.page.getByTestId('import-error').waitFor({ state: 'detached' });
    expect(await count()).toBe(3);
    expect(await s.page.getByTestId('import-role').inputValue()).toBe('communities');
    expect(await s.page.getByTestId('import-crs').locator('option:checked').innerText()).toMatch(/102°E/);
    await close();
    await dropFile('case_tab.zip');
    await waitRead();
    await s.page.getByTestId('import-layer').selectOption('households');
    await s.page.getByTestId('import-error').waitFor({ state: 'detached' });
    expect(await count()).toBe(6);
    expect(await s.page.getByTestId('import-field-households').inputValue()).toBe('households');
    await close();
  });

  it('a GeoPackage layer applied: the analysis runs on its facilities', { timeout: 400_000 }, async () => {
    const loads = await s.page.evaluate(() => performance.getEntriesByName('scp:worker-loaded').length);
    await dropFile('case.gpkg');
    await waitRead();
    await s.page.getByTestId('import-layer').selectOption('facilities');
    await s.page.getByTestId('import-error').waitFor({ state: 'detached' });
    await s.page.getByTestId('import-apply').click();
    await s.page.getByTestId('import-dialog').waitFor({ state: 'detached' });
    await s.page.waitForFunction(
      (n) =>
        performance.getEntriesByName('scp:worker-loaded').length > n &&
        !document.querySelector('[data-testid="run-progress"]') &&
        document.querySelector<HTMLElement>('[data-testid="figures"]')?.dataset.state === 'current',
      loads,
      { timeout: 300_000 },
    );
    expect(await s.page.getByTestId('imported-layers').innerText()).toContain('服务设施');
    // The shown type is the elderly canteen: the figures count the GeoPackage's canteens only.
    const fc = JSON.parse(readFileSync(`${FX}/facilities.geojson`, 'utf8')) as GeoJSON.FeatureCollection;
    const canteens = fc.features.filter((f) => f.properties?.type === 'elderly_canteen').length;
    expect(Number((await s.page.getByTestId('facility-count').innerText()).replace(/[^0-9]/g, ''))).toBe(canteens);
  });

  it('DXF closed polylines as communities; KML, KMZ and GML with their attributes', async () => {
    const cases: [string, number, string, string][] = [
      ['communities.dxf', 3, 'communities', ''],
      ['facilities.kml', 3, 'facilities', 'type'],
      ['communities.kmz', 3, 'communities', 'code'],
      ['households.gml', 6, 'households', 'households'],
      ['case_mif.zip', 3, 'communities', 'code'],
    ];
    for (const [name, n, role, field] of cases) {
      await dropFile(name);
      await waitRead();
      expect(await count(), name).toBe(n);
      expect(await s.page.getByTestId('import-role').inputValue(), name).toBe(role);
      if (field) expect(await s.page.getByTestId(`import-field-${field === 'type' ? 'type' : field}`).inputValue(), name).toBe(field);
      await close();
    }
  });

  it('building footprints as households: floor area per household and the floors field offered', async () => {
    await dropFile('buildings.geojson');
    await waitRead();
    await s.page.getByTestId('import-role').selectOption('households');
    expect(await s.page.getByTestId('import-area-per-household').inputValue()).toBe('90');
    expect(await s.page.getByTestId('import-household-size').inputValue()).toBe('3.09');
    expect(await s.page.getByTestId('import-field-floors').inputValue()).toBe('floors');
    expect(await s.page.getByTestId('import-field-households').inputValue()).toBe('households');
    await close();
  });

  it('facility type values matching no type are said, with their counts, and left out', async () => {
    const pt = (type: string, lon: number) => ({
      type: 'Feature',
      properties: { type, name: type },
      geometry: { type: 'Point', coordinates: [lon, 23.37] },
    });
    const fcol = { type: 'FeatureCollection', features: [pt('老年食堂', 103.38), pt('公交站', 103.381), pt('公交站', 103.382)] };
    await s.page
      .getByTestId('import-input')
      .setInputFiles({ name: 'stops.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(fcol)) });
    await s.page.getByTestId('import-dialog').waitFor();
    await waitRead();
    expect(await s.page.getByTestId('import-role').inputValue()).toBe('facilities');
    expect(await s.page.getByTestId('import-left-out').innerText()).toContain('公交站 (2)');
    await close();
  });

  it('Beijing-54 GK: chosen in the dialog, warned about until the seven parameters are entered', async () => {
    await dropFile('communities_bj54.geojson');
    await waitRead();
    const crs = s.page.getByTestId('import-crs');
    await crs.selectOption({ label: 'Beijing-54 3° GK CM 102°E (EPSG:2431)' });
    await s.page.waitForFunction(() => document.querySelector('.import-warnings')?.textContent?.includes('按公开的近似参数'));
    await s.page.getByTestId('import-towgs84').fill('15.53, -113.82, -41.38, 0, 0, 0.814');
    await s.page.getByTestId('import-towgs84').press('Enter');
    expect(await s.page.getByTestId('import-towgs84-error').innerText()).toContain('7 个数');
    await s.page.getByTestId('import-towgs84').fill('15.53, -113.82, -41.38, 0, 0, 0.814, -0.38');
    await s.page.getByTestId('import-towgs84').press('Enter');
    await s.page.waitForFunction(() => !document.querySelector('.import-warnings')?.textContent?.includes('按公开的近似参数'));
    expect(await crs.locator('option:checked').innerText()).toContain('+towgs84=15.53,-113.82,-41.38,0,0,0.814,-0.38');
    expect(await count()).toBe(3);
    await close();
  });

  it('a population GeoTIFF becomes households: cells and total shown, household size settable', { timeout: 400_000 }, async () => {
    await dropFile('pop.tif');
    await waitRead();
    const asc = readFileSync(`${FX}/pop.asc`, 'utf8')
      .trim()
      .split('\n')
      .slice(6)
      .flatMap((l) => l.trim().split(/\s+/).map(Number))
      .filter((v) => v > 0);
    expect(Number((await s.page.getByTestId('import-raster-cells').innerText()).replace(/[^0-9]/g, ''))).toBe(asc.length);
    const total = Math.round(asc.reduce((a, b) => a + b, 0));
    expect(Number((await s.page.getByTestId('import-raster-population').innerText()).replace(/[^0-9]/g, ''))).toBe(total);
    expect(await s.page.getByTestId('import-role').inputValue()).toBe('households');
    expect(await s.page.getByTestId('import-household-size').inputValue()).toBe('3.09');
    await s.page.getByTestId('import-household-size').fill('2.5');
    await s.page.getByTestId('import-apply').click();
    await s.page.getByTestId('import-dialog').waitFor({ state: 'detached' });
    await s.page.waitForFunction(
      () =>
        document.querySelector<HTMLElement>('[data-testid="figures"]')?.dataset.state === 'current' &&
        !document.querySelector('[data-testid="run-progress"]'),
      undefined,
      { timeout: 300_000 },
    );
    expect(await s.page.getByTestId('imported-layers').innerText()).toContain('住户');
    expect(requests.every((u) => u.startsWith(origin) || u.startsWith('blob:') || u.startsWith('data:'))).toBe(true);
    expect(s.errors, JSON.stringify(s.errors)).toEqual([]);
  });
});
