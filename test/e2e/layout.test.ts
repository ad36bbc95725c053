// The app at a desktop (1400 × 900), a tablet (1024 × 768) and a phone (390 × 844), in real
// Chromium: no horizontal overflow, every top-bar action on screen and clickable, the map at
// least half of the screen with the side panel (bottom sheet on the phone) open and closed.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openApp, openSession, type Session } from './browser';

let s: Session;

const SIZES = [
  { name: 'desktop', width: 1400, height: 900 },
  { name: 'tablet', width: 1024, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Overflow, top-bar actions not fully on screen or covered, and the map's share of the screen. */
async function measure() {
  return s.page.evaluate(() => {
    const W = innerWidth,
      H = innerHeight;
    const offscreen: string[] = [];
    for (const b of document.querySelectorAll<HTMLElement>('header.topbar button, header.topbar select')) {
      const r = b.getBoundingClientRect();
      const label = b.dataset.testid ?? b.textContent ?? '';
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (r.width === 0 || r.left < 0 || r.top < 0 || r.right > W || r.bottom > H || !(hit === b || b.contains(hit))) offscreen.push(label);
    }
    const m = document.querySelector('[data-testid="map"]')!.getBoundingClientRect();
    const mapShare =
      (Math.max(0, Math.min(m.right, W) - Math.max(m.left, 0)) * Math.max(0, Math.min(m.bottom, H) - Math.max(m.top, 0))) / (W * H);
    return {
      overflow: document.documentElement.scrollWidth - W,
      offscreen,
      mapShare,
      actions: document.querySelectorAll('header.topbar button').length,
      panel: document.querySelector('[data-testid="side-panel"]')!.getBoundingClientRect().toJSON() as DOMRect,
    };
  });
}

describe('layouts at three sizes', () => {
  beforeAll(async () => {
    s = await openSession();
    await openApp(s.page, inject('baseUrl'));
    await s.page.waitForFunction(() => performance.getEntriesByName('scp:analysis-shown').length > 0, undefined, { timeout: 170_000 });
  });
  afterAll(async () => {
    await s?.close();
  });

  for (const size of SIZES) {
    it(`${size.name} ${size.width}×${size.height}: no overflow, every action reachable, map ≥ half the screen, panel collapsible`, async () => {
      await s.page.setViewportSize({ width: size.width, height: size.height });
      const toggle = s.page.getByTestId('panel-toggle');
      if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
      await s.page.waitForTimeout(100); // one layout pass after the resize
      const open = await measure();
      expect(open.actions).toBeGreaterThanOrEqual(9);
      expect(open.overflow).toBeLessThanOrEqual(0);
      expect(open.offscreen).toEqual([]);
      expect(open.mapShare).toBeGreaterThanOrEqual(0.5);
      expect(open.panel.width).toBeGreaterThan(0);
      if (size.name === 'phone') {
        // A bottom sheet: full width, under the map.
        expect(open.panel.width).toBe(size.width);
        expect(open.panel.bottom).toBeCloseTo(size.height, 0);
      }
      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      const closed = await measure();
      expect(closed.panel.width).toBe(0);
      expect(closed.overflow).toBeLessThanOrEqual(0);
      expect(closed.offscreen).toEqual([]);
      expect(closed.mapShare).toBeGreaterThan(open.mapShare);
      await toggle.click();
    });
  }

  it('phone: the community details panel lies on screen', async () => {
    await s.page.setViewportSize({ width: 390, height: 844 });
    await s.page.locator('[data-testid="gap-list"] button').first().click();
    const d = await s.page.getByTestId('details').boundingBox();
    expect(d).not.toBeNull();
    expect(d!.x).toBeGreaterThanOrEqual(0);
    expect(d!.x + d!.width).toBeLessThanOrEqual(390);
    expect(d!.y + d!.height).toBeLessThanOrEqual(844);
  });

  it('logged no console errors', () => {
    expect(s.errors).toEqual([]);
  });
});
