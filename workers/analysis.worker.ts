// The analysis worker: a thin Comlink wrapper over src/core. It keeps the loaded layers and the
// engine's caches, so a changed threshold or speed sends a few numbers, not the households.
//
// API (stable; the app calls it from src/analysis/):
//   prepareNetwork(lines: LineLayer) → void
//       Builds the graph of a road network that a later load() will likely bring (sent while the
//       rest still loads); load() uses it when its network is the same lines.
//   load(layers: Layers) → LoadInfo
//       Takes the layers (send with Comlink.transfer(layers, buffers) so nothing is cloned);
//       replaces any previous layers and clears the caches.
//   run(cmd: CoverageCommand, onProgress?: Comlink.proxy((fraction, stage) => void), runId?: number, types?: string[])
//       → Promise<CoverageResult>
//       Runs the coverage command (only `types` when given: core/analysis/rerun.ts merges them with an
//       earlier result); onProgress gets (fraction 0–1, stage) with stages
//       'network:<mode>', 'attach:<mode>', 'type:<code>', 'summary:<code>', 'done'.
//       Result arrays come back transferred. Rejects with an error
//       named 'CancelledError' when cancelled. runId (any number the caller picks) names the run
//       for cancel().
//   cancel(runId?: number) → void
//       Cancels that run (or every running one when omitted) at its next chunk boundary.
//   catchments(code: string, spec?: Partial<TypeSpec>, cellM?: number, actions?: FacilityAction[])
//       → Promise<GeoJSON Feature<MultiPolygon>>
//       Service-circle polygon of one type, with the parameters of the last run of that type
//       (overridden by `spec`); properties { type, mode, minutes, speed_kmh, cell_m }.
//   scenario(actions: FacilityAction[], cmd: CoverageCommand, runId?: number) → Promise<ScenarioOut>
//       A scenario (方案) on the loaded facilities, which stay as they are (现状): its facilities,
//       what changed, and a run of only the types it touches (the app merges the rest from its
//       baseline result with core/scenario/result.ts). Throws ScenarioError's message on a bad id.
//   surface(code: string, capMinutes?: number, cellM?: number, actions?: FacilityAction[]) → Promise<SurfaceOut>
//       (Both over the facilities of the scenario `actions` when given.) Walking-time surface of one type with the parameters of the last run of that type:
//       minutes per grid cell up to the cap (default 4× the threshold, at most 60), NaN beyond;
//       the minutes' buffer comes back transferred.
import * as Comlink from 'comlink';
import type { Feature, MultiPolygon } from 'geojson';
import { Engine, type Progress } from '../src/core/analysis/run.ts';
import { defaultCommand, type CoverageCommand, type CoverageResult, type Layers, type TypeSpec } from '../src/core/analysis/command.ts';
import { catchment } from '../src/core/catchments/catchment.ts';
import { DEFAULT_CELL_M } from '../src/core/catchments/grid.ts';
import { defaultCapMinutes, SURFACE_CELL_M, timeSurface, type TimeSurface } from '../src/core/catchments/surface.ts';
import type { GroupStats } from '../src/core/coverage/stats.ts';
import { runSiting, type SitingCommand, type SitingLayers, type SitingOutput } from '../src/core/siting/command.ts';
import type { FacilityLayer, LineLayer } from '../src/core/types.ts';
import { preparedFor, type PreparedNetwork } from '../src/core/travel/network.ts';
import { DEFAULT_JOIN_M } from '../src/core/travel/graph.ts';
import { typeIndex } from '../src/core/catalogue.ts';
import { WhatIfSession, type WhatIfEdit, type WhatIfFacilities, type WhatIfUpdate } from '../src/core/siting/session.ts';
import { applyScenario, type FacilityAction, type FacilityChange } from '../src/core/scenario/scenario.ts';
import { touchedCommand, touchedTypes } from '../src/core/scenario/result.ts';
import { assignToAreas } from '../src/core/geo/assign.ts';

/** A scenario's facilities (with the community each lies in, −1 none), its changes against the
 *  baseline, and a run of the types it touches. */
