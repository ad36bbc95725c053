// The serializable siting command and its result: the CLI, the worker and the tests run the
// same command through the same core (as analysis/command.ts does for coverage).
import { BUILT_IN_TYPES, profileOf, typeIndex, typeOf, type Catalogue, type DemandMeasure, type TravelMode } from '../catalogue.ts';
import { demandWeights } from '../coverage/demand.ts';
import { checkRange } from '../limits.ts';
import { attach, costNetwork, preparedFor, type Attached, type CostedNetwork, type PreparedNetwork } from '../travel/network.ts';
import { DEFAULT_JOIN_M } from '../travel/graph.ts';
import { DEFAULT_ROAD_CLASSES, TRAVEL_PROFILES, type RoadClassTable, type TravelProfile } from '../travel/road-class.ts';
import { barrierIndex } from '../travel/barriers.ts';
import { DEFAULT_MAX_SNAP_M } from '../travel/snap.ts';
import type { ElevationGrid, FacilityLayer, HouseholdLayer, LineLayer, PolygonSet } from '../types.ts';
import { groupStats, sortPoints } from '../coverage/stats.ts';
import { capacitatedMaxCover } from './capacity.ts';
import { areaCentroids, mergeCandidates, settledGrid } from './candidates.ts';
import { coveredBy, straightCoverSets, type CoverSets } from './cover-sets.ts';
import { candidateCosts, defaultCost } from './costs.ts';
import { maxCover } from './max-cover.ts';
import { sumSearch, type Budget, type SearchOptions, type SumProblem } from './median-search.ts';
import { networkCoverSets } from './network-cover.ts';
import { minutesWith, pCenter, weightedPercentile } from './p-center.ts';
import type { RunControl } from './progress.ts';
import { networkTimeSets, straightTimeSets, type TimeSets } from './time-sets.ts';
import { setCover } from './set-cover.ts';

/** Which question a siting run answers: most demand covered (mclp), fewest sites to a target
 *  share (lscp), shortest mean walk (pmedian), shortest worst or percentile walk (pcenter). */
export type SitingModel = 'mclp' | 'lscp' | 'pmedian' | 'pcenter';
export const SITING_MODELS: readonly SitingModel[] = ['mclp', 'lscp', 'pmedian', 'pcenter'];

/** A further type every new site also hosts (multi-service coverage), under the command's mode. */
export interface ServiceSpec {
  type: string;
  /** Walk, e-bike or vehicle (default: the type's catalogue profile, see profileOf). */
  profile?: TravelProfile;
  speedKmh: number;
  minutes: number;
  demand: DemandMeasure;
}

/** Minutes beyond which (or when unreachable) demand counts at the cap in p-median and p-center. */
export const DEFAULT_CAP_MINUTES = 60;

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
  /** Walk, e-bike or vehicle (default: the type's catalogue profile), on the network priced by
   *  `roadClasses` (default travel/road-class DEFAULT_ROAD_CLASSES), as the analysis does. */
  profile?: TravelProfile;
  roadClasses?: RoadClassTable;
  /** Network attachment: largest walk onto the network (m) and vertex join tolerance (m). */
  maxSnapM?: number;
  toleranceM?: number;
  demand: DemandMeasure;
  /** Default: lscp with `target`, else mclp. */
  model?: SitingModel;
  /** Exactly one: best `add` new sites; the fewest reaching `target` covered share (0–1, lscp);
   *  the best within a `budget` (in the costs' unit); or a build sequence under yearly budgets
   *  (years strictly increasing; unspent money carries over to the next year). */
  add?: number;
  target?: number;
  budget?: number;
  years?: { year: number; budget: number }[];
  /** Demand weight each new site can serve (mclp with `add` only). */
  capacity?: number;
  /** Further types each new site also hosts (mclp only), and the weight of each type's covered
   *  demand in the objective ([type, ...also], default 1 each). */
  also?: ServiceSpec[];
  weights?: number[];
  /** p-center: the percentile of minutes minimised (1–100; default 100, the maximum). */
  percentile?: number;
  /** p-median and p-center: minutes at which far or unreachable demand counts (default 60). */
  capMinutes?: number;
  /** Time allowed for local-search kicks after greedy + swaps, ms (default 1500): keeps the
   *  full demo within seconds; small instances finish their kicks well inside it. */
  improveMs?: number;
  /** Candidate sources: community centroids, a settled-land grid of `gridM` metres, user points
   *  with optional per-point cost (NaN: default) and existing-building flag (renovation cost). */
  candidates: { communities?: boolean; gridM?: number; points?: Float64Array; pointCost?: Float64Array; pointRenovate?: Uint8Array };
  notBuildable?: PolygonSet;
}

