// Snaps of grid cell centres to a network, kept between calls: the service circles of every type
// on one network (and its walking-time surfaces) evaluate largely the same cells, and snapping is
// most of their cost. Kept per edge index (network and slope modes share one) and lattice, keyed
// by the cell's global position, so grids of different extents on the same lattice share them.
import { snapPoints, type Snaps } from '../travel/snap.ts';
import type { CostedNetwork } from '../travel/network.ts';
import type { CellGrid } from './grid.ts';
import { cellCentre } from './grid.ts';

/** One lattice's snaps on one network (exported to keep between runs: the CLI's --cache). */
export interface CellSnapStore {
  /** Window of the lattice covered (global cell indices oi…oi+w−1, oj…oj+h−1) and, per cell of
   *  it (row-major), its slot in the arrays below (−1: not snapped yet). */
  oi: number;
  oj: number;
  w: number;
  h: number;
  slot: Int32Array;
  edge: Int32Array;
  t: Float64Array;
  legM: Float64Array;
  n: number;
}

const stores = new WeakMap<object, Map<string, CellSnapStore>>();

function grow<T extends Int32Array | Float64Array>(a: T, n: number): T {
  if (n <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(n, 2 * a.length));
  b.set(a);
  return b;
}

/** Widens the store's window to hold `grid`, with room to spare on every side (grids of other
 *  types lie around it; slots move to the new window). */
function cover(s: CellSnapStore, grid: CellGrid): void {
  if (grid.i0 >= s.oi && grid.j0 >= s.oj && grid.i0 + grid.width <= s.oi + s.w && grid.j0 + grid.height <= s.oj + s.h) return;
  const mi = grid.width >> 4,
    mj = grid.height >> 4,
    had = s.w > 0;
  const oi = Math.min(had ? s.oi : Infinity, grid.i0 - mi),
    oj = Math.min(had ? s.oj : Infinity, grid.j0 - mj);
  const w = Math.max(had ? s.oi + s.w : -Infinity, grid.i0 + grid.width + mi) - oi,
    h = Math.max(had ? s.oj + s.h : -Infinity, grid.j0 + grid.height + mj) - oj;
  const slot = new Int32Array(w * h).fill(-1);
  for (let j = 0; j < s.h; j++) slot.set(s.slot.subarray(j * s.w, (j + 1) * s.w), (s.oj + j - oj) * w + (s.oi - oi));
  Object.assign(s, { oi, oj, w, h, slot });
}

/** The cell snaps found so far on `net`, by lattice, trimmed to what they hold. */
export function cellSnapsOf(net: CostedNetwork): Record<string, CellSnapStore> {
  const byLattice = stores.get(net.index);
  if (!byLattice) return {};
  const out: Record<string, CellSnapStore> = {};
  for (const [k, s] of byLattice) out[k] = { ...s, edge: s.edge.slice(0, s.n), t: s.t.slice(0, s.n), legM: s.legM.slice(0, s.n) };
  return out;
}

/** Gives `net` the cell snaps of an earlier cellSnapsOf on the same network (lattices it has
 *  snapped nothing on yet). */
export function seedCellSnaps(net: CostedNetwork, found: Record<string, CellSnapStore>): void {
  let byLattice = stores.get(net.index);
  if (!byLattice) stores.set(net.index, (byLattice = new Map()));
  for (const [k, s] of Object.entries(found)) if (!byLattice.has(k)) byLattice.set(k, { ...s, slot: s.slot.slice() });
}

/** Snaps of the centres of `cells` (indices j·width + i of `grid`) to `net`: the same as
 *  snapPoints on those centres (each point's snap does not depend on the others). */
export function cellSnaps(net: CostedNetwork, grid: CellGrid, cells: Uint32Array): Snaps {
  let byLattice = stores.get(net.index);
  if (!byLattice) stores.set(net.index, (byLattice = new Map()));
  const lattice = `${grid.dLon}:${grid.dLat}:${net.maxSnapM}`;
  let s = byLattice.get(lattice);
  if (!s) {
    s = {
      oi: 0,
      oj: 0,
      w: 0,
      h: 0,
      slot: new Int32Array(0),
      edge: new Int32Array(1024),
      t: new Float64Array(1024),
      legM: new Float64Array(1024),
      n: 0,
    };
    byLattice.set(lattice, s);
  }
  cover(s, grid);
  const n = cells.length,
    gw = grid.width,
    { slot } = s;
  // Each cell's place in the window, and the cells not snapped yet.
  const at = new Uint32Array(n),
    missing = new Uint32Array(n);
  let m = 0;
  for (let k = 0; k < n; k++) {
    const i = cells[k] % gw,
      j = (cells[k] - i) / gw;
    at[k] = (grid.j0 + j - s.oj) * s.w + (grid.i0 + i - s.oi);
    if (slot[at[k]] < 0) missing[m++] = k;
  }
  if (m > 0) {
    const centres = new Float64Array(2 * m);
    for (let q = 0; q < m; q++) {
      const c = cells[missing[q]];
      cellCentre(grid, c % gw, Math.floor(c / gw), centres, 2 * q);
    }
    // Cells come row by row: already in a spatial order.
    const found = snapPoints(net.graph, net.index, centres, net.maxSnapM, true);
    s.edge = grow(s.edge, s.n + m);
    s.t = grow(s.t, s.n + m);
    s.legM = grow(s.legM, s.n + m);
    s.edge.set(found.edge, s.n);
    s.t.set(found.t, s.n);
    s.legM.set(found.legM, s.n);
    for (let q = 0; q < m; q++) slot[at[missing[q]]] = s.n + q;
    s.n += m;
  }
  const out: Snaps = { edge: new Int32Array(n), t: new Float64Array(n), legM: new Float64Array(n) };
  for (let k = 0; k < n; k++) {
    const q = slot[at[k]];
    out.edge[k] = s.edge[q];
    out.t[k] = s.t[q];
    out.legM[k] = s.legM[q];
  }
  return out;
}
