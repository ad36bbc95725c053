// Network/slope what-if coverage. An added facility only lowers costs, so it runs a Dijkstra from
// its own attachment alone, bounded by the threshold cost and stopping where it no longer beats
// a node's current cost, and re-times only the homes on edges next to the nodes it improved.
// Moves and deletes can raise costs anywhere their facility was nearest: they rebuild the type's
// cost field (one full Dijkstra). Coverage (time ≤ threshold) always equals a full recompute;
// times beyond the bound may stay larger than a full recompute's (both are beyond the threshold).
import type { Attached, CostedNetwork, FacilityField } from '../travel/network.ts';
import { attach, facilityField, fieldTimes } from '../travel/network.ts';
import { metresPerMinute } from '../travel/speed.ts';
import { MinHeap } from '../travel/min-heap.ts';

export class NetworkWhatIf {
  /** Minutes per home to the nearest live facility (see the header on the bound). */
  times: Float32Array = new Float32Array(0);
  private fac!: Attached;
  private field!: FacilityField;
  private readonly mpm: number;
  private readonly bound: number;
  /** Homes by edge (CSR): homesAt[edgeStart[e] … edgeStart[e+1]). */
  private readonly edgeStart: Uint32Array;
  private readonly homesAt: Uint32Array;

  constructor(
    private readonly net: CostedNetwork,
    private readonly homes: Attached,
    private readonly speedKmh: number,
    minutes: number,
  ) {
    this.mpm = metresPerMinute(speedKmh);
    // A little slack over the threshold cost, so float rounding at the bound can never matter.
    this.bound = minutes * this.mpm * 1.001 + 1;
    const ne = net.graph.edgeCount,
      start = new Uint32Array(ne + 1);
    for (let i = 0; i < homes.edge.length; i++) if (homes.edge[i] >= 0) start[homes.edge[i] + 1]++;
    for (let e = 0; e < ne; e++) start[e + 1] += start[e];
    const fill = start.slice(0, ne),
      at = new Uint32Array(start[ne]);
    for (let i = 0; i < homes.edge.length; i++) if (homes.edge[i] >= 0) at[fill[homes.edge[i]]++] = i;
    this.edgeStart = start;
    this.homesAt = at;
  }

  /** Recomputes every home's time for facilities `coords` (WGS84, by id) of which `alive` are live. */
  full(coords: Float64Array, alive: ArrayLike<number>): void {
    this.fac = attach(this.net, coords);
    const live = Int32Array.from(Array.from({ length: alive.length }, (_, i) => i).filter((i) => alive[i]));
    this.field = facilityField(this.net, this.fac, live);
    this.times = fieldTimes(this.net, this.field, this.homes, this.fac, this.speedKmh).minutes;
  }

  /** Adds facility `id` (the next id) at (lon, lat); returns the homes whose time may have changed. */
  add(id: number, lon: number, lat: number): number[] {
    const one = attach(this.net, Float64Array.of(lon, lat));
    const grow = <T extends Float64Array | Int32Array>(a: T, v: number): T => {
      const b = new (a.constructor as new (n: number) => T)(id + 1);
      b.set(a.subarray(0, id));
      b[id] = v;
      return b;
    };
    this.fac = {
      edge: grow(this.fac.edge, one.edge[0]),
      t: grow(this.fac.t, one.t[0]),
      toNet: grow(this.fac.toNet, one.toNet[0]),
      fromNet: grow(this.fac.fromNet, one.fromNet[0]),
    };
    const e = this.fac.edge[id];
    if (e < 0) return []; // not on the network: reaches nobody, as in a full run
    const g = this.net.graph,
      { fwd, bwd } = this.net,
      { dist, label, onEdge } = this.field;
    const list = onEdge.get(e);
    if (list) list.push(id);
    else onEdge.set(e, [id]);
    const t = this.fac.t[id],
      from = this.fac.fromNet[id];
    const improved: number[] = [];
    const heap = new MinHeap();
    // The same seeds and relaxation as the full multi-source run (travelling toward the seed).
    const seed = (x: number, c: number) => {
      if (c < dist[x] && c <= this.bound) {
        dist[x] = c;
        label[x] = id;
        heap.push(x, c);
      }
    };
    seed(g.edgeU[e], t * fwd[e] + from);
    seed(g.edgeV[e], (1 - t) * bwd[e] + from);
    while (heap.size > 0) {
      const d = heap.topKey(),
        x = heap.pop();
      if (d > dist[x]) continue;
      improved.push(x);
      for (let a = g.offsets[x]; a < g.offsets[x + 1]; a++) {
        const ea = g.arcEdge[a],
          fromU = g.edgeU[ea] === x;
        const y = fromU ? g.edgeV[ea] : g.edgeU[ea];
        const nd = d + (fromU ? bwd[ea] : fwd[ea]);
        if (nd < dist[y] && nd <= this.bound) {
          dist[y] = nd;
          label[y] = id;
          heap.push(y, nd);
        }
      }
    }
    const homes = new Set<number>();
    const edges = new Set<number>([e]);
    for (const x of improved) for (let a = g.offsets[x]; a < g.offsets[x + 1]; a++) edges.add(g.arcEdge[a]);
    for (const ed of edges) for (let k = this.edgeStart[ed]; k < this.edgeStart[ed + 1]; k++) homes.add(this.homesAt[k]);
    for (const i of homes) this.times[i] = this.homeTime(i);
    return [...homes];
  }

  /** fieldTimes' minutes for one home. */
  private homeTime(i: number): number {
    const g = this.net.graph,
      { fwd, bwd } = this.net,
      { dist, onEdge } = this.field,
      h = this.homes;
    const e = h.edge[i];
    if (e < 0) return Infinity;
    const t = h.t[i];
    let best = t * bwd[e] + dist[g.edgeU[e]];
    const viaV = (1 - t) * fwd[e] + dist[g.edgeV[e]];
    if (viaV < best) best = viaV;
    for (const f of onEdge.get(e) ?? []) {
      const tf = this.fac.t[f];
      const c = (tf >= t ? (tf - t) * fwd[e] : (t - tf) * bwd[e]) + this.fac.fromNet[f];
      if (c < best) best = c;
    }
    return Number.isFinite(best) ? (h.toNet[i] + best) / this.mpm : Infinity;
  }
}