export interface SitingLayers {
  households: HouseholdLayer;
  facilities: FacilityLayer;
  /** Community polygons, for centroid candidates. */
  communities?: PolygonSet;
  network?: LineLayer;
  dem?: ElevationGrid;
  /** Lines a straight path may not cross (straight-line mode), as in the analysis. */
  barriers?: LineLayer;
  /** The costed network and the homes attached to it, when a caller (the worker's engine) has
   *  them cached for this mode and the command's profile and speed; built from `network` otherwise. */
  prepared?: { net: CostedNetwork; homes: Attached };
  /** The network's graph and index when already built (the CLI's --cache). */
  preparedNetwork?: PreparedNetwork;
}

interface Builders {
  /** Candidate → household cover sets within `minutes` for a service (its profile and speed). */
  cover: (coords: Float64Array, minutes: number, s: Traveller) => CoverSets;
  /** Candidate → household minutes up to `cap` where they beat the `existing` sites (time-sets.ts). */
  times: (cand: Float64Array, existing: Float64Array, cap: number, s: Traveller) => TimeSets;
}

/** Who travels: a service's type, profile and speed. */
type Traveller = Pick<ServiceSpec, 'type' | 'profile' | 'speedKmh'>;

/** Travel times between sites and households under the command's travel model: straight lines
 *  stopped by barriers, or the network costed for each service's profile (the analysis's rules,
 *  travel/network.ts and travel/barriers.ts). */
function builders(layers: SitingLayers, cmd: SitingCommand): Builders {
  const h = layers.households;
  if (cmd.mode === 'straight') {
    const params = (minutes: number, speedKmh: number) => ({ speedKmh, detour: cmd.detour, minutes });
    const bar = layers.barriers ? barrierIndex(layers.barriers) : undefined;
    return {
      cover: (coords, minutes, s) => straightCoverSets(coords, h.coords, params(minutes, s.speedKmh), bar),
      times: (cand, existing, cap, s) => straightTimeSets(cand, existing, h.coords, params(cap, s.speedKmh), cap, undefined, bar),
    };
  }
  const lines = layers.network;
  const own = { type: cmd.type, profile: cmd.profile, speedKmh: cmd.speedKmh };
  const nets = new Map<string, { net: CostedNetwork; homes: Attached }>();
  // Walking and e-bike costs do not depend on the speed; a vehicle's (class speeds capped at its top speed) do.
  const key = (s: Traveller) => {
    const p = profileOf({ code: s.type, profile: s.profile }, layers.facilities.catalogue);
    return p === 'vehicle' ? `${p}@${s.speedKmh}` : p;
  };
  if (layers.prepared) nets.set(key(own), layers.prepared);
  const prepared = (s: Traveller) => {
    let prep = nets.get(key(s));
    if (!prep) {
      if (!lines) throw new Error(`${cmd.mode} mode needs a network layer`);
      const net = costNetwork(
        preparedFor(lines, cmd.toleranceM ?? DEFAULT_JOIN_M, layers.preparedNetwork),
        lines,
        cmd.mode === 'slope',
        layers.dem,
        cmd.maxSnapM ?? DEFAULT_MAX_SNAP_M,
        {
          profile: profileOf({ code: s.type, profile: s.profile }, layers.facilities.catalogue),
          speedKmh: s.speedKmh,
          roadClasses: cmd.roadClasses ?? DEFAULT_ROAD_CLASSES,
        },
      );
      prep = { net, homes: attach(net, h.coords) };
      nets.set(key(s), prep);
    }
    return prep;
  };
  return {
    cover: (coords, minutes, s) => {
      const { net, homes } = prepared(s);
      return networkCoverSets(net, homes, attach(net, coords), s.speedKmh, minutes);
    },
    times: (cand, existing, cap, s) => {
      const { net, homes } = prepared(s);
      return networkTimeSets(net, homes, attach(net, cand), attach(net, existing), s.speedKmh, cap);
    },
  };
}

