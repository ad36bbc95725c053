// The loaded data's session as a controller: hands the core layers to a new analysis worker
// (disposing the previous data's), keeps what the map and the UI still need once the layers'
// buffers have moved there, and feeds the map. Failures are state for the UI, never only logged.
import type { DemoData, DemoGeo } from '../analysis/loadDemo';
import type { AreaIndex } from '../analysis/areaIndex';
import type { LineLayer } from '../core/types';
import { errorText } from './errorText';
import { Store } from './store';

/** What the session needs of AnalysisClient. */
export interface LoadingClient {
  /** Starts on a road network that load() will likely bring (it keeps its own copy). */
  prepareNetwork(lines: LineLayer): void;
  load(layers: DemoData['layers']): Promise<unknown>;
  dispose(): void;
}

export interface DataSessionState<C> {
  /** The worker holding the current data's layers, once it has them (null before and after). */
  client: C | null;
  idx: AreaIndex | null;
  /** A copy of the road network (its buffers move to the worker with the layers). */
  roads: LineLayer | null;
  /** Why the worker could not take the layers: no figure can be computed. */
  loadError: string | null;
  /** Why the household points could not be drawn (the figures are unaffected). */
  pointsError: string | null;
  /** Why the map could not draw the data. */
  mapError: string | null;
  /** The map has drawn the current data. */
  mapReady: boolean;
}

export interface DataSessionDeps<C> {
  newClient: () => C;
  areaIndex: (layers: DemoData['layers']) => AreaIndex;
  /** Copies the network before its buffers move. */
  ownLines: (l: LineLayer) => LineLayer;
  /** Draws the data's layers on the map (resolves when drawn); reports household points that fail. */
  feed: (geo: DemoGeo, onPointsFailed: (e: unknown) => void) => Promise<void>;
  /** Called once the worker has the layers, and once the map has drawn them. */
  mark?: (what: 'data-loaded' | 'worker-loaded' | 'map-ready') => void;
}

const EMPTY = { client: null, idx: null, roads: null, loadError: null, pointsError: null, mapError: null, mapReady: false };

export class DataSession<C extends LoadingClient> extends Store<DataSessionState<C>> {
  private data: DemoData | null = null;
  private client: C | null = null;
  /** The first data's worker, started at once so that its start-up overlaps the loading. */
  private spare: C | null;

  constructor(private readonly deps: DataSessionDeps<C>) {
    super(EMPTY);
    this.spare = deps.newClient();
  }

  /** Lets the first data's worker start on its road network while the rest still loads. */
  prepare(lines: LineLayer): void {
    this.spare?.prepareNetwork(lines);
  }

  /** Opens `data` (null: none yet); the previous data's worker is disposed first, so nothing can
   *  call it once it is gone. */
  open(data: DemoData | null): void {
    if (data === this.data) return;
    this.data = data;
    this.close();
    if (!data) return;
    const { deps } = this;
    deps.mark?.('data-loaded');
    const idx = deps.areaIndex(data.layers);
    const roads = data.layers.network ? deps.ownLines(data.layers.network) : null;
    // The previous data's index stays until the new worker is ready (the lists keep their rows).
    this.set({ ...this.state, client: null, roads, loadError: null, pointsError: null, mapError: null, mapReady: false });
    const c = this.spare ?? deps.newClient();
    this.spare = null;
    this.client = c;
    c.load(data.layers)
      .then(() => {
        if (this.client !== c) return;
        deps.mark?.('worker-loaded');
        this.set({ ...this.state, client: c, idx });
      })
      .catch((e: unknown) => {
        if (this.client === c) this.set({ ...this.state, loadError: errorText(e) });
      });
    deps
      .feed(data.geo, (e) => {
        if (this.data === data) this.set({ ...this.state, pointsError: errorText(e) });
      })
      .then(() => {
        if (this.data !== data) return;
        deps.mark?.('map-ready');
        this.set({ ...this.state, mapReady: true });
      })
      .catch((e: unknown) => {
        if (this.data === data) this.set({ ...this.state, mapError: errorText(e) });
      });
  }

  /** Disposes the worker (the app is closing). */
  dispose(): void {
    this.data = null;
    this.close();
    this.spare?.dispose();
    this.spare = null;
  }

  private close(): void {
    this.client?.dispose();
    this.client = null;
  }
}
