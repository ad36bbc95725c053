// The print composer (src/map/print/compose.ts) against a recording 2D context: the map image
// lands exactly in the layout's map frame and nothing else is drawn over it; legend, locator,
// scale bar and north arrow sit in the margin panel; long text wraps, never cut. Real pixels
// are checked in the browser tests.
import { describe, expect, it } from 'vitest';
import { drawPrint, rampColor, wrapLines, type PrintContext, type PrintMeta } from '../../../src/map/print/compose.ts';
import { overlaps, printCredits, printLayout, scaleBar, type Rect } from '../../../src/map/print/paper.ts';

interface Call {
  op: string;
  args: unknown[];
  fillStyle: unknown;
  font: string;
}

/** A context that records every draw call with the fill style and font in force. */
function recorder(): { ctx: PrintContext; calls: Call[] } {
  const calls: Call[] = [];
  const state = {
    font: '10px sans-serif',
    fillStyle: '#000' as unknown,
    strokeStyle: '#000' as unknown,
    lineWidth: 1,
    textAlign: 'start',
    textBaseline: 'alphabetic',
  };
  const rec =
    (op: string) =>
    (...args: unknown[]) => {
      calls.push({ op, args, fillStyle: state.fillStyle, font: state.font });
    };
  const ctx = Object.assign(state, {
    fillRect: rec('fillRect'),
    strokeRect: rec('strokeRect'),
    fillText: rec('fillText'),
    drawImage: rec('drawImage'),
    beginPath: rec('beginPath'),
    moveTo: rec('moveTo'),
    lineTo: rec('lineTo'),
    closePath: rec('closePath'),
    fill: rec('fill'),
    stroke: rec('stroke'),
    arc: rec('arc'),
    save: rec('save'),
    restore: rec('restore'),
    // 0.6 em per character: enough for layout maths
    measureText: (t: string) => ({ width: t.length * 0.6 * parseFloat(/(\d+(\.\d+)?)px/.exec(state.font)![1]) }),
  });
  return { ctx: ctx as unknown as PrintContext, calls };
}

const inside = (r: Rect, x: number, y: number) => x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;

const RAMP = [
  { at: 0, color: '#d7301f' },
  { at: 0.5, color: '#fdcc8a' },
  { at: 1, color: '#b8e0b0' },
];
/** Two counties as unit squares side by side, lon 100–102, lat 23–24. */
const square = (x: number) => [
  [
    [
      [x, 23],
      [x + 1, 23],
      [x + 1, 24],
      [x, 24],
      [x, 23],
    ],
  ],
];

