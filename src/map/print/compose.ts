// Composes the printed map page off-screen: title, the map image (rendered elsewhere at
// layout.map pixels), legend, scale bar, north arrow, date and credits. Independent of maplibre:
// it draws a CanvasImageSource on a 2D context, so the view on screen is never touched.
// Text from user files (legend labels, titles) is drawn as canvas text, never as HTML.
import { scaleBar, type PrintLayout, type Rect } from './paper.ts';

export interface LegendItem {
  /** CSS colour. */
  color: string;
  label: string;
  /** Marker drawn before the label (default 'box'). */
  shape?: 'box' | 'circle' | 'line';
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
}

/** The part of CanvasRenderingContext2D the composer uses (a test can record it). */
export type PrintContext = Pick<CanvasRenderingContext2D,
  'fillRect' | 'strokeRect' | 'fillText' | 'drawImage' | 'measureText' | 'beginPath' | 'moveTo' | 'lineTo' |
  'closePath' | 'fill' | 'stroke' | 'arc' | 'save' | 'restore' | 'font' | 'fillStyle' | 'strokeStyle' |
  'lineWidth' | 'textAlign' | 'textBaseline'>;

const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';
const INK = '#1a1a1a';
const font = (px: number, bold = false) => `${bold ? 'bold ' : ''}${Math.round(px)}px ${FONT}`;

function panel(ctx: PrintContext, r: Rect, line: number): void {
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.fillRect(r.x, r.y, r.w, r.h);
  ctx.strokeStyle = '#808080';
  ctx.lineWidth = line;
  ctx.strokeRect(r.x, r.y, r.w, r.h);
}

/** Legend in the map's lower-left corner, in columns when the items do not fit 45% of its height.
 *  Returns the panel's rectangle. */
export function drawLegend(ctx: PrintContext, L: PrintLayout, meta: PrintMeta): Rect | null {
  if (meta.legend.length === 0 && !meta.legendTitle) return null;
  const fs = L.font.legend, pad = fs * 0.6, lineH = fs * 1.5, sw = fs * 1.2;
  const titleH = meta.legendTitle ? lineH : 0;
  const perCol = Math.max(1, Math.floor((L.map.h * 0.45 - 2 * pad - titleH) / lineH));
  const cols = Math.max(1, Math.ceil(meta.legend.length / perCol));
  ctx.font = font(fs, true);
  let colW = meta.legendTitle ? ctx.measureText(meta.legendTitle).width / cols : 0;
  ctx.font = font(fs);
  for (const it of meta.legend) colW = Math.max(colW, sw + pad + ctx.measureText(it.label).width);
  const rows = Math.min(perCol, meta.legend.length);
  const r = { x: L.map.x + pad * 2, y: 0, w: cols * colW + (cols + 1) * pad, h: 2 * pad + titleH + rows * lineH };
  r.y = L.map.y + L.map.h - pad * 2 - r.h;
  panel(ctx, r, fs / 12);
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  if (meta.legendTitle) {
    ctx.font = font(fs, true);
    ctx.fillStyle = INK;
    ctx.fillText(meta.legendTitle, r.x + pad, r.y + pad + lineH / 2);
    ctx.font = font(fs);
  }
  meta.legend.forEach((it, i) => {
    const x = r.x + pad + Math.floor(i / perCol) * (colW + pad);
    const cy = r.y + pad + titleH + (i % perCol) * lineH + lineH / 2;
    ctx.fillStyle = it.color;
    ctx.strokeStyle = it.color;
    if (it.shape === 'circle') {
      ctx.beginPath(); ctx.arc(x + sw / 2, cy, sw / 2.5, 0, 2 * Math.PI); ctx.fill();
    } else if (it.shape === 'line') {
      ctx.lineWidth = fs / 5;
      ctx.beginPath(); ctx.moveTo(x, cy); ctx.lineTo(x + sw, cy); ctx.stroke();
    } else {
      ctx.fillRect(x, cy - sw / 3, sw, (2 * sw) / 3);
    }
    ctx.fillStyle = INK;
    ctx.fillText(it.label, x + sw + pad, cy);
  });
  return r;
}

/** Scale bar in the map's lower-right corner, at most a fifth of the map's width. */
export function drawScaleBar(ctx: PrintContext, L: PrintLayout, metresPerPixel: number): Rect {
  const fs = L.font.legend, pad = fs * 0.6;
  const bar = scaleBar(metresPerPixel, L.map.w / 5);
  const barH = fs * 0.45;
  const r = { x: 0, y: 0, w: bar.px + 2 * pad, h: 2 * pad + fs * 1.3 + barH };
  r.x = L.map.x + L.map.w - pad * 2 - r.w;
  r.y = L.map.y + L.map.h - pad * 2 - r.h;
  panel(ctx, r, fs / 12);
  const x0 = r.x + pad, y0 = r.y + r.h - pad - barH;
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

/** North arrow in the map's upper-right corner (the map is north-up: no rotation, no pitch). */
export function drawNorthArrow(ctx: PrintContext, L: PrintLayout): Rect {
  const fs = L.font.legend, size = fs * 3.2, pad = fs * 0.6;
  const r = { x: L.map.x + L.map.w - pad * 2 - size, y: L.map.y + pad * 2, w: size, h: size * 1.35 };
  panel(ctx, r, fs / 12);
  const cx = r.x + size / 2, top = r.y + fs * 1.6, bottom = r.y + r.h - pad, half = size * 0.22;
  ctx.fillStyle = INK;
  ctx.beginPath(); ctx.moveTo(cx, top); ctx.lineTo(cx - half, bottom); ctx.lineTo(cx, bottom - half); ctx.closePath(); ctx.fill();
  ctx.strokeStyle = INK;
  ctx.lineWidth = fs / 12;
  ctx.beginPath(); ctx.moveTo(cx, top); ctx.lineTo(cx + half, bottom); ctx.lineTo(cx, bottom - half); ctx.closePath(); ctx.stroke();
  ctx.font = font(fs, true);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillText('N 北', cx, r.y + pad * 0.6);
  return r;
}

/** Draws the whole page onto `ctx` (sized layout.width × layout.height). */
export function drawPrint(ctx: PrintContext, map: CanvasImageSource, L: PrintLayout, meta: PrintMeta): void {
  ctx.save();
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, L.width, L.height);
  // Title band: title left, subtitle under it.
  ctx.fillStyle = INK;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.font = font(L.font.title, true);
  ctx.fillText(meta.title, L.title.x, L.title.y);
  if (meta.subtitle) {
    ctx.font = font(L.font.subtitle);
    ctx.fillText(meta.subtitle, L.title.x, L.title.y + L.font.title * 1.3);
  }
  ctx.drawImage(map, L.map.x, L.map.y, L.map.w, L.map.h);
  ctx.strokeStyle = INK;
  ctx.lineWidth = L.font.footer / 10;
  ctx.strokeRect(L.map.x, L.map.y, L.map.w, L.map.h);
  drawLegend(ctx, L, meta);
  drawScaleBar(ctx, L, meta.metresPerPixel);
  drawNorthArrow(ctx, L);
  // Footer: date left, credits right.
  ctx.font = font(L.font.footer);
  ctx.fillStyle = '#404040';
  ctx.textBaseline = 'middle';
  const fy = L.footer.y + L.footer.h / 2;
  ctx.textAlign = 'left';
  ctx.fillText(meta.date, L.footer.x, fy);
  ctx.textAlign = 'right';
  ctx.fillText(meta.credits.join('  ·  '), L.footer.x + L.footer.w, fy);
  ctx.restore();
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
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