export interface SitingOutput {
  type: string;
  model: SitingModel;
  /** The measure counted ('households' when the requested one is missing from the data). */
  demand: DemandMeasure;
  candidateCount: number;
  existingCount: number;
  /** Demand of `type` in total and within its threshold before and after (every model). */
  total: number;
  coveredBefore: number;
  coveredAfter: number;
  /** The model's objective before and after: covered demand (mclp, lscp; weighted over the types
   *  with `also`), mean minutes (pmedian), percentile minutes (pcenter). */
  objectiveBefore: number;
  objectiveAfter: number;
  /** Chosen sites in order: interleaved WGS84 lon,lat, what each adds given those before it
   *  (covered demand; with capacity, demand served; pmedian: drop in mean minutes; pcenter:
   *  demand brought within the final percentile minutes), its cost, and with `years` its year. */
  coords: Float64Array;
  gains: Float64Array;
  costs: Float64Array;
  years?: Int32Array;
  spent: number;
  /** With `years`: communities short of `type`'s target share before, and the year each first
   *  reaches it (−1: not by the last year). */
  gapYears?: { community: Int32Array; year: Int32Array };
  /** pmedian and pcenter: `type`'s demand within its threshold after each site in turn (their
   *  gains are minutes, so the site list's covered demand comes from here). */
  coveredEach?: Float64Array;
  /** pmedian and pcenter: the community whose 90th-percentile minutes are the largest (the
   *  farthest-off community, as in the community details), before and after the new sites. */
  worstCommunity?: { before: { community: number; minutes: number }; after: { community: number; minutes: number } };
  /** False when `target` is out of reach from the candidates. */
  reached: boolean;
  cancelled: boolean;
}

/** Input the core refuses before any work, with what is wrong as a code and its values, so the
 *  app can say it in the UI language; the message is the CLI's English. */
export class SitingInputError extends Error {
  constructor(
    readonly code: 'yearsSyntax' | 'yearsOrder' | 'budgetBelowCost',
    readonly values: Record<string, string | number>,
    message: string,
  ) {
    super(message);
  }
}

/** `2023:300,2024:300` → yearly budgets, as typed in the app and given to the CLI's --years (the
 *  order is checked with the command). */
export function parseYears(text: string): { year: number; budget: number }[] {
  return text.split(',').map((item) => {
    const m = /^\s*(\d{4})\s*:\s*([0-9.eE+]+)\s*$/.exec(item);
    if (!m || !Number.isFinite(Number(m[2])))
      throw new SitingInputError(
        'yearsSyntax',
        { item: item.trim() },
        `years expects YEAR:BUDGET,... (e.g. 2023:300,2024:300), got "${item}"`,
      );
    return { year: Number(m[1]), budget: Number(m[2]) };
  });
}

/** The cheapest a new site can cost under the command's candidate sources, without the data:
 *  drawn or file points at their own cost (or the default for a new build or a renovation),
 *  community centroids and grid points at the new-build default. */
export function cheapestCost(cmd: SitingCommand, catalogue: Catalogue = BUILT_IN_TYPES): number {
  const types = [cmd.type, ...(cmd.also ?? []).map((a) => a.type)];
  const { points, pointCost, pointRenovate, communities, gridM } = cmd.candidates;
  let min = communities || gridM ? defaultCost(types, false, catalogue) : Infinity;
  const n = (points?.length ?? 0) / 2;
  if (n > 0) for (const c of candidateCosts(n, types, pointCost, pointRenovate, catalogue)) min = Math.min(min, c);
  return min;
}

/** A budget (or the yearly budgets' total) smaller than every candidate's cost buys nothing:
 *  refused before any work. `cheapest` defaults to cheapestCost (the app's check before a run);
 *  a run passes the cheapest of its actual candidates. */
export function checkBudget(cmd: SitingCommand, cheapest?: number, catalogue: Catalogue = BUILT_IN_TYPES): void {
  const money = cmd.budget ?? cmd.years?.reduce((a, y) => a + y.budget, 0);
  if (money === undefined) return;
  const min = cheapest ?? cheapestCost(cmd, catalogue);
  if (money < min)
    throw new SitingInputError(
      'budgetBelowCost',
      { budget: money, cheapest: min },
      `the budget ${money} is smaller than every candidate's cost (cheapest ${min})`,
    );
}

