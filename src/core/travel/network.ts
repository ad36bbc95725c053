// Network and slope-aware travel times: home → straight leg → nearest point on the network →
// shortest path → the facility's attachment point → straight leg → facility. One reversed
// multi-source Dijkstra per facility type; the structures that do not depend on the type
// (graph, edge index, snaps, edge costs) are built once and reused.
import type { ElevationGrid, LineLayer } from '../types.ts';
import { buildGraph, DEFAULT_JOIN_M, type Graph } from './graph.ts';
import { edgeIndex, snapPoints, snapPosition, DEFAULT_MAX_SNAP_M, type EdgeIndex, type Snaps } from './snap.ts';
import { multiSourceDijkstra, type PathResult } from './dijkstra.ts';
import { legCost, nodeElevations, sampleElevation, slopeCosts, TOP_SPEEDUP } from './slope.ts';
import { metresPerMinute } from './speed.ts';
import type { NearestResult } from './straight.ts';
import { DEFAULT_ROAD_CLASSES, profileFactors, type DroppedEdges, type RoadClassTable, type TravelProfile } from './road-class.ts';

/** The network with its per-mode edge costs in flat-equivalent metres. */
export interface CostedNetwork {
  graph: Graph;
  index: EdgeIndex;
  fwd: Float64Array;
  bwd: Float64Array;
  /** Node elevations (slope mode) used to price legs; undefined on flat networks. */
  z?: Float64Array;
  dem?: ElevationGrid;
  maxSnapM: number;
  /** Edges left out of this profile's network and why; class values the table lacks (edges). */
  dropped: DroppedEdges;
  unknownClasses: Record<string, number>;
}

const speedups = new WeakMap<CostedNetwork, number>();

/** The most ground a metre of cost covers on `net` (at least 1): legs off the network cost their
 *  length (slope mode: down to 1 / TOP_SPEEDUP of it), and its cheapest edge per metre (a road
 *  class walked faster than the flat, a descent). A cost of c reaches no farther than c × this
 *  as the crow flies. Kept per network. */
export function maxSpeedup(net: CostedNetwork): number {
  let s = speedups.get(net);
  if (s !== undefined) return s;
  const len = net.graph.edgeLen,
    { fwd, bwd } = net;
  s = net.z ? TOP_SPEEDUP : 1;
  for (let e = 0; e < len.length; e++) {
    const c = Math.min(fwd[e], bwd[e]);
    if (c > 0 && len[e] > s * c) s = len[e] / c;
  }
  speedups.set(net, s);
  return s;
}

/** Who travels the network: the profile, the type's speed (a vehicle's top speed) and the
 *  road-class table. Default: walking with the default table. */
export interface NetworkUse {
  profile: TravelProfile;
  speedKmh: number;
  roadClasses: RoadClassTable;
}

export const DEFAULT_USE: NetworkUse = { profile: 'walk', speedKmh: 4.5, roadClasses: DEFAULT_ROAD_CLASSES };

/** Points attached to a costed network: edge, position, and leg costs both ways. */
export interface Attached {
  edge: Int32Array;
  t: Float64Array;
  /** Flat-equivalent metres from the point to its attachment (walking onto the network). */
  toNet: Float64Array;
  /** Flat-equivalent metres from the attachment to the point (walking off the network). */
  fromNet: Float64Array;
}

/** A network's graph and snapping index for a vertex-join tolerance: what every mode shares,
 *  and what the CLI's --cache keeps between runs. */
export interface PreparedNetwork {
  graph: Graph;
  index: EdgeIndex;
  toleranceM: number;
}

/** Graph and edge index of `lines` (shared by network and slope modes). */
export function prepareNetwork(lines: LineLayer, toleranceM = DEFAULT_JOIN_M): { graph: Graph; index: EdgeIndex } {
  const graph = buildGraph(lines, toleranceM);
  return { graph, index: edgeIndex(graph) };
}

/** `prepared` when it was built for `toleranceM`, else the network of `lines` prepared now. */
export function preparedFor(lines: LineLayer, toleranceM: number, prepared?: PreparedNetwork): PreparedNetwork {
  return prepared && prepared.toleranceM === toleranceM ? prepared : { ...prepareNetwork(lines, toleranceM), toleranceM };
}

