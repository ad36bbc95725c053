// Attaching points to the network: the nearest point on the nearest edge, found with a flatbush
// index over edge boxes and an expanding search box that is exact for the local planar metric
// (geo/project). Points farther than `maxSnapM` from every edge stay unattached (unreachable).
import Flatbush from 'flatbush';
import type { Graph } from './graph.ts';
import { M_PER_DEG } from '../geo/distance.ts';
import { mPerDegLon, pointSegmentDist2 } from '../geo/project.ts';

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

/** Flatbush over edge boxes in scaled coordinates (lon·k0, lat·metres-per-degree), which are
 *  metres up to the cos(lat)/cos(lat0) stretch, so flatbush's nearest-box order is nearly metric. */
export interface EdgeIndex {
  tree: Flatbush;
  /** Metres per degree of longitude used for scaling (at the network's middle latitude). */
  k0: number;
}

/** Spatial index over the graph's edges (build once per network). */
export function edgeIndex(g: Graph): EdgeIndex {
  const tree = new Flatbush(Math.max(1, g.edgeCount));
  const c = g.nodeCoords;
  let minY = Infinity, maxY = -Infinity;
  for (let n = 0; n < g.nodeCount; n++) { minY = Math.min(minY, c[2 * n + 1]); maxY = Math.max(maxY, c[2 * n + 1]); }
  const k0 = g.nodeCount > 0 ? mPerDegLon((minY + maxY) / 2) : M_PER_DEG;
  for (let e = 0; e < g.edgeCount; e++) {
    const a = g.edgeU[e], b = g.edgeV[e];
    tree.add(Math.min(c[2 * a], c[2 * b]) * k0, Math.min(c[2 * a + 1], c[2 * b + 1]) * M_PER_DEG,
      Math.max(c[2 * a], c[2 * b]) * k0, Math.max(c[2 * a + 1], c[2 * b + 1]) * M_PER_DEG);
  }
  if (g.edgeCount === 0) tree.add(-1e12, -1e12, -1e12, -1e12);
  tree.finish();
  return { tree, k0 };
}

/** Snaps each WGS84 point of `coords` to the nearest edge (ties: lowest edge index). */
export function snapPoints(g: Graph, index: EdgeIndex, coords: Float64Array, maxSnapM = DEFAULT_MAX_SNAP_M): Snaps {
  const n = coords.length / 2;
  const edge = new Int32Array(n).fill(-1);
  const t = new Float64Array(n);
  const legM = new Float64Array(n).fill(Infinity);
  const c = g.nodeCoords, { tree, k0 } = index;
  const tmp = new Float64Array(1);
  for (let i = 0; i < n; i++) {
    const x = coords[2 * i], y = coords[2 * i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y) || g.edgeCount === 0) continue;
    const kx = mPerDegLon(y);
    // The point's own metric is at least `ratio` × the scaled one, so an edge whose scaled box
    // distance b has b·ratio > best cannot beat best; flatbush returns boxes by increasing b.
    const ratio = Math.min(kx / k0, 1);
    const sx = x * k0, sy = y * M_PER_DEG;
    let bestE = -1, bestD2 = Infinity, bestT = 0;
    for (let k = 4; ; k *= 8) {
      const found = tree.neighbors(sx, sy, k, maxSnapM / ratio);
      let done = found.length < k;
      bestE = -1; bestD2 = Infinity;
      for (let r = 0; r < found.length; r++) {
        const e = found[r], a = g.edgeU[e], b = g.edgeV[e];
        const ax = c[2 * a], ay = c[2 * a + 1], bx = c[2 * b], by = c[2 * b + 1];
        const dx = Math.max(Math.min(ax, bx) * k0 - sx, sx - Math.max(ax, bx) * k0, 0);
        const dy = Math.max(Math.min(ay, by) * M_PER_DEG - sy, sy - Math.max(ay, by) * M_PER_DEG, 0);
        const boxD = Math.sqrt(dx * dx + dy * dy) * ratio;
        // (the margin keeps rounding-level ties in play for the exact comparison)
        if (boxD * boxD > bestD2 * (1 + 1e-9)) { done = true; break; }
        const d2 = pointSegmentDist2(x, y, ax, ay, bx, by, kx, tmp);
        if (d2 < bestD2 || (d2 === bestD2 && e < bestE)) { bestD2 = d2; bestE = e; bestT = tmp[0]; }
      }
      if (done) break;
    }
    if (bestE >= 0 && bestD2 <= maxSnapM * maxSnapM) { edge[i] = bestE; t[i] = bestT; legM[i] = Math.sqrt(bestD2); }
  }
  return { edge, t, legM };
}

/** WGS84 position of a snap (edge, t) written to out[0], out[1]. */
export function snapPosition(g: Graph, e: number, t: number, out: Float64Array): void {
  const a = g.edgeU[e], b = g.edgeV[e], c = g.nodeCoords;
  out[0] = c[2 * a] + t * (c[2 * b] - c[2 * a]);
  out[1] = c[2 * a + 1] + t * (c[2 * b + 1] - c[2 * a + 1]);
}
