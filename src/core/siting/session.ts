// One what-if editing session in the analysis worker: the facilities of one type (the loaded
// ones, ids 0 … n−1 in layer order, then the proposed ones) under add/move/delete edits, with
// per-community covered demand and households kept current. Straight mode is incremental
// (core/siting/whatif.ts: only demand within reach of the edit is revisited); in network and
// slope modes adds are incremental (a bounded Dijkstra from the new site, network-whatif.ts)
// and moves/deletes re-run that one type's cost field over the engine's cached network and
// attachments. Both equal a full recompute (sums exactly so for integer weights, as counts are).
// Pure TS: no DOM, runs in the worker.
import { typeIndex } from '../catalogue.ts';
import type { CoverageCommand, TypeSpec } from '../analysis/command.ts';
import type { Engine } from '../analysis/run.ts';
import { demandWeights } from '../coverage/demand.ts';
import { WhatIf } from './whatif.ts';
import { NetworkWhatIf } from './network-whatif.ts';

/** One edit; ids are the session's facility ids (loaded ones first, in layer order). */
export type WhatIfEdit =
  { op: 'add'; lon: number; lat: number } | { op: 'move'; id: number; lon: number; lat: number } | { op: 'delete'; id: number };

/** The state after an edit (or at the start): full per-community arrays (small: one entry per
 *  community) and which communities changed. */
export interface WhatIfUpdate {
  /** Id given to an added facility. */
  id?: number;
  /** Community indices whose covered demand or households changed. */
  changed: Int32Array;
  /** Per community: covered demand (in `demand`'s measure) and covered households. */
  covered: Float64Array;
  householdsCovered: Float64Array;
  /** Prefecture totals. */
  total: { demand: number; covered: number; households: number; householdsCovered: number };
  /** Whether this edit was incremental, or re-ran the type's cost field (network move/delete). */
  incremental: boolean;
  /** Worker time spent on the edit, ms. */
  ms: number;
}

/** Facilities of the session: WGS84 coords by id, alive flag (0 once deleted). */
export interface WhatIfFacilities {
  coords: Float64Array;
  alive: Uint8Array;
  /** Number of ids that are loaded facilities (the rest were added). */
  loaded: number;
}

export class WhatIfSession {
  readonly spec: TypeSpec;
  private readonly weight: Float32Array;
  private readonly minutes: Float32Array;
  private readonly covered: Float64Array;
  private readonly hhCovered: Float64Array;
  private readonly demandTotal: number;
  private readonly hhTotal: number;
  // Prefecture sums run over every point, in a community or not (as the engine's total does).
  private coveredAll = 0;
  private hhCoveredAll = 0;
  private readonly straight?: WhatIf;
  private readonly network?: NetworkWhatIf;
  private coords: number[] = [];
  private alive: number[] = [];
  private readonly loaded: number;

  constructor(
    private readonly engine: Engine,
    spec: TypeSpec,
    cmd: CoverageCommand,
  ) {
    if (typeIndex(spec.code, engine.catalogue) < 0) throw new Error(`unknown facility type "${spec.code}"`);
    this.spec = spec;
    const { households: h, facilities: f, communities } = engine.layers;
    this.weight = demandWeights(h, spec.demand) ?? h.households;
    const ids = engine.facilityIds(spec.code);
    for (const i of ids) {
      this.coords.push(f.coords[2 * i], f.coords[2 * i + 1]);
      this.alive.push(1);
    }
    this.loaded = ids.length;
    this.minutes = new Float32Array(h.count).fill(Infinity);
    this.covered = new Float64Array(communities.count);
    this.hhCovered = new Float64Array(communities.count);
    let dt = 0,
      ht = 0;
    for (let d = 0; d < h.count; d++) {
      dt += this.weight[d];
      ht += h.households[d];
    }
    this.demandTotal = dt;
    this.hhTotal = ht;
    if (spec.mode === 'straight') {
      this.straight = new WhatIf({
        demandCoords: h.coords,
        weight: this.weight,
        community: h.community,
        communityCount: communities.count,
        facilityCoords: Float64Array.from(this.coords),
        params: { speedKmh: spec.speedKmh, detour: cmd.detour, minutes: spec.minutes },
        barriers: engine.barrierSet(),
      });
      this.absorb(
        Array.from({ length: h.count }, (_, d) => d),
        this.straight.time,
      );
    } else {
      const mode = spec.mode as 'network' | 'slope';
      const p = engine.prepared(mode, cmd, spec);
      this.network = new NetworkWhatIf(p.net, p.homes, spec.speedKmh, spec.minutes);
      this.network.full(Float64Array.from(this.coords), this.alive);
      this.absorb(
        Array.from({ length: h.count }, (_, d) => d),
        this.network.times,
      );
    }
  }

