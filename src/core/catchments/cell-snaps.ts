// Snaps of grid cell centres to a network, kept between calls: the service circles of every type
// on one network (and its walking-time surfaces) evaluate largely the same cells, and snapping is
// most of their cost. Kept per edge index (network and slope modes share one) and lattice, keyed
// by the cell's global position, so grids of different extents on the same lattice share them.
// Cells are looked up in square tiles made only where cells were asked for, and snaps are kept in
// pages filled in turn: fresh memory costs more than the work done in it, so nothing is sized to
// the lattice's whole extent or copied to grow.
import { snapPoints, type Snaps } from '../travel/snap.ts';
import type { CostedNetwork } from '../travel/network.ts';
import type { CellGrid } from './grid.ts';
import { cellCentre } from './grid.ts';

/** Lattice cells per side of a tile: 2^TILE_BITS. */
const TILE_BITS = 5;
const TILE_MASK = (1 << TILE_BITS) - 1;
const TILE_CELLS = 1 << (2 * TILE_BITS);
/** Snaps per page: 2^PAGE_BITS. */
const PAGE_BITS = 16;
const PAGE_MASK = (1 << PAGE_BITS) - 1;

/** One lattice's snaps on one network, as kept between runs (the CLI's --cache). */
export interface CellSnapStore {
  /** Tiles of the lattice covered (global tile indices ti…ti+tw−1, tj…tj+th−1; tile (a, b)
   *  holds cells a·T … a·T+T−1 × b·T … b·T+T−1, T = 2^TILE_BITS) and, per tile (row-major), its
   *  number in `slot` (−1: none of its cells snapped). */
  ti: number;
  tj: number;
  tw: number;
  th: number;
  tile: Int32Array;
  /** Per numbered tile, T² slots (row-major in the tile): the cell's index in the arrays below
   *  (−1: not snapped yet). */
  slot: Int32Array;
  edge: Int32Array;
  t: Float64Array;
  legM: Float64Array;
  n: number;
}

/** The store in use: tiles (by position in the window) and snaps by page. */
interface Store {
  ti: number;
  tj: number;
  tw: number;
  th: number;
  tiles: (Int32Array | undefined)[];
  edge: Int32Array[];
  t: Float64Array[];
  legM: Float64Array[];
  n: number;
}

const stores = new WeakMap<object, Map<string, Store>>();

/** Position in the store's window of the tile holding lattice cell (gi, gj). */
const tileOf = (s: Store, gi: number, gj: number): number => ((gj >> TILE_BITS) - s.tj) * s.tw + ((gi >> TILE_BITS) - s.ti);
/** Place of lattice cell (gi, gj) in its tile. */
const inTile = (gi: number, gj: number): number => ((gj & TILE_MASK) << TILE_BITS) | (gi & TILE_MASK);

/** Widens the store's window of tiles to hold `grid` (tiles keep their cells' slots). */
function cover(s: Store, grid: CellGrid): void {
  const ta = grid.i0 >> TILE_BITS,
    tb = (grid.i0 + grid.width - 1) >> TILE_BITS,
    ua = grid.j0 >> TILE_BITS,
    ub = (grid.j0 + grid.height - 1) >> TILE_BITS;
  if (ta >= s.ti && ua >= s.tj && tb < s.ti + s.tw && ub < s.tj + s.th) return;
  const had = s.tw > 0;
  const ti = had ? Math.min(s.ti, ta) : ta,
    tj = had ? Math.min(s.tj, ua) : ua;
  const tw = (had ? Math.max(s.ti + s.tw - 1, tb) : tb) - ti + 1,
    th = (had ? Math.max(s.tj + s.th - 1, ub) : ub) - tj + 1;
  const tiles: (Int32Array | undefined)[] = new Array<Int32Array | undefined>(tw * th).fill(undefined);
  for (let b = 0; b < s.th; b++) for (let a = 0; a < s.tw; a++) tiles[(s.tj + b - tj) * tw + (s.ti + a - ti)] = s.tiles[b * s.tw + a];
  Object.assign(s, { ti, tj, tw, th, tiles });
}