/** The checks that need no data: a clear error before any work starts. */
export function checkSitingCommand(cmd: SitingCommand, catalogue: Catalogue = BUILT_IN_TYPES): void {
  if (typeIndex(cmd.type, catalogue) < 0) throw new Error(`unknown facility type "${cmd.type}"`);
  for (const a of cmd.also ?? []) if (typeIndex(a.type, catalogue) < 0) throw new Error(`unknown facility type "${a.type}"`);
  const model = cmd.model ?? (cmd.target !== undefined ? 'lscp' : 'mclp');
  if (!SITING_MODELS.includes(model)) throw new Error(`unknown model "${model}" (known: ${SITING_MODELS.join(', ')})`);
  const given = [cmd.add, cmd.target, cmd.budget, cmd.years].filter((x) => x !== undefined).length;
  if (given !== 1) throw new Error('give exactly one of add, target, budget or years');
  if (model === 'lscp' && cmd.target === undefined) throw new Error('the lscp model finds the fewest sites reaching a target: give target');
  if (model !== 'lscp' && cmd.target !== undefined) throw new Error(`target belongs to the lscp model, not ${model}`);
  checkRange('speedKmh', cmd.speedKmh, 'speed km/h');
  for (const p of [cmd.profile, ...(cmd.also ?? []).map((a) => a.profile)])
    if (p !== undefined && !TRAVEL_PROFILES.includes(p))
      throw new Error(`unknown travel profile "${p}" (known: ${TRAVEL_PROFILES.join(', ')})`);
  checkRange('minutes', cmd.minutes);
  checkRange('detour', cmd.detour);
  if (cmd.add !== undefined) checkRange('add', cmd.add);
  if (cmd.target !== undefined) checkRange('targetShare', cmd.target, 'target');
  if (cmd.capacity !== undefined) checkRange('capacity', cmd.capacity);
  if (cmd.candidates.gridM !== undefined) checkRange('gridM', cmd.candidates.gridM, 'candidate grid metres');
  if (cmd.budget !== undefined) checkRange('budget', cmd.budget);
  if (cmd.years) {
    if (cmd.years.length === 0) throw new Error('years: give at least one year:budget');
    cmd.years.forEach((y, i) => {
      checkRange('year', y.year, 'years: a year');
      checkRange('budget', y.budget, `years: the budget of ${y.year}`);
      if (i > 0 && y.year <= cmd.years![i - 1].year)
        throw new SitingInputError(
          'yearsOrder',
          { year: y.year, before: cmd.years![i - 1].year },
          `years must increase: ${y.year} comes after ${cmd.years![i - 1].year}`,
        );
    });
  }
  if (cmd.capacity !== undefined && (model !== 'mclp' || cmd.add === undefined || cmd.also?.length))
    throw new Error('capacity works with the mclp model, one type and add only');
  if (cmd.also?.length && model !== 'mclp') throw new Error(`several types per site work with the mclp model, not ${model}`);
  if (cmd.percentile !== undefined) {
    if (model !== 'pcenter') throw new Error('percentile belongs to the pcenter model');
    checkRange('percentile', cmd.percentile);
  }
  if (cmd.capMinutes !== undefined) {
    if (model !== 'pmedian' && model !== 'pcenter') throw new Error('the minutes cap belongs to the pmedian and pcenter models');
    checkRange('minutes', cmd.capMinutes, 'the minutes cap');
    if (!(cmd.capMinutes >= cmd.minutes))
      throw new Error(`the minutes cap (${cmd.capMinutes}) must be at least the threshold (${cmd.minutes} min)`);
  }
  if (cmd.weights) {
    const n = 1 + (cmd.also?.length ?? 0);
    if (cmd.weights.length !== n) throw new Error(`weights: give one per type (${n}), got ${cmd.weights.length}`);
    for (const w of cmd.weights) checkRange('weight', w, 'weights: a weight');
    if (!cmd.weights.some((w) => w > 0)) throw new Error('weights must not all be 0');
  }
}

/** A problem of the shared search (median-search.ts) and how to read its result back. */
export interface Instance {
  p: SumProblem;
  /** Minutes of `type`'s demand with the given sites open, and the threshold they count within. */
  typeMinutes: (sites: number[]) => Float32Array;
  threshold: number;
}

