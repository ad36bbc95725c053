// Multi-source Dijkstra on the CSR graph with a typed-array binary heap (lazy deletion).
// One run per facility type: every facility seeds its edge's end nodes, so each node learns
// its cost to the nearest facility of the type in a single pass.
import type { Graph } from './graph.ts';

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
  g: Graph, costFwd: Float64Array, costBwd: Float64Array, seeds: Seeds, towardSeeds: boolean,
): PathResult {
  const n = g.nodeCount;
  const dist = new Float64Array(n).fill(Infinity);
  const label = new Int32Array(n).fill(-1);
  const heap = new Heap(Math.max(16, seeds.node.length + 2 * g.edgeCount));
  for (let s = 0; s < seeds.node.length; s++) {
    const x = seeds.node[s], c = seeds.cost[s];
    if (c < dist[x] || (c === dist[x] && seeds.label[s] < label[x])) {
      dist[x] = c; label[x] = seeds.label[s]; heap.push(x, c);
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
      const w = towardSeeds ? (fromU ? costBwd[e] : costFwd[e]) : (fromU ? costFwd[e] : costBwd[e]);
      const nd = d + w;
      if (nd < dist[y] || (nd === dist[y] && lx < label[y])) {
        dist[y] = nd; label[y] = lx; heap.push(y, nd);
      }
    }
  }
  return { dist, label };
}

/** Min-heap of (node, key) pairs in parallel typed arrays. */
class Heap {
  private ids: Uint32Array;
  private keys: Float64Array;
  size = 0;
  constructor(capacity: number) {
    this.ids = new Uint32Array(capacity);
    this.keys = new Float64Array(capacity);
  }
  push(id: number, key: number): void {
    if (this.size === this.ids.length) this.grow();
    let i = this.size++;
    const ids = this.ids, keys = this.keys;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p] <= key) break;
      ids[i] = ids[p]; keys[i] = keys[p]; i = p;
    }
    ids[i] = id; keys[i] = key;
  }
  topKey(): number { return this.keys[0]; }
  pop(): number {
    const ids = this.ids, keys = this.keys;
    const top = ids[0];
    const n = --this.size;
    if (n > 0) {
      const id = ids[n], key = keys[n];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && keys[c + 1] < keys[c]) c++;
        if (keys[c] >= key) break;
        ids[i] = ids[c]; keys[i] = keys[c]; i = c;
      }
      ids[i] = id; keys[i] = key;
    }
    return top;
  }
  private grow(): void {
    const ids = new Uint32Array(this.ids.length * 2); ids.set(this.ids); this.ids = ids;
    const keys = new Float64Array(this.keys.length * 2); keys.set(this.keys); this.keys = keys;
  }
}
