// Presentation mode in real Chromium: P hides the editing controls and shows the large captions,
// ←/→ step from county to county (caption and map follow), Esc returns to the editing layout.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { bbox } from '@turf/turf';
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { openApp, openSession, type Session } from './browser';

let s: Session;
/** The camera before presenting: centre and zoom. */
let before: number[];
const camera = () =>
  s.page.evaluate(() => {
    const map = window.__scp!.map;
    return [map.getCenter().lng, map.getCenter().lat, map.getZoom()];
  });
/** County names in layer order (the order presentation mode steps through). */
let counties: string[];
/** County name → WGS84 bounds, from the served demo file. */
const boxes = new Map<string, number[]>();
const inside = ([x, y]: [number, number], b: number[]) => x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];

const caption = () => s.page.locator('[data-testid="present-county"]').textContent();
/** The map's centre once it has stopped moving. */
const centreAfterMove = () =>
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

describe('presentation mode', () => {
  beforeAll(async () => {
    for await (const f of deserialize(new Uint8Array(readFileSync('dist/demo/counties.fgb')))) {
      boxes.set(String(f.properties?.name), bbox(f as Parameters<typeof bbox>[0]));
    }
    counties = [...boxes.keys()];
    s = await openSession();
    await openApp(s.page, inject('baseUrl'));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('P enters: side panel and top bar hidden, prefecture caption shown large', async () => {
    await s.page.locator('[data-testid="present-btn"]:not([disabled])').waitFor();
    before = await camera();
    await s.page.locator('body').press('p');
    await s.page.locator('[data-testid="presentation"]').waitFor();
    expect(await s.page.locator('aside.side').isVisible()).toBe(false);
    expect(await s.page.locator('header.topbar').isVisible()).toBe(false);
    expect(await caption()).toBe('红河州全域');
    const size = await s.page.locator('[data-testid="present-county"]').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(48);
    // The map fills the window.
    const box = await s.page.locator('[data-testid="map"]').boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 1280, height: 800 });
  });

  it('arrows step through the counties, the map following', async () => {
    expect(counties).toHaveLength(13);
    await s.page.keyboard.press('ArrowRight');
    expect(await caption()).toBe(counties[0]);
    const c0 = await centreAfterMove();
    expect(inside(c0, boxes.get(counties[0])!)).toBe(true);
    await s.page.keyboard.press('ArrowRight');
    expect(await caption()).toBe(counties[1]);
    const c1 = await centreAfterMove();
    expect(inside(c1, boxes.get(counties[1])!)).toBe(true);
    // The shown county is highlighted (the others veiled), and the legend and caption lie
    // beside the county's extent on screen, not over it.
    expect(await s.page.evaluate(() => window.__scp!.map.getFilter('county-focus-line'))).toEqual([
      '==',
      ['to-string', ['get', 'code']],
      expect.any(String),
    ]);
    const clear = await s.page.evaluate((b) => {
      const map = window.__scp!.map;
      const [x0, y1] = [map.project([b[0], b[1]]).x, map.project([b[0], b[1]]).y];
      const [x1, y0] = [map.project([b[2], b[3]]).x, map.project([b[2], b[3]]).y];
      const apart = (r: DOMRect) => r.right <= x0 + 1 || r.left >= x1 - 1 || r.bottom <= y0 + 1 || r.top >= y1 - 1;
      return [
        apart(document.querySelector('.present-legend')!.getBoundingClientRect()),
        apart(document.querySelector('.present-title')!.getBoundingClientRect()),
      ];
    }, boxes.get(counties[1])!);
    expect(clear).toEqual([true, true]);
    await s.page.keyboard.press('ArrowLeft');
    expect(await caption()).toBe(counties[0]);
    await s.page.keyboard.press('ArrowLeft');
    expect(await caption()).toBe('红河州全域');
    // The whole prefecture: no county singled out.
    expect(await s.page.evaluate(() => window.__scp!.map.getLayer('county-focus-line') ?? null)).toBeNull();
    await s.page.keyboard.press('ArrowLeft');
    expect(await caption()).toBe(counties[12]);
  });

  it('Esc leaves: controls back, captions gone, the map back where it was (not left framed for the captions)', async () => {
    await s.page.keyboard.press('Escape');
    await s.page.locator('[data-testid="presentation"]').waitFor({ state: 'detached' });
    expect(await s.page.locator('aside.side').isVisible()).toBe(true);
    expect(await s.page.locator('header.topbar').isVisible()).toBe(true);
    expect(await s.page.evaluate(() => document.body.classList.contains('presenting'))).toBe(false);
    await centreAfterMove();
    const after = await camera();
    after.forEach((x, i) => expect(x).toBeCloseTo(before[i], 9));
  });

  it('logged no console errors', () => {
    expect(s.errors).toEqual([]);
  });
});
