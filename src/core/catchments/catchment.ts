// Service circles of one facility type as one MultiPolygon: the cells reachable within the
// threshold by the type's travel model (grid.ts), traced into rings (trace.ts).
import { straightTimes } from '../travel/straight.ts';
import { attach, fieldTimes } from '../travel/network.ts';
import { metresPerMinute } from '../travel/speed.ts';
import { toblerKmh } from '../travel/slope.ts';
import type { Engine } from '../analysis/run.ts';
import type { CoverageCommand, TypeSpec } from '../analysis/command.ts';
import { candidateCells, cellCentre, gridAround, DEFAULT_CELL_M, type CellGrid } from './grid.ts';
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
  const ids = engine.facilityIds(spec.code);
  const fc = engine.layers.facilities.coords;
  const pts = new Float64Array(2 * ids.length);
  ids.forEach((f, k) => { pts[2 * k] = fc[2 * f]; pts[2 * k + 1] = fc[2 * f + 1]; });
  // Greatest reach: a path is never shorter than the great circle; Tobler's top speed (on a
  // 5% descent) beats the flat speed by 6/toblerKmh(0).
  const boost = spec.mode === 'slope' ? 6 / toblerKmh(0) : 1;
  const detour = spec.mode === 'straight' ? cmd.detour : 1;
  const radiusM = (metresPerMinute(spec.speedKmh) * spec.minutes * boost) / detour;
  const grid = gridAround(pts, radiusM, cellM);
  if (!grid) return { code: spec.code, coordinates: [], grid, mask: new Uint8Array(0) };
  const cells = candidateCells(grid, pts, radiusM);
  const centres = new Float64Array(2 * cells.length);
  for (let k = 0; k < cells.length; k++) cellCentre(grid, cells[k] % grid.width, Math.floor(cells[k] / grid.width), centres, 2 * k);
  let minutes: Float32Array;
  if (spec.mode === 'straight') {
    minutes = straightTimes(centres, fc, ids, spec.speedKmh, cmd.detour).minutes;
  } else {
    const net = engine.network(spec.mode, cmd);
    const key = `${spec.mode}:${net.maxSnapM}`;
    const { facs } = engine.attachments(net, key);
    minutes = fieldTimes(net, engine.field(net, key, spec.code, facs), attach(net, centres), facs, spec.speedKmh).minutes;
  }
  const mask = new Uint8Array(grid.width * grid.height);
  for (let k = 0; k < cells.length; k++) if (minutes[k] <= spec.minutes) mask[cells[k]] = 1;
  return { code: spec.code, coordinates: traceCells(grid, mask), grid, mask };
}
