// Paper sizes, pixel maths and the print page layout: pure functions, no DOM. The lead renders
// the map off-screen at `layout.map` pixels and hands it to compose.ts with the layout.

export type PaperName = 'A4' | 'A3';
export type Orientation = 'portrait' | 'landscape';

export interface PaperSpec {
  paper: PaperName;
  orientation: Orientation;
  /** Dots per inch (the tool offers 150–300). */
  dpi: number;
}

/** ISO 216 sizes, millimetres, portrait (width, height). */
export const PAPER_MM: Record<PaperName, readonly [number, number]> = { A4: [210, 297], A3: [297, 420] };

export const MIN_DPI = 72,
  MAX_DPI = 600;
const MM_PER_INCH = 25.4;
/** Web Mercator equator length, metres (2π · 6 378 137). */
export const EARTH_CIRCUMFERENCE_M = 2 * Math.PI * 6378137;

/** Millimetres on paper → whole pixels at `dpi`. */
export const mmToPx = (mm: number, dpi: number): number => Math.round((mm / MM_PER_INCH) * dpi);
/** Typographic points (1/72 inch) → pixels at `dpi` (fractional: font sizes need not be whole). */
export const ptToPx = (pt: number, dpi: number): number => (pt / 72) * dpi;

/** Page size in pixels, e.g. A4 landscape at 300 dpi → 3508 × 2480. */
export function paperPixels(spec: PaperSpec): { width: number; height: number } {
  if (!(spec.dpi >= MIN_DPI && spec.dpi <= MAX_DPI)) throw new Error(`dpi must be in ${MIN_DPI}–${MAX_DPI}, got ${spec.dpi}`);
  const [w, h] = PAPER_MM[spec.paper];
  const [wmm, hmm] = spec.orientation === 'portrait' ? [w, h] : [h, w];
  return { width: mmToPx(wmm, spec.dpi), height: mmToPx(hmm, spec.dpi) };
}

/** Ground metres per image pixel of a Web Mercator map (512-px tiles, as maplibre) at latitude
 *  `latDeg` and zoom `zoom`, rendered at `pixelRatio` image pixels per CSS pixel. */
export function metresPerPixel(latDeg: number, zoom: number, pixelRatio = 1): number {
  return (EARTH_CIRCUMFERENCE_M * Math.cos((latDeg * Math.PI) / 180)) / (512 * 2 ** zoom * pixelRatio);
}

/** The largest 1, 2 or 5 × 10ᵏ metres not above `maxMetres` (> 0). */
export function niceLength(maxMetres: number): number {
  if (!(maxMetres > 0) || !Number.isFinite(maxMetres)) throw new Error(`scale bar needs a positive length, got ${maxMetres}`);
  const p = 10 ** Math.floor(Math.log10(maxMetres));
  // Guard against log10 rounding just below a power of ten (e.g. 1000 → 999.99…).
  const base = maxMetres / p >= 10 - 1e-9 ? p * 10 : p;
  for (const m of [5, 2, 1]) if (m * base <= maxMetres * (1 + 1e-12)) return m * base;
  return base;
}

export interface ScaleBar {
  metres: number;
  /** Bar length in image pixels. */
  px: number;
  /** "500 m", "2 km", "1.5 km" style label. */
  label: string;
}

