// The walking-time surface in real Chromium: switched on in the layer panel it colours the map
// (read back from the canvas) and shows its legend ramp; its minutes are the core's timeSurface
// run in node on the same dist/demo files with the same parameters; switched off it is gone.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { countMapColours, openApp, openSession, type Session } from './browser';
import { demoEngine } from './engine';
import { BACKGROUND } from '../../src/map/style';
import { SURFACE_OPACITY, SURFACE_RAMP } from '../../src/map/surfaceImage';
import type { LayerGroup } from '../../src/map/layers';
import { defaultCommand } from '../../src/core/analysis/command';
import { timeSurface } from '../../src/core/catchments/surface';

let s: Session;

/** Shows exactly the given layer groups through the layer panel. */
async function showOnly(groups: LayerGroup[]): Promise<void> {
  for (const box of await s.page.locator('input[data-group]').all()) {
    await box.setChecked(groups.includes((await box.getAttribute('data-group')) as LayerGroup));
  }
}

/** Waits until the map has drawn everything it has, sources included. */
async function settled(): Promise<void> {
  await s.page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__scp!.map;
        const check = () => (map.loaded() && map.areTilesLoaded() ? resolve() : map.once('idle', check));
        map.once('idle', check);
        map.triggerRepaint();
      }),
  );
}

/** Canvas pixels that are not the bare background (each channel within `tol`). */
async function nonBackground(tol = 6): Promise<number> {
  const [bare] = await countMapColours(s.page, [BACKGROUND], tol);
  const size = await s.page.evaluate(() => {
    const c = window.__scp!.map.getCanvas();
    return c.width * c.height;
  });
  return size - bare;
}

/** `hex` drawn at the surface's opacity over the background. */
function blended(hex: string): string {
  const ch = (h: string, i: number) => parseInt(h.slice(i, i + 2), 16);
  return `#${[1, 3, 5]
    .map((i) =>
      Math.round(SURFACE_OPACITY * ch(hex, i) + (1 - SURFACE_OPACITY) * ch(BACKGROUND, i))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

describe('walking-time surface in Chromium', () => {
  beforeAll(async () => {
    s = await openSession();
    await openApp(s.page, `${inject('baseUrl')}?type=elderly_canteen`);
    await s.page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid="figures"]')?.dataset.state === 'current',
      undefined,
      { timeout: 60_000 },
    );
  }, 90_000);
  afterAll(async () => {
    await s?.close();
  });

  it('is drawn when switched on, with its legend, and gone when switched off', async () => {
    await showOnly([]);
    await settled();
    expect(await nonBackground()).toBe(0);
    await showOnly(['timeSurface']);
    await s.page.waitForFunction(() => !!window.__scp?.surface, undefined, { timeout: 30_000 });
    await settled();
    expect(await nonBackground()).toBeGreaterThan(2000);
    const [near] = await countMapColours(s.page, [blended(SURFACE_RAMP.near)], 8);
    expect(near).toBeGreaterThan(200);
    await expect.poll(() => s.page.getByTestId('surface-legend').count()).toBe(1);
    await showOnly([]);
    await settled();
    expect(await nonBackground()).toBe(0);
    expect(await s.page.getByTestId('surface-legend').count()).toBe(0);
  }, 60_000);

  it('has the minutes the core gives in node for the same parameters', async () => {
    const page = await s.page.evaluate(() => {
      const x = window.__scp!.surface!;
      const finite: number[] = [];
      x.minutes.forEach((m, k) => {
        if (!Number.isNaN(m)) finite.push(k);
      });
      // A dozen finite cells spread over the grid, and a few NaN ones.
      const picks = Array.from({ length: 12 }, (_, q) => finite[Math.floor((q * finite.length) / 12)]);
      const nan = [0, x.minutes.length - 1, Math.floor(x.minutes.length / 2)].filter((k) => Number.isNaN(x.minutes[k]));
      return {
        code: x.code,
        mode: x.mode,
        speedKmh: x.speedKmh,
        threshold: x.threshold,
        capMinutes: x.capMinutes,
        cellM: x.cellM,
        grid: x.grid,
        finite: finite.length,
        picks: picks.map((k) => [k, x.minutes[k]]),
        nan,
      };
    });
    expect(page).toMatchObject({ code: 'elderly_canteen', mode: 'network', threshold: 15, capMinutes: 60 });
    const cmd = defaultCommand([page.code]);
    cmd.types[0] = { ...cmd.types[0], mode: page.mode, speedKmh: page.speedKmh, minutes: page.threshold };
    const node = timeSurface(await demoEngine(), cmd.types[0], cmd, page.cellM, page.capMinutes);
    expect(node.grid).toEqual(page.grid);
    expect(node.minutes.reduce((n, m) => n + (Number.isNaN(m) ? 0 : 1), 0)).toBe(page.finite);
    expect(page.finite).toBeGreaterThan(1000);
    for (const [k, m] of page.picks) expect(node.minutes[k]).toBe(m);
    expect(page.nan.length).toBeGreaterThan(0);
    for (const k of page.nan) expect(node.minutes[k]).toBeNaN();
  }, 60_000);

  it('logged no console errors', () => {
    expect(s.errors).toEqual([]);
  });
});
