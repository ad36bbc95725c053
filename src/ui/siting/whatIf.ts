// What-if editing as a controller: a worker session over the active scenario's facilities of
// one type. Every edit on the map (and every accepted optimiser site) becomes a facility action
// of the active scenario (core/scenario/from-edits.ts); the session only gives the instant
// figures and the editable points. The baseline (现状) is never edited. The session restarts on
// every completed analysis, on a switch of the edited type and whenever the scenario changed
// from outside; answers of an earlier session are dropped.
import type { Feature, FeatureCollection } from 'geojson';
import type { WhatIfState } from '../../analysis/sitingClient';
import type { CoverageCommand, TypeSpec } from '../../core/analysis/command';
import type { WhatIfEdit } from '../../core/siting/session';
import { actionOfEdit } from '../../core/scenario/from-edits';
import type { FacilityAction, Scenario } from '../../core/scenario/scenario';
import type { MapView } from '../../map/MapView';
import { errorText } from '../errorText';
import { Store } from '../store';

/** The worker's what-if session (src/analysis/sitingClient.ts). */
export interface WhatIfApi {
  start(spec: TypeSpec, actions: FacilityAction[]): Promise<WhatIfState>;
  edit(e: WhatIfEdit): Promise<WhatIfState>;
  end(): Promise<void>;
}

export type WhatIfMap = Pick<MapView, 'setEditor' | 'setSiting'>;

export interface WhatIfInputs {
  /** null while no worker is ready. */
  api: WhatIfApi | null;
  /** The latest completed analysis (a session takes its type's settings). */
  done: { cmd: CoverageCommand } | null;
  /** The type shown (and edited). */
  type: string;
  /** The active scenario (null: a first edit creates one through `record`). */
  scenario: Scenario | null;
  /** Appends actions to the active scenario. */
  record: (actions: FacilityAction[]) => void;
}

export interface WhatIfView {
  /** The worker's state after the last edit, and whether it is catching up. */
  state: WhatIfState | null;
  /** The type of the open session. */
  sessionType: string | null;
  busy: boolean;
  error: string | null;
  /** Map edit mode on/off, and the selected facility (session id). */
  editing: boolean;
  selectedId: number | null;
}

const CLOSED: WhatIfView = { state: null, sessionType: null, busy: false, error: null, editing: false, selectedId: null };
const NONE: FeatureCollection = { type: 'FeatureCollection', features: [] };

export class WhatIfController extends Store<WhatIfView> {
  private in: WhatIfInputs | null = null;
  private session = 0;
  // The actions the open session stands on (its start plus its own edits, by reference), the
  // session's facility ids by session index, and its own edits (to draw moved points).
  private own: { key: string | null; actions: readonly FacilityAction[]; ids: string[]; edits: WhatIfEdit[] } = {
    key: null,
    actions: [],
    ids: [],
    edits: [],
  };
  private wanted: string | null = null;
  private wasExternal = false;
  private drawn: unknown[] = [];

  constructor(private readonly map: () => WhatIfMap | null) {
    super(CLOSED);
  }

  update(next: WhatIfInputs): void {
    const was = this.in;
    this.in = next;
    this.follow(was);
  }

  /** Turns map editing on or off (on: a session of the shown type opens). */
  readonly setEditing = (on: boolean): void => {
    if (on === this.state.editing) return;
    this.set({ ...this.state, editing: on });
    this.map()?.setEditor(
      on
        ? {
            adding: true,
            onAdd: (lon, lat) => this.apply(this.type(), { op: 'add', lon, lat }),
            onPick: (id) => this.pick(id),
            onMove: (id, lon, lat) => this.apply(this.type(), { op: 'move', id, lon, lat }),
          }
        : null,
    );
    this.follow(this.in);
  };

  /** Applies one edit of facilities of `type` and records it in the active scenario; false when
   *  it was not taken (no session of that type, or one still starting or catching up). */
  readonly apply = (type: string, e: WhatIfEdit): boolean => {
    const api = this.in?.api,
      v = this.state;
    if (!api || !this.in || v.busy || !v.state || v.sessionType !== type) return false;
    const o = this.own;
    let action: FacilityAction;
    try {
      action = actionOfEdit(type, e, o.ids, o.actions.length);
    } catch (err) {
      this.set({ ...this.state, error: errorText(err) });
      return false;
    }
    o.actions = [...o.actions, action];
    o.edits.push(e);
    this.in.record([action]);
    const s = this.session;
    this.set({ ...this.state, busy: true, selectedId: e.op === 'delete' ? null : this.state.selectedId });
    api
      .edit(e)
      .then((st) => {
        if (s === this.session)
          this.set({ ...this.state, state: st, ...(e.op === 'add' && st.id !== undefined ? { selectedId: st.id } : {}) });
      })
      .catch((err: unknown) => {
        if (s === this.session) this.set({ ...this.state, error: errorText(err) });
      })
      .finally(() => {
        if (s === this.session) this.set({ ...this.state, busy: false });
      })
      .finally(() => this.draw());
    this.draw();
    return true;
  };

