// Print page maths (src/map/print/paper.ts): the PNG export's pixel sizes and scale bar.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  EARTH_CIRCUMFERENCE_M,
  metresPerPixel,
  mmToPx,
  niceLength,
  overlaps,
  paperPixels,
  printCredits,
  printLayout,
  scaleBar,
  type Rect,
} from '../../../src/map/print/paper.ts';

describe('paperPixels', () => {
  it('gives the standard pixel sizes', () => {
    expect(paperPixels({ paper: 'A4', orientation: 'landscape', dpi: 300 })).toEqual({ width: 3508, height: 2480 });
    expect(paperPixels({ paper: 'A4', orientation: 'portrait', dpi: 300 })).toEqual({ width: 2480, height: 3508 });
    expect(paperPixels({ paper: 'A4', orientation: 'portrait', dpi: 150 })).toEqual({ width: 1240, height: 1754 });
    expect(paperPixels({ paper: 'A3', orientation: 'landscape', dpi: 300 })).toEqual({ width: 4961, height: 3508 });
    expect(paperPixels({ paper: 'A3', orientation: 'portrait', dpi: 200 })).toEqual({ width: 2339, height: 3307 });
  });

  it('rejects an unusable resolution', () => {
    expect(() => paperPixels({ paper: 'A4', orientation: 'portrait', dpi: 0 })).toThrow(/dpi/);
    expect(() => paperPixels({ paper: 'A4', orientation: 'portrait', dpi: NaN })).toThrow(/dpi/);
  });

  it('converts millimetres', () => {
    expect(mmToPx(25.4, 300)).toBe(300);
    expect(mmToPx(10, 300)).toBe(118);
  });
});

describe('metresPerPixel', () => {
  it('matches Web Mercator with 512-pixel tiles', () => {
    expect(metresPerPixel(0, 0)).toBeCloseTo(EARTH_CIRCUMFERENCE_M / 512, 6);
    expect(metresPerPixel(0, 0)).toBeCloseTo(78271.517, 3);
    expect(metresPerPixel(60, 1)).toBeCloseTo(78271.517 / 4, 3);
    // Mengzi (23.37°N) at zoom 12 printed at 300/96 image pixels per CSS pixel
    expect(metresPerPixel(23.37, 12, 300 / 96)).toBeCloseTo((78271.517 * Math.cos((23.37 * Math.PI) / 180)) / 4096 / 3.125, 6);
  });
});

describe('niceLength and scaleBar', () => {
  it('picks 1, 2 or 5 × 10ᵏ', () => {
    expect([1, 1.9, 2, 4.99, 5, 9.99, 10, 999, 1000, 1234, 2500, 73_000].map(niceLength)).toEqual([
      1, 1, 2, 2, 5, 5, 10, 500, 1000, 1000, 2000, 50_000,
    ]);
    expect(niceLength(0.3)).toBeCloseTo(0.2, 12);
    expect(() => niceLength(0)).toThrow();
  });

  it('never exceeds the limit and is more than 40% of it', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e7, noNaN: true }), (m) => {
        const n = niceLength(m);
        expect(n).toBeLessThanOrEqual(m * (1 + 1e-12));
        expect(n).toBeGreaterThan(m * 0.4);
        const k = Math.floor(Math.log10(n) + 1e-9);
        expect([1, 2, 5]).toContain(Math.round((n / 10 ** k) * 1e6) / 1e6);
      }),
    );
  });

  it('labels in metres or kilometres', () => {
    expect(scaleBar(2, 400)).toEqual({ metres: 500, px: 250, label: '500 m' });
    expect(scaleBar(10, 700)).toEqual({ metres: 5000, px: 500, label: '5 km' });
    expect(scaleBar(3, 1000)).toEqual({ metres: 2000, px: 2000 / 3, label: '2 km' });
  });
});

describe('printLayout', () => {
  it('fits title, map, margin panel and footer inside the margins', () => {
    const L = printLayout({ paper: 'A4', orientation: 'landscape', dpi: 300 });
    expect([L.width, L.height, L.margin]).toEqual([3508, 2480, 118]);
    expect(L.title).toEqual({ x: 118, y: 118, w: 3272, h: 189 });
    // A quarter of the inner width (818 px) for the panel, a 3 mm (35 px) gap.
    expect(L.map).toEqual({ x: 118, y: 342, w: 2419, h: 1902 });
    expect(L.side).toEqual({ x: 2572, y: 342, w: 818, h: 1902 });
    expect(L.footer).toEqual({ x: 118, y: 2279, w: 3272, h: 83 });
    expect(L.font.title).toBeCloseTo((20 / 72) * 300, 9);
    expect(L.footer.y + L.footer.h).toBe(L.height - L.margin);
  });

  const within = (a: Rect, b: Rect) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;
  for (const paper of ['A4', 'A3'] as const) {
    for (const orientation of ['portrait', 'landscape'] as const) {
      it(`keeps inset, legend, scale bar and north arrow in the margin panel, off the map (${paper} ${orientation})`, () => {
        const L = printLayout({ paper, orientation, dpi: 150 });
        const cells = [L.inset, L.legend, L.scale, L.north];
        for (const c of cells) {
          expect(within(c, L.side)).toBe(true);
          expect(overlaps(c, L.map)).toBe(false);
          expect(c.w).toBeGreaterThan(0);
          expect(c.h).toBeGreaterThan(0);
        }
        for (let i = 0; i < cells.length; i++) for (let j = i + 1; j < cells.length; j++) expect(overlaps(cells[i], cells[j])).toBe(false);
        expect(overlaps(L.side, L.map)).toBe(false);
        // The map keeps most of the page.
        expect(L.map.w * L.map.h).toBeGreaterThan(0.5 * L.width * L.height);
      });
    }
  }
});

describe('overlaps', () => {
  it('is true only for a shared area', () => {
    const a = { x: 0, y: 0, w: 10, h: 10 };
    expect(overlaps(a, { x: 9, y: 9, w: 5, h: 5 })).toBe(true);
    expect(overlaps(a, { x: 10, y: 0, w: 5, h: 5 })).toBe(false);
    expect(overlaps(a, { x: 0, y: -5, w: 5, h: 5 })).toBe(false);
  });
});

describe('printCredits', () => {
  it('credits DataV.GeoAtlas always and synthetic data when it applies', () => {
    expect(printCredits(false)).toEqual(['边界 Boundaries: DataV.GeoAtlas']);
    expect(printCredits(true, ['OSM'])).toEqual(['边界 Boundaries: DataV.GeoAtlas', '合成演示数据 synthetic demo data', 'OSM']);
  });
});