  /** Current facilities of the type. */
  facilities(): WhatIfFacilities {
    return { coords: Float64Array.from(this.coords), alive: Uint8Array.from(this.alive), loaded: this.loaded };
  }

  /** The state without an edit (all communities reported as changed). */
  state(): WhatIfUpdate {
    return this.update(Int32Array.from(this.covered.keys()), !!this.straight, 0);
  }

  /** Applies one edit and returns the new state. */
  edit(e: WhatIfEdit): WhatIfUpdate {
    const t0 = performance.now();
    if (e.op !== 'add' && !this.alive[e.id]) throw new Error(`facility ${e.id} is not present`);
    let id: number | undefined;
    let points: number[];
    if (e.op === 'add') {
      id = this.alive.length;
      this.coords.push(e.lon, e.lat);
      this.alive.push(1);
    } else if (e.op === 'move') {
      this.coords[2 * e.id] = e.lon;
      this.coords[2 * e.id + 1] = e.lat;
    } else this.alive[e.id] = 0;
    if (this.straight) {
      if (e.op === 'add') points = this.straight.add(e.lon, e.lat).changed;
      else if (e.op === 'move') points = this.straight.move(e.id, e.lon, e.lat);
      else points = this.straight.remove(e.id);
      const changed = this.absorb(points, this.straight.time);
      return { ...this.update(changed, true, performance.now() - t0), ...(id !== undefined ? { id } : {}) };
    }
    const nw = this.network!;
    if (e.op === 'add') points = nw.add(id!, e.lon, e.lat);
    else {
      nw.full(Float64Array.from(this.coords), this.alive);
      points = Array.from({ length: this.minutes.length }, (_, d) => d);
    }
    const changed = this.absorb(points, nw.times);
    return { ...this.update(changed, e.op === 'add', performance.now() - t0), ...(id !== undefined ? { id } : {}) };
  }

  /** Takes the new times of `points`, moving the community sums; returns changed communities. */
  private absorb(points: Iterable<number>, times: Float32Array): Int32Array {
    const h = this.engine.layers.households,
      m = this.spec.minutes,
      changed = new Set<number>();
    for (const d of points) {
      const was = this.minutes[d] <= m,
        now = times[d] <= m;
      this.minutes[d] = times[d];
      if (was === now) continue;
      const s = now ? 1 : -1,
        c = h.community[d];
      this.coveredAll += s * this.weight[d];
      this.hhCoveredAll += s * h.households[d];
      if (c < 0) continue;
      this.covered[c] += s * this.weight[d];
      this.hhCovered[c] += s * h.households[d];
      changed.add(c);
    }
    return Int32Array.from(changed);
  }

  private update(changed: Int32Array, incremental: boolean, ms: number): WhatIfUpdate {
    return {
      changed,
      covered: this.covered.slice(),
      householdsCovered: this.hhCovered.slice(),
      total: { demand: this.demandTotal, covered: this.coveredAll, households: this.hhTotal, householdsCovered: this.hhCoveredAll },
      incremental,
      ms,
    };
  }
}
