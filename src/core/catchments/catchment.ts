// Service circles of one facility type as one MultiPolygon: minutes at cell centres by the type's
// travel model (reach.ts), outlined at the threshold by marching squares (isochrone.ts).
import type { Engine } from '../analysis/run.ts';
import type { CoverageCommand, TypeSpec } from '../analysis/command.ts';
import { gridAround, DEFAULT_CELL_M, type CellGrid } from './grid.ts';
import { facilityPoints, minutesNear, reachRadiusM, squareLatitude } from './reach.ts';
import { isochrone } from './isochrone.ts';
import { metresPerMinute } from '../travel/speed.ts';

export interface Catchment {
  code: string;
  /** GeoJSON MultiPolygon coordinates, WGS84. */
  coordinates: number[][][][];
  grid: CellGrid | null;
  /** Cells whose centre is reachable within the threshold (j·width + i), ascending. */
  inside: Uint32Array;
}

/** Minutes to cross one cell of `cellM` metres at the type's flat speed (× detour in straight
 *  mode): outlines stay within this of the threshold. */
export function cellMinutes(spec: TypeSpec, cmd: CoverageCommand, cellM: number): number {
  return (cellM * (spec.mode === 'straight' ? cmd.detour : 1)) / metresPerMinute(spec.speedKmh);
}

/** The reachable cells and their isochrone for `spec`, on cells of about `cellM` metres. */
export function catchment(engine: Engine, spec: TypeSpec, cmd: CoverageCommand, cellM = DEFAULT_CELL_M): Catchment {
  const pts = facilityPoints(engine, spec.code);
  const radiusM = reachRadiusM(engine, spec, cmd, spec.minutes);
  const grid = gridAround(pts, radiusM, cellM, undefined, squareLatitude(engine));
  if (!grid) return { code: spec.code, coordinates: [], grid, inside: new Uint32Array(0) };
  // Unreachable and unevaluated centres count as one cell's travel beyond the threshold, so
  // cells that cannot come under it need no evaluation.
  const far = spec.minutes + cellMinutes(spec, cmd, cellM);
  const { cells, minutes } = minutesNear(engine, spec, cmd, grid, pts, radiusM, far);
  let reached = 0;
  for (let k = 0; k < cells.length; k++) if (minutes[k] <= spec.minutes) reached++;
  const inside = new Uint32Array(reached);
  for (let k = 0, r = 0; k < cells.length; k++) if (minutes[k] <= spec.minutes) inside[r++] = cells[k];
  return { code: spec.code, coordinates: isochrone(grid, cells, minutes, spec.minutes, far), grid, inside };
}
