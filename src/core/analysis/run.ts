// Runs a CoverageCommand on loaded layers. The engine keeps what does not depend on the
// command's numbers (spatial order, graph, snaps, edge costs, per-type cost fields), so a changed
// threshold or speed re-runs in a fraction of the first run's time.
import { checkRange } from '../limits.ts';
import { BUILT_IN_TYPES, profileOf, typeIndex, type Catalogue, type TravelMode } from '../catalogue.ts';
import { spatialOrder } from '../index/nearest.ts';
import { straightTimes, type NearestResult } from '../travel/straight.ts';
import { barrierIndex, straightTimesBlocked, type Barriers } from '../travel/barriers.ts';
import { metresPerMinute } from '../travel/speed.ts';
import {
  attachSnaps,
  costNetwork,
  facilityField,
  fieldTimes,
  preparedFor,
  type Attached,
  type CostedNetwork,
  type FacilityField,
  type PreparedNetwork,
} from '../travel/network.ts';
import { DEFAULT_MAX_SNAP_M, snapPoints, snapWithin, type EdgeIndex, type Snaps } from '../travel/snap.ts';
import type { PathResult } from '../travel/dijkstra.ts';
import { cellSnapsOf, seedCellSnaps, type CellSnapStore } from '../catchments/cell-snaps.ts';
import { DEFAULT_JOIN_M } from '../travel/graph.ts';
import { DEFAULT_ROAD_CLASSES, TRAVEL_PROFILES, type TravelProfile } from '../travel/road-class.ts';
import { demandWeights } from '../coverage/demand.ts';
import { regionsOf, type Regions } from '../coverage/regions.ts';
import { groupStats, sortPoints, sortScratch, type SortedPoints, type SortScratch } from '../coverage/stats.ts';
import type { FacilityLayer } from '../types.ts';
import { CancelledError, type CoverageCommand, type CoverageResult, type Layers, type TypeResult, type TypeSpec } from './command.ts';

/** Progress: fraction 0–1 of the run and a stage name ('network:<mode>', 'attach:<mode>',
 *  'type:<code>', 'summary:<code>', finally 'done'). */
export type Progress = (fraction: number, stage: string) => void;

export interface RunOptions {
  onProgress?: Progress;
  /** Set `cancelled` to stop the run at the next chunk boundary (it then rejects with CancelledError). */
  signal?: { cancelled: boolean };
  /** Codes of the types to compute (default all): the result has only these types, but its
   *  counts (unattached points, unknown road classes) are the whole command's, so the types of an
   *  earlier run of the same networks complete it (core/analysis/rerun.ts). */
  types?: ReadonlySet<string>;
  /** Keep each type's household minutes and their sorted order (about 28 bytes per household
   *  point and type), so a later run that changes only a type's threshold or target share counts
   *  again without routing or sorting (the app's worker, where a threshold is typed; the CLI
   *  runs once). The result then holds copies of the kept minutes, free to transfer. */
  keepTimes?: boolean;
}

type NetworkMode = Exclude<TravelMode, 'straight'>;

/** A costed network with its attached points, and the key its caches go under. */
export interface Prepared {
  net: CostedNetwork;
  homes: Attached;
  facs: Attached;
  key: string;
}

/** The one key of the engine's per-network caches: the mode, the snap distance and the travel
 *  profile, with a vehicle's top speed (class speeds are capped at it; walking costs do not
 *  depend on the speed). The graph tolerance and the class table clear them all. */
function cacheKey(mode: NetworkMode, maxSnapM: number, profile: TravelProfile, speedKmh: number): string {
  return `${mode}:${maxSnapM}${profile === 'walk' ? '' : `:${profile}`}${profile === 'vehicle' ? `@${speedKmh}` : ''}`;
}

/** What an engine found on one costed network that no threshold changes: the snaps of the
 *  households, the facilities and the grid cells of service circles (by lattice), each type's
 *  Dijkstra and its household times (by type code). Straight-line types keep their times under
 *  the memo's key 'straight'. */
export interface NetworkMemo {
  homes?: Snaps;
  facilities?: Snaps;
  cells?: Record<string, CellSnapStore>;
  paths?: Record<string, PathResult>;
  times?: Record<string, MemoTimes>;
}

/** A type's household times and the order that sorts them, found under `key` (timesKey): the
 *  last found per type, so the memo holds one set per type and network. */
export interface MemoTimes {
  key: string;
  minutes: Float32Array;
  facility: Int32Array;
  order: Uint32Array;
}

