// Boxes used to judge whether coordinates are plausible: anywhere in China is usable (with a
// warning away from the project's region, Honghe in Yunnan); far outside China is an error.

/** [west, south, east, north] in WGS84 degrees. */
export type BBox = [number, number, number, number];

/** Honghe Prefecture, from the DataV county outlines, rounded outwards. */
export const HONGHE_BBOX: BBox = [101.7, 22.4, 104.4, 24.8];
/** Yunnan Province, rounded outwards. */
export const YUNNAN_BBOX: BBox = [97.5, 21.1, 106.2, 29.3];
/** The project's region, Yunnan with a 1° margin: data beyond it draws a warning. */
export const REGION_BBOX: BBox = [96.5, 20.1, 107.2, 30.3];
/** China (mainland, Hainan, Taiwan and the South China Sea islands), rounded outwards. */
export const CHINA_BBOX: BBox = [73, 3, 136, 54];
/** China with a 1° margin: points outside it are "far outside China" (skipped). */
export const PLAUSIBLE_BBOX: BBox = [72, 2, 137, 55];

/** Whether lon/lat (WGS84 degrees) lies in `box`. */
export function inBox(box: BBox, lon: number, lat: number): boolean {
  return lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3];
}
