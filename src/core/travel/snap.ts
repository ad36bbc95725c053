// Attaching points to the network: the nearest point on the nearest edge, found with a uniform
// grid of the cells each edge crosses, searched ring by ring outwards, which is exact for the local planar metric
// (geo/project). Points farther than `maxSnapM` from every edge stay unattached (unreachable).
// Typed arrays only: no per-edge or per-point objects, nothing allocated per query.
import quickselect from 'quickselect';
import type { Graph } from './graph.ts';
import { M_PER_DEG } from '../geo/distance.ts';
import { mPerDegLon, pointSegmentDist2 } from '../geo/project.ts';
import { radixOrder } from '../index/radix-order.ts';

/** Default largest walk from a point to the network, metres: beyond it a household is reported
 *  unreachable rather than imagined to cross open country (a 500 m field path takes ~7 min). */
export const DEFAULT_MAX_SNAP_M = 500;

export interface Snaps {
  /** Edge each point attaches to, −1 when none within the maximum snap distance. */
  edge: Int32Array;
  /** Position of the attachment along the edge, 0 at edgeU … 1 at edgeV. */
  t: Float64Array;
  /** Straight leg from the point to the attachment, metres. */
  legM: Float64Array;
}

/** Edges bucketed by the grid cells their segments cross, in scaled coordinates
 *  (lon·k0, lat·metres-per-degree): metres up to the cos(lat)/cos(lat0) stretch. */
export interface EdgeIndex {
  /** Metres per degree of longitude used for scaling (at the network's middle latitude). */
  k0: number;
  /** Scaled south-west corner of cell (0, 0), cell side (scaled metres), cells per row and column. */
  x0: number;
  y0: number;
  cell: number;
  nx: number;
  ny: number;
  /** CSR: edges of cell (i, j) are cellEdges[cellStart[j·nx + i] … cellStart[j·nx + i + 1]]. */
  cellStart: Uint32Array;
  cellEdges: Uint32Array;
}

/** Spatial index over the graph's edges (build once per network); with `usable`, only over the
 *  edges where usable[e] > 0. */
export function edgeIndex(g: Graph, usable?: ArrayLike<number>): EdgeIndex {
  const c = g.nodeCoords,
    E = g.edgeCount;
  let minY = Infinity,
    maxY = -Infinity;
  for (let n = 0; n < g.nodeCount; n++) {
    minY = Math.min(minY, c[2 * n + 1]);
    maxY = Math.max(maxY, c[2 * n + 1]);
  }
  const k0 = g.nodeCount > 0 ? mPerDegLon((minY + maxY) / 2) : M_PER_DEG;
  const use = (e: number) => !usable || usable[e] > 0;
  let indexed = 0,
    x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  const extent = new Float64Array(E);
  for (let e = 0; e < E; e++) {
    if (!use(e)) continue;
    const ax = c[2 * g.edgeU[e]] * k0,
      ay = c[2 * g.edgeU[e] + 1] * M_PER_DEG;
    const bx = c[2 * g.edgeV[e]] * k0,
      by = c[2 * g.edgeV[e] + 1] * M_PER_DEG;
    x0 = Math.min(x0, ax, bx);
    y0 = Math.min(y0, ay, by);
    x1 = Math.max(x1, ax, bx);
    y1 = Math.max(y1, ay, by);
    extent[indexed++] = Math.max(Math.abs(bx - ax), Math.abs(by - ay));
  }
  if (indexed === 0) return { k0, x0: 0, y0: 0, cell: 1, nx: 1, ny: 1, cellStart: new Uint32Array(2), cellEdges: new Uint32Array(0) };
  // Cell side: the median edge extent (a typical edge crosses a few cells), but no finer than
  // 16 cells per indexed edge over the whole extent (memory on sparse, wide networks).
  const ext = extent.subarray(0, indexed);
  // The median in its sorted place, without sorting the rest (quickselect takes any indexable array).
  quickselect(ext as unknown as number[], indexed >> 1);
  const w = x1 - x0,
    h = y1 - y0;
  const cell = Math.max(ext[indexed >> 1], Math.sqrt((w * h) / (16 * indexed)), 1);
  const nx = Math.floor(w / cell) + 1,
    ny = Math.floor(h / cell) + 1;
  const cellStart = new Uint32Array(nx * ny + 1);
  let cellEdges = new Uint32Array(0);
  // Two passes over the cells each edge's segment crosses (row by row, widened by a rounding
  // margin): count, then fill in increasing edge order.
  for (let pass = 0; pass < 2; pass++) {
    for (let e = 0; e < E; e++) {
      if (!use(e)) continue;
      const au = (c[2 * g.edgeU[e]] * k0 - x0) / cell,
        av = (c[2 * g.edgeU[e] + 1] * M_PER_DEG - y0) / cell;
      const bu = (c[2 * g.edgeV[e]] * k0 - x0) / cell,
        bv = (c[2 * g.edgeV[e] + 1] * M_PER_DEG - y0) / cell;
      const vLo = Math.min(av, bv),
        vHi = Math.max(av, bv);
      const j0 = Math.max(0, Math.floor(vLo - 1e-9)),
        j1 = Math.min(ny - 1, Math.floor(vHi + 1e-9));
      for (let j = j0; j <= j1; j++) {
        let uLo = Math.min(au, bu),
          uHi = Math.max(au, bu);
        if (vHi > vLo) {
          // The part of the segment inside row j.
          const s0 = (Math.max(j, vLo) - av) / (bv - av),
            s1 = (Math.min(j + 1, vHi) - av) / (bv - av);
          const p0 = au + s0 * (bu - au),
            p1 = au + s1 * (bu - au);
          uLo = Math.max(uLo, Math.min(p0, p1));
          uHi = Math.min(uHi, Math.max(p0, p1));
        }
        const i0 = Math.max(0, Math.floor(uLo - 1e-9)),
          i1 = Math.min(nx - 1, Math.floor(uHi + 1e-9));
        for (let i = i0; i <= i1; i++) {
          if (pass === 0) cellStart[j * nx + i + 1]++;
          else cellEdges[cellStart[j * nx + i + 1]++] = e;
        }
      }
    }
    if (pass === 0) {
      for (let k = 0; k < nx * ny; k++) cellStart[k + 1] += cellStart[k];
      cellEdges = new Uint32Array(cellStart[nx * ny]);
      // Shifted up by one: the fill pass advances cellStart[k + 1] from cell k's start to its end.
      cellStart.copyWithin(1, 0, nx * ny);
      cellStart[0] = 0;
    }
  }
  return { k0, x0, y0, cell, nx, ny, cellStart, cellEdges };
}

