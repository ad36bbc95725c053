// The print composer (src/map/print/compose.ts) against a recording 2D context: the map image
// lands exactly in the layout's map rectangle, and title, legend, scale bar, north arrow, date
// and credits are all drawn inside the page. Real pixels are checked in the browser tests.
import { describe, expect, it } from 'vitest';
import { drawPrint, type PrintContext, type PrintMeta } from '../../../src/map/print/compose.ts';
import { printCredits, printLayout, scaleBar, type Rect } from '../../../src/map/print/paper.ts';

interface Call { op: string; args: unknown[]; fillStyle: unknown; font: string }

/** A context that records every draw call with the fill style and font in force. */
function recorder(): { ctx: PrintContext; calls: Call[] } {
  const calls: Call[] = [];
  const state = { font: '10px sans-serif', fillStyle: '#000' as unknown, strokeStyle: '#000' as unknown,
    lineWidth: 1, textAlign: 'start', textBaseline: 'alphabetic' };
  const rec = (op: string) => (...args: unknown[]) => { calls.push({ op, args, fillStyle: state.fillStyle, font: state.font }); };
  const ctx = Object.assign(state, {
    fillRect: rec('fillRect'), strokeRect: rec('strokeRect'), fillText: rec('fillText'), drawImage: rec('drawImage'),
    beginPath: rec('beginPath'), moveTo: rec('moveTo'), lineTo: rec('lineTo'), closePath: rec('closePath'),
    fill: rec('fill'), stroke: rec('stroke'), arc: rec('arc'), save: rec('save'), restore: rec('restore'),
    // 0.6 em per character: enough for layout maths
    measureText: (t: string) => ({ width: t.length * 0.6 * parseFloat(/(\d+(\.\d+)?)px/.exec(state.font)![1]) }),
  });
  return { ctx: ctx as unknown as PrintContext, calls };
}

const inside = (r: Rect, x: number, y: number) => x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;

describe('drawPrint', () => {
  const L = printLayout({ paper: 'A3', orientation: 'landscape', dpi: 150 });
  const meta: PrintMeta = {
    title: '蒙自市 老年幸福食堂 15分钟步行覆盖', subtitle: '步行 4.5 km/h · 路网', legendTitle: '步行时间',
    legend: [
      { color: '#1a9850', label: '≤ 5 分钟' }, { color: '#fee08b', label: '5–15 分钟' },
      { color: '#d73027', label: '> 15 分钟', shape: 'line' }, { color: '#ff7f0e', label: '<script>x</script>', shape: 'circle' },
    ],
    metresPerPixel: 12.5, date: '2026-11-29', credits: printCredits(true),
  };
  const image = { width: L.map.w, height: L.map.h } as unknown as CanvasImageSource;
  const { ctx, calls } = recorder();
  drawPrint(ctx, image, L, meta);
  const texts = calls.filter((c) => c.op === 'fillText').map((c) => c.args[0]);

  it('paints the page white and the map image in the map rectangle at its size', () => {
    expect(calls[1]).toMatchObject({ op: 'fillRect', args: [0, 0, L.width, L.height], fillStyle: '#ffffff' });
    const img = calls.filter((c) => c.op === 'drawImage');
    expect(img).toHaveLength(1);
    expect(img[0].args).toEqual([image, L.map.x, L.map.y, L.map.w, L.map.h]);
  });

  it('writes title, subtitle, legend labels, scale label, north, date and credits', () => {
    const bar = scaleBar(12.5, L.map.w / 5);
    expect(bar.label).toBe('5 km');
    expect(texts).toEqual([
      meta.title, meta.subtitle, '步行时间', '≤ 5 分钟', '5–15 分钟', '> 15 分钟', '<script>x</script>',
      '0', '5 km', 'N 北', '2026-11-29', '边界 Boundaries: DataV.GeoAtlas  ·  合成演示数据 synthetic demo data',
    ]);
    const title = calls.find((c) => c.args[0] === meta.title)!;
    expect(title.font.startsWith(`bold ${Math.round(L.font.title)}px`)).toBe(true);
  });

  it('draws the scale bar at the exact length for the map scale', () => {
    const bar = scaleBar(12.5, L.map.w / 5);
    const halves = calls.filter((c) => c.op === 'fillRect' && Math.abs((c.args[2] as number) - bar.px / 2) < 1e-9);
    expect(halves.map((c) => c.fillStyle)).toEqual(['#1a1a1a', '#ffffff']);
    expect(calls.some((c) => c.op === 'strokeRect' && Math.abs((c.args[2] as number) - bar.px) < 1e-9)).toBe(true);
  });

  it('colours each legend marker with its item colour', () => {
    expect(calls.filter((c) => c.op === 'fillRect').map((c) => c.fillStyle)).toEqual(expect.arrayContaining(['#1a9850', '#fee08b']));
    expect(calls.find((c) => c.op === 'arc')).toBeDefined();
  });

  it('keeps legend, scale bar and north arrow inside the map, title and footer inside the page', () => {
    const at = (t: unknown) => calls.find((c) => c.op === 'fillText' && c.args[0] === t)!.args as number[];
    for (const t of ['步行时间', '≤ 5 分钟', '<script>x</script>', '5 km', 'N 北']) expect(inside(L.map, at(t)[1], at(t)[2])).toBe(true);
    const page = { x: 0, y: 0, w: L.width, h: L.height };
    for (const c of calls.filter((c) => c.op === 'fillRect' || c.op === 'strokeRect')) {
      const [x, y, w, h] = c.args as number[];
      expect(inside(page, x, y) && inside(page, x + w, y + h)).toBe(true);
    }
    expect(at('2026-11-29')[2]).toBeGreaterThan(L.map.y + L.map.h);
  });

  it('splits a long legend into columns that stay inside the map', () => {
    const many = { ...meta, legend: Array.from({ length: 60 }, (_, i) => ({ color: '#000', label: `第${i + 1}类` })) };
    const r = recorder();
    drawPrint(r.ctx, image, L, many);
    const xs = new Set(r.calls.filter((c) => c.op === 'fillText' && String(c.args[0]).startsWith('第')).map((c) => c.args[1]));
    expect(xs.size).toBeGreaterThan(1);
    for (const c of r.calls.filter((c) => c.op === 'fillText' && String(c.args[0]).startsWith('第'))) {
      expect(inside(L.map, c.args[1] as number, c.args[2] as number)).toBe(true);
    }
  });
});
