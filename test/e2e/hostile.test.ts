// Issue 13 in real Chromium: the shared link that hung every later run now opens with the default
// in its place and says so; the settings form refuses out-of-range numbers in the UI language; a
// project file that blanked the app is refused with the project unchanged; a user-set basemap
// on another host loads under the tightened CSP; and a render failure shows a way back (export
// the project, reset to the demo) instead of a white page.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { zlibSync } from 'fflate';
import { crc32 } from '../../src/io/zip-size.ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openApp, openSession, type Session } from './browser';

/** A 256 × 256 PNG tile of one colour (RGB 8-bit). */
function solidPng(r: number, g: number, b: number): Buffer {
  const chunk = (type: string, data: Uint8Array) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4),
      crc = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(256, 0);
  ihdr.writeUInt32BE(256, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const rows = new Uint8Array(256 * (1 + 256 * 3));
  for (let y = 0; y < 256; y++) for (let x = 0; x < 256; x++) rows.set([r, g, b], y * (1 + 768) + 1 + 3 * x);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlibSync(rows)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
const TILE = solidPng(123, 44, 191);

let s: Session;
let base: string;

async function waitForFigures(): Promise<void> {
  await s.page.waitForFunction(
    () =>
      !document.querySelector('[data-testid="run-progress"]') &&
      document.querySelector<HTMLElement>('[data-testid="figures"]')?.dataset.state === 'current',
    undefined,
    { timeout: 240_000 },
  );
}

describe('hostile links, numbers and files in Chromium', () => {
  beforeAll(async () => {
    base = inject('baseUrl');
    s = await openSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('opens the link with 1e308 fitness minutes: default used, told so, circles and surface drawn', async () => {
    await openApp(s.page, `${base}?type=fitness&fitness=straight,4.5,1e308,1`);
    await waitForFigures();
    expect(await s.page.getByTestId('url-refused').innerText()).toContain('链接中的部分设置无效或超出范围，已改用默认值：fitness');
    expect(await s.page.getByTestId('type-select').inputValue()).toBe('fitness');
    expect(await s.page.getByTestId('minutes-input').inputValue()).toBe('15');
    await s.page.locator('input[data-group="fitnessCircle"]').check();
    await s.page.waitForFunction(
      async () => {
        const src = window.__scp!.map.getSource('catchment-fitness') as import('maplibre-gl').GeoJSONSource;
        const f = ((await src.getData()) as GeoJSON.FeatureCollection).features[0];
        return !!f && f.geometry.type === 'MultiPolygon' && f.geometry.coordinates.length > 0;
      },
      undefined,
      { timeout: 120_000, polling: 500 },
    );
    await s.page.locator('input[data-group="timeSurface"]').check();
    await s.page.waitForFunction(() => !!window.__scp?.surface?.grid, undefined, { timeout: 120_000, polling: 500 });
    // The link the app now writes holds no refused value.
    expect(new URL(s.page.url()).searchParams.get('fitness')).toBeNull();
  });

  it('the settings form refuses an out-of-range threshold in the UI language and keeps the last good one', async () => {
    const run = await s.page.getByTestId('figures').getAttribute('data-run');
    const minutes = s.page.getByTestId('minutes-input');
    await minutes.fill('1e308');
    expect(await s.page.getByTestId('minutes-input-error').innerText()).toBe('请输入 0 到 240 之间的数');
    expect(await minutes.getAttribute('aria-invalid')).toBe('true');
    await s.page.getByTestId('speed-input').fill('0');
    expect(await s.page.getByTestId('speed-input-error').innerText()).toBe('请输入 0.5 到 60 之间的数');
    await s.page.getByTestId('speed-input').fill('5');
    expect(await s.page.getByTestId('speed-input-error').count()).toBe(0);
    // 5 km/h ran; 1e308 minutes never reached the settings or the link.
    await s.page.waitForFunction((run) => document.querySelector<HTMLElement>('[data-testid="figures"]')?.dataset.run !== run, run, {
      timeout: 60_000,
    });
    await waitForFigures();
    expect(new URL(s.page.url()).searchParams.get('fitness')).toBe('network,5,15,1');
    const saves = await s.page.evaluate(() => Number(document.body.dataset.projectSaves ?? 0));
    await minutes.fill('20');
    expect(await s.page.getByTestId('minutes-input-error').count()).toBe(0);
    await s.page.waitForFunction(() => new URL(location.href).searchParams.get('fitness') === 'network,5,20,1', undefined, {
      timeout: 30_000,
    });
    // Saved in the browser (debounced): the way back below exports it.
    await s.page.waitForFunction((n) => Number(document.body.dataset.projectSaves ?? 0) > n, saves, { timeout: 30_000 });
  });

  it('refuses the project file that blanked the app, naming the field, with the project unchanged', async () => {
    const project = {
      format: 'service-circle-project',
      version: 1,
      layers: {},
      mappings: {},
      settings: { type: 'bogus', detour: 1.3, specs: [] },
    };
    await s.page
      .getByTestId('import-input')
      .setInputFiles({ name: 'bad.scp.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project)) });
    expect(await s.page.getByTestId('import-error').innerText()).toContain('项目文件无法读取（settings.type: "bogus"）');
    await s.page.getByTestId('import-dialog').getByRole('button').click();
    expect(await s.page.getByTestId('type-select').inputValue()).toBe('fitness');
    expect(await s.page.getByTestId('crash').count()).toBe(0);
    const minutes = {
      ...project,
      settings: {
        type: 'fitness',
        detour: 1.3,
        specs: [{ code: 'fitness', mode: 'straight', speedKmh: 4.5, minutes: 1e308, targetShare: 1, demand: 'population' }],
      },
    };
    await s.page
      .getByTestId('import-input')
      .setInputFiles({ name: 'bad2.scp.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(minutes)) });
    expect(await s.page.getByTestId('import-error').innerText()).toContain('settings.specs[0].minutes: 1e+308');
    await s.page.getByTestId('import-dialog').getByRole('button').click();
    expect(await s.page.getByTestId('minutes-input').inputValue()).toBe('20');
  });

  it('loads a user-set basemap from another origin under the CSP, which still refuses remote images', async () => {
    const tiles: string[] = [];
    const server = createServer((req, res) => {
      tiles.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' });
      res.end(TILE);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const tileUrl = `http://localhost:${(server.address() as AddressInfo).port}/{z}/{x}/{y}.png`;
    try {
      await s.page.getByRole('button', { name: '设置' }).click();
      await s.page.locator('.dialog input[type="url"]').fill(tileUrl);
      await s.page.getByRole('button', { name: '应用' }).click();
      await s.page.waitForFunction(
        () => {
          const map = window.__scp!.map;
          return !!map.getSource('basemap') && map.isSourceLoaded('basemap') && map.areTilesLoaded();
        },
        undefined,
        { timeout: 60_000, polling: 250 },
      );
      expect(tiles.length).toBeGreaterThan(0);
      expect(s.errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
      // The same host as a plain <img> is outside img-src.
      const blocked = await s.page.evaluate(
        (src) =>
          new Promise<string>((resolve) => {
            document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
            const img = new Image();
            img.src = src;
          }),
        tileUrl.replace('{z}/{x}/{y}', '1/1/1'),
      );
      expect(blocked).toBe('img-src');
    } finally {
      await s.page.getByRole('button', { name: '设置' }).click();
      await s.page.locator('.dialog input[type="url"]').fill('');
      await s.page.getByRole('button', { name: '应用' }).click();
      server.close();
    }
  });

  it('turns a render failure into a message with a way back: export the project, reset to the demo', async () => {
    // An unexpected failure while rendering: number formatting breaks, then the panel re-renders.
    await s.page.evaluate(() => {
      Object.defineProperty(Intl.NumberFormat.prototype, 'format', {
        get: () => () => {
          throw new Error('formatter broke');
        },
      });
    });
    // Any re-render now crashes, so the page may already be the crash screen (the toggle gone):
    // a DOM click re-renders if it is not, without waiting for a button that may be detached.
    await s.page.evaluate(() => document.querySelector<HTMLButtonElement>('[data-testid="lang-toggle"]')?.click());
    const crash = s.page.getByTestId('crash');
    await crash.waitFor({ timeout: 30_000 });
    expect(await crash.innerText()).toContain('界面出错了');
    expect(await crash.innerText()).toContain('formatter broke');
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.getByTestId('crash-export').click()]);
    const saved = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(saved.format).toBe('service-circle-project');
    expect(saved.settings.specs.find((t: { code: string }) => t.code === 'fitness')).toMatchObject({ speedKmh: 5, minutes: 20 });
    // Wait for the reload itself: the old page still says mapReady until the new one replaces it.
    await Promise.all([
      s.page.waitForURL((u) => !u.searchParams.has('fitness'), { timeout: 60_000 }),
      s.page.getByTestId('crash-reset').click(),
    ]);
    await s.page.waitForFunction(() => document.body.dataset.mapReady === 'true', undefined, { timeout: 120_000 });
    // The bare address: the link's settings are gone with the saved project.
    expect(new URL(s.page.url()).searchParams.get('fitness')).toBeNull();
    expect(await s.page.getByTestId('type-select').inputValue()).toBe('elderly_canteen');
    await waitForFigures();
    expect(await s.page.getByTestId('minutes-input').inputValue()).toBe('15');
    expect(await s.page.getByTestId('crash').count()).toBe(0);
  });
});
