// The walking-time surface: minutes to the nearest facility of one type at every cell centre of a
// regular lon/lat grid, by the same travel model as the household figures (reach.ts).
import type { Engine } from '../analysis/run.ts';
import type { CoverageCommand, TypeSpec } from '../analysis/command.ts';
import { gridAround, type CellGrid } from './grid.ts';
import { facilityPoints, minutesNear, reachRadiusM, squareLatitude } from './reach.ts';

/** Default surface cell size, metres (coarsened further by SURFACE_MAX_CELLS). */
export const SURFACE_CELL_M = 100;
/** Most cells in a surface grid: ~6 MB of minutes, one image of at most this many pixels. */
export const SURFACE_MAX_CELLS = 1.5e6;

export interface TimeSurface {
  /** Null when the type has no facilities. */
  grid: CellGrid | null;
  /** Minutes per cell (row j·width + i, j northward); NaN: unreachable or beyond the cap. */
  minutes: Float32Array;
}

/** The cap of a surface for a threshold of `minutes`: 4× the threshold, at most 60 minutes. */
export function defaultCapMinutes(minutes: number): number {
  return Math.max(minutes, Math.min(60, 4 * minutes));
}

/** Minutes to the nearest facility of `spec` on cells of about `cellM` metres, up to `capMinutes`. */
export function timeSurface(
  engine: Engine,
  spec: TypeSpec,
  cmd: CoverageCommand,
  cellM = SURFACE_CELL_M,
  capMinutes = defaultCapMinutes(spec.minutes),
  maxCells = SURFACE_MAX_CELLS,
): TimeSurface {
  const pts = facilityPoints(engine, spec.code);
  const radiusM = reachRadiusM(engine, spec, cmd, capMinutes);
  const grid = gridAround(pts, radiusM, cellM, maxCells, squareLatitude(engine));
  if (!grid) return { grid, minutes: new Float32Array(0) };
  const { cells, minutes: at } = minutesNear(engine, spec, cmd, grid, pts, radiusM, capMinutes);
  const minutes = new Float32Array(grid.width * grid.height).fill(NaN);
  for (let k = 0; k < cells.length; k++) if (at[k] <= capMinutes) minutes[cells[k]] = at[k];
  return { grid, minutes };
}
