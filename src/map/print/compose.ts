// Composes the printed map page off-screen: title, the map image (rendered elsewhere at
// layout.map pixels) in its frame, and in the margin panel beside it a locator inset, the legend,
// the scale bar and the north arrow; date and credits below. Nothing is drawn over the map frame.
// Independent of maplibre: it draws a CanvasImageSource on a 2D context, so the view on screen
// is never touched. Text from user files (legend labels, titles) is drawn as canvas text, never
// as HTML, and long text wraps instead of being cut.
import { scaleBar, type PrintLayout, type Rect } from './paper.ts';

export interface LegendItem {
  /** CSS colour (for a ramp: its first stop). */
  color: string;
  label: string;
  /** Marker drawn before the label (default 'box'); 'ramp' draws a colour scale with values. */
  shape?: 'box' | 'circle' | 'line' | 'ramp';
  /** Ramp stops: share 0–1 and #rrggbb colour, ascending. */
  stops?: readonly { at: number; color: string }[];
  /** Ramp: the target share, marked on the scale with `targetLabel`. */
  target?: number;
  targetLabel?: string;
}

/** The locator inset: the region's areas (e.g. counties) with one highlighted, and the map
 *  frame's extent marked on them. */
type Ring = readonly (readonly number[])[];
export interface Locator {
  /** Each area as polygons of rings of WGS84 [lon, lat]. */
  areas: readonly (readonly (readonly Ring[])[])[];
  /** Index of the highlighted area, −1 for none. */
  focus: number;
  /** The map frame's extent, WGS84 [west, south, east, north]. */
  frame: readonly [number, number, number, number];
}

export interface PrintMeta {
  title: string;
  /** Second title line (e.g. the analysis: type, minutes, mode). */
  subtitle?: string;
  legendTitle?: string;
  legend: readonly LegendItem[];
  /** Ground metres per pixel of the map image at its centre latitude (paper.metresPerPixel). */
  metresPerPixel: number;
  /** Printed as given (e.g. "2026-11-29"). */
  date: string;
  /** Credit lines (paper.printCredits). */
  credits: readonly string[];
  locator?: Locator;
}

/** The part of CanvasRenderingContext2D the composer uses (a test can record it). */
export type PrintContext = Pick<
  CanvasRenderingContext2D,
  | 'fillRect'
  | 'strokeRect'
  | 'fillText'
  | 'drawImage'
  | 'measureText'
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'closePath'
  | 'fill'
  | 'stroke'
  | 'arc'
  | 'save'
  | 'restore'
  | 'font'
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'textAlign'
  | 'textBaseline'
>;

const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';
const INK = '#1a1a1a';
const FRAME_MARK = '#d62728';
const font = (px: number, bold = false) => `${bold ? 'bold ' : ''}${Math.round(px)}px ${FONT}`;

function panel(ctx: PrintContext, r: Rect, line: number): void {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(r.x, r.y, r.w, r.h);
  ctx.strokeStyle = '#808080';
  ctx.lineWidth = line;
  ctx.strokeRect(r.x, r.y, r.w, r.h);
}

/** `text` in lines no wider than `maxW` in the context's current font: breaks between CJK
 *  characters and at spaces, a word longer than a line is broken by characters; nothing is cut. */