/** Runs a siting command (see SitingCommand); throws on an inconsistent command. */
export async function runSiting(layers: SitingLayers, cmd: SitingCommand, ctl: RunControl = {}): Promise<SitingOutput> {
  const catalogue = layers.facilities.catalogue ?? BUILT_IN_TYPES;
  checkSitingCommand(cmd, catalogue);
  const model = cmd.model ?? (cmd.target !== undefined ? 'lscp' : 'mclp');
  const h = layers.households;
  const services: ServiceSpec[] = [
    { type: cmd.type, profile: cmd.profile, speedKmh: cmd.speedKmh, minutes: cmd.minutes, demand: cmd.demand },
    ...(cmd.also ?? []),
  ];
  const demands = services.map((s) => {
    let weight = demandWeights(h, s.demand),
      demand = s.demand;
    if (!weight) {
      weight = h.households;
      demand = 'households';
    }
    let total = 0;
    for (let d = 0; d < weight.length; d++) total += weight[d];
    if (!(total > 0)) throw new Error(`${s.type}: the households carry no ${demand} demand to serve`);
    return { weight, demand };
  });
  const weight = demands[0].weight;
  const sources: Float64Array[] = [];
  if (cmd.candidates.points) sources.push(cmd.candidates.points);
  if (cmd.candidates.communities && layers.communities) sources.push(areaCentroids(layers.communities));
  if (cmd.candidates.gridM) sources.push(settledGrid(h.coords, weight, cmd.candidates.gridM));
  const merged = mergeCandidates(sources, cmd.notBuildable);
  const cand = merged.coords,
    nCand = cand.length / 2;
  const userCount = (cmd.candidates.points?.length ?? 0) / 2;
  const fromUser = <T extends Float64Array | Uint8Array>(a: T | undefined, blank: number): T | undefined => {
    if (!a) return undefined;
    const out = new (a.constructor as new (n: number) => T)(nCand);
    merged.origin.forEach((o, i) => {
      out[i] = o < userCount ? a[o] : blank;
    });
    return out;
  };
  const cost = candidateCosts(
    nCand,
    services.map((s) => s.type),
    fromUser(cmd.candidates.pointCost, NaN),
    fromUser(cmd.candidates.pointRenovate, 0),
    catalogue,
  );
  const money = cmd.budget ?? cmd.years?.reduce((a, y) => a + y.budget, 0);
  if (money !== undefined && cost.some((c) => Number.isNaN(c))) {
    const t = services.find((x) => Number.isNaN(defaultCost([x.type], false, catalogue)))?.type;
    throw new Error(`no default cost for facility type "${t}": give costs in a field, or cost_build in the catalogue`);
  }
  if (nCand > 0)
    checkBudget(
      cmd,
      cost.reduce((a, b) => Math.min(a, b), Infinity),
    );
  const f = layers.facilities;
  const existingOf = (code: string) => {
    const ti = typeIndex(code, catalogue);
    return Float64Array.from(
      Array.from({ length: f.count }, (_, i) => i)
        .filter((i) => f.type[i] === ti)
        .flatMap((i) => [f.coords[2 * i], f.coords[2 * i + 1]]),
    );
  };
  const existing = existingOf(cmd.type);
  const b = builders(layers, cmd),
    build = b.cover;
  const base = {
    type: cmd.type,
    model,
    demand: demands[0].demand,
    candidateCount: nCand,
    existingCount: existing.length / 2,
  };
  const pick = (sites: number[]) => ({
    coords: Float64Array.from(sites.flatMap((c) => [cand[2 * c], cand[2 * c + 1]])),
    costs: Float64Array.from(sites, (c) => cost[c]),
    spent: sites.reduce((a, c) => a + cost[c], 0),
  });

  // Coverage of one type by count keeps the dedicated solvers (and their kicks and capacity).
  if ((model === 'mclp' && cmd.add !== undefined && services.length === 1) || model === 'lscp') {
    const p = { sets: build(cand, cmd.minutes, services[0]), weight, covered0: coveredBy(build(existing, cmd.minutes, services[0])) };
    let sites: number[],
      gains: number[],
      reached = true;
    let r: { coveredBefore: number; coveredAfter: number; total: number; cancelled: boolean };
    if (cmd.capacity !== undefined) {
      const c = await capacitatedMaxCover(p, cmd.add!, cmd.capacity, ctl);
      r = c;
      sites = c.sites;
      gains = c.load;
    } else if (cmd.add !== undefined) {
      const c = await maxCover(p, cmd.add, { ...ctl, maxMs: cmd.improveMs ?? 1500 });
      r = c;
      sites = c.sites;
      gains = c.gains;
    } else {
      const c = await setCover(p, cmd.target!, ctl);
      r = c;
      sites = c.sites;
      gains = c.gains;
      reached = c.reached;
    }
    return {
      ...base,
      total: r.total,
      coveredBefore: r.coveredBefore,
      coveredAfter: r.coveredAfter,
      objectiveBefore: r.coveredBefore,
      objectiveAfter: r.coveredAfter,
      ...pick(sites),
      gains: Float64Array.from(gains),
      reached,
      cancelled: r.cancelled,
    };
  }

  const inst =
    model === 'mclp'
      ? coverageInstance(
          services,
          demands.map((d) => d.weight),
          cmd.weights,
          (s) => build(cand, s.minutes, s),
          (s) => build(existingOf(s.type), s.minutes, s),
        )
      : timeInstance(b.times(cand, existing, cmd.capMinutes ?? DEFAULT_CAP_MINUTES, services[0]), cmd.minutes, weight);
  const { p } = inst;
  let W = 0;
  for (let d = 0; d < p.weight.length; d++) W += p.weight[d];
  const q = cmd.percentile ?? 100;
  const objective = (sites: number[]): number => {
    const m = minutesWith(p.sets, p.t0, sites);
    if (model === 'pcenter') return weightedPercentile(m, p.weight, q);
    let s = 0;
    for (let d = 0; d < m.length; d++) s += p.weight[d] * m[d];
    return model === 'pmedian' ? s / W : W - s;
  };
  const opt: SearchOptions = { ...ctl, maxMs: cmd.improveMs ?? 1500 };
  /** One solve on baseline t0 with `budget` to spend, skipping `banned` candidates. */
  const solve = async (t0: Float32Array, budget: Budget, banned?: Uint8Array) => {
    const pb = { sets: p.sets, weight: p.weight, t0 };
    return model === 'pcenter' ? pCenter(pb, budget, q, { ...opt, banned }) : sumSearch(pb, budget, { ...opt, banned });
  };
  const sites: number[] = [],
    gains: number[] = [],
    yearOf: number[] = [];
  let cancelled = false;
  if (cmd.years) {
    const banned = new Uint8Array(nCand);
    let money = 0,
      spent = 0;
    for (const y of cmd.years) {
      money += y.budget;
      const r = await solve(minutesWith(p.sets, p.t0, sites), { cost, budget: money - spent }, banned);
      for (const c of r.sites) {
        sites.push(c);
        yearOf.push(y.year);
        banned[c] = 1;
        spent += cost[c];
      }
      cancelled ||= r.cancelled;
      if (cancelled) break;
    }
  } else {
    const r = await solve(p.t0, cmd.budget !== undefined ? { cost, budget: cmd.budget } : { cost: undefined, budget: cmd.add! });
    sites.push(...r.sites);
    cancelled = r.cancelled;
  }
  // Each site's share of the objective, given the sites before it.
  for (let i = 0, prev = objective([]); i < sites.length; i++) {
    const o = objective(sites.slice(0, i + 1));
    gains.push(model === 'mclp' ? o - prev : prev - o);
    prev = o;
  }
  const coveredWith = (s: number[]) => {
    const m = inst.typeMinutes(s);
    let c = 0;
    for (let d = 0; d < m.length; d++) if (m[d] <= inst.threshold) c += weight[d];
    return c;
  };
  let total = 0;
  for (let d = 0; d < weight.length; d++) total += weight[d];
  return {
    ...base,
    total,
    coveredBefore: coveredWith([]),
    coveredAfter: coveredWith(sites),
    objectiveBefore: objective([]),
    objectiveAfter: objective(sites),
    ...pick(sites),
    gains: Float64Array.from(gains),
    ...(cmd.years ? { years: Int32Array.from(yearOf), gapYears: gapYears(cmd, layers, inst, weight, sites, yearOf) } : {}),
    ...(model !== 'mclp'
      ? {
          coveredEach: Float64Array.from(sites, (_, i) => coveredWith(sites.slice(0, i + 1))),
          worstCommunity: { before: worstCommunity(layers, inst, weight, []), after: worstCommunity(layers, inst, weight, sites) },
        }
      : {}),
    reached: true,
    cancelled,
  };
}

