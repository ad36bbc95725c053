// The hillshade is handed to the map as a BMP (src/map/bmp.ts) instead of a PNG, to spare the
// loading worker the encoding: Chromium must decode it to exactly the pixels the PNG gave. It
// arrives after the first analysis, and stays hidden if its switch was turned off before.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openSession, type Session } from './browser';
import { readGeoTiff } from '../../src/io/geotiff';
import { hillshadeRgba } from '../../src/map/hillshade';
import { rgbaBmp } from '../../src/map/bmp';

let s: Session;

describe('hillshade image', () => {
  beforeAll(async () => {
    s = await openSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it("the demo's hillshade as a BMP decodes to the same pixels as its PNG", async () => {
    const grid = await readGeoTiff(new Uint8Array(readFileSync('public/demo/dem.tif')));
    const rgba = hillshadeRgba(grid);
    const b64 = (a: Uint8Array | Uint8ClampedArray) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
    const diff = await s.page.evaluate(
      async ({ rgba64, bmp64, w, h }) => {
        const bytes = (x: string) => Uint8Array.from(atob(x), (c) => c.charCodeAt(0));
        const canvas = new OffscreenCanvas(w, h);
        canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(bytes(rgba64)), w, h), 0, 0);
        const png = await canvas.convertToBlob({ type: 'image/png' });
        const bmp = new Blob([bytes(bmp64)], { type: 'image/bmp' });
        const pixels = async (b: Blob, premultiplyAlpha: PremultiplyAlpha) => {
          const c = new OffscreenCanvas(w, h).getContext('2d')!;
          c.drawImage(await createImageBitmap(b, { premultiplyAlpha }), 0, 0);
          return c.getImageData(0, 0, w, h).data;
        };
        const out: number[] = [];
        for (const mode of ['default', 'none'] as const) {
          const [a, b] = [await pixels(png, mode), await pixels(bmp, mode)];
          let n = 0;
          for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
          out.push(n);
        }
        return out;
      },
      { rgba64: b64(rgba), bmp64: b64(rgbaBmp(rgba, grid.width, grid.height)), w: grid.width, h: grid.height },
    );
    expect(diff).toEqual([0, 0]);
  });

  it('stays hidden when its switch was turned off before it arrived', async () => {
    await s.page.goto(inject('baseUrl'));
    await s.page.locator('input[data-group="hillshade"]').uncheck({ timeout: 60_000 });
    expect(await s.page.evaluate(() => performance.getEntriesByName('scp:hillshade-set').length)).toBe(0);
    await s.page.waitForFunction(() => performance.getEntriesByName('scp:hillshade-set').length > 0, undefined, { timeout: 170_000 });
    expect(await s.page.evaluate(() => window.__scp!.map.getLayoutProperty('hillshade', 'visibility'))).toBe('none');
    await s.page.locator('input[data-group="hillshade"]').check();
    expect(await s.page.evaluate(() => window.__scp!.map.getLayoutProperty('hillshade', 'visibility'))).toBe('visible');
    expect(s.errors).toEqual([]);
  });
});
