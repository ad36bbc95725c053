// Cell sets to polygons: walk the boundary between covered and uncovered cells, covered cell
// always on the left, so outer rings come out counter-clockwise and holes clockwise (the
// GeoJSON right-hand rule). No polygon unions: cost is linear in the number of boundary edges.
import type { CellGrid } from './grid.ts';

// Directions: 0 east, 1 north, 2 west, 3 south.
const DI = [1, 0, -1, 0], DJ = [0, 1, 0, -1];

/** MultiPolygon coordinates (WGS84) of the cells with mask[j·width + i] = 1. */
export function traceCells(g: CellGrid, mask: Uint8Array): number[][][][] {
  const W = g.width, H = g.height, VW = W + 1;
  const on = (i: number, j: number) => i >= 0 && j >= 0 && i < W && j < H && mask[j * W + i] === 1;
  // Each lattice vertex has at most two outgoing boundary edges (two at a diagonal pinch).
  const outA = new Int8Array(VW * (H + 1)).fill(-1), outB = new Int8Array(VW * (H + 1)).fill(-1);
  const add = (i: number, j: number, d: number) => {
    const v = j * VW + i;
    if (outA[v] < 0) outA[v] = d; else outB[v] = d;
  };
  const starts: number[] = [];
  for (let j = 0; j < H; j++) {
    for (let i = 0; i < W; i++) {
      if (!on(i, j)) continue;
      if (!on(i, j - 1)) { add(i, j, 0); starts.push(j * VW + i); }
      if (!on(i + 1, j)) add(i + 1, j, 1);
      if (!on(i, j + 1)) add(i + 1, j + 1, 2);
      if (!on(i - 1, j)) add(i, j + 1, 3);
    }
  }
  const rings: { pts: number[]; area: number; inner: boolean; probe: [number, number] }[] = [];
  const take = (v: number, d: number) => { if (outA[v] === d) outA[v] = -1; else outB[v] = -1; };
  const has = (v: number, d: number) => outA[v] === d || outB[v] === d;
  for (const s of starts) {
    if (!has(s, 0)) continue;
    // Every ring has a bottom edge (eastward), so starting from those finds them all.
    const pts: number[] = [];
    let v = s, d = 0, area = 0;
    const probe: [number, number] = [s % VW + 0.5, Math.floor(s / VW) + 0.5];
    take(v, d);
    let vi = v % VW, vj = (v - vi) / VW;
    pts.push(vi, vj);
    for (;;) {
      const ni = vi + DI[d], nj = vj + DJ[d];
      area += vi * nj - ni * vj;
      vi = ni; vj = nj; v = vj * VW + vi;
      if (v === s) break; // closed (at a pinch the other ring through s is traced on its own)
      // Prefer left, then straight, then right: keeps diagonal-touching cells in separate rings.
      let nd = (d + 1) & 3;
      if (!has(v, nd)) nd = d;
      if (!has(v, nd)) nd = (d + 3) & 3;
      if (!has(v, nd)) throw new Error('catchment boundary is not closed'); // cannot happen on a cell mask
      take(v, nd);
      if (nd !== d) pts.push(vi, vj);
      d = nd;
    }
    rings.push({ pts, area: area / 2, inner: area < 0, probe });
  }
  // Holes go to the smallest outer ring containing a covered cell next to them.
  const outers = rings.filter((r) => !r.inner).sort((a, b) => a.area - b.area);
  const polys: number[][][][] = outers.map(() => []);
  const toLonLat = (pts: number[]) => {
    const ring: number[][] = [];
    for (let k = 0; k < pts.length; k += 2) ring.push([(g.i0 + pts[k]) * g.dLon, (g.j0 + pts[k + 1]) * g.dLat]);
    ring.push(ring[0]);
    return ring;
  };
  outers.forEach((r, k) => polys[k].push(toLonLat(r.pts)));
  for (const r of rings) {
    if (!r.inner) continue;
    // The probe is the centre of the cell just above the hole's first (eastward) edge: covered.
    const [px, py] = r.probe;
    const k = outers.findIndex((o) => inRing(o.pts, px, py));
    if (k >= 0) polys[k].push(toLonLat(r.pts));
  }
  return polys;
}

function inRing(pts: number[], x: number, y: number): boolean {
  let inside = false;
  const n = pts.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = pts[2 * i], yi = pts[2 * i + 1], xj = pts[2 * j], yj = pts[2 * j + 1];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