/** Adds `m` snaps to the store's pages: `fill(q, into)` writes snaps q … q + into's length − 1
 *  into `into`, the next places of a page. */
function append(s: Store, m: number, fill: (q: number, into: Snaps) => void): void {
  for (let q = 0; q < m;) {
    const p = s.n >> PAGE_BITS,
      o = s.n & PAGE_MASK;
    if (p === s.edge.length) {
      s.edge.push(new Int32Array(1 << PAGE_BITS));
      s.t.push(new Float64Array(1 << PAGE_BITS));
      s.legM.push(new Float64Array(1 << PAGE_BITS));
    }
    const k = Math.min(m - q, (1 << PAGE_BITS) - o);
    fill(q, { edge: s.edge[p].subarray(o, o + k), t: s.t[p].subarray(o, o + k), legM: s.legM[p].subarray(o, o + k) });
    q += k;
    s.n += k;
  }
}

/** Copies snaps `found` to the store. */
function appendCopy(s: Store, found: Snaps): void {
  append(s, found.edge.length, (q, into) => {
    const k = into.edge.length;
    into.edge.set(found.edge.subarray(q, q + k));
    into.t.set(found.t.subarray(q, q + k));
    into.legM.set(found.legM.subarray(q, q + k));
  });
}

/** The cell snaps found so far on `net`, by lattice. */
export function cellSnapsOf(net: CostedNetwork): Record<string, CellSnapStore> {
  const byLattice = stores.get(net.index);
  if (!byLattice) return {};
  const out: Record<string, CellSnapStore> = {};
  for (const [k, s] of byLattice) {
    const tile = new Int32Array(s.tw * s.th).fill(-1);
    let made = 0;
    s.tiles.forEach((t, d) => {
      if (t) tile[d] = made++;
    });
    const slot = new Int32Array(made * TILE_CELLS);
    s.tiles.forEach((t, d) => {
      if (t) slot.set(t, tile[d] * TILE_CELLS);
    });
    const flat = <T extends Int32Array | Float64Array>(pages: T[], into: T): T => {
      pages.forEach((page, p) => into.set(page.subarray(0, Math.min(1 << PAGE_BITS, s.n - (p << PAGE_BITS))), p << PAGE_BITS));
      return into;
    };
    out[k] = {
      ti: s.ti,
      tj: s.tj,
      tw: s.tw,
      th: s.th,
      tile,
      slot,
      edge: flat(s.edge, new Int32Array(s.n)),
      t: flat(s.t, new Float64Array(s.n)),
      legM: flat(s.legM, new Float64Array(s.n)),
      n: s.n,
    };
  }
  return out;
}

/** Gives `net` the cell snaps of an earlier cellSnapsOf on the same network (lattices it has
 *  snapped nothing on yet). */
export function seedCellSnaps(net: CostedNetwork, found: Record<string, CellSnapStore>): void {
  let byLattice = stores.get(net.index);
  if (!byLattice) stores.set(net.index, (byLattice = new Map()));
  for (const [k, f] of Object.entries(found)) {
    if (byLattice.has(k)) continue;
    const tiles = Array.from(f.tile, (t) => (t < 0 ? undefined : f.slot.slice(t * TILE_CELLS, (t + 1) * TILE_CELLS)));
    const s: Store = { ti: f.ti, tj: f.tj, tw: f.tw, th: f.th, tiles, edge: [], t: [], legM: [], n: 0 };
    appendCopy(s, f);
    byLattice.set(k, s);
  }
}

/** Snaps of the centres of `cells` (indices j·width + i of `grid`) to `net`: the same as
 *  snapPoints on those centres (each point's snap does not depend on the others); with `into`,
 *  written to its first cells' places (whatever they held). Each step is a function of its own:
 *  in one function, V8 deoptimised the whole at every block that had cells to snap after blocks
 *  that had none (and back). */
