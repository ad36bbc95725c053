// Multi-source Dijkstra on the CSR graph with a typed-array binary heap (lazy deletion).
// One run per facility type: every facility seeds its edge's end nodes, so each node learns
// its cost to the nearest facility of the type in a single pass.
import type { Graph } from './graph.ts';
import { MinHeap } from './min-heap.ts';

export interface Seeds {
  node: Uint32Array;
  cost: Float64Array;
  /** Label carried to every node reached from this seed (a facility index). */
  label: Int32Array;
}

export interface PathResult {
  /** Cost from each node to the nearest seed (Infinity when unreachable). */
  dist: Float64Array;
  /** Label of that nearest seed, −1 when unreachable. */
  label: Int32Array;
}

/** Shortest costs between every node and the seeds. Edge e costs `costFwd[e]` from edgeU to
 *  edgeV and `costBwd[e]` back. With `towardSeeds` the cost is of travelling FROM the node TO
 *  the seed (the run goes over reversed arcs), which is what home → facility needs. */
export function multiSourceDijkstra(
  g: Graph,
  costFwd: Float64Array,
  costBwd: Float64Array,
  seeds: Seeds,
  towardSeeds: boolean,
): PathResult {
  const n = g.nodeCount;
  const dist = new Float64Array(n).fill(Infinity);
  const label = new Int32Array(n).fill(-1);
  const heap = new MinHeap(Math.max(16, seeds.node.length + 2 * g.edgeCount));
  for (let s = 0; s < seeds.node.length; s++) {
    const x = seeds.node[s],
      c = seeds.cost[s];
    if (c < dist[x] || (c === dist[x] && seeds.label[s] < label[x])) {
      dist[x] = c;
      label[x] = seeds.label[s];
      heap.push(x, c);
    }
  }
  const { offsets, arcEdge, edgeU, edgeV } = g;
  while (heap.size > 0) {
    const d = heap.topKey();
    const x = heap.pop();
    if (d > dist[x]) continue;
    const lx = label[x];
    for (let a = offsets[x]; a < offsets[x + 1]; a++) {
      const e = arcEdge[a];
      const fromU = edgeU[e] === x;
      const y = fromU ? edgeV[e] : edgeU[e];
      // Forward search uses the arc x→y; toward the seeds the traveller goes y→x.
      const w = towardSeeds ? (fromU ? costBwd[e] : costFwd[e]) : fromU ? costFwd[e] : costBwd[e];
      const nd = d + w;
      if (nd < dist[y] || (nd === dist[y] && lx < label[y])) {
        dist[y] = nd;
        label[y] = lx;
        heap.push(y, nd);
      }
    }
  }
  return { dist, label };
}