export interface ScenarioOut {
  facilities: FacilityLayer & { community: Int32Array };
  changes: FacilityChange[];
  fromBaseline: Int32Array;
  baselineCount: number;
  touched: CoverageResult;
  counts: Pick<CoverageResult, 'unattached' | 'unattachedFacilities'>;
}

/** A what-if state with the session's facilities (`ids`: the ids of the loaded ones, in order). */
export type WhatIfState = WhatIfUpdate & { facilities: WhatIfFacilities; ids: string[] };

/** A walking-time surface with the parameters it was computed with. */
export type SurfaceOut = TimeSurface & {
  code: string;
  mode: TypeSpec['mode'];
  speedKmh: number;
  /** The type's threshold and the surface's cap, minutes. */
  threshold: number;
  capMinutes: number;
  cellM: number;
};

export interface LoadInfo {
  households: number;
  facilities: number;
  communities: number;
  counties: number;
  hasNetwork: boolean;
  hasElevation: boolean;
}

let engine: Engine | null = null;
/** A network's graph built by prepareNetwork(), with its lines, until load() takes it. */
let early: { lines: LineLayer; prepared: PreparedNetwork } | null = null;

/** Whether two line layers hold the same lines (every array and name alike). */
function sameLines(a: LineLayer, b: LineLayer): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof LineLayer)[]);
  for (const k of keys) {
    const x = a[k],
      y = b[k];
    if (x === undefined && y === undefined) continue;
    if (!x || !y || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i] && !(Number.isNaN(x[i]) && Number.isNaN(y[i]))) return false;
  }
  return true;
}
let lastCmd: CoverageCommand | null = null;
const running = new Map<number, { cancelled: boolean }>();
let nextRun = 1;
let whatIf: WhatIfSession | null = null;
let whatIfIds: string[] = [];

/** The engine over a scenario's facilities (the baseline engine when there are no actions). */
/** Engines of the last few scenarios by their actions, so switching back to one reuses its
 *  cost fields (cleared with the layers). */
const scenarioEngines = new Map<string, { e: Engine; applied: ReturnType<typeof applyScenario> }>();
const SCENARIO_ENGINES = 4;

function scenarioEngine(actions: FacilityAction[]): { e: Engine; applied: ReturnType<typeof applyScenario> | null } {
  if (!engine) throw new Error('no layers loaded: call load() first');
  if (!actions.length) return { e: engine, applied: null };
  const key = JSON.stringify(actions);
  let hit = scenarioEngines.get(key);
  if (hit) scenarioEngines.delete(key);
  else {
    const applied = applyScenario(engine.layers.facilities, actions);
    hit = { e: engine.withFacilities(applied.facilities), applied };
  }
  scenarioEngines.set(key, hit);
  if (scenarioEngines.size > SCENARIO_ENGINES) scenarioEngines.delete(scenarioEngines.keys().next().value!);
  return hit;
}

function whatIfState(u: WhatIfUpdate): WhatIfState {
  const facilities = whatIf!.facilities();
  return Comlink.transfer({ ...u, facilities, ids: whatIfIds }, [
    u.changed.buffer,
    u.covered.buffer,
    u.householdsCovered.buffer,
    facilities.coords.buffer,
    facilities.alive.buffer,
  ] as ArrayBuffer[]);
}

/** The facilities of `type` in the open what-if session, as a layer of that type only. */
function sessionFacilities(session: WhatIfSession, type: number, catalogue: FacilityLayer['catalogue']): FacilityLayer {
  const f = session.facilities();
  const live = Array.from(f.alive.keys()).filter((i) => f.alive[i]);
  return {
    count: live.length,
    coords: Float64Array.from(live.flatMap((i) => [f.coords[2 * i], f.coords[2 * i + 1]])),
    type: new Uint8Array(live.length).fill(type),
    ids: live.map(String),
    names: live.map(() => ''),
    area: new Float32Array(live.length).fill(NaN),
    catalogue,
  };
}

