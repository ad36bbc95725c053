// The walking-time surface on the map as a controller: fetched for the shown type only while
// switched on, for the current result only (an answer for an older run or older inputs is
// dropped, its image released); a failure removes the surface rather than leaving an older one
// looking current, and is reported with the type it was for.
import type { FacilityAction } from '../core/scenario/scenario';
import type { SurfaceOut } from '../../workers/analysis.worker';
import type { MapView } from '../map/MapView';
import { errorText } from './errorText';
import { Store } from './store';

/** What the controller needs of AnalysisClient. */
export interface SurfaceClient {
  surface(code: string, capMinutes?: number, actions?: readonly FacilityAction[]): Promise<SurfaceOut>;
  isCurrent(runId: number): boolean;
}

export interface TimeSurfaceInputs {
  client: SurfaceClient | null;
  done: { runId: number } | null;
  on: boolean;
  /** The shown facility type. */
  type: string;
  /** The shown scenario's actions (none: 现状). */
  actions: readonly FacilityAction[];
}

export interface TimeSurfaceState {
  /** Threshold and cap (minutes) of the surface on the map, for its legend ramp; null: none shown. */
  ramp: { threshold: number; cap: number } | null;
  /** The surface that could not be computed: its type and why. */
  error: { code: string; message: string } | null;
}

export interface TimeSurfaceDeps {
  map: () => Pick<MapView, 'setTimeSurface'> | null;
  /** The surface as an image (an object URL) and its WGS84 bounds. */
  image: (s: SurfaceOut & { grid: NonNullable<SurfaceOut['grid']> }) => Promise<{ url: string; bounds: [number, number, number, number] }>;
  /** Releases an image that will not be shown. */
  revoke: (url: string) => void;
  /** Told of each surface shown (the browser tests read it). */
  shown?: (s: SurfaceOut) => void;
}

export class TimeSurface extends Store<TimeSurfaceState> {
  private last: TimeSurfaceInputs | null = null;
  private seq = 0;

  constructor(private readonly deps: TimeSurfaceDeps) {
    super({ ramp: null, error: null });
  }

  update(next: TimeSurfaceInputs): void {
    const was = this.last;
    this.last = next;
    if (
      was &&
      was.client === next.client &&
      was.done === next.done &&
      was.on === next.on &&
      was.type === next.type &&
      was.actions === next.actions
    )
      return;
    const s = ++this.seq;
    const { client, done, on, type, actions } = next;
    if (!on) {
      this.set({ ramp: null, error: null });
      void this.deps.map()?.setTimeSurface(null);
      return;
    }
    if (!client || !done) return;
    const live = () => s === this.seq && client.isCurrent(done.runId);
    client
      .surface(type, undefined, actions)
      .then(async (out) => {
        if (!live()) return;
        const grid = out.grid;
        if (!grid) {
          this.set({ ramp: null, error: null });
          await this.deps.map()?.setTimeSurface(null);
          return;
        }
        const { url, bounds } = await this.deps.image({ ...out, grid });
        if (!live()) return this.deps.revoke(url);
        await this.deps.map()?.setTimeSurface(url, bounds);
        this.set({ ramp: { threshold: out.threshold, cap: out.capMinutes }, error: null });
        this.deps.shown?.(out);
      })
      .catch((e: unknown) => {
        if (s !== this.seq) return;
        this.set({ ramp: null, error: { code: type, message: errorText(e) } });
        void this.deps.map()?.setTimeSurface(null);
      });
  }

  /** Drops every answer still to come. */
  dispose(): void {
    ++this.seq;
    this.last = null;
  }
}