/** Who travels a network: a type's code, profile and speed. */
export type Traveller = Pick<TypeSpec, 'code' | 'profile' | 'speedKmh'>;

/** Walking at the catalogue's pace: what a network asked for without a type gets. */
const WALK = { profile: 'walk' as TravelProfile, speedKmh: 4.5 };

/** Lets a worker's message loop run (so a cancel message can arrive) between chunks. */
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

export class Engine {
  readonly layers: Layers;
  /** Township and county of each community (core/coverage/regions.ts). */
  readonly regions: Regions;
  private order?: Uint32Array;
  private base?: PreparedNetwork;
  private costed = new Map<string, CostedNetwork>();
  private homes = new Map<string, Attached>();
  /** The households' snaps per edge index and snap limit (homeSnapsOn). */
  private homeSnaps = new Map<EdgeIndex, Map<number, Snaps>>();
  private facs = new Map<string, Attached>();
  private fields = new Map<string, FacilityField>();
  /** The class table the caches were costed with, by content (a worker receives a fresh copy
   *  of the command each run). */
  private classTable?: string;
  private barriers?: Barriers;
  /** What an earlier engine on the same layers found, and what this one finds (see the
   *  constructor), by memoOf's key. */
  private memo?: Record<string, NetworkMemo>;
  /** RunOptions.keepTimes: per type code, its last times and sorted points, under timesKey. */
  private kept = new Map<string, { key: string; res: NearestResult; sorted: SortedPoints; fallback: boolean }>();

  /** The facility types the facilities' type indices refer to. */
  get catalogue(): Catalogue {
    return this.layers.facilities.catalogue ?? BUILT_IN_TYPES;
  }

  /** With `memo` (the CLI's --cache: memoFound() of an earlier engine on the same layers, or
   *  {} to start one), points are snapped and types' Dijkstras run only where it holds none; the
   *  engine adds to it what it finds. */
  constructor(layers: Layers, memo?: Record<string, NetworkMemo>) {
    this.memo = memo;
    const { households, communities } = layers;
    for (let i = 0; i < households.count; i++) {
      const c = households.community[i];
      if (c < -1 || c >= communities.count) throw new Error(`household ${i}: community index ${c} out of range`);
    }
    this.layers = layers;
    this.regions = regionsOf(communities, layers.townships, layers.counties);
  }

  /** An engine over the same households, areas and network with other facilities (a scenario's).
   *  It shares what does not depend on the facilities (spatial order, network, homes' attachments),
   *  so switching scenarios costs only the facilities' part of a run; this engine is unchanged. */
  withFacilities(facilities: FacilityLayer): Engine {
    const e = new Engine({ ...this.layers, facilities });
    this.order ??= spatialOrder(this.layers.households.coords);
    e.order = this.order;
    e.base = this.base;
    e.costed = this.costed;
    e.homes = this.homes;
    e.homeSnaps = this.homeSnaps;
    e.classTable = this.classTable;
    return e;
  }

  /** Global indices of the facilities of type `code`. */
  facilityIds(code: string): Int32Array {
    const t = typeIndex(code, this.catalogue);
    if (t < 0) throw new Error(`unknown facility type "${code}"`);
    const f = this.layers.facilities,
      ids: number[] = [];
    for (let i = 0; i < f.count; i++) if (f.type[i] === t) ids.push(i);
    return Int32Array.from(ids);
  }

  /** The network costed for `mode` and the travel profile of `spec` (walking when omitted),
   *  built on first use and cached. */
  network(mode: NetworkMode, cmd: CoverageCommand, spec?: Traveller): CostedNetwork {
    const lines = this.layers.network;
    if (!lines) throw new Error(`${mode} mode needs a network layer, and none is loaded`);
    const tol = cmd.toleranceM ?? DEFAULT_JOIN_M,
      maxSnap = cmd.maxSnapM ?? DEFAULT_MAX_SNAP_M;
    const table = cmd.roadClasses ?? DEFAULT_ROAD_CLASSES,
      tableKey = JSON.stringify(table);
    if (!this.base || this.base.toleranceM !== tol || this.classTable !== tableKey) {
      if (!this.base || this.base.toleranceM !== tol) this.base = preparedFor(lines, tol, this.layers.preparedNetwork);
      this.classTable = tableKey;
      this.costed.clear();
      this.homes.clear();
      this.homeSnaps.clear();
      this.facs.clear();
      this.fields.clear();
    }
    const { profile, speedKmh } = spec ? { profile: profileOf(spec, this.catalogue), speedKmh: spec.speedKmh } : WALK;
    const key = cacheKey(mode, maxSnap, profile, speedKmh);
    let net = this.costed.get(key);
    if (!net) {
      net = costNetwork(this.base, lines, mode === 'slope', this.layers.dem, maxSnap, { profile, speedKmh, roadClasses: table });
      this.costed.set(key, net);
      const cells = this.memoOf(key)?.cells;
      if (cells) seedCellSnaps(net, cells);
    }
    return net;
  }