export function cellSnaps(net: CostedNetwork, grid: CellGrid, cells: Uint32Array, into?: Snaps): Snaps {
  let byLattice = stores.get(net.index);
  if (!byLattice) stores.set(net.index, (byLattice = new Map()));
  const lattice = `${grid.dLon}:${grid.dLat}:${net.maxSnapM}`;
  let s = byLattice.get(lattice);
  if (!s) byLattice.set(lattice, (s = { ti: 0, tj: 0, tw: 0, th: 0, tiles: [], edge: [], t: [], legM: [], n: 0 }));
  cover(s, grid);
  if (slots.length < cells.length) slots = new Int32Array(cells.length);
  const got = slots.subarray(0, cells.length);
  const m = lookUp(s, grid, cells, got);
  if (m > 0) snapMissing(net, s, grid, cells, got, m);
  const n = cells.length;
  return gather(s, got, into ?? { edge: new Int32Array(n), t: new Float64Array(n), legM: new Float64Array(n) });
}

/** Each cell's snap in the store into `got` (−1: not snapped yet); returns how many are not. */
function lookUp(s: Store, grid: CellGrid, cells: Uint32Array, got: Int32Array): number {
  const n = cells.length,
    gw = grid.width,
    { tiles } = s;
  let m = 0,
    j = 0,
    rowStart = 0;
  // A run of cells in a row of one tile at a time: its slots follow each other in the tile.
  for (let k = 0; k < n;) {
    const c = cells[k];
    if (c < rowStart || c >= rowStart + gw) {
      j = Math.floor(c / gw);
      rowStart = j * gw;
    }
    const gi = grid.i0 + c - rowStart,
      gj = grid.j0 + j;
    const d = tileOf(s, gi, gj),
      o = inTile(gi, gj);
    const tile = tiles[d] ?? (tiles[d] = new Int32Array(TILE_CELLS).fill(-1));
    const end = Math.min(n, k + Math.min((1 << TILE_BITS) - (gi & TILE_MASK), rowStart + gw - c));
    let e = k + 1;
    while (e < end && cells[e] === c + e - k) e++;
    for (let q = k; q < e; q++) {
      got[q] = tile[o + q - k];
      if (got[q] < 0) m++;
    }
    k = e;
  }
  return m;
}

/** The slots of the cells asked for, and the centres of those being snapped: kept from call to
 *  call (fresh memory costs more than the work done in it). */
let slots = new Int32Array(0),
  centres = new Float64Array(0);

/** Snaps the `m` cells not snapped yet (got[k] < 0) into the store, and their slots into `got`. */
function snapMissing(net: CostedNetwork, s: Store, grid: CellGrid, cells: Uint32Array, got: Int32Array, m: number): void {
  const gw = grid.width,
    n0 = s.n;
  if (centres.length < 2 * m) centres = new Float64Array(2 * m);
  for (let k = 0, q = 0; q < m; k++) {
    if (got[k] >= 0) continue;
    const c = cells[k];
    cellCentre(grid, c % gw, Math.floor(c / gw), centres, 2 * q++);
  }
  // Cells come row by row: already in a spatial order. Snapped straight into the store's pages.
  append(s, m, (q, into) =>
    snapPoints(net.graph, net.index, centres.subarray(2 * q, 2 * (q + into.edge.length)), net.maxSnapM, true, into),
  );
  for (let k = 0, q = 0; q < m; k++) {
    if (got[k] >= 0) continue;
    const gi = grid.i0 + (cells[k] % gw),
      gj = grid.j0 + Math.floor(cells[k] / gw);
    s.tiles[tileOf(s, gi, gj)]![inTile(gi, gj)] = got[k] = n0 + q++;
  }
}

/** The snaps of slots `got`, written to `into`. */
function gather(s: Store, got: Int32Array, into: Snaps): Snaps {
  const n = got.length,
    { edge, t, legM } = into;
  let p0 = 0,
    pe = s.edge[0],
    pt = s.t[0],
    pl = s.legM[0];
  for (let k = 0; k < n; k++) {
    const p = got[k] >> PAGE_BITS,
      o = got[k] & PAGE_MASK;
    if (p !== p0) {
      pe = s.edge[p];
      pt = s.t[p];
      pl = s.legM[p];
      p0 = p;
    }
    edge[k] = pe[o];
    t[k] = pt[o];
    legM[k] = pl[o];
  }
  return into;
}
