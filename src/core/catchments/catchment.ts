// Service circles of one facility type as one MultiPolygon: the cells reachable within the
// threshold by the type's travel model (reach.ts), traced into rings (trace.ts).
import type { Engine } from '../analysis/run.ts';
import type { CoverageCommand, TypeSpec } from '../analysis/command.ts';
import { candidateCells, gridAround, DEFAULT_CELL_M, type CellGrid } from './grid.ts';
import { centreMinutes, facilityPoints, reachRadiusM } from './reach.ts';
import { traceCells } from './trace.ts';

export interface Catchment {
  code: string;
  /** GeoJSON MultiPolygon coordinates, WGS84. */
  coordinates: number[][][][];
  grid: CellGrid | null;
  /** Reachable cell mask over the grid (row j·width + i). */
  mask: Uint8Array;
}

/** The reachable cells and their outline for `spec`, on cells of about `cellM` metres. */
export function catchment(engine: Engine, spec: TypeSpec, cmd: CoverageCommand, cellM = DEFAULT_CELL_M): Catchment {
  const pts = facilityPoints(engine, spec.code);
  const radiusM = reachRadiusM(spec, cmd, spec.minutes);
  const grid = gridAround(pts, radiusM, cellM);
  if (!grid) return { code: spec.code, coordinates: [], grid, mask: new Uint8Array(0) };
  const cells = candidateCells(grid, pts, radiusM);
  const minutes = centreMinutes(engine, spec, cmd, grid, cells);
  const mask = new Uint8Array(grid.width * grid.height);
  for (let k = 0; k < cells.length; k++) if (minutes[k] <= spec.minutes) mask[cells[k]] = 1;
  return { code: spec.code, coordinates: traceCells(grid, mask), grid, mask };
}