/** `code`'s spec in the last run (catalogue defaults when it was not run) and that run's command. */
function lastSpec(code: string): { cmd: CoverageCommand; base: TypeSpec } {
  const catalogue = engine?.catalogue;
  const cmd = lastCmd ?? defaultCommand([code], catalogue);
  const base = cmd.types.find((t) => t.code === code) ?? defaultCommand([code], catalogue).types[0];
  if (!base) throw new Error(`unknown facility type "${code}"`);
  return { cmd, base };
}

function statsBuffers(s: GroupStats): ArrayBuffer[] {
  return Object.values(s).map((a) => (a as Float64Array | Uint8Array).buffer as ArrayBuffer);
}

function transferables(r: CoverageResult): ArrayBuffer[] {
  return r.types.flatMap((t) => [
    t.household.minutes.buffer as ArrayBuffer,
    t.household.facility.buffer as ArrayBuffer,
    ...statsBuffers(t.communities),
    ...statsBuffers(t.counties),
    ...statsBuffers(t.total),
  ]);
}

const api = {
  prepareNetwork(lines: LineLayer): void {
    early = { lines, prepared: preparedFor(lines, DEFAULT_JOIN_M) };
  },

  load(layers: Layers): LoadInfo {
    const e = early;
    early = null;
    const built = e && layers.network && !layers.preparedNetwork && sameLines(e.lines, layers.network);
    engine = new Engine(built ? { ...layers, preparedNetwork: e.prepared } : layers);
    lastCmd = null;
    whatIf = null;
    scenarioEngines.clear();
    return {
      households: layers.households.count,
      facilities: layers.facilities.count,
      communities: layers.communities.count,
      counties: engine.regions.counties.codes.length,
      hasNetwork: !!layers.network,
      hasElevation: !!layers.dem || !!layers.network?.z,
    };
  },

  async run(cmd: CoverageCommand, onProgress?: Progress, runId?: number, types?: string[]): Promise<CoverageResult> {
    if (!engine) throw new Error('no layers loaded: call load() first');
    const id = runId ?? nextRun++;
    const signal = { cancelled: false };
    running.set(id, signal);
    try {
      // Progress calls cross the worker boundary; do not wait for them.
      // Each type's times are kept: a threshold being typed only counts again.
      const result = await engine.run(cmd, {
        signal,
        keepTimes: true,
        ...(types ? { types: new Set(types) } : {}),
        onProgress: onProgress
          ? (f, s) => {
              void onProgress(f, s);
            }
          : undefined,
      });
      lastCmd = cmd;
      return Comlink.transfer(result, transferables(result));
    } finally {
      running.delete(id);
    }
  },

  cancel(runId?: number): void {
    for (const [id, s] of running) if (runId === undefined || id === runId) s.cancelled = true;
  },

  async catchments(
    code: string,
    spec?: Partial<TypeSpec>,
    cellM = DEFAULT_CELL_M,
    actions: FacilityAction[] = [],
  ): Promise<Feature<MultiPolygon>> {
    const { e } = scenarioEngine(actions);
    const { cmd, base } = lastSpec(code);
    const full: TypeSpec = { ...base, ...spec, code };
    const c = catchment(e, full, cmd, cellM);
    return {
      type: 'Feature',
      properties: { type: code, mode: full.mode, minutes: full.minutes, speed_kmh: full.speedKmh, cell_m: cellM },
      geometry: { type: 'MultiPolygon', coordinates: c.coordinates },
    };
  },

  async surface(code: string, capMinutes?: number, cellM = SURFACE_CELL_M, actions: FacilityAction[] = []): Promise<SurfaceOut> {
    const { e } = scenarioEngine(actions);
    const { cmd, base } = lastSpec(code);
    const cap = capMinutes ?? defaultCapMinutes(base.minutes);
    const s = timeSurface(e, base, cmd, cellM, cap);
    const out: SurfaceOut = { ...s, code, mode: base.mode, speedKmh: base.speedKmh, threshold: base.minutes, capMinutes: cap, cellM };
    return Comlink.transfer(out, [s.minutes.buffer as ArrayBuffer]);
  },

  async site(
    cmd: SitingCommand,
    onProgress?: (done: number, total: number, stage: string) => void,
    runId?: number,
    actions: FacilityAction[] = [],
  ): Promise<SitingOutput> {
    if (!engine) throw new Error('no layers loaded: call load() first');
    const id = runId ?? nextRun++;
    const signal = { cancelled: false };
    running.set(id, signal);
    try {
      const l = engine.layers;
      const facilities =
        whatIf && whatIf.spec.code === cmd.type
          ? sessionFacilities(whatIf, typeIndex(cmd.type, engine.catalogue), engine.catalogue)
          : scenarioEngine(actions).e.layers.facilities;
      // Network modes reuse the engine's cached network and home attachments (built by the coverage run).
      let prepared: SitingLayers['prepared'];
      if (cmd.mode !== 'straight' && l.network) {
        const p = engine.prepared(
          cmd.mode,
          {
            op: 'coverage',
            types: [],
            detour: cmd.detour,
            toleranceM: cmd.toleranceM,
            maxSnapM: cmd.maxSnapM,
            roadClasses: cmd.roadClasses,
          },
          { code: cmd.type, profile: cmd.profile, speedKmh: cmd.speedKmh },
        );
        prepared = { net: p.net, homes: p.homes };
      }
      const out = await runSiting(
        {
          households: l.households,
          facilities,
          communities: l.communities.polygons,
          network: l.network,
          dem: l.dem,
          barriers: l.barriers,
          prepared,
        },
        cmd,
        {
          signal,
          onProgress: onProgress
            ? (d, t, st) => {
                void onProgress(d, t, st);
              }
            : undefined,
        },
      );
      return Comlink.transfer(out, [
        out.coords.buffer,
        out.gains.buffer,
        out.costs.buffer,
        ...(out.years ? [out.years.buffer] : []),
      ] as ArrayBuffer[]);
    } finally {
      running.delete(id);
    }
  },

  whatIfStart(spec: TypeSpec, edits: WhatIfEdit[] = [], actions: FacilityAction[] = []): WhatIfState {
    const { e } = scenarioEngine(actions);
    whatIf = new WhatIfSession(e, spec, lastCmd ?? defaultCommand([spec.code], e.catalogue));
    whatIfIds = Array.from(e.facilityIds(spec.code), (i) => e.layers.facilities.ids[i]);
    let u = whatIf.state();
    for (const ed of edits) u = whatIf.edit(ed);
    return whatIfState(edits.length ? { ...u, changed: whatIf.state().changed } : u);
  },

  async scenario(actions: FacilityAction[], cmd: CoverageCommand, runId?: number): Promise<ScenarioOut> {
    const { e, applied } = scenarioEngine(actions);
    const base = engine!.layers.facilities;
    const a = applied ?? { facilities: base, changes: [], fromBaseline: Int32Array.from(base.type.keys()) };
    const id = runId ?? nextRun++;
    const signal = { cancelled: false };
    running.set(id, signal);
    try {
      const touched = await e.run(touchedCommand(cmd, touchedTypes(a.changes)), { signal });
      const f = a.facilities;
      const facilities = {
        ...f,
        coords: f.coords.slice(),
        type: f.type.slice(),
        area: f.area.slice(),
        community: assignToAreas(f.coords, e.layers.communities),
      };
      const fromBaseline = a.fromBaseline.slice(); // the cached engine keeps its own
      const out: ScenarioOut = {
        facilities,
        changes: a.changes,
        fromBaseline,
        baselineCount: base.count,
        touched,
        counts: e.unattachedCounts(cmd),
      };
      return Comlink.transfer(out, [
        ...transferables(touched),
        facilities.coords.buffer,
        facilities.type.buffer,
        facilities.area.buffer,
        facilities.community.buffer,
        fromBaseline.buffer,
      ] as ArrayBuffer[]);
    } finally {
      running.delete(id);
    }
  },

  whatIfEdit(edit: WhatIfEdit): WhatIfState {
    if (!whatIf) throw new Error('no what-if session: call whatIfStart() first');
    return whatIfState(whatIf.edit(edit));
  },

  whatIfEnd(): void {
    whatIf = null;
  },
};

export type Api = typeof api;
Comlink.expose(api);