describe('drawPrint', () => {
  const L = printLayout({ paper: 'A3', orientation: 'landscape', dpi: 150 });
  const meta: PrintMeta = {
    title: '蒙自市 · 老年幸福食堂',
    subtitle: '红河州城乡社区服务圈',
    legendTitle: '图例',
    legend: [
      { color: '#d7301f', label: '覆盖率', shape: 'ramp', stops: RAMP, target: 0.9, targetLabel: '目标 90%' },
      { color: '#7a0c1e', label: '未达标村（社区）', shape: 'line' },
      { color: '#ff7f0e', label: '<script>x</script>', shape: 'circle' },
    ],
    metresPerPixel: 12.5,
    date: '2026-11-29',
    credits: printCredits(true),
    locator: { areas: [square(100), square(101)], focus: 1, frame: [101.2, 23.2, 101.6, 23.5] },
  };
  const image = { width: L.map.w, height: L.map.h } as unknown as CanvasImageSource;
  const { ctx, calls } = recorder();
  const drawn = drawPrint(ctx, image, L, meta);
  const texts = calls.filter((c) => c.op === 'fillText').map((c) => c.args[0]);
  const at = (t: unknown) => calls.find((c) => c.op === 'fillText' && c.args[0] === t)!.args as number[];

  it('paints the page white and the map image in the map frame at its size', () => {
    expect(calls[1]).toMatchObject({ op: 'fillRect', args: [0, 0, L.width, L.height], fillStyle: '#ffffff' });
    const img = calls.filter((c) => c.op === 'drawImage');
    expect(img).toHaveLength(1);
    expect(img[0].args).toEqual([image, L.map.x, L.map.y, L.map.w, L.map.h]);
  });

  it('writes title, subtitle, legend labels and values, scale label, north, date and credits', () => {
    const bar = scaleBar(12.5, L.scale.w - 2 * L.font.legend * 0.6);
    expect(texts).toEqual([
      meta.title,
      meta.subtitle,
      '图例',
      '覆盖率',
      '0%',
      '50%',
      '100%',
      '目标 90%',
      '未达标村（社区）',
      '<script>x</script>',
      '0',
      bar.label,
      'N 北',
      '2026-11-29',
      '边界 Boundaries: DataV.GeoAtlas  ·  合成演示数据 synthetic demo data',
    ]);
    const title = calls.find((c) => c.args[0] === meta.title)!;
    expect(title.font.startsWith(`bold ${Math.round(L.font.title)}px`)).toBe(true);
  });

  it('draws nothing over the map frame after the map image but its outline', () => {
    const after = calls.slice(calls.findIndex((c) => c.op === 'drawImage') + 1);
    const marks = after.filter((c) => ['fillRect', 'fillText', 'moveTo', 'lineTo', 'arc'].includes(c.op));
    expect(marks.length).toBeGreaterThan(20);
    for (const c of marks) {
      const [x, y, w = 0, h = 0] = c.args as number[];
      if (c.op === 'fillText') expect(inside(L.map, x, y)).toBe(false);
      else expect(overlaps({ x, y, w: Math.max(w, 1e-6), h: Math.max(h, 1e-6) }, L.map)).toBe(false);
    }
    expect(overlaps(drawn.legend, L.map)).toBe(false);
    expect(drawn.inset && overlaps(drawn.inset, L.map)).toBe(false);
  });

  it('draws the coverage scale with its stop colours, the 0/50/100 % values and the target', () => {
    const fills = calls.filter((c) => c.op === 'fillRect').map((c) => c.fillStyle);
    expect(fills).toEqual(expect.arrayContaining(['#d7301f', '#fdcc8a', '#b8e0b0']));
    for (const v of ['0%', '50%', '100%']) expect(inside(L.legend, at(v)[1], at(v)[2])).toBe(true);
    expect(at('0%')[1]).toBeLessThan(at('50%')[1]);
    expect(at('50%')[1]).toBeLessThan(at('100%')[1]);
  });

  it('marks the map frame in red on the locator inset, inside the inset', () => {
    const frame = calls.filter((c) => c.op === 'strokeRect' && inside(L.inset, (c.args as number[])[0], (c.args as number[])[1]));
    expect(frame.length).toBeGreaterThanOrEqual(2); // the inset border and the frame mark
    const mark = frame.at(-1)!.args as number[];
    expect(inside(L.inset, mark[0] + mark[2], mark[1] + mark[3])).toBe(true);
    // The frame lies in the right-hand square (the focused county) and is 0.4 × 0.3 of its size.
    expect(mark[2] / mark[3]).toBeCloseTo((0.4 * Math.cos((23.5 * Math.PI) / 180)) / 0.3, 6);
  });

  it('keeps the scale bar at the exact length for the map scale, inside its cell', () => {
    const bar = scaleBar(12.5, L.scale.w - 2 * L.font.legend * 0.6);
    const halves = calls.filter((c) => c.op === 'fillRect' && Math.abs((c.args[2] as number) - bar.px / 2) < 1e-9);
    expect(halves.map((c) => c.fillStyle)).toEqual(['#1a1a1a', '#ffffff']);
    expect(inside(L.scale, (halves[1].args[0] as number) + bar.px / 2, halves[1].args[1] as number)).toBe(true);
  });

  it('keeps everything inside the page and date and credits below the map', () => {
    const page = { x: 0, y: 0, w: L.width, h: L.height };
    for (const c of calls.filter((c) => c.op === 'fillRect' || c.op === 'strokeRect')) {
      const [x, y, w, h] = c.args as number[];
      expect(inside(page, x, y) && inside(page, x + w, y + h)).toBe(true);
    }
    expect(at('2026-11-29')[2]).toBeGreaterThan(L.map.y + L.map.h);
  });

  for (const orientation of ['portrait', 'landscape'] as const) {
    it(`wraps a long title and long labels, and splits a long legend into columns, inside the panel (A4 ${orientation})`, () => {
      const L4 = printLayout({ paper: 'A4', orientation, dpi: 150 });
      const long = '金平苗族瑶族傣族自治县';
      const many = {
        ...meta,
        title: `${long} · ${long} · ${long} · 社区综合服务设施 15分钟步行覆盖`,
        legend: [
          ...meta.legend,
          { color: '#000', label: `${long}${long}${long}` },
          ...Array.from({ length: 30 }, (_, i) => ({ color: '#000', label: `第${i + 1}类` })),
        ],
      };
      const r = recorder();
      drawPrint(r.ctx, image, L4, many);
      const drawnTexts = r.calls.filter((c) => c.op === 'fillText');
      const titleCalls = drawnTexts.slice(
        0,
        drawnTexts.findIndex((c) => c.args[0] === many.subtitle),
      );
      // The whole title, on one shrunk line or wrapped, each line within the band's width.
      expect(
        titleCalls
          .map((c) => String(c.args[0]))
          .join('')
          .replace(/ /g, ''),
      ).toBe(many.title.replace(/ /g, ''));
      for (const c of titleCalls) {
        const size = parseFloat(/(\d+(\.\d+)?)px/.exec(c.font)![1]);
        expect(String(c.args[0]).length * 0.6 * size).toBeLessThanOrEqual(L4.title.w + 1e-6);
      }
      const legendTexts = drawnTexts.filter((c) => inside(L4.legend, c.args[1] as number, c.args[2] as number));
      // The long name is drawn whole, across lines.
      expect(legendTexts.map((c) => String(c.args[0])).join('')).toContain(`${long}${long}${long}`);
      for (const c of drawnTexts) expect(inside(L4.map, c.args[1] as number, c.args[2] as number)).toBe(false);
      expect(new Set(legendTexts.filter((c) => String(c.args[0]).startsWith('第')).map((c) => c.args[1])).size).toBeGreaterThan(1);
      expect(legendTexts.filter((c) => String(c.args[0]).startsWith('第'))).toHaveLength(30);
    });
  }
});