/** Snaps each WGS84 point of `coords` to the nearest edge (ties: lowest edge index). With
 *  `spatialOrder`, the points already come in an order that keeps neighbours together (lattice
 *  cells row by row) and are taken as they come rather than sorted by index cell. With `into`,
 *  the snaps are written to its first points' places (whatever they held) instead of new arrays. */
export function snapPoints(
  g: Graph,
  index: EdgeIndex,
  coords: Float64Array,
  maxSnapM = DEFAULT_MAX_SNAP_M,
  spatialOrder = false,
  into?: Snaps,
): Snaps {
  const n = coords.length / 2;
  const out = into ?? { edge: new Int32Array(n), t: new Float64Array(n), legM: new Float64Array(n) };
  const { edge, t, legM } = out;
  edge.fill(-1, 0, n);
  t.fill(0, 0, n);
  legM.fill(Infinity, 0, n);
  const c = g.nodeCoords,
    { k0, x0, y0, cell, nx, ny, cellStart, cellEdges } = index;
  if (cellEdges.length === 0) return out;
  const tmp = new Float64Array(1);
  // Which point last examined each edge (an edge spanning several cells is measured once), by
  // the point's stamp: base + its index, unique over every call on this index.
  const { seen, base } = examinedBy(index, g.edgeCount, n);
  const maxD2 = maxSnapM * maxSnapM;
  const order = spatialOrder ? undefined : cellOrder(coords, index);
  const clear = emptyRadius(index);
  let rowY = NaN,
    kx = 0;
  for (let q = 0; q < n; q++) {
    const p = order ? order[q] : q,
      stamp = base + p;
    const x = coords[2 * p],
      y = coords[2 * p + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    // Lattice cells come row by row: one latitude's scale for a whole row.
    if (y !== rowY) {
      rowY = y;
      kx = mPerDegLon(y);
    }
    // The point's own metric is at least `ratio` × the scaled one, so an edge lying farther than
    // b (scaled) from the point, with b·ratio > best, cannot beat best.
    const ratio = Math.min(kx / k0, 1);
    const sx = (x * k0 - x0) / cell,
      sy = (y * M_PER_DEG - y0) / cell;
    const ci = Math.floor(sx),
      cj = Math.floor(sy);
    const maxScaled = maxSnapM / ratio / cell;
    // Squared metres per squared scaled cell, at least (see ratio).
    const cellM2 = (cell * ratio) ** 2;
    let bestE = -1,
      bestD2 = Infinity,
      bestT = 0;
    // Rings nearer than the first cell with edges hold nothing: start at it, or stop when it
    // already lies beyond the snap limit (the gap test below, after ring r0 − 1).
    let r0 = 0;
    if (ci >= 0 && cj >= 0 && ci < nx && cj < ny) {
      r0 = clear[cj * nx + ci];
      const i0 = ci - (r0 - 1),
        i1 = ci + (r0 - 1),
        j0 = cj - (r0 - 1),
        j1 = cj + (r0 - 1);
      if (r0 > 0 && Math.min(sx - i0, i1 + 1 - sx, sy - j0, j1 + 1 - sy) > maxScaled) continue;
    }
    for (let r = r0; ; r++) {
      // Cells at Chebyshev distance r from (ci, cj), clipped to the grid.
      const i0 = ci - r,
        i1 = ci + r,
        j0 = cj - r,
        j1 = cj + r;
      for (let j = Math.max(j0, 0); j <= Math.min(j1, ny - 1); j++) {
        // Whole rows at the top and bottom of the ring, only its two ends in between.
        const full = j === j0 || j === j1;
        for (let i = Math.max(i0, 0); i <= Math.min(i1, nx - 1); i = full || i === i1 ? i + 1 : i1) {
          if (!full && i !== i0 && i !== i1) continue;
          // A cell wholly farther than the best edge so far (or than the snap limit) holds no
          // better one: an edge's nearest point lies in a cell the edge is listed in.
          const dx = Math.max(i - sx, sx - i - 1, 0),
            dy = Math.max(j - sy, sy - j - 1, 0);
          if ((dx * dx + dy * dy) * cellM2 > Math.min(bestD2, maxD2) * (1 + 1e-9)) continue;
          const k = j * nx + i;
          for (let q = cellStart[k], end = cellStart[k + 1]; q < end; q++) {
            const e = cellEdges[q];
            if (seen[e] === stamp) continue;
            seen[e] = stamp;
            const a = g.edgeU[e],
              b = g.edgeV[e];
            const d2 = pointSegmentDist2(x, y, c[2 * a], c[2 * a + 1], c[2 * b], c[2 * b + 1], kx, tmp);
            if (d2 < bestD2 || (d2 === bestD2 && e < bestE)) {
              bestD2 = d2;
              bestE = e;
              bestT = tmp[0];
            }
          }
        }
      }
      // Every edge not yet examined lies wholly outside the (2r+1)² block of cells, so at least
      // `gap` scaled cells from the point (the margin keeps rounding-level ties in play).
      const gap = Math.min(sx - i0, i1 + 1 - sx, sy - j0, j1 + 1 - sy);
      if (gap > maxScaled) break;
      if (bestE >= 0 && (gap * cell * ratio) ** 2 > bestD2 * (1 + 1e-9)) break;
      if (i0 <= 0 && j0 <= 0 && i1 >= nx - 1 && j1 >= ny - 1) break; // the whole grid examined
    }
    if (bestE >= 0 && bestD2 <= maxSnapM * maxSnapM) {
      edge[p] = bestE;
      t[p] = bestT;
      legM[p] = Math.sqrt(bestD2);
    }
  }
  return out;
}

/** snapPoints on `index`, an index over some of the edges, from `all`: the snaps of the same
 *  points within the same limit on an index over every edge of `g`. A point whose nearest edge
 *  overall is indexed keeps it (nearest of the fewer edges too, and the lowest-numbered of any tie
 *  among them); a point with no edge within the limit has none; only the others are searched. */
export function snapWithin(g: Graph, index: EdgeIndex, coords: Float64Array, maxSnapM: number, all: Snaps): Snaps {
  const n = coords.length / 2;
  const indexed = new Uint8Array(g.edgeCount);
  for (const e of index.cellEdges) indexed[e] = 1;
  const out = { edge: all.edge.slice(), t: all.t.slice(), legM: all.legM.slice() };
  let m = 0;
  for (let p = 0; p < n; p++) if (out.edge[p] >= 0 && !indexed[out.edge[p]]) m++;
  if (m === 0) return out;
  const which = new Uint32Array(m),
    sub = new Float64Array(2 * m);
  for (let p = 0, q = 0; p < n; p++)
    if (out.edge[p] >= 0 && !indexed[out.edge[p]]) {
      which[q] = p;
      sub[2 * q] = coords[2 * p];
      sub[2 * q++ + 1] = coords[2 * p + 1];
    }
  const found = snapPoints(g, index, sub, maxSnapM);
  for (let q = 0; q < m; q++) {
    const p = which[q];
    out.edge[p] = found.edge[q];
    out.t[p] = found.t[q];
    out.legM[p] = found.legM[q];
  }
  return out;
}

/** Per edge index, the stamps of the points that last examined each edge, and the next free stamp. */
const examined = new WeakMap<EdgeIndex, { seen: Float64Array; next: number }>();

/** The stamps of `index`'s edges (`edges` of them) with `n` fresh stamps from `base` on: kept
 *  between calls, as mapping an array the network's size afresh costs more than many a call's
 *  snapping. A float64 holds exact stamps past 2^53 points, so they never repeat. */
function examinedBy(index: EdgeIndex, edges: number, n: number): { seen: Float64Array; base: number } {
  let x = examined.get(index);
  if (!x || x.seen.length < edges) examined.set(index, (x = { seen: new Float64Array(edges).fill(-1), next: 0 }));
  const base = x.next;
  x.next += n;
  return { seen: x.seen, base };
}

const emptyRadii = new WeakMap<EdgeIndex, Uint8Array>();

/** Per cell of the index, the Chebyshev distance in cells to the nearest cell listing an edge
 *  (at most 255: a lower bound then), by the two-pass chessboard distance transform; kept per index. */
function emptyRadius(index: EdgeIndex): Uint8Array {
  const { nx, ny, cellStart } = index;
  let d = emptyRadii.get(index);
  if (d) return d;
  d = new Uint8Array(nx * ny);
  for (let j = 0, k = 0; j < ny; j++)
    for (let i = 0; i < nx; i++, k++) {
      if (cellStart[k + 1] > cellStart[k]) continue;
      let m = 255;
      if (i > 0) m = Math.min(m, d[k - 1] + 1);
      if (j > 0) {
        m = Math.min(m, d[k - nx] + 1);
        if (i > 0) m = Math.min(m, d[k - nx - 1] + 1);
        if (i < nx - 1) m = Math.min(m, d[k - nx + 1] + 1);
      }
      d[k] = m;
    }
  for (let j = ny - 1, k = nx * ny - 1; j >= 0; j--)
    for (let i = nx - 1; i >= 0; i--, k--) {
      let m = d[k];
      if (m === 0) continue;
      if (i < nx - 1) m = Math.min(m, d[k + 1] + 1);
      if (j < ny - 1) {
        m = Math.min(m, d[k + nx] + 1);
        if (i < nx - 1) m = Math.min(m, d[k + nx + 1] + 1);
        if (i > 0) m = Math.min(m, d[k + nx - 1] + 1);
      }
      d[k] = m;
    }
  emptyRadii.set(index, d);
  return d;
}

/** The points in the order of the grid cells they fall in (a counting sort; points outside the
 *  grid or not finite by their nearest cell): neighbouring points examine the same cells and
 *  edges one after another, which keeps them in the processor's cache. Each point's snap does not
 *  depend on the order. */
function cellOrder(coords: Float64Array, { k0, x0, y0, cell, nx, ny }: EdgeIndex): Uint32Array {
  const n = coords.length / 2;
  const key = new Uint32Array(n);
  for (let p = 0; p < n; p++) {
    const i = Math.floor((coords[2 * p] * k0 - x0) / cell),
      j = Math.floor((coords[2 * p + 1] * M_PER_DEG - y0) / cell);
    // NaN compares false, so a point that is not finite lands in cell 0.
    const k = Math.min(Math.max(j, 0), ny - 1) * nx + Math.min(Math.max(i, 0), nx - 1);
    key[p] = k >= 0 ? k : 0;
  }
  // Few points on a large grid (facilities, cell centres): a radix sort, not a pass over every cell.
  if (4 * n < nx * ny) return radixOrder(key).order;
  const order = new Uint32Array(n);
  const start = new Uint32Array(nx * ny + 1);
  for (let p = 0; p < n; p++) start[key[p] + 1]++;
  for (let k = 0; k < nx * ny; k++) start[k + 1] += start[k];
  for (let p = 0; p < n; p++) order[start[key[p]]++] = p;
  return order;
}

/** WGS84 position of a snap (edge, t) written to out[0], out[1]. */
export function snapPosition(g: Graph, e: number, t: number, out: Float64Array): void {
  const a = g.edgeU[e],
    b = g.edgeV[e],
    c = g.nodeCoords;
  out[0] = c[2 * a] + t * (c[2 * b] - c[2 * a]);
  out[1] = c[2 * a + 1] + t * (c[2 * b + 1] - c[2 * a + 1]);
}
