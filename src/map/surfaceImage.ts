// The walking-time surface as an image for a maplibre image source. maplibre stretches an image
// linearly between its corners in Web Mercator, so the rows are resampled to equal Mercator
// steps (over Honghe's 2.3° of latitude, equal-degree rows would sit up to ~500 m off).
import type { CellGrid } from '../core/catchments/grid';

/** Ramp stops: dark blue up to half the threshold, teal at the threshold, pale yellow at the cap
 *  (hues apart from the red–green coverage fill underneath). */
export const SURFACE_RAMP = { near: '#253494', threshold: '#41b6c4', far: '#ffffcc' } as const;
/** Opacity of the surface layer over the map. */
export const SURFACE_OPACITY = 0.65;

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const NEAR = rgb(SURFACE_RAMP.near),
  MID = rgb(SURFACE_RAMP.threshold),
  FAR = rgb(SURFACE_RAMP.far);

/** RGBA of `minutes` on the ramp for `threshold` and `cap` minutes (alpha 0 for NaN or beyond cap). */
export function rampColour(minutes: number, threshold: number, cap: number, out: Uint8ClampedArray, at: number): void {
  if (!(minutes <= cap)) {
    out[at + 3] = 0;
    return;
  }
  const half = threshold / 2;
  let a = NEAR,
    b = MID,
    f = 0;
  if (minutes > threshold) {
    a = MID;
    b = FAR;
    f = cap > threshold ? (minutes - threshold) / (cap - threshold) : 1;
  } else if (minutes > half) f = (minutes - half) / (threshold - half);
  for (let c = 0; c < 3; c++) out[at + c] = a[c] + (b[c] - a[c]) * f;
  out[at + 3] = 255;
}

const mercY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
const latOf = (y: number) => ((2 * Math.atan(Math.exp(y)) - Math.PI / 2) * 180) / Math.PI;

/** WGS84 bounds [w, s, e, n] of a grid. */
export function gridBounds(g: CellGrid): [number, number, number, number] {
  return [g.i0 * g.dLon, g.j0 * g.dLat, (g.i0 + g.width) * g.dLon, (g.j0 + g.height) * g.dLat];
}

/** Pixels (rows north to south, equal Mercator steps) of the surface `minutes` on grid `g`. */
export function surfacePixels(g: CellGrid, minutes: Float32Array, threshold: number, cap: number): ImageData {
  const img = new ImageData(g.width, g.height);
  const [, s, , n] = gridBounds(g);
  const yN = mercY(n),
    yS = mercY(s);
  for (let r = 0; r < g.height; r++) {
    const lat = latOf(yN - ((r + 0.5) / g.height) * (yN - yS));
    const j = Math.min(g.height - 1, Math.max(0, Math.floor(lat / g.dLat) - g.j0));
    for (let i = 0; i < g.width; i++) rampColour(minutes[j * g.width + i], threshold, cap, img.data, 4 * (r * g.width + i));
  }
  return img;
}

/** An object URL of the surface as a PNG (revoke it when replaced). */
export async function surfaceImageUrl(g: CellGrid, minutes: Float32Array, threshold: number, cap: number): Promise<string> {
  const canvas = new OffscreenCanvas(g.width, g.height);
  canvas.getContext('2d')!.putImageData(surfacePixels(g, minutes, threshold, cap), 0, 0);
  return URL.createObjectURL(await canvas.convertToBlob({ type: 'image/png' }));
}
