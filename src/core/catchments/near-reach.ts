// Which cells of a grid a network facility field can reach within a cost, before any cell is
// snapped. A cell's cost is its leg to the edge it snaps to plus that edge's cost to a facility,
// which is at least the cheaper of the edge's ends (0 on an edge holding a facility). So a cell
// under the limit lies within its snapping distance of an edge whose ends cost less than the
// limit, and no farther from it than the rest of the limit walked at a leg's top speed: inside
// one of those edges' capsules. The service circles evaluate only cells inside some capsule
// (about half of their facilities' discs on the demo); every other cell costs more than the limit.
import type { FacilityField, CostedNetwork } from '../travel/network.ts';
import { TOP_SPEEDUP } from '../travel/slope.ts';
import { M_PER_DEG } from '../geo/distance.ts';
import { mPerDegLon } from '../geo/project.ts';
import type { CellGrid } from './grid.ts';

/** The `cells` (indices j·width + i of `grid`, ascending) whose centre may cost less than
 *  `limit` (flat-equivalent metres, the field's unit) to a facility of `field` on `net`; `cells`
 *  itself where the network is too dense for marking to pay. */
export function cellsNearReach(net: CostedNetwork, field: FacilityField, grid: CellGrid, cells: Uint32Array, limit: number): Uint32Array {
  const g = net.graph,
    c = g.nodeCoords,
    { dist, onEdge } = field;
  // Marking costs a capsule row at a time, a tenth or less of evaluating a cell. Where edges
  // outnumber cells (a street grid's 300k edges under 107k cells: 35 rows a cell; the demo's
  // networks 0.3–0.8) nearly every cell lies near a reached edge anyway: all are evaluated, once
  // the reached edges' rows counted so far say so.
  const budget = MAX_ROWS_PER_CELL * cells.length;
  let rows = 0,
    m = 0;
  for (let e = 0; e < g.edgeCount; e++) {
    const u = g.edgeU[e],
      v = g.edgeV[e],
      lo = Math.min(dist[u], dist[v]);
    if (!(lo < limit)) continue;
    const r = capsuleRadius(net, limit, lo);
    rows += (2 * r) / M_PER_DEG / grid.dLat + Math.abs(c[2 * u + 1] - c[2 * v + 1]) / grid.dLat + 1;
    if (rows > budget) return cells;
    m++;
  }
  // The reached edges and their capsules' radii; edges holding a facility again, from 0 (a
  // capsule marked twice is marked once).
  const reached = new Int32Array(m + onEdge.size),
    radii = new Float64Array(m + onEdge.size);
  for (let e = 0, k = 0; e < g.edgeCount; e++) {
    const lo = Math.min(dist[g.edgeU[e]], dist[g.edgeV[e]]);
    if (!(lo < limit)) continue;
    reached[k] = e;
    radii[k++] = capsuleRadius(net, limit, lo);
  }
  let q = m;
  for (const e of onEdge.keys()) {
    reached[q] = e;
    radii[q++] = capsuleRadius(net, limit, 0);
  }
  const kxRow = new Float64Array(grid.height);
  for (let j = 0; j < grid.height; j++) kxRow[j] = mPerDegLon((grid.j0 + j + 0.5) * grid.dLat);
  const words = (grid.width * grid.height + 31) >>> 5;
  if (marks.length < words) marks = new Uint32Array(words);
  const bits = marks.subarray(0, words);
  for (let k = 0; k < reached.length; k++) {
    const u = g.edgeU[reached[k]],
      v = g.edgeV[reached[k]];
    markCapsule(bits, grid, kxRow, c[2 * u], c[2 * u + 1], c[2 * v], c[2 * v + 1], radii[k]);
  }
  let n = 0;
  for (let k = 0; k < cells.length; k++) n += (bits[cells[k] >>> 5] >>> (cells[k] & 31)) & 1;
  const out = new Uint32Array(n);
  for (let k = 0, q = 0; k < cells.length; k++) if ((bits[cells[k] >>> 5] >>> (cells[k] & 31)) & 1) out[q++] = cells[k];
  bits.fill(0);
  return out;
}

/** Radius (metres) of the capsule round an edge whose cheaper end costs `lo` of `limit`: the snap
 *  limit, or the rest of the limit walked at a leg's top speed (its length on the flat, down to
 *  1 / TOP_SPEEDUP of it downhill: legCost). A millimetre more than the bound: a capsule too wide
 *  costs a few cells, one too narrow a wrong circle. */