/** Edge costs for a mode and profile, in metres at the type's flat speed: lengths for
 *  'network', Tobler-weighted directed costs for 'slope' (walk and e-bike only), divided by the
 *  class's speed factor; edges the profile may not use are left out of the graph's snapping
 *  index and cost Infinity. */
export function costNetwork(
  base: { graph: Graph; index: EdgeIndex },
  lines: LineLayer,
  slope: boolean,
  dem?: ElevationGrid,
  maxSnapM = DEFAULT_MAX_SNAP_M,
  use: NetworkUse = DEFAULT_USE,
): CostedNetwork {
  const g = base.graph;
  const { factor, dropped, unknown, uniform } = profileFactors(
    g.edgeClass,
    g.edgeFlags,
    g.classNames,
    use.roadClasses,
    use.profile,
    use.speedKmh,
  );
  const sloped = slope && use.profile !== 'vehicle';
  const z = sloped ? nodeElevations(g, lines, dem) : undefined;
  let { fwd, bwd } = z ? slopeCosts(g, z) : { fwd: g.edgeLen, bwd: g.edgeLen };
  let index = base.index;
  if (!uniform) {
    const f2 = new Float64Array(g.edgeCount),
      b2 = new Float64Array(g.edgeCount);
    for (let e = 0; e < g.edgeCount; e++) {
      f2[e] = factor[e] > 0 ? fwd[e] / factor[e] : Infinity;
      b2[e] = factor[e] > 0 ? bwd[e] / factor[e] : Infinity;
    }
    fwd = f2;
    bwd = b2;
    if (dropped.byClass + dropped.byAccess + dropped.ferry > 0) index = edgeIndex(g, factor);
  }
  return { graph: g, index, fwd, bwd, ...(z ? { z, dem } : {}), maxSnapM, dropped, unknownClasses: unknown };
}

/** Attaches WGS84 points to the network and prices their legs. */
export function attach(net: CostedNetwork, coords: Float64Array): Attached {
  return attachSnaps(net, coords, snapPoints(net.graph, net.index, coords, net.maxSnapM));
}

/** attach() from the points' snaps already found on `net` (e.g. kept from an earlier call); with
 *  `into`, leg costs are written to its first points' places (whatever they held). */
export function attachSnaps(net: CostedNetwork, coords: Float64Array, s: Snaps, into?: Pick<Attached, 'toNet' | 'fromNet'>): Attached {
  const n = coords.length / 2;
  const { toNet, fromNet } = into ?? { toNet: new Float64Array(n), fromNet: new Float64Array(n) };
  toNet.fill(Infinity, 0, n);
  fromNet.fill(Infinity, 0, n);
  const pos = new Float64Array(2);
  for (let i = 0; i < n; i++) {
    const e = s.edge[i];
    if (e < 0) continue;
    if (!net.z) {
      toNet[i] = fromNet[i] = s.legM[i];
      continue;
    }
    const g = net.graph;
    let zs = net.z[g.edgeU[e]] + s.t[i] * (net.z[g.edgeV[e]] - net.z[g.edgeU[e]]),
      zp = zs;
    if (net.dem) {
      // Both leg ends from the DEM, so the leg's slope is the terrain's, not the difference
      // between a sampled point and a value interpolated along the edge.
      snapPosition(g, e, s.t[i], pos);
      const zDem = sampleElevation(net.dem, pos[0], pos[1]);
      if (!Number.isNaN(zDem)) zs = zDem;
      zp = sampleElevation(net.dem, coords[2 * i], coords[2 * i + 1]);
    }
    toNet[i] = legCost(s.legM[i], zp, zs);
    fromNet[i] = legCost(s.legM[i], zs, zp);
  }
  return { edge: s.edge, t: s.t, toNet, fromNet };
}

/** A facility type's cost field: every node's cost to its nearest facility, plus the facilities
 *  attached to each edge (a home on the same edge may reach one without passing a node). */
