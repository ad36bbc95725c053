// Maximal covering when each new site can serve at most `capacity` demand weight (households).
// Heuristic, documented because it is not exact:
//  1. selection — lazy greedy on the capacity-limited gain min(capacity, unserved weight in reach);
//     opening a site serves its reachable unserved demand nearest first until full (a weighted
//     point may be split between sites);
//  2. assignment — once sites are chosen, demand is re-assigned to them globally in ascending
//     travel time (each demand to its nearest open site that still has room), and the better of
//     the two assignments is kept.
// Existing facilities keep the demand they already cover and are not capacity-limited (their
// capacities are not in the data).
import type { SitingProblem } from './cover-state.ts';
import { MaxHeap } from './max-heap.ts';
import { Yielder, type RunControl } from './progress.ts';

export interface CapacityResult {
  /** Chosen candidate indices in the order chosen. */
  sites: number[];
  /** Weight served by each chosen site (≤ capacity). */
  load: number[];
  /** Assignments as parallel arrays: site position in `sites`, demand index, weight served. */
  assignSite: Int32Array;
  assignDemand: Int32Array;
  assignWeight: Float64Array;
  coveredBefore: number;
  coveredAfter: number;
  total: number;
  cancelled: boolean;
}

interface Assignment {
  site: number[];
  demand: number[];
  weight: number[];
  load: number[];
  served: number;
}

/** Serves demand in the given (site position, entry) order up to capacity. */
function assign(p: SitingProblem, sites: number[], capacity: number, pairs: Int32Array): Assignment {
  const { candStart, demandIdx } = p.sets;
  const rest = new Float64Array(p.sets.demandCount);
  for (let d = 0; d < rest.length; d++) rest[d] = p.covered0?.[d] ? 0 : p.weight[d];
  const out: Assignment = { site: [], demand: [], weight: [], load: new Array(sites.length).fill(0), served: 0 };
  for (let i = 0; i < pairs.length; i += 2) {
    const s = pairs[i],
      k = candStart[sites[s]] + pairs[i + 1],
      d = demandIdx[k];
    const room = capacity - out.load[s];
    if (room <= 0 || rest[d] <= 0) continue;
    const x = Math.min(room, rest[d]);
    rest[d] -= x;
    out.load[s] += x;
    out.served += x;
    out.site.push(s);
    out.demand.push(d);
    out.weight.push(x);
  }
  return out;
}

/** Capacitated maximal covering with `n` new sites of `capacity` weight each (see file header). */
export async function capacitatedMaxCover(p: SitingProblem, n: number, capacity: number, ctl: RunControl = {}): Promise<CapacityResult> {
  const { candStart, demandIdx, candCount, time } = p.sets;
  const rest = new Float64Array(p.sets.demandCount);
  let total = 0,
    before = 0;
  for (let d = 0; d < rest.length; d++) {
    total += p.weight[d];
    if (p.covered0?.[d]) before += p.weight[d];
    else rest[d] = p.weight[d];
  }
  const gainOf = (c: number): number => {
    let g = 0;
    for (let k = candStart[c]; k < candStart[c + 1] && g < capacity; k++) g += rest[demandIdx[k]];
    return Math.min(g, capacity);
  };
  const heap = new MaxHeap(candCount);
  for (let c = 0; c < candCount; c++) {
    const g = gainOf(c);
    if (g > 0) heap.push(g, c);
  }
  const sites: number[] = [];
  const seq: number[] = []; // (site position, entry offset) in the order the greedy served them
  const y = new Yielder();
  let cancelled = false;
  while (sites.length < n && heap.size > 0) {
    if (ctl.signal?.cancelled) {
      cancelled = true;
      break;
    }
    const c = heap.pop();
    const g = gainOf(c);
    if (g <= 0) continue;
    if (heap.size > 0 && g < heap.topKey()) {
      heap.push(g, c);
      continue;
    }
    let room = capacity;
    for (let k = candStart[c]; k < candStart[c + 1] && room > 0; k++) {
      const d = demandIdx[k];
      if (rest[d] <= 0) continue;
      const x = Math.min(room, rest[d]);
      rest[d] -= x;
      room -= x;
      seq.push(sites.length, k - candStart[c]);
    }
    sites.push(c);
    ctl.onProgress?.(sites.length, n, 'greedy');
    await y.maybe();
  }
  const first = assign(p, sites, capacity, Int32Array.from(seq));
  // Global nearest-first re-assignment over all (site, demand) pairs of the chosen sites.
  const pairs: number[] = [];
  for (let s = 0; s < sites.length; s++) for (let k = 0; k < candStart[sites[s] + 1] - candStart[sites[s]]; k++) pairs.push(s, k);
  const order = Array.from({ length: pairs.length / 2 }, (_, i) => i).sort((a, b) => {
    const ta = time[candStart[sites[pairs[2 * a]]] + pairs[2 * a + 1]],
      tb = time[candStart[sites[pairs[2 * b]]] + pairs[2 * b + 1]];
    return ta - tb || a - b;
  });
  const sorted = new Int32Array(pairs.length);
  order.forEach((i, o) => {
    sorted[2 * o] = pairs[2 * i];
    sorted[2 * o + 1] = pairs[2 * i + 1];
  });
  const second = assign(p, sites, capacity, sorted);
  const best = second.served >= first.served ? second : first;
  return {
    sites,
    load: best.load,
    assignSite: Int32Array.from(best.site),
    assignDemand: Int32Array.from(best.demand),
    assignWeight: Float64Array.from(best.weight),
    coveredBefore: before,
    coveredAfter: before + best.served,
    total,
    cancelled,
  };
}