/** Coverage of several types by shared sites as one instance: type s's demand point d becomes
 *  point s·n + d, weighted weights[s]·demand; baseline 0 where the type's existing facilities
 *  cover it, else 1; every cover pair costs 0 minutes. Minimising the sum maximises the
 *  weighted covered demand. */
export function coverageInstance(
  services: ServiceSpec[],
  weights: Float32Array[],
  typeWeights: number[] | undefined,
  candSets: (s: ServiceSpec) => CoverSets,
  existingSets: (s: ServiceSpec) => CoverSets,
): Instance {
  const n = weights[0].length,
    S = services.length;
  const sets = services.map(candSets),
    covered = services.map((s) => coveredBy(existingSets(s)));
  const weight = new Float32Array(S * n),
    t0 = new Float32Array(S * n);
  for (let s = 0; s < S; s++)
    for (let d = 0; d < n; d++) {
      weight[s * n + d] = (typeWeights?.[s] ?? 1) * weights[s][d];
      t0[s * n + d] = covered[s][d] ? 0 : 1;
    }
  const nc = sets[0].candCount,
    candStart = new Uint32Array(nc + 1),
    idx: number[] = [];
  for (let c = 0; c < nc; c++) {
    for (let s = 0; s < S; s++)
      for (let k = sets[s].candStart[c]; k < sets[s].candStart[c + 1]; k++) {
        const d = s * n + sets[s].demandIdx[k];
        if (t0[d] === 1) idx.push(d);
      }
    candStart[c + 1] = idx.length;
  }
  const p: SumProblem = {
    sets: { candCount: nc, demandCount: S * n, candStart, demandIdx: Uint32Array.from(idx), time: new Float32Array(idx.length) },
    weight,
    t0,
  };
  return { p, typeMinutes: (sites) => minutesWith(p.sets, p.t0, sites).slice(0, n), threshold: 0 };
}

