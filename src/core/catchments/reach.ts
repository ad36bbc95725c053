// Minutes to the nearest facility at cell centres, by the very travel model the household figures
// use (straight line with detour, or the network/slope field): shared by the service-circle
// polygons (catchment.ts) and the walking-time surface (surface.ts), so both agree with the
// household numbers.
import { attachSnaps, fieldTimes, maxSpeedup } from '../travel/network.ts';
import { cellSnaps } from './cell-snaps.ts';
import { cellsNearReach } from './near-reach.ts';
import { metresPerMinute } from '../travel/speed.ts';
import type { Engine } from '../analysis/run.ts';
import type { CoverageCommand, TypeSpec } from '../analysis/command.ts';
import { candidateCells, cellCentre, type CellGrid } from './grid.ts';

/** Interleaved WGS84 lon/lat of the facilities of `code`. */
export function facilityPoints(engine: Engine, code: string): Float64Array {
  const ids = engine.facilityIds(code);
  const fc = engine.layers.facilities.coords;
  const pts = new Float64Array(2 * ids.length);
  ids.forEach((f, k) => {
    pts[2 * k] = fc[2 * f];
    pts[2 * k + 1] = fc[2 * f + 1];
  });
  return pts;
}

/** The latitude where service-circle and surface cells are square: the middle of all facilities'
 *  latitudes to the half degree, so every type (and most scenarios) lies on one lattice and
 *  shares its cells' snaps to the network (cell-snaps.ts). Undefined without facilities. */
export function squareLatitude(engine: Engine): number | undefined {
  const c = engine.layers.facilities.coords;
  let lo = Infinity,
    hi = -Infinity;
  for (let k = 1; k < c.length; k += 2) {
    lo = Math.min(lo, c[k]);
    hi = Math.max(hi, c[k]);
  }
  return lo <= hi ? Math.round(lo + hi) / 2 : undefined;
}

/** Greatest distance, metres, from which `minutes` of travel by `spec` can reach a facility:
 *  a path is never shorter than the great circle, and no stretch of it is travelled faster
 *  than the network's fastest (maxSpeedup), so circles reach as far as household times do. */
export function reachRadiusM(engine: Engine, spec: TypeSpec, cmd: CoverageCommand, minutes: number): number {
  const metres = metresPerMinute(spec.speedKmh) * minutes;
  return spec.mode === 'straight' ? metres / cmd.detour : metres * maxSpeedup(engine.network(spec.mode, cmd, spec));
}

/** The cells of `grid` that may lie within `limit` minutes of a facility of `spec` (indices
 *  j·width + i, ascending), with their minutes: those within `radiusM` of the facilities `pts`
 *  and, on a network, near an edge the facility field reaches in time (near-reach.ts). The
 *  others need no evaluation: they lie beyond the limit. */
export function minutesNear(
  engine: Engine,
  spec: TypeSpec,
  cmd: CoverageCommand,
  grid: CellGrid,
  pts: Float64Array,
  radiusM: number,
  limit: number,
): { cells: Uint32Array; minutes: Float32Array } {
  let cells = candidateCells(grid, pts, radiusM);
  if (spec.mode !== 'straight') {
    const p = engine.prepared(spec.mode, cmd, spec);
    // Float32 minutes round up to a millionth: a little more cost lets no such cell out.
    cells = cellsNearReach(p.net, engine.field(p, spec.code), grid, cells, limit * metresPerMinute(spec.speedKmh) * (1 + 1e-6));
  }
  return { cells, minutes: centreMinutes(engine, spec, cmd, grid, cells) };
}

/** Cells evaluated per call of the travel model: its working arrays (centres, snaps, legs, times)
 *  stay small, made once per call and reused from one block to the next instead of mapped afresh
 *  for a whole grid's candidates or each block (fresh memory costs more than the arithmetic done
 *  in it). */
const BLOCK = 1 << 14;

/** Minutes (Infinity: unreachable) from the centre of each of `cells` (indices j·width + i of
 *  `grid`) to the nearest facility of `spec`. */
export function centreMinutes(engine: Engine, spec: TypeSpec, cmd: CoverageCommand, grid: CellGrid, cells: Uint32Array): Float32Array {
  if (spec.mode === 'straight') {
    // All at once, in the engine's spatial order: blocks in lattice order run along rows through
    // distant facilities' boxes, and the nearest-facility search shares candidates among neighbours.
    const centres = new Float64Array(2 * cells.length);
    for (let k = 0; k < cells.length; k++) cellCentre(grid, cells[k] % grid.width, Math.floor(cells[k] / grid.width), centres, 2 * k);
    return engine.straight(centres, spec, cmd).minutes;
  }
  const out = new Float32Array(cells.length);
  const p = engine.prepared(spec.mode, cmd, spec);
  const field = engine.field(p, spec.code);
  const size = Math.min(BLOCK, cells.length);
  const centres = new Float64Array(2 * size),
    edge = new Int32Array(size),
    t = new Float64Array(size),
    legM = new Float64Array(size),
    toNet = new Float64Array(size),
    fromNet = new Float64Array(size),
    facility = new Int32Array(size);
  for (let k0 = 0; k0 < cells.length; k0 += BLOCK) {
    const part = cells.subarray(k0, k0 + BLOCK),
      n = part.length,
      xy = centres.subarray(0, 2 * n);
    for (let k = 0; k < n; k++) cellCentre(grid, part[k] % grid.width, Math.floor(part[k] / grid.width), xy, 2 * k);
    const snaps = cellSnaps(p.net, grid, part, { edge: edge.subarray(0, n), t: t.subarray(0, n), legM: legM.subarray(0, n) });
    const at = attachSnaps(p.net, xy, snaps, { toNet: toNet.subarray(0, n), fromNet: fromNet.subarray(0, n) });
    // Minutes straight into their places in `out`.
    fieldTimes(p.net, field, at, p.facs, spec.speedKmh, { minutes: out.subarray(k0, k0 + n), facility: facility.subarray(0, n) });
  }
  return out;
}