  /** The memo entry of the network cached under `key` (undefined without a memo), kept under
   *  what decides which edges a point may snap to and how far, and what they cost. */
  private memoOf(key: string): NetworkMemo | undefined {
    return this.memo && (this.memo[`${this.base!.toleranceM}|${this.classTable}|${key}`] ??= {});
  }

  /** `coords` attached to `net` (under `key`), snapped unless the kept snaps hold them. */
  private attachKept(net: CostedNetwork, key: string, which: 'homes' | 'facilities', coords: Float64Array): Attached {
    const kept = this.memoOf(key);
    let s = kept?.[which];
    if (!s || s.edge.length !== coords.length / 2) {
      s = which === 'homes' ? this.homeSnapsOn(net) : snapPoints(net.graph, net.index, coords, net.maxSnapM);
      if (kept) kept[which] = s;
    }
    return attachSnaps(net, coords, s);
  }

  /** The households snapped on `net`'s edge index within its snap limit, found once for every
   *  network that shares both (network and slope mode, profiles that drop no road); on a profile's
   *  index of fewer roads, from the snaps on every road when a network found those. */
  private homeSnapsOn(net: CostedNetwork): Snaps {
    let byLimit = this.homeSnaps.get(net.index);
    if (!byLimit) this.homeSnaps.set(net.index, (byLimit = new Map()));
    let s = byLimit.get(net.maxSnapM);
    if (!s) {
      const coords = this.layers.households.coords;
      const all = net.index !== this.base!.index ? this.homeSnaps.get(this.base!.index)?.get(net.maxSnapM) : undefined;
      s = all ? snapWithin(net.graph, net.index, coords, net.maxSnapM, all) : snapPoints(net.graph, net.index, coords, net.maxSnapM);
      byLimit.set(net.maxSnapM, s);
    }
    return s;
  }

  /** The memo entry a type's household times are kept in (undefined without a memo). */
  private timesMemo(spec: TypeSpec, cmd: CoverageCommand): NetworkMemo | undefined {
    if (!this.memo) return undefined;
    return spec.mode === 'straight' ? (this.memo.straight ??= {}) : this.memoOf(this.prepared(spec.mode, cmd, spec).key);
  }

  /** The memo given to the constructor, with the grid cells snapped on its networks so far
   *  (undefined when none was given). */
  memoFound(): Record<string, NetworkMemo> | undefined {
    if (!this.memo) return undefined;
    for (const [key, net] of this.costed) this.memoOf(key)!.cells = cellSnapsOf(net);
    return this.memo;
  }

  /** The costed network of `mode` for the profile of `spec` (walking when omitted) with the
   *  households and facilities attached to it (cached). */
  prepared(mode: NetworkMode, cmd: CoverageCommand, spec?: Traveller): Prepared {
    const net = this.network(mode, cmd, spec);
    const { profile, speedKmh } = spec ? { profile: profileOf(spec, this.catalogue), speedKmh: spec.speedKmh } : WALK;
    const key = cacheKey(mode, net.maxSnapM, profile, speedKmh);
    let homes = this.homes.get(key),
      facs = this.facs.get(key);
    if (!homes) {
      homes = this.attachKept(net, key, 'homes', this.layers.households.coords);
      this.homes.set(key, homes);
    }
    if (!facs) {
      facs = this.attachKept(net, key, 'facilities', this.layers.facilities.coords);
      this.facs.set(key, facs);
    }
    return { net, homes, facs, key };
  }

  /** A type's cost field on a prepared network (one Dijkstra, cached: speed does not change it). */
  field(p: Prepared, code: string): FacilityField {
    const k = `${p.key}|${code}`;
    let f = this.fields.get(k);
    if (!f) {
      const kept = this.memoOf(p.key);
      let path = kept?.paths?.[code];
      if (path && path.dist.length !== p.net.graph.nodeCount) path = undefined;
      f = facilityField(p.net, p.facs, this.facilityIds(code), path);
      if (kept) (kept.paths ??= {})[code] = { dist: f.dist, label: f.label };
      this.fields.set(k, f);
    }
    return f;
  }

