// Slope-aware walking: Tobler's hiking function v = 6·e^(−3.5·|s + 0.05|) km/h, rescaled so
// that its speed on the flat equals the type's speed. Costs are stored as "flat-equivalent
// metres" (length × v_flat / v(s)), so one cost array serves every speed: minutes = cost ÷ speed.
import type { ElevationGrid, LineLayer } from '../types.ts';
import type { Graph } from './graph.ts';

/** Tobler's walking speed for slope s (rise/run), km/h. */
export function toblerKmh(s: number): number {
  return 6 * Math.exp(-3.5 * Math.abs(s + 0.05));
}

const FLAT = toblerKmh(0);

/** Tobler's top speed (6 km/h, on a 5% descent) over its speed on the flat: the least a metre
 *  walked costs in flat-equivalent metres is 1 / TOP_SPEEDUP. */
export const TOP_SPEEDUP = 6 / FLAT;

/** Steepest slope the model prices (rise/run = 1, 45°): Tobler's fit stops well before, and
 *  elevation artefacts on metre-long legs would otherwise give absurd times (e^35 at s = 10). */
export const MAX_SLOPE = 1;

/** Time factor relative to the flat for slope s (1 on the flat, > 1 uphill and on steep
 *  descents); slopes beyond ±MAX_SLOPE count as ±MAX_SLOPE. */
export function slopeFactor(s: number): number {
  return FLAT / toblerKmh(Math.max(-MAX_SLOPE, Math.min(MAX_SLOPE, s)));
}

/** Elevation (metres) at a WGS84 point by bilinear interpolation between cell centres; NaN
 *  outside the grid or next to no-data cells. */
export function sampleElevation(grid: ElevationGrid, lon: number, lat: number): number {
  const fx = (lon - grid.west) / grid.dx - 0.5;
  const fy = (grid.north - lat) / grid.dy - 0.5;
  if (!(fx >= -0.5 && fy >= -0.5 && fx <= grid.width - 0.5 && fy <= grid.height - 0.5)) return NaN;
  const x = Math.min(Math.max(fx, 0), grid.width - 1),
    y = Math.min(Math.max(fy, 0), grid.height - 1);
  const i0 = Math.floor(x),
    j0 = Math.floor(y);
  const i1 = Math.min(i0 + 1, grid.width - 1),
    j1 = Math.min(j0 + 1, grid.height - 1);
  const u = x - i0,
    v = y - j0,
    w = grid.width,
    z = grid.values;
  const top = z[j0 * w + i0] * (1 - u) + z[j0 * w + i1] * u;
  const bot = z[j1 * w + i0] * (1 - u) + z[j1 * w + i1] * u;
  return top * (1 - v) + bot * v;
}

/** Node elevations from the DEM, else from the lines' Z values; NaN where neither is known. */
export function nodeElevations(g: Graph, lines: LineLayer, dem?: ElevationGrid): Float64Array {
  const z = new Float64Array(g.nodeCount).fill(NaN);
  for (let n = 0; n < g.nodeCount; n++) {
    if (dem) z[n] = sampleElevation(dem, g.nodeCoords[2 * n], g.nodeCoords[2 * n + 1]);
    if (Number.isNaN(z[n]) && lines.z) z[n] = lines.z[g.nodeVertex[n]];
  }
  return z;
}

/** Directed flat-equivalent edge costs (metres) from node elevations; unknown elevations count as flat. */
export function slopeCosts(g: Graph, z: Float64Array): { fwd: Float64Array; bwd: Float64Array } {
  const fwd = new Float64Array(g.edgeCount),
    bwd = new Float64Array(g.edgeCount);
  for (let e = 0; e < g.edgeCount; e++) {
    const len = g.edgeLen[e];
    const rise = z[g.edgeV[e]] - z[g.edgeU[e]];
    const s = len > 0 && Number.isFinite(rise) ? rise / len : 0;
    fwd[e] = len * slopeFactor(s);
    bwd[e] = len * slopeFactor(-s);
  }
  return { fwd, bwd };
}

/** Flat-equivalent cost (metres) of a straight leg of `lenM` from elevation z0 to z1 (flat if unknown). */
export function legCost(lenM: number, z0: number, z1: number): number {
  const rise = z1 - z0;
  return lenM > 0 && Number.isFinite(rise) ? lenM * slopeFactor(rise / lenM) : lenM;
}
