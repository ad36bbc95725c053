// Main-thread side of workers/analysis.worker.ts. Every run gets a runId; starting a run cancels
// the one before it, and a result that is not from the latest run is dropped (returns null), so
// the UI never shows a stale result as current.
import * as Comlink from 'comlink';
import type { Feature, MultiPolygon } from 'geojson';
import type { Api, LoadInfo, SurfaceOut } from '../../workers/analysis.worker';
import type { CoverageCommand, CoverageResult, Layers, TypeSpec } from '../core/analysis/command';
import type { FacilityAction } from '../core/scenario/scenario';
import type { LineLayer } from '../core/types';
import { copyLayers } from './copyLayers';

/** Progress of a run: fraction 0–1 and the engine's stage name. */
export type RunProgress = (fraction: number, stage: string) => void;

/** Buffers of every typed array in the layers, to transfer instead of cloning. */
function layerBuffers(layers: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const walk = (o: unknown) => {
    if (ArrayBuffer.isView(o)) out.add(o.buffer as ArrayBuffer);
    else if (o && typeof o === 'object' && !Array.isArray(o)) Object.values(o).forEach(walk);
  };
  walk(layers);
  return [...out];
}

export class AnalysisClient {
  private readonly worker: Worker;
  private readonly api: Comlink.Remote<Api>;
  private latest = 0;

  constructor() {
    this.worker = new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module' });
    this.api = Comlink.wrap<Api>(this.worker);
  }

  /** Sends a copy of a road network that load() will likely bring, so the worker builds its
   *  graph while the rest still loads. */
  prepareNetwork(lines: LineLayer): void {
    const copy = copyLayers(lines);
    void this.api.prepareNetwork(Comlink.transfer(copy, layerBuffers(copy)));
  }

  /** Hands the layers to the worker; their buffers move there (unusable here afterwards). */
  load(layers: Layers): Promise<LoadInfo> {
    return this.api.load(Comlink.transfer(layers, layerBuffers(layers)));
  }

  /** Runs `cmd` (only the `types` given, see core/analysis/rerun.ts), cancelling any earlier run;
   *  resolves null when superseded or cancelled. */
  async run(cmd: CoverageCommand, onProgress?: RunProgress, types?: string[]): Promise<{ runId: number; result: CoverageResult } | null> {
    const runId = ++this.latest;
    if (runId > 1) void this.api.cancel(runId - 1);
    // Progress travels on its own message port, so a late report can arrive after the result:
    // drop reports once the run has settled.
    let settled = false;
    const progress =
      onProgress &&
      Comlink.proxy((f: number, stage: string) => {
        if (!settled && runId === this.latest) onProgress(f, stage);
      });
    try {
      const result = await this.api.run(cmd, progress, runId, types);
      return runId === this.latest ? { runId, result } : null;
    } catch (e) {
      if ((e as Error).name === 'CancelledError' || runId !== this.latest) return null;
      throw e;
    } finally {
      settled = true;
    }
  }

  /** The worker's API, for the other clients of the same worker (src/analysis/sitingClient.ts). */
  get remote(): Comlink.Remote<Api> {
    return this.api;
  }

  /** True while `runId` is the most recent run. */
  isCurrent(runId: number): boolean {
    return runId === this.latest;
  }

  /** Service-circle polygon of `code` with the latest run's parameters, over the facilities of
   *  the scenario `actions` (none: 现状). */
  catchment(code: string, spec?: Partial<TypeSpec>, actions: readonly FacilityAction[] = []): Promise<Feature<MultiPolygon>> {
    return this.api.catchments(code, spec, undefined, [...actions]);
  }

  /** Walking-time surface of `code` with the latest run's parameters (cap: default 4× threshold ≤ 60 min). */
  surface(code: string, capMinutes?: number, actions: readonly FacilityAction[] = []): Promise<SurfaceOut> {
    return this.api.surface(code, capMinutes, undefined, [...actions]);
  }

  dispose(): void {
    this.api[Comlink.releaseProxy]();
    this.worker.terminate();
  }
}
