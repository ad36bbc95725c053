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

/** Indices (j·width + i) of the cells whose centre may lie within `radiusM` of a point, ascending:
 *  the union of each point's search box, merged row by row (no pass over the whole grid). */
export function candidateCells(g: CellGrid, points: Float64Array, radiusM: number): Uint32Array {
  const n = points.length / 2;
  // Each point's box of cells, ia…ib × ja…jb; boxes by ascending ia.
  const box = new Int32Array(4 * n);
  for (let k = 0; k < n; k++) {
    const x = points[2 * k],
      y = points[2 * k + 1];
    const { dLon, dLat } = searchBox(y, radiusM);
    const ia = Math.max(0, Math.floor((x - dLon) / g.dLon) - g.i0),
      ib = Math.min(g.width - 1, Math.floor((x + dLon) / g.dLon) - g.i0);
    const ja = Math.max(0, Math.floor((y - dLat) / g.dLat) - g.j0),
      jb = Math.min(g.height - 1, Math.floor((y + dLat) / g.dLat) - g.j0);
    // A box off the grid (or of a point that is not finite: NaN fails both tests) covers no row.
    if (ia <= ib && ja <= jb) box.set([ia, ib, ja, jb], 4 * k);
    else box.set([0, -1, 0, -1], 4 * k);
  }
  const byWest = Int32Array.from({ length: n }, (_, k) => k).sort((a, b) => box[4 * a] - box[4 * b]);
  // The boxes crossing each row, in that order (a counting sort by row).
  const rowStart = new Int32Array(g.height + 1);
  for (let k = 0; k < n; k++) for (let j = box[4 * k + 2]; j <= box[4 * k + 3]; j++) rowStart[j + 1]++;
  for (let j = 0; j < g.height; j++) rowStart[j + 1] += rowStart[j];
  const fill = rowStart.slice(0, g.height),
    rowBoxes = new Int32Array(rowStart[g.height]);
  for (const k of byWest) for (let j = box[4 * k + 2]; j <= box[4 * k + 3]; j++) rowBoxes[fill[j]++] = k;
  // Per row, the union of its boxes' spans: counted, then written.
  const emit = (out: Uint32Array | null): number => {
    let count = 0;
    for (let j = 0; j < g.height; j++) {
      let end = -1; // last cell written in this row
      for (let q = rowStart[j]; q < rowStart[j + 1]; q++) {
        const k = rowBoxes[q],
          a = Math.max(box[4 * k], end + 1),
          b = box[4 * k + 1];
        if (out) for (let i = a; i <= b; i++) out[count + i - a] = j * g.width + i;
        if (b >= a) count += b - a + 1;
        end = Math.max(end, b);
      }
    }
    return count;
  };
  const out = new Uint32Array(emit(null));
  emit(out);
  return out;
}