  /** Selects a facility of the session (by session id). */
  readonly pick = (id: number | null): void => {
    this.set({ ...this.state, selectedId: id });
    this.draw();
  };

  /** Deletes the selected facility while editing (the Delete key); false when nothing was taken. */
  readonly deleteSelected = (): boolean => {
    const { editing, selectedId } = this.state;
    return editing && selectedId !== null && this.apply(this.type(), { op: 'delete', id: selectedId });
  };

  /** Drops every answer still to come. */
  dispose(): void {
    ++this.session;
  }

  private type(): string {
    return this.in?.type ?? '';
  }

  /** (Re)starts or closes the session when its inputs moved on, then redraws. */
  private follow(was: WhatIfInputs | null): void {
    const next = this.in;
    if (!next) return;
    // The scenario moved on without this session (switched, cleared, loaded, optimiser accepted
    // into another type): the session starts over. The scenario `record` created (none was
    // active) carries this session's edits: it is its own.
    const o = this.own;
    const actions = next.scenario?.actions ?? [];
    const same = actions.length === o.actions.length && actions.every((a, i) => a === o.actions[i]);
    if (same && o.key === null && next.scenario) o.key = next.scenario.key;
    const external = (next.scenario?.key ?? null) !== o.key || !same;
    const wanted = this.state.editing ? next.type : this.state.sessionType;
    const restart =
      !was ||
      was.api !== next.api ||
      was.done !== next.done ||
      wanted !== this.wanted ||
      (external && (!this.wasExternal || was.scenario !== next.scenario));
    this.wanted = wanted;
    this.wasExternal = external;
    if (restart) this.restart(wanted);
    this.draw();
  }

  private restart(wanted: string | null): void {
    const { api, done, scenario } = this.in!;
    if (!api || !done) return;
    const s = ++this.session;
    if (!wanted) {
      this.set({ ...this.state, state: null, sessionType: null, selectedId: null });
      void api.end();
      return;
    }
    const spec = done.cmd.types.find((x) => x.code === wanted);
    if (!spec) return this.set({ ...this.state, selectedId: null });
    this.own = { key: scenario?.key ?? null, actions: scenario?.actions ?? [], ids: [], edits: [] };
    this.wasExternal = false;
    // The previous session's figures are not this one's: none until it answers.
    this.set({ ...this.state, state: null, selectedId: null, busy: true, sessionType: wanted });
    api
      .start(spec, [...this.own.actions])
      .then((st) => {
        if (s !== this.session) return;
        this.own.ids = [...st.ids];
        this.set({ ...this.state, state: st, error: null });
      })
      .catch((e: unknown) => {
        if (s === this.session) this.set({ ...this.state, state: null, error: errorText(e) });
      })
      .finally(() => {
        if (s === this.session) this.set({ ...this.state, busy: false });
        this.draw();
      });
  }

  /** The session's facilities on the map while its type is shown (redrawn only when they changed). */
  private draw(): void {
    const v = this.map();
    if (!v) return;
    const { state, selectedId, sessionType } = this.state;
    const type = this.type();
    const key = [state, selectedId, sessionType, type];
    if (key.every((k, i) => k === this.drawn[i])) return;
    this.drawn = key;
    void v.setSiting('siting-edit', state && sessionType === type ? editFeatures(state, this.own.edits, selectedId) : NONE);
  }
}

/** What the panel shows: the session's state only while its type is the shown one. */
export function shownWhatIf(v: WhatIfView, type: string): WhatIfView {
  return v.sessionType === type ? v : { ...v, state: null };
}

/** Map features of the session's facilities: id, kind (loaded, moved, proposed, deleted), selected. */
export function editFeatures(s: WhatIfState, edits: readonly WhatIfEdit[], selected: number | null): FeatureCollection {
  const f = s.facilities,
    moved = new Set<number>();
  for (const e of edits) if (e.op === 'move' && e.id < f.loaded) moved.add(e.id);
  const features: Feature[] = [];
  for (let id = 0; id < f.alive.length; id++) {
    const kind = !f.alive[id] ? 'deleted' : id >= f.loaded ? 'proposed' : moved.has(id) ? 'moved' : 'loaded';
    if (kind === 'deleted' && id >= f.loaded) continue; // a deleted proposal simply goes
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [f.coords[2 * id], f.coords[2 * id + 1]] },
      properties: { id, kind, selected: id === selected },
    });
  }
  return { type: 'FeatureCollection', features };
}
