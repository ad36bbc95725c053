// Cover sets on a walking network: per candidate, a reversed Dijkstra bounded by the threshold
// (the traveller walks home → network → candidate), then every attached home on an edge it
// reached is priced exactly as the engine's travel/network.ts fieldTimes prices a home, so a
// home is in a candidate's set exactly when the engine, given that one facility, would report
// it within the threshold.
import type { Attached, CostedNetwork } from '../travel/network.ts';
import { metresPerMinute } from '../travel/speed.ts';
import { MinHeap } from '../travel/min-heap.ts';
import { coverSetsFromLists, type CoverSets } from './cover-sets.ts';

/** Cover sets of `cands` over `homes` (both attached to `net`): homes within `minutes` at
 *  `speedKmh` on the flat (costs are the network's flat-equivalent metres); with `below`, only
 *  pairs faster than below[home] (as straightCoverSets). With `bound` (cost per node), a search
 *  does not expand a node it reaches at bound[node] or later (siting/time-sets.ts says why).
 *  Undefined (the work stopped) when more than `maxPairs` pairs would be kept. */
export function networkCoverSets(
  net: CostedNetwork,
  homes: Attached,
  cands: Attached,
  speedKmh: number,
  minutes: number,
  below?: Float32Array,
  bound?: Float64Array,
): CoverSets;
export function networkCoverSets(
  net: CostedNetwork,
  homes: Attached,
  cands: Attached,
  speedKmh: number,
  minutes: number,
  below: Float32Array,
  bound: Float64Array,
  maxPairs: number,
): CoverSets | undefined;
export function networkCoverSets(
  net: CostedNetwork,
  homes: Attached,
  cands: Attached,
  speedKmh: number,
  minutes: number,
  below?: Float32Array,
  bound?: Float64Array,
  maxPairs = Infinity,
): CoverSets | undefined {
  const g = net.graph,
    { fwd, bwd } = net,
    { offsets, arcEdge, edgeU, edgeV } = g;
  const mpm = metresPerMinute(speedKmh);
  // Float32 rounding of the final minutes can admit a cost a hair above the budget.
  const budget = minutes * mpm * (1 + 1e-6) + 1e-6;
  const nHomes = homes.edge.length;
  const homeStart = new Uint32Array(g.edgeCount + 1);
  for (let i = 0; i < nHomes; i++) if (homes.edge[i] >= 0) homeStart[homes.edge[i] + 1]++;
  for (let e = 0; e < g.edgeCount; e++) homeStart[e + 1] += homeStart[e];
  const fill = homeStart.slice(0, g.edgeCount),
    homeIdx = new Uint32Array(homeStart[g.edgeCount]);
  for (let i = 0; i < nHomes; i++) if (homes.edge[i] >= 0) homeIdx[fill[homes.edge[i]]++] = i;

  const dist = new Float64Array(g.nodeCount).fill(Infinity);
  const edgeSeen = new Int32Array(g.edgeCount).fill(-1);
  const heap = new MinHeap();
  const touched: number[] = [],
    edges: number[] = [];
  const lists: { idx: number[]; time: number[] }[] = [];
  let pairs = 0;
  for (let c = 0; c < cands.edge.length; c++) {
    const list = { idx: [] as number[], time: [] as number[] };
    lists.push(list);
    const ce = cands.edge[c];
    if (ce < 0) continue;
    const tc = cands.t[c];
    const seed = (x: number, cost: number) => {
      if (cost > budget || cost >= dist[x]) return;
      if (dist[x] === Infinity) touched.push(x);
      dist[x] = cost;
      heap.push(x, cost);
    };
    // Reaching the candidate from edgeU walks forward along its edge, from edgeV backward.
    seed(edgeU[ce], tc * fwd[ce] + cands.fromNet[c]);
    seed(edgeV[ce], (1 - tc) * bwd[ce] + cands.fromNet[c]);
    edgeSeen[ce] = c;
    edges.push(ce);
    while (heap.size > 0) {
      const d = heap.topKey(),
        x = heap.pop();
      if (d > dist[x] || (bound && d >= bound[x])) continue;
      for (let a = offsets[x]; a < offsets[x + 1]; a++) {
        const e = arcEdge[a];
        if (edgeSeen[e] !== c) {
          edgeSeen[e] = c;
          edges.push(e);
        }
        const fromU = edgeU[e] === x,
          y = fromU ? edgeV[e] : edgeU[e];
        const nd = d + (fromU ? bwd[e] : fwd[e]);
        if (nd <= budget && nd < dist[y]) {
          if (dist[y] === Infinity) touched.push(y);
          dist[y] = nd;
          heap.push(y, nd);
        }
      }
    }
    for (const e of edges) {
      const u = edgeU[e],
        v = edgeV[e];
      for (let k = homeStart[e]; k < homeStart[e + 1]; k++) {
        const i = homeIdx[k],
          t = homes.t[i];
        // Same expression order as fieldTimes, so the float result is the engine's.
        let best = t * bwd[e] + dist[u];
        const viaV = (1 - t) * fwd[e] + dist[v];
        if (viaV < best) best = viaV;
        if (e === ce) {
          const direct = (tc >= t ? (tc - t) * fwd[e] : (t - tc) * bwd[e]) + cands.fromNet[c];
          if (direct < best) best = direct;
        }
        if (!Number.isFinite(best)) continue;
        const m = Math.fround((homes.toNet[i] + best) / mpm);
        if (m <= minutes && !(below && m >= below[i])) {
          list.idx.push(i);
          list.time.push(m);
        }
      }
    }
    pairs += list.idx.length;
    if (pairs > maxPairs) return undefined;
    for (const x of touched) dist[x] = Infinity;
    touched.length = 0;
    edges.length = 0;
  }
  return coverSetsFromLists(nHomes, lists);
}