export interface FacilityField {
  dist: Float64Array;
  label: Int32Array;
  onEdge: Map<number, number[]>;
}

/** One reversed multi-source Dijkstra from the facilities `facilityIds` (indices into `fac`);
 *  `kept`: its result from an earlier call on the same network and facilities, not run again. */
export function facilityField(net: CostedNetwork, fac: Attached, facilityIds: Int32Array, kept?: PathResult): FacilityField {
  const g = net.graph,
    { fwd, bwd } = net;
  const seedNode: number[] = [],
    seedCost: number[] = [],
    seedLabel: number[] = [];
  const onEdge = new Map<number, number[]>();
  for (let k = 0; k < facilityIds.length; k++) {
    const f = facilityIds[k],
      e = fac.edge[f];
    if (e < 0) continue;
    const t = fac.t[f];
    // Reaching the facility from edgeU walks forward along the edge, from edgeV backward.
    seedNode.push(g.edgeU[e], g.edgeV[e]);
    seedCost.push(t * fwd[e] + fac.fromNet[f], (1 - t) * bwd[e] + fac.fromNet[f]);
    seedLabel.push(f, f);
    const list = onEdge.get(e);
    if (list) list.push(f);
    else onEdge.set(e, [f]);
  }
  const { dist, label } =
    kept ??
    multiSourceDijkstra(
      g,
      fwd,
      bwd,
      {
        node: Uint32Array.from(seedNode),
        cost: Float64Array.from(seedCost),
        label: Int32Array.from(seedLabel),
      },
      true,
    );
  return { dist, label, onEdge };
}

/** Minutes from each attached point to its nearest facility of the field at `speedKmh` on the
 *  flat; Infinity (facility −1) when unattached or in a part of the network from which no
 *  facility can be reached. With `into`, written to its first points' places (whatever they held). */
export function fieldTimes(
  net: CostedNetwork,
  field: FacilityField,
  homes: Attached,
  fac: Attached,
  speedKmh: number,
  into?: NearestResult,
): NearestResult {
  const g = net.graph,
    { fwd, bwd } = net,
    { dist, label, onEdge } = field;
  const n = homes.edge.length;
  // Edges holding a facility, as flags: most homes' edges hold none, and a flag costs less to
  // read than a map lookup per home.
  const hasFacility = new Uint8Array(g.edgeCount);
  for (const e of onEdge.keys()) hasFacility[e] = 1;
  const out = into ?? { minutes: new Float32Array(n), facility: new Int32Array(n) };
  const { minutes, facility } = out;
  minutes.fill(Infinity, 0, n);
  facility.fill(-1, 0, n);
  const mpm = metresPerMinute(speedKmh);
  for (let i = 0; i < n; i++) {
    const e = homes.edge[i];
    if (e < 0) continue;
    const t = homes.t[i],
      u = g.edgeU[e],
      v = g.edgeV[e];
    let best = t * bwd[e] + dist[u],
      bestF = label[u];
    const viaV = (1 - t) * fwd[e] + dist[v];
    if (viaV < best || (viaV === best && label[v] >= 0 && (bestF < 0 || label[v] < bestF))) {
      best = viaV;
      bestF = label[v];
    }
    const same = hasFacility[e] ? onEdge.get(e) : undefined;
    if (same) {
      for (const f of same) {
        const tf = fac.t[f];
        const c = (tf >= t ? (tf - t) * fwd[e] : (t - tf) * bwd[e]) + fac.fromNet[f];
        if (c < best || (c === best && f < bestF)) {
          best = c;
          bestF = f;
        }
      }
    }
    if (bestF < 0 || !Number.isFinite(best)) continue;
    minutes[i] = (homes.toNet[i] + best) / mpm;
    facility[i] = bestF;
  }
  return out;
}

/** Minutes from each attached home to the nearest of `facilityIds` (see fieldTimes). */
export function networkTimes(net: CostedNetwork, homes: Attached, fac: Attached, facilityIds: Int32Array, speedKmh: number): NearestResult {
  return fieldTimes(net, facilityField(net, fac, facilityIds), homes, fac, speedKmh);
}