function capsuleRadius(net: CostedNetwork, limit: number, lo: number): number {
  return Math.min(net.maxSnapM, (limit - lo) * (net.z ? TOP_SPEEDUP : 1)) * (1 + 1e-9) + 1e-3;
}

/** Capsule rows per candidate cell beyond which marking would cost more than it saves. */
const MAX_ROWS_PER_CELL = 4;

/** One bit per cell (j·width + i), kept zeroed between calls: fresh memory costs more than the
 *  marking done in it (a byte per cell of a demo grid: 6 MB, 20 ms of page faults here). */
let marks = new Uint32Array(0);

/** Marks the cells whose centre lies within `r` metres of segment a–b (WGS84 degrees), in the
 *  local planar metric at the centre's latitude (the one snapping measures legs in): per row of
 *  centres, the capsule's chord, the span of its two end discs and of its middle band. */
function markCapsule(
  mark: Uint32Array,
  grid: CellGrid,
  kxRow: Float64Array,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  r: number,
): void {
  const rLat = r / M_PER_DEG;
  const ja = Math.max(0, Math.ceil((Math.min(ay, by) - rLat) / grid.dLat - 0.5) - grid.j0),
    jb = Math.min(grid.height - 1, Math.floor((Math.max(ay, by) + rLat) / grid.dLat - 0.5) - grid.j0);
  const dy = (by - ay) * M_PER_DEG,
    r2 = r * r;
  for (let j = ja; j <= jb; j++) {
    const kx = kxRow[j],
      y = ((grid.j0 + j + 0.5) * grid.dLat - ay) * M_PER_DEG; // the row, in metres north of a
    const dx = (bx - ax) * kx,
      len2 = dx * dx + dy * dy;
    // Metres east of a, [lo, hi]: the discs around a and b, then the band between them.
    let lo = Infinity,
      hi = -Infinity;
    if (y * y <= r2) {
      const h = Math.sqrt(r2 - y * y);
      lo = -h;
      hi = h;
    }
    const yb = y - dy;
    if (yb * yb <= r2) {
      const h = Math.sqrt(r2 - yb * yb);
      lo = Math.min(lo, dx - h);
      hi = Math.max(hi, dx + h);
    }
    if (len2 > 0) {
      // Projection on a–b within [0, 1]: x·dx ∈ [−y·dy, len² − y·dy]; distance to its line at
      // most r: x·dy ∈ [y·dx − r·len, y·dx + r·len]. A zero factor leaves every x or none.
      const rl = r * Math.sqrt(len2);
      let bl = -Infinity,
        bh = Infinity;
      if (dx !== 0) {
        const p = (-y * dy) / dx,
          q = (len2 - y * dy) / dx;
        bl = Math.min(p, q);
        bh = Math.max(p, q);
      } else if (!(y * dy >= 0 && y * dy <= len2)) bh = -Infinity;
      if (dy !== 0) {
        const p = (y * dx - rl) / dy,
          q = (y * dx + rl) / dy;
        bl = Math.max(bl, Math.min(p, q));
        bh = Math.min(bh, Math.max(p, q));
      } else if (!(Math.abs(y) <= r)) bh = -Infinity;
      if (bl <= bh) {
        lo = Math.min(lo, bl);
        hi = Math.max(hi, bh);
      }
    }
    if (!(lo <= hi)) continue;
    const ia = Math.max(0, Math.ceil((ax + lo / kx) / grid.dLon - 0.5) - grid.i0),
      ib = Math.min(grid.width - 1, Math.floor((ax + hi / kx) / grid.dLon - 0.5) - grid.i0);
    if (ia <= ib) markSpan(mark, j * grid.width + ia, j * grid.width + ib);
  }
}

/** Sets bits a … b of `mark`. */
function markSpan(mark: Uint32Array, a: number, b: number): void {
  const wa = a >>> 5,
    wb = b >>> 5;
  const head = ~0 << (a & 31),
    tail = ~0 >>> (31 - (b & 31));
  if (wa === wb) {
    mark[wa] |= head & tail;
    return;
  }
  mark[wa] |= head;
  for (let w = wa + 1; w < wb; w++) mark[w] = ~0;
  mark[wb] |= tail;
}
