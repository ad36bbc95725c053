// The serializable siting command and its result: the CLI, the worker and the tests run the
// same command through the same core (as analysis/command.ts does for coverage).
import { FACILITY_TYPES, typeIndex, type DemandMeasure, type TravelMode } from '../catalogue.ts';
import { demandWeights } from '../coverage/demand.ts';
import { checkRange } from '../limits.ts';
import { attach, costNetwork, preparedFor, type Attached, type CostedNetwork, type PreparedNetwork } from '../travel/network.ts';
import { DEFAULT_MAX_SNAP_M } from '../travel/snap.ts';
import type { ElevationGrid, FacilityLayer, HouseholdLayer, LineLayer, PolygonSet } from '../types.ts';
import { capacitatedMaxCover } from './capacity.ts';
import { areaCentroids, mergeCandidates, settledGrid } from './candidates.ts';
import { coveredBy, straightCoverSets, type CoverSets } from './cover-sets.ts';
import { maxCover } from './max-cover.ts';
import { networkCoverSets } from './network-cover.ts';
import { DEFAULT_JOIN_M } from '../travel/graph.ts';
import type { RunControl } from './progress.ts';
import { setCover } from './set-cover.ts';

export interface SitingCommand {
  op: 'site';
  /** Catalogue code of the facility type to site. */
  type: string;
  /** Travel model ('network' and 'slope' need layers.network), speed km/h on the flat,
   *  straight-line detour factor, threshold minutes. */
  mode: TravelMode;
  speedKmh: number;
  detour: number;
  minutes: number;
  /** Network attachment: largest walk onto the network (m) and vertex join tolerance (m). */
  maxSnapM?: number;
  toleranceM?: number;
  demand: DemandMeasure;
  /** Best `add` new sites, or the fewest reaching `target` covered share (0–1): exactly one. */
  add?: number;
  target?: number;
  /** Demand weight each new site can serve (with `add` only). */
  capacity?: number;
  /** Time allowed for local-search kicks after greedy + swaps, ms (default 1500): keeps the
   *  full demo within seconds; small instances finish their kicks well inside it. */
  improveMs?: number;
  /** Candidate sources: community centroids, a settled-land grid of `gridM` metres, user points. */
  candidates: { communities?: boolean; gridM?: number; points?: Float64Array };
  notBuildable?: PolygonSet;
}

export interface SitingLayers {
  households: HouseholdLayer;
  facilities: FacilityLayer;
  /** Community polygons, for centroid candidates. */
  communities?: PolygonSet;
  network?: LineLayer;
  dem?: ElevationGrid;
  /** The costed network and the homes attached to it, when a caller (the worker's engine) has
   *  them cached for this mode; built from `network` otherwise. */
  prepared?: { net: CostedNetwork; homes: Attached };
  /** The network's graph and index when already built (the CLI's --cache). */
  preparedNetwork?: PreparedNetwork;
}

/** Cover sets of the sites `coords` over the households, under the command's travel model. */
function coverSetsBuilder(layers: SitingLayers, cmd: SitingCommand): (coords: Float64Array) => CoverSets {
  const h = layers.households;
  if (cmd.mode === 'straight') {
    const params = { speedKmh: cmd.speedKmh, detour: cmd.detour, minutes: cmd.minutes };
    return (coords) => straightCoverSets(coords, h.coords, params);
  }
  if (layers.prepared) {
    const { net, homes } = layers.prepared;
    return (coords) => networkCoverSets(net, homes, attach(net, coords), cmd.speedKmh, cmd.minutes);
  }
  if (!layers.network) throw new Error(`${cmd.mode} mode needs a network layer`);
  const net = costNetwork(preparedFor(layers.network, cmd.toleranceM ?? DEFAULT_JOIN_M, layers.preparedNetwork), layers.network, cmd.mode === 'slope', layers.dem, cmd.maxSnapM ?? DEFAULT_MAX_SNAP_M);
  const homes = attach(net, h.coords);
  return (coords) => networkCoverSets(net, homes, attach(net, coords), cmd.speedKmh, cmd.minutes);
}

