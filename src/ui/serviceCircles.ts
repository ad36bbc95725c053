// The service circles on the map as a controller: fetched from the worker for the current
// result only while switched on; an answer for an older run or older inputs is dropped, and a
// failure clears the circle (never leaving an older one looking current) and is reported.
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import type { TypeSpec } from '../core/analysis/command';
import type { FacilityAction } from '../core/scenario/scenario';
import type { MapView } from '../map/MapView';
import { errorText } from './errorText';
import { Store } from './store';

export type CircleSource = 'catchment-service' | 'catchment-fitness';
/** The circles the layer panel offers: map source and facility type. */
export const CIRCLES: readonly { source: CircleSource; code: string }[] = [
  { source: 'catchment-service', code: 'service_center' },
  { source: 'catchment-fitness', code: 'fitness' },
];

/** What the controller needs of AnalysisClient. */
export interface CatchmentClient {
  catchment(code: string, spec?: Partial<TypeSpec>, actions?: readonly FacilityAction[]): Promise<Feature<MultiPolygon>>;
  isCurrent(runId: number): boolean;
}

export interface ServiceCirclesInputs {
  client: CatchmentClient | null;
  /** The latest completed run (its id tells a stale answer). */
  done: { runId: number } | null;
  on: Record<CircleSource, boolean>;
  /** The shown scenario's actions (none: 现状). */
  actions: readonly FacilityAction[];
}

/** A circle that could not be computed: its facility type and why. */
export interface CircleFailure {
  code: string;
  message: string;
}

export type ServiceCirclesState = Partial<Record<CircleSource, CircleFailure>>;

const NONE: FeatureCollection = { type: 'FeatureCollection', features: [] };

export class ServiceCircles extends Store<ServiceCirclesState> {
  private last: ServiceCirclesInputs | null = null;
  // Per source, the number of its latest request: an answer to an earlier one is dropped.
  private readonly seq: Record<CircleSource, number> = { 'catchment-service': 0, 'catchment-fitness': 0 };

  constructor(private readonly map: () => Pick<MapView, 'setData'> | null) {
    super({});
  }

  update(next: ServiceCirclesInputs): void {
    const was = this.last;
    this.last = next;
    const { client, done } = next;
    for (const { source, code } of CIRCLES) {
      const on = next.on[source];
      const moved = !was || was.client !== client || was.done !== done || was.actions !== next.actions || was.on[source] !== on;
      if (!moved) continue;
      const s = ++this.seq[source];
      // Switched off: the layer is hidden; its failure no longer concerns the user.
      if (!on) this.fail(source, null);
      // Fetched when switched on, once there is a result.
      if (!on || !client || !done) continue;
      client
        .catchment(code, undefined, next.actions)
        .then((f) => {
          if (s !== this.seq[source] || !client.isCurrent(done.runId)) return;
          this.fail(source, null);
          void this.map()?.setData(source, { type: 'FeatureCollection', features: [f] });
        })
        .catch((e: unknown) => {
          if (s !== this.seq[source]) return;
          void this.map()?.setData(source, NONE);
          this.fail(source, { code, message: errorText(e) });
        });
    }
  }

  /** Drops every answer still to come. */
  dispose(): void {
    for (const { source } of CIRCLES) ++this.seq[source];
    this.last = null;
  }

  private fail(source: CircleSource, f: CircleFailure | null): void {
    if ((this.state[source] ?? null) === f) return;
    const next = { ...this.state };
    if (f) next[source] = f;
    else delete next[source];
    this.set(next);
  }
}