  /** Straight-line minutes from each WGS84 point of `coords` to the nearest facility of `spec`;
   *  with barriers loaded, the nearest whose straight line crosses none, looked for as far as
   *  four times the threshold's reach (else unreachable). */
  straight(coords: Float64Array, spec: TypeSpec, cmd: CoverageCommand, order?: Uint32Array): NearestResult {
    const fc = this.layers.facilities.coords,
      ids = this.facilityIds(spec.code);
    const barriers = this.barrierSet();
    if (!barriers) return straightTimes(coords, fc, ids, spec.speedKmh, cmd.detour, order);
    const searchM = (metresPerMinute(spec.speedKmh) * 4 * Math.max(spec.minutes, 1)) / cmd.detour;
    return straightTimesBlocked(coords, fc, ids, spec.speedKmh, cmd.detour, barriers, searchM, order);
  }

  /** The barrier lines' index (built on first use), undefined without barriers. */
  barrierSet(): Barriers | undefined {
    if (this.layers.barriers) this.barriers ??= barrierIndex(this.layers.barriers);
    return this.barriers;
  }

  /** Minutes per household to the nearest facility of `spec` (its mode, speed). */
  times(spec: TypeSpec, cmd: CoverageCommand): NearestResult {
    const h = this.layers.households;
    if (spec.mode === 'straight') {
      this.order ??= spatialOrder(h.coords);
      return this.straight(h.coords, spec, cmd, this.order);
    }
    const p = this.prepared(spec.mode, cmd, spec);
    return fieldTimes(p.net, this.field(p, spec.code), p.homes, p.facs, spec.speedKmh);
  }

  /** Households and facilities beyond reach of the network, per network mode of `cmd` (the
   *  networks and attachments are built on first use and cached). */
  unattachedCounts(cmd: CoverageCommand): Pick<CoverageResult, 'unattached' | 'unattachedFacilities'> {
    const unattached: CoverageResult['unattached'] = {},
      unattachedFacilities: CoverageResult['unattached'] = {};
    for (const [name, spec] of networkUses(cmd, this.catalogue)) {
      const { homes, facs } = this.prepared(spec.mode as NetworkMode, cmd, spec);
      unattached[name] = countUnattached(homes);
      unattachedFacilities[name] = countUnattached(facs);
    }
    return { unattached, unattachedFacilities };
  }