/** A scale bar no longer than `maxPx` pixels for a map at `metresPerPx`. */
export function scaleBar(metresPerPx: number, maxPx: number): ScaleBar {
  const metres = niceLength(metresPerPx * maxPx);
  return { metres, px: metres / metresPerPx, label: metres < 1000 ? `${metres} m` : `${metres / 1000} km` };
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PrintLayout {
  spec: PaperSpec;
  width: number;
  height: number;
  /** Page margin, pixels. */
  margin: number;
  title: Rect;
  /** The map frame: the map image goes here, at exactly map.w × map.h pixels, and nothing is
   *  drawn over it. */
  map: Rect;
  /** The margin panel beside (landscape) or below (portrait) the map, holding the locator
   *  inset, the legend, the scale bar and the north arrow. */
  side: Rect;
  inset: Rect;
  legend: Rect;
  scale: Rect;
  north: Rect;
  footer: Rect;
  /** Font sizes, pixels. */
  font: { title: number; subtitle: number; legend: number; footer: number };
}

/** Page layout: 10 mm margins, a 16 mm title band, the map frame and its margin panel, a 7 mm
 *  footer band (date, credits). Fonts: title 20 pt, subtitle 11 pt, legend 10 pt, footer 8 pt
 *  (readable printed). */
export function printLayout(spec: PaperSpec): PrintLayout {
  const { width, height } = paperPixels(spec);
  const px = (mm: number) => mmToPx(mm, spec.dpi);
  return arrange(spec, width, height, { margin: px(10), title: px(16), footer: px(7) }, spec.orientation === 'landscape');
}

/** A map frame with its margin panel only, `wMm` × `hMm` at `dpi` (no title, footer or margin:
 *  the atlas page around it carries those as text). The panel goes beside a wide frame, below
 *  a tall one. */
export function frameLayout(wMm: number, hMm: number, dpi: number): PrintLayout {
  const spec: PaperSpec = { paper: 'A4', orientation: wMm >= hMm ? 'landscape' : 'portrait', dpi };
  return arrange(spec, mmToPx(wMm, dpi), mmToPx(hMm, dpi), { margin: 0, title: 0, footer: 0 }, wMm >= 1.6 * hMm);
}

/** The body between title and footer bands: map frame and margin panel. The panel takes a
 *  quarter of the width at the side (inset on top, legend, then scale bar and north arrow) or a
 *  quarter of the body height below (inset left, legend in the middle, north arrow and scale bar
 *  right). */
function arrange(
  spec: PaperSpec,
  width: number,
  height: number,
  bands: { margin: number; title: number; footer: number },
  sidePanel: boolean,
): PrintLayout {
  const px = (mm: number) => mmToPx(mm, spec.dpi);
  const { margin } = bands,
    gap = px(3);
  const inner = width - 2 * margin;
  const title = { x: margin, y: margin, w: inner, h: bands.title };
  const bodyY = margin + (bands.title ? bands.title + gap : 0);
  const footerY = height - margin - bands.footer;
  const bodyH = footerY - (bands.footer ? gap : 0) - bodyY;
  const northW = px(14),
    northH = px(18),
    scaleH = px(14);
  let map: Rect, side: Rect, inset: Rect, legend: Rect, scale: Rect, north: Rect;
  if (sidePanel) {
    const sideW = Math.round(inner * 0.25);
    map = { x: margin, y: bodyY, w: inner - sideW - gap, h: bodyH };
    side = { x: map.x + map.w + gap, y: bodyY, w: sideW, h: bodyH };
    inset = { x: side.x, y: side.y, w: side.w, h: Math.min(Math.round(side.w * 0.85), Math.round(side.h * 0.4)) };
    north = { x: side.x + side.w - northW, y: side.y + side.h - northH, w: northW, h: northH };
    scale = { x: side.x, y: side.y + side.h - scaleH, w: side.w - northW - gap, h: scaleH };
    const ly = inset.y + inset.h + gap;
    legend = { x: side.x, y: ly, w: side.w, h: north.y - gap - ly };
  } else {
    const sideH = Math.round(bodyH * 0.25);
    map = { x: margin, y: bodyY, w: inner, h: bodyH - sideH - gap };
    side = { x: margin, y: map.y + map.h + gap, w: inner, h: sideH };
    inset = { x: side.x, y: side.y, w: Math.round(side.h / 0.85), h: side.h };
    const rightW = Math.round(inner * 0.22);
    north = { x: side.x + side.w - northW, y: side.y, w: northW, h: northH };
    scale = { x: side.x + side.w - rightW, y: side.y + side.h - scaleH, w: rightW, h: scaleH };
    const lx = inset.x + inset.w + gap;
    legend = { x: lx, y: side.y, w: scale.x - gap - lx, h: side.h };
  }
  return {
    spec,
    width,
    height,
    margin,
    title,
    map,
    side,
    inset,
    legend,
    scale,
    north,
    footer: { x: margin, y: footerY, w: inner, h: bands.footer },
    font: { title: ptToPx(20, spec.dpi), subtitle: ptToPx(11, spec.dpi), legend: ptToPx(10, spec.dpi), footer: ptToPx(8, spec.dpi) },
  };
}

/** True when two rectangles share any area. */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** The credits line: boundaries from DataV.GeoAtlas; the synthetic-data notice when it applies. */
export function printCredits(synthetic: boolean, extra: readonly string[] = []): string[] {
  return ['边界 Boundaries: DataV.GeoAtlas', ...(synthetic ? ['合成演示数据 synthetic demo data'] : []), ...extra];
}