export interface SitingOutput {
  type: string;
  /** The measure counted ('households' when the requested one is missing from the data). */
  demand: DemandMeasure;
  candidateCount: number;
  existingCount: number;
  total: number;
  coveredBefore: number;
  coveredAfter: number;
  /** Chosen sites in order: interleaved WGS84 lon,lat, and the demand weight each adds (or serves, with capacity). */
  coords: Float64Array;
  gains: Float64Array;
  /** False when `target` is out of reach from the candidates. */
  reached: boolean;
  cancelled: boolean;
}

/** Runs a siting command (see SitingCommand); throws on an inconsistent command. */
export async function runSiting(layers: SitingLayers, cmd: SitingCommand, ctl: RunControl = {}): Promise<SitingOutput> {
  const ti = typeIndex(cmd.type);
  if (ti < 0) throw new Error(`unknown facility type "${cmd.type}"`);
  if ((cmd.add === undefined) === (cmd.target === undefined)) throw new Error('give exactly one of add or target');
  if (cmd.capacity !== undefined && cmd.add === undefined) throw new Error('capacity works with add only');
  checkRange('speedKmh', cmd.speedKmh, 'speed km/h');
  checkRange('minutes', cmd.minutes);
  checkRange('detour', cmd.detour);
  if (cmd.add !== undefined) checkRange('add', cmd.add);
  if (cmd.target !== undefined) checkRange('targetShare', cmd.target, 'target');
  if (cmd.capacity !== undefined) checkRange('capacity', cmd.capacity);
  if (cmd.candidates.gridM !== undefined) checkRange('gridM', cmd.candidates.gridM, 'candidate grid metres');
  const h = layers.households;
  let weight = demandWeights(h, cmd.demand), demand = cmd.demand;
  if (!weight) { weight = h.households; demand = 'households'; }
  const sources: Float64Array[] = [];
  if (cmd.candidates.points) sources.push(cmd.candidates.points);
  if (cmd.candidates.communities && layers.communities) sources.push(areaCentroids(layers.communities));
  if (cmd.candidates.gridM) sources.push(settledGrid(h.coords, weight, cmd.candidates.gridM));
  const cand = mergeCandidates(sources, cmd.notBuildable);
  const f = layers.facilities;
  const existing = Float64Array.from(Array.from({ length: f.count }, (_, i) => i).filter((i) => f.type[i] === ti)
    .flatMap((i) => [f.coords[2 * i], f.coords[2 * i + 1]]));
  const build = coverSetsBuilder(layers, cmd);
  const p = { sets: build(cand), weight, covered0: coveredBy(build(existing)) };
  let sites: number[], gains: number[], reached = true;
  let r: { coveredBefore: number; coveredAfter: number; total: number; cancelled: boolean };
  if (cmd.capacity !== undefined) {
    const c = await capacitatedMaxCover(p, cmd.add!, cmd.capacity, ctl);
    r = c; sites = c.sites; gains = c.load;
  } else if (cmd.add !== undefined) {
    const c = await maxCover(p, cmd.add, { ...ctl, maxMs: cmd.improveMs ?? 1500 });
    r = c; sites = c.sites; gains = c.gains;
  } else {
    const c = await setCover(p, cmd.target!, ctl);
    r = c; sites = c.sites; gains = c.gains; reached = c.reached;
  }
  return {
    type: FACILITY_TYPES[ti].code, demand, candidateCount: cand.length / 2, existingCount: existing.length / 2,
    total: r.total, coveredBefore: r.coveredBefore, coveredAfter: r.coveredAfter,
    coords: Float64Array.from(sites.flatMap((c) => [cand[2 * c], cand[2 * c + 1]])), gains: Float64Array.from(gains),
    reached, cancelled: r.cancelled,
  };
}