export function wrapLines(ctx: Pick<PrintContext, 'measureText'>, text: string, maxW: number): string[] {
  if (ctx.measureText(text).width <= maxW) return [text];
  // Tokens: runs of non-CJK non-space characters stay together, each CJK character stands alone.
  const tokens = text.match(/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|\s+|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+/g) ?? [text];
  const lines: string[] = [];
  let line = '';
  const push = (tok: string) => {
    if (line && ctx.measureText(line + tok).width > maxW) {
      lines.push(line.trimEnd());
      line = tok.trimStart();
    } else line += tok;
  };
  for (const tok of tokens) {
    if (ctx.measureText(tok).width > maxW) for (const ch of tok) push(ch);
    else push(tok);
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
/** The ramp's colour at share `v` (linear between stops, as the map's interpolate expression). */
export function rampColor(stops: readonly { at: number; color: string }[], v: number): string {
  let k = 0;
  while (k < stops.length - 2 && v > stops[k + 1].at) k++;
  const a = stops[k],
    b = stops[Math.min(k + 1, stops.length - 1)];
  const f = b.at === a.at ? 0 : Math.max(0, Math.min(1, (v - a.at) / (b.at - a.at)));
  const [ca, cb] = [hex(a.color), hex(b.color)];
  return `#${ca
    .map((x, i) =>
      Math.round(x + (cb[i] - x) * f)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** Steps of the drawn ramp: 40 equal parts, so the stops at 0, ½ and 1 appear exactly. */
const RAMP_STEPS = 40;

/** Legend in its margin panel: title, then items in as many columns as needed; the font shrinks
 *  (to 60 %) when even that does not fit. Labels wrap within their column. Returns the panel. */
export function drawLegend(ctx: PrintContext, L: PrintLayout, meta: PrintMeta): Rect {
  const r = L.legend;
  panel(ctx, r, L.font.legend / 12);
  // The largest font at which the items fit in up to three columns (`force`: the last try).
  const plan = (fs: number, force = false) => {
    const pad = fs * 0.6,
      lineH = fs * 1.35,
      sw = fs * 1.2,
      titleH = meta.legendTitle ? lineH * 1.2 : 0;
    for (let cols = 1; cols <= 3; cols++) {
      const colW = (r.w - (cols + 1) * pad) / cols;
      ctx.font = font(fs);
      const blocks = meta.legend.map((it) => {
        const lines = it.shape === 'ramp' ? wrapLines(ctx, it.label, colW) : wrapLines(ctx, it.label, colW - sw - pad);
        // A ramp: its label lines, the bar, the values under it.
        const h = it.shape === 'ramp' ? lines.length * lineH + fs * 0.9 + lineH + pad * 0.5 : Math.max(1, lines.length) * lineH;
        return { it, lines, h };
      });
      const avail = r.h - 2 * pad - titleH;
      const columns: (typeof blocks)[] = [[]];
      let used = 0;
      for (const b of blocks) {
        if (used + b.h > avail && columns[columns.length - 1].length > 0) {
          columns.push([]);
          used = 0;
        }
        columns[columns.length - 1].push(b);
        used += b.h;
      }
      const fits = columns.length <= cols && columns.every((c) => c.reduce((a, b) => a + b.h, 0) <= avail);
      if (fits || (force && cols === 3)) return { fs, pad, lineH, sw, titleH, colW, columns };
    }
    return null;
  };
  let layout = null;
  for (let fs = L.font.legend; fs >= L.font.legend * 0.6 && !layout; fs *= 0.9) layout = plan(fs);
  layout ??= plan(L.font.legend * 0.6, true)!;
  const { fs, pad, lineH, sw, titleH, colW, columns } = layout;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  if (meta.legendTitle) {
    ctx.font = font(fs, true);
    ctx.fillStyle = INK;
    ctx.fillText(meta.legendTitle, r.x + pad, r.y + pad + lineH / 2);
  }
  ctx.font = font(fs);
  columns.forEach((col, ci) => {
    const x = r.x + pad + ci * (colW + pad);
    let y = r.y + pad + titleH;
    for (const { it, lines, h } of col) {
      if (it.shape === 'ramp') {
        drawRamp(ctx, it, lines, x, y, colW, fs, lineH);
        y += h;
        continue;
      }
      const cy = y + lineH / 2;
      ctx.fillStyle = it.color;
      ctx.strokeStyle = it.color;
      if (it.shape === 'circle') {
        ctx.beginPath();
        ctx.arc(x + sw / 2, cy, sw / 2.5, 0, 2 * Math.PI);
        ctx.fill();
      } else if (it.shape === 'line') {
        ctx.lineWidth = fs / 5;
        ctx.beginPath();
        ctx.moveTo(x, cy);
        ctx.lineTo(x + sw, cy);
        ctx.stroke();
      } else {
        ctx.fillRect(x, cy - sw / 3, sw, (2 * sw) / 3);
      }
      ctx.fillStyle = INK;
      lines.forEach((l, i) => ctx.fillText(l, x + sw + pad, cy + i * lineH));
      y += h;
    }
  });
  return r;
}

/** A colour scale: label lines, the bar in RAMP_STEPS steps with the target marked, and the
 *  values 0 %, 50 %, 100 % under it. */
function drawRamp(ctx: PrintContext, it: LegendItem, lines: string[], x: number, y: number, w: number, fs: number, lineH: number): void {
  const stops = it.stops ?? [
    { at: 0, color: it.color },
    { at: 1, color: it.color },
  ];
  ctx.fillStyle = INK;
  lines.forEach((l, i) => ctx.fillText(l, x, y + lineH / 2 + i * lineH));
  const by = y + lines.length * lineH,
    bh = fs * 0.9,
    stepW = w / (RAMP_STEPS + 1);
  for (let i = 0; i <= RAMP_STEPS; i++) {
    ctx.fillStyle = rampColor(stops, i / RAMP_STEPS);
    ctx.fillRect(x + i * stepW, by, stepW + 0.5, bh);
  }
  ctx.strokeStyle = '#808080';
  ctx.lineWidth = fs / 14;
  ctx.strokeRect(x, by, w, bh);
  // Value positions: the middle of the step that carries that share.
  const at = (v: number) => x + (v * RAMP_STEPS + 0.5) * stepW;
  ctx.fillStyle = INK;
  ctx.font = font(fs * 0.85);
  const ty = by + bh + lineH / 2;
  (
    [
      [0, 'left', x],
      [0.5, 'center', at(0.5)],
      [1, 'right', x + w],
    ] as const
  ).forEach(([v, align, tx]) => {
    ctx.textAlign = align;
    ctx.fillText(`${v * 100}%`, tx, ty);
  });
  if (it.target !== undefined) {
    const tx = at(it.target);
    ctx.strokeStyle = INK;
    ctx.lineWidth = fs / 6;
    ctx.beginPath();
    ctx.moveTo(tx, by - fs * 0.2);
    ctx.lineTo(tx, by + bh + fs * 0.2);
    ctx.stroke();
    if (it.targetLabel) {
      // Right-aligned on the label's last line, clear of the value labels under the bar.
      ctx.textAlign = 'right';
      ctx.fillText(it.targetLabel, x + w, by - lineH / 2);
    }
  }
  ctx.textAlign = 'left';
  ctx.font = font(fs);
}

/** Scale bar in its cell of the margin panel, as long as the cell allows at a round length. */
export function drawScaleBar(ctx: PrintContext, L: PrintLayout, metresPerPixel: number): Rect {
  const r = L.scale,
    fs = L.font.legend,
    pad = fs * 0.6;
  const bar = scaleBar(metresPerPixel, r.w - 2 * pad);
  const barH = fs * 0.45;
  const x0 = r.x + pad,
    y0 = r.y + r.h - pad - barH;
  // Two halves, dark then light, as on topographic maps.
  ctx.fillStyle = INK;
  ctx.fillRect(x0, y0, bar.px / 2, barH);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(x0 + bar.px / 2, y0, bar.px / 2, barH);
  ctx.strokeStyle = INK;
  ctx.lineWidth = fs / 14;
  ctx.strokeRect(x0, y0, bar.px, barH);
  ctx.fillStyle = INK;
  ctx.font = font(fs);
  ctx.textBaseline = 'bottom';
  ctx.textAlign = 'left';
  ctx.fillText('0', x0, y0 - fs * 0.15);
  ctx.textAlign = 'right';
  ctx.fillText(bar.label, x0 + bar.px, y0 - fs * 0.15);
  return r;
}

/** North arrow in its cell (the map is north-up: no rotation, no pitch). */
export function drawNorthArrow(ctx: PrintContext, L: PrintLayout): Rect {
  const r = L.north,
    fs = L.font.legend,
    pad = fs * 0.4;
  const cx = r.x + r.w / 2,
    top = r.y + fs * 1.6,
    bottom = r.y + r.h - pad,
    half = Math.min(r.w, r.h) * 0.2;
  ctx.fillStyle = INK;
  ctx.beginPath();
  ctx.moveTo(cx, top);
  ctx.lineTo(cx - half, bottom);
  ctx.lineTo(cx, bottom - half);
  ctx.closePath();
  ctx.fill();
  ctx.strokeStyle = INK;
  ctx.lineWidth = fs / 12;
  ctx.beginPath();
  ctx.moveTo(cx, top);
  ctx.lineTo(cx + half, bottom);
  ctx.lineTo(cx, bottom - half);
  ctx.closePath();
  ctx.stroke();
  ctx.font = font(fs, true);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillText('N 北', cx, r.y + pad);
  return r;
}

/** The locator inset: every area, the highlighted one darker, and the map frame's extent as a
 *  red rectangle (at least a few millimetres, so a street-level frame still shows). */
export function drawLocator(ctx: PrintContext, L: PrintLayout, loc: Locator): Rect {
  const r = L.inset,
    fs = L.font.legend,
    pad = fs * 0.8;
  panel(ctx, r, fs / 12);
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  for (const a of loc.areas) {
    for (const poly of a)
      for (const p of poly[0] ?? []) {
        w = Math.min(w, p[0]);
        e = Math.max(e, p[0]);
        s = Math.min(s, p[1]);
        n = Math.max(n, p[1]);
      }
  }
  if (!Number.isFinite(w)) return r;
  // Equirectangular at the region's middle latitude: true shape at this size.
  const k = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const scale = Math.min((r.w - 2 * pad) / ((e - w) * k), (r.h - 2 * pad) / (n - s));
  const ox = r.x + (r.w - (e - w) * k * scale) / 2,
    oy = r.y + (r.h - (n - s) * scale) / 2;
  const X = (lon: number) => ox + (lon - w) * k * scale,
    Y = (lat: number) => oy + (n - lat) * scale;
  loc.areas.forEach((a, i) => {
    ctx.beginPath();
    for (const ring of a.flat()) {
      ring.forEach((p, j) => (j === 0 ? ctx.moveTo(X(p[0]), Y(p[1])) : ctx.lineTo(X(p[0]), Y(p[1]))));
      ctx.closePath();
    }
    ctx.fillStyle = i === loc.focus ? '#b9a9d9' : '#eeecf2';
    ctx.fill();
    ctx.strokeStyle = '#8f7fb3';
    ctx.lineWidth = fs / 10;
    ctx.stroke();
  });
  const [fw, fsouth, fe, fn] = loc.frame;
  const min = fs * 0.8;
  let fx = X(Math.max(fw, w)),
    fy = Y(Math.min(fn, n)),
    fx2 = X(Math.min(fe, e)),
    fy2 = Y(Math.max(fsouth, s));
  if (fx2 - fx < min) {
    const c = (fx + fx2) / 2;
    fx = c - min / 2;
    fx2 = c + min / 2;
  }
  if (fy2 - fy < min) {
    const c = (fy + fy2) / 2;
    fy = c - min / 2;
    fy2 = c + min / 2;
  }
  ctx.strokeStyle = FRAME_MARK;
  ctx.lineWidth = fs / 5;
  ctx.strokeRect(fx, fy, fx2 - fx, fy2 - fy);
  return r;
}

/** The page's furniture rectangles, for checks that nothing lies over the map frame. */
export interface DrawnPrint {
  legend: Rect;
  scale: Rect;
  north: Rect;
  inset: Rect | null;
}

/** Title lines fitting the band's width: one line, shrunk to 75 % if need be, else wrapped at
 *  65 % of the title size. */
function titleLines(ctx: PrintContext, L: PrintLayout, title: string): { lines: string[]; size: number } {
  for (const f of [1, 0.9, 0.8, 0.75]) {
    ctx.font = font(L.font.title * f, true);
    if (ctx.measureText(title).width <= L.title.w) return { lines: [title], size: L.font.title * f };
  }
  ctx.font = font(L.font.title * 0.65, true);
  return { lines: wrapLines(ctx, title, L.title.w).slice(0, 2), size: L.font.title * 0.65 };
}

/** Draws the whole page onto `ctx` (sized layout.width × layout.height). */
export function drawPrint(ctx: PrintContext, map: CanvasImageSource, L: PrintLayout, meta: PrintMeta): DrawnPrint {
  ctx.save();
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, L.width, L.height);
  // Title band (absent in a frame-only layout): the title naming the area shown, the subtitle under it.
  if (L.title.h > 0) {
    ctx.fillStyle = INK;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    const { lines, size } = titleLines(ctx, L, meta.title);
    ctx.font = font(size, true);
    lines.forEach((l, i) => ctx.fillText(l, L.title.x, L.title.y + i * size * 1.2));
    if (meta.subtitle) {
      ctx.font = font(L.font.subtitle);
      ctx.fillText(meta.subtitle, L.title.x, L.title.y + lines.length * size * 1.2 + size * 0.1);
    }
  }
  ctx.drawImage(map, L.map.x, L.map.y, L.map.w, L.map.h);
  ctx.strokeStyle = INK;
  ctx.lineWidth = L.font.footer / 10;
  ctx.strokeRect(L.map.x, L.map.y, L.map.w, L.map.h);
  const inset = meta.locator ? drawLocator(ctx, L, meta.locator) : null;
  const legend = drawLegend(ctx, L, meta);
  const scale = drawScaleBar(ctx, L, meta.metresPerPixel);
  const north = drawNorthArrow(ctx, L);
  if (L.footer.h > 0) drawFooter(ctx, L, meta);
  ctx.restore();
  return { legend, scale, north, inset };
}

/** Footer: date left, credits right, shrunk to share the line when long. */
function drawFooter(ctx: PrintContext, L: PrintLayout, meta: PrintMeta): void {
  ctx.fillStyle = '#404040';
  ctx.textBaseline = 'middle';
  const fy = L.footer.y + L.footer.h / 2;
  const credits = meta.credits.join('  ·  ');
  let fsz = L.font.footer;
  ctx.font = font(fsz);
  while (fsz > L.font.footer * 0.6 && ctx.measureText(`${meta.date}    ${credits}`).width > L.footer.w) ctx.font = font((fsz *= 0.9));
  ctx.textAlign = 'left';
  ctx.fillText(meta.date, L.footer.x, fy);
  ctx.textAlign = 'right';
  ctx.fillText(credits, L.footer.x + L.footer.w, fy);
}

/** A canvas of the page size with the page drawn (OffscreenCanvas where available). */
export function composePrint(map: CanvasImageSource, L: PrintLayout, meta: PrintMeta): OffscreenCanvas | HTMLCanvasElement {
  let canvas: OffscreenCanvas | HTMLCanvasElement;
  if (typeof OffscreenCanvas !== 'undefined') canvas = new OffscreenCanvas(L.width, L.height);
  else {
    canvas = document.createElement('canvas');
    canvas.width = L.width;
    canvas.height = L.height;
  }
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | null;
  if (!ctx) throw new Error(`cannot get a 2D canvas of ${L.width}×${L.height} px`);
  drawPrint(ctx, map, L, meta);
  return canvas;
}

/** The composed page encoded as a PNG blob. */
export async function printPng(canvas: OffscreenCanvas | HTMLCanvasElement): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: 'image/png' });
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