  /** Runs the command: per type, household times then community/county/total figures. */
  async run(cmd: CoverageCommand, opts: RunOptions = {}): Promise<CoverageResult> {
    const { onProgress, signal } = opts;
    const check = async (fraction: number, stage: string) => {
      onProgress?.(fraction, stage);
      await tick();
      if (signal?.cancelled) throw new CancelledError();
    };
    validate(cmd, this.catalogue);
    const h = this.layers.households;
    const all = new Int32Array(h.count);
    const county = new Int32Array(h.count);
    const ofCommunity = this.regions.countyOf;
    const unattached: CoverageResult['unattached'] = {},
      unattachedFacilities: CoverageResult['unattached'] = {};
    let unknownRoadClasses: Record<string, number> = {};
    // Stages: per network mode and profile build/cost the graph and attach the points (cached
    // for later runs), then per type the times and the figures.
    const uses = networkUses(cmd, this.catalogue);
    const specs = opts.types ? cmd.types.filter((t) => opts.types!.has(t.code)) : cmd.types;
    const steps = 2 * uses.size + 2 * specs.length;
    let step = 0;
    for (const [name, spec] of uses) {
      const mode = spec.mode as NetworkMode;
      await check(step++ / steps, `network:${mode}`);
      unknownRoadClasses = this.network(mode, cmd, spec).unknownClasses;
      await check(step++ / steps, `attach:${mode}`);
      const { homes, facs } = this.prepared(mode, cmd, spec);
      unattached[name] = countUnattached(homes);
      unattachedFacilities[name] = countUnattached(facs);
    }
    const types: TypeResult[] = [];
    let scratch: SortScratch | undefined;
    for (const spec of specs) {
      await check(step++ / steps, `type:${spec.code}`);
      const key = timesKey(spec, cmd, !!this.layers.barriers);
      let kept = opts.keepTimes ? this.kept.get(spec.code) : undefined;
      if (kept?.key !== key) kept = undefined;
      const memo = kept ? undefined : this.timesMemo(spec, cmd);
      let found = memo?.times?.[spec.code];
      if (found && (found.key !== key || found.minutes.length !== h.count)) found = undefined;
      const res = kept?.res ?? (found ? { minutes: found.minutes, facility: found.facility } : this.times(spec, cmd));
      await check(step++ / steps, `summary:${spec.code}`);
      if (!kept) {
        const weights = demandWeights(h, spec.demand);
        // A sort not kept past this type works in the run's one scratch.
        if (!opts.keepTimes) scratch ??= sortScratch(h.count);
        const sorted = sortPoints(res.minutes, weights ?? h.households, h.households, h.community, scratch, found?.order);
        if (memo && !found)
          (memo.times ??= {})[spec.code] = { key, minutes: res.minutes, facility: res.facility, order: sorted.order.slice() };
        kept = { key, res, sorted, fallback: !weights };
        if (opts.keepTimes) this.kept.set(spec.code, kept);
      }
      const { sorted, fallback } = kept;
      for (let k = 0; k < h.count; k++) county[k] = sorted.group[k] >= 0 ? ofCommunity[sorted.group[k]] : -1;
      const stats = (groupOf: Int32Array, count: number) => groupStats(sorted, groupOf, count, spec.minutes, spec.targetShare);
      const droppedEdges = spec.mode === 'straight' ? undefined : this.network(spec.mode, cmd, spec).dropped;
      types.push({
        code: spec.code,
        mode: spec.mode,
        profile: profileOf(spec, this.catalogue),
        ...(droppedEdges ? { droppedEdges } : {}),
        speedKmh: spec.speedKmh,
        minutes: spec.minutes,
        targetShare: spec.targetShare,
        demand: fallback ? 'households' : spec.demand,
        ...(fallback ? { demandRequested: spec.demand } : {}),
        facilityCount: this.facilityIds(spec.code).length,
        household: opts.keepTimes ? { minutes: res.minutes.slice(), facility: res.facility.slice() } : res,
        communities: stats(sorted.group, this.layers.communities.count),
        counties: stats(county, this.regions.counties.codes.length),
        total: stats(all, 1),
      });
    }
    onProgress?.(1, 'done');
    return { types, counties: this.regions.counties, unattached, unattachedFacilities, unknownRoadClasses };
  }
}

/** Each network mode and travel profile the command uses, under the name its counts are
 *  reported by (walking keeps the plain mode name; other profiles report as mode:profile). */
function networkUses(cmd: CoverageCommand, catalogue: Catalogue): Map<string, TypeSpec> {
  const uses = new Map<string, TypeSpec>();
  for (const t of cmd.types) {
    if (t.mode === 'straight') continue;
    const profile = profileOf(t, catalogue);
    uses.set(profile === 'walk' ? t.mode : `${t.mode}:${profile}`, t);
  }
  return uses;
}

/** What a type's household times depend on besides the engine's layers: everything but the
 *  threshold and target share (the threshold too in straight mode with barriers, whose search
 *  reaches four thresholds). */
function timesKey(spec: TypeSpec, cmd: CoverageCommand, barriers: boolean): string {
  const { minutes, targetShare: _share, code: _code, ...rest } = spec;
  const reach = spec.mode === 'straight' && barriers ? minutes : null;
  return JSON.stringify([rest, reach, cmd.detour, cmd.maxSnapM ?? null, cmd.toleranceM ?? null, cmd.roadClasses ?? null]);
}

function countUnattached(a: Attached): number {
  let u = 0;
  for (let i = 0; i < a.edge.length; i++) if (a.edge[i] < 0) u++;
  return u;
}

function validate(cmd: CoverageCommand, catalogue: Catalogue): void {
  if (cmd.op !== 'coverage') throw new Error(`unknown op "${String(cmd.op)}"`);
  checkRange('detour', cmd.detour);
  for (const t of cmd.types) {
    if (typeIndex(t.code, catalogue) < 0) throw new Error(`unknown facility type "${t.code}"`);
    checkRange('speedKmh', t.speedKmh, `${t.code}: speed km/h`);
    checkRange('minutes', t.minutes, `${t.code}: minutes`);
    checkRange('targetShare', t.targetShare, `${t.code}: target share`);
    if (!['straight', 'network', 'slope'].includes(t.mode)) throw new Error(`${t.code}: unknown mode "${t.mode}"`);
    if (t.profile !== undefined && !TRAVEL_PROFILES.includes(t.profile))
      throw new Error(`${t.code}: unknown travel profile "${t.profile}"`);
  }
}