/** The p-median / p-center instance on the candidate → household minutes (time-sets.ts). */
function timeInstance(ts: TimeSets, threshold: number, weight: Float32Array): Instance {
  const p: SumProblem = { sets: ts.sets, weight, t0: ts.t0 };
  return { p, typeMinutes: (sites) => minutesWith(p.sets, p.t0, sites), threshold };
}

/** The community with the largest 90th-percentile minutes with `sites` open (groupStats' p90;
 *  −1 and NaN without communities). */
function worstCommunity(
  layers: SitingLayers,
  inst: Instance,
  weight: Float32Array,
  sites: number[],
): { community: number; minutes: number } {
  const h = layers.households;
  let groups = 0;
  for (let d = 0; d < h.count; d++) groups = Math.max(groups, h.community[d] + 1);
  const sp = sortPoints(inst.typeMinutes(sites), weight, h.households, h.community);
  const { p90 } = groupStats(sp, sp.group, groups, inst.threshold, 1);
  let worst = -1;
  for (let g = 0; g < groups; g++) if (p90[g] > (worst < 0 ? -Infinity : p90[worst])) worst = g;
  return { community: worst, minutes: worst < 0 ? NaN : p90[worst] };
}

/** Communities short of the type's target share before any new site, and the year each first
 *  reaches it (the target rule is groupStats', as in the coverage results). */
function gapYears(
  cmd: SitingCommand,
  layers: SitingLayers,
  inst: Instance,
  weight: Float32Array,
  sites: number[],
  yearOf: number[],
): { community: Int32Array; year: Int32Array } {
  const h = layers.households,
    target = typeOf(cmd.type, layers.facilities.catalogue).targetShare;
  let groups = 0;
  for (let d = 0; d < h.count; d++) groups = Math.max(groups, h.community[d] + 1);
  const gaps = (s: number[]) => {
    const sp = sortPoints(inst.typeMinutes(s), weight, h.households, h.community);
    return groupStats(sp, sp.group, groups, inst.threshold, target).gap;
  };
  const before = gaps([]),
    year = new Map<number, number>();
  const community: number[] = [];
  for (let g = 0; g < groups; g++)
    if (before[g]) {
      community.push(g);
      year.set(g, -1);
    }
  for (const y of cmd.years!) {
    const now = gaps(sites.filter((_, i) => yearOf[i] <= y.year));
    for (const g of community) if (year.get(g) === -1 && !now[g]) year.set(g, y.year);
  }
  return { community: Int32Array.from(community), year: Int32Array.from(community, (g) => year.get(g)!) };
}
