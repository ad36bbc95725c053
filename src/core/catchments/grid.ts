// Service-circle reach on a grid: each cell is reachable when its centre is, by the very same
// travel model households are measured with (so the polygons and the household figures agree).
// Only cells within the greatest possible reach of some facility are evaluated.
import { M_PER_DEG, searchBox } from '../geo/distance.ts';
import { mPerDegLon } from '../geo/project.ts';

/** A lattice of square-ish cells aligned to multiples of (dLon, dLat) degrees; cell (i, j) spans
 *  lon (i0+i)·dLon … (i0+i+1)·dLon, lat (j0+j)·dLat … (j0+j+1)·dLat (j grows northward). */
export interface CellGrid {
  width: number;
  height: number;
  i0: number;
  j0: number;
  dLon: number;
  dLat: number;
}

/** Default catchment cell size, metres. */
export const DEFAULT_CELL_M = 100;

/** The grid covering every point within `radiusM` of the WGS84 `points`, cells of about
 *  `cellM` metres (coarsened so the grid has at most `maxCells` cells), square at latitude
 *  `squareLat` (default the box's middle). Grids of the same cell size and `squareLat` share
 *  their cells (the lattice is anchored at 0°), so work per cell can be reused between them. */
export function gridAround(
  points: Float64Array,
  radiusM: number,
  cellM = DEFAULT_CELL_M,
  maxCells = 8e6,
  squareLat?: number,
): CellGrid | null {
  const n = points.length / 2;
  if (n === 0) return null;
  // Callers pass checked settings (core/limits.ts); a non-finite size here would never fit maxCells.
  // Cells sit on a grid anchored at 0°, so a box across the equator or the prime meridian needs
  // two cells per axis however large they grow: at least 4 cells.
  if (!(Number.isFinite(radiusM) && radiusM >= 0 && Number.isFinite(cellM) && cellM > 0 && maxCells >= 4)) {
    throw new RangeError(`catchment grid: radius ${radiusM} m and cell ${cellM} m must be finite, and maxCells ${maxCells} ≥ 4`);
  }
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (let k = 0; k < n; k++) {
    const x = points[2 * k],
      y = points[2 * k + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const edgeLat = Math.abs(minY) > Math.abs(maxY) ? minY : maxY;
  const { dLon: padLon, dLat: padLat } = searchBox(edgeLat, radiusM);
  minX -= padLon;
  maxX += padLon;
  minY -= padLat;
  maxY += padLat;
  // Cell width fixed by the centre latitude: cells are square there and within ~1% nearby.
  const midLat = squareLat ?? (minY + maxY) / 2;
  if (![minX, minY, maxX, maxY].every(Number.isFinite) || !(mPerDegLon(midLat) > 1))
    throw new RangeError('catchment grid: coordinates must be finite, away from the poles');
  // Each step grows the cells 1.5×; 200 steps (a factor of 1e35) fit any finite box.
  for (let size = cellM, step = 0; step < 200; size *= 1.5, step++) {
    const dLat = size / M_PER_DEG,
      dLon = size / mPerDegLon(midLat);
    const i0 = Math.floor(minX / dLon),
      j0 = Math.floor(minY / dLat);
    const width = Math.floor(maxX / dLon) - i0 + 1,
      height = Math.floor(maxY / dLat) - j0 + 1;
    if (width * height <= maxCells) return { width, height, i0, j0, dLon, dLat };
  }
  throw new RangeError(`catchment grid: no cell size fits ${maxCells} cells`);
}

/** WGS84 centre of cell (i, j) written to out. */
export function cellCentre(g: CellGrid, i: number, j: number, out: Float64Array, at = 0): void {
  out[at] = (g.i0 + i + 0.5) * g.dLon;
  out[at + 1] = (g.j0 + j + 0.5) * g.dLat;
}

/** Indices (j·width + i) of the cells whose centre may lie within `radiusM` of a point. */
export function candidateCells(g: CellGrid, points: Float64Array, radiusM: number): Uint32Array {
  const size = g.width * g.height;
  // Padded to whole 32-bit words, read four cells at a time below (most of a wide grid is unmarked).
  const mark = new Uint8Array((size + 3) & ~3),
    words = new Uint32Array(mark.buffer);
  for (let k = 0; k < points.length / 2; k++) {
    const x = points[2 * k],
      y = points[2 * k + 1];
    const { dLon, dLat } = searchBox(y, radiusM);
    const ia = Math.max(0, Math.floor((x - dLon) / g.dLon) - g.i0),
      ib = Math.min(g.width - 1, Math.floor((x + dLon) / g.dLon) - g.i0);
    const ja = Math.max(0, Math.floor((y - dLat) / g.dLat) - g.j0),
      jb = Math.min(g.height - 1, Math.floor((y + dLat) / g.dLat) - g.j0);
    for (let j = ja; j <= jb; j++) mark.fill(1, j * g.width + ia, j * g.width + ib + 1);
  }
  let count = 0;
  for (let w = 0; w < words.length; w++) if (words[w]) for (let c = 4 * w; c < 4 * w + 4; c++) count += mark[c];
  const out = new Uint32Array(count);
  for (let w = 0, k = 0; w < words.length; w++) if (words[w]) for (let c = 4 * w; c < 4 * w + 4; c++) if (mark[c]) out[k++] = c;
  return out;
}