describe('wrapLines', () => {
  const ctx = { measureText: (t: string) => ({ width: t.length * 10 }) } as unknown as PrintContext;
  it('keeps text that fits on one line', () => {
    expect(wrapLines(ctx, '蒙自市', 30)).toEqual(['蒙自市']);
  });
  it('breaks CJK between characters and Latin at spaces, losing nothing', () => {
    expect(wrapLines(ctx, '金平苗族瑶族傣族自治县', 60)).toEqual(['金平苗族瑶族', '傣族自治县']);
    expect(wrapLines(ctx, 'Share of demand covered', 100)).toEqual(['Share of', 'demand', 'covered']);
    expect(wrapLines(ctx, 'abcdefghijkl', 50)).toEqual(['abcde', 'fghij', 'kl']);
  });
});

describe('rampColor', () => {
  it('gives the stops exactly and interpolates between them', () => {
    expect([0, 0.5, 1].map((v) => rampColor(RAMP, v))).toEqual(['#d7301f', '#fdcc8a', '#b8e0b0']);
    expect(
      rampColor(
        [
          { at: 0, color: '#000000' },
          { at: 1, color: '#ffffff' },
        ],
        0.5,
      ),
    ).toBe('#808080');
    expect(rampColor(RAMP, -1)).toBe('#d7301f');
    expect(rampColor(RAMP, 2)).toBe('#b8e0b0');
  });
});
