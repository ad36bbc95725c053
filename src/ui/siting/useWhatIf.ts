// React hook for what-if editing: a worker session over the active scenario's facilities of one
// type. Every edit on the map (and every accepted optimiser site) becomes a facility action of
// the active scenario (core/scenario/from-edits.ts); the session only gives the instant figures
// and the editable points. The baseline (现状) is never edited.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Feature, FeatureCollection } from 'geojson';
import type { AnalysisClient } from '../../analysis/client';
import { whatIfEdit, whatIfEnd, whatIfStart, type WhatIfState } from '../../analysis/sitingClient';
import type { WhatIfEdit } from '../../core/siting/session';
import { actionOfEdit } from '../../core/scenario/from-edits';
import type { FacilityAction, Scenario } from '../../core/scenario/scenario';
import type { MapView } from '../../map/MapView';
import type { AnalysisState } from '../analysisRun';

export interface WhatIf {
  /** The worker's state after the last edit (for the type being edited), and whether it is catching up. */
  state: WhatIfState | null;
  /** The type of the open session. */
  sessionType: string | null;
  busy: boolean;
  error: string | null;
  /** Map edit mode on/off, and the selected facility (session id). */
  editing: boolean;
  setEditing: (on: boolean) => void;
  selectedId: number | null;
  /** Applies one edit of facilities of `type` and records it in the active scenario; false when
   *  a session is still starting and the edit was not taken. */
  apply: (type: string, e: WhatIfEdit) => boolean;
}

/** What-if editing of `type` over `scenario` (null: an edit starts a new scenario through
 *  `record`, which appends actions to the active scenario). */
export function useWhatIf(
  client: AnalysisClient | null,
  raw: AnalysisState,
  type: string,
  view: { current: MapView | null },
  scenario: Scenario | null,
  record: (actions: FacilityAction[]) => void,
): WhatIf {
  const [state, setState] = useState<WhatIfState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [sessionType, setSessionType] = useState<string | null>(null);
  // Each session gets a number; answers from an older session are dropped.
  const session = useRef(0);
  // The actions the open session stands on (its start plus its own edits, by reference), the
  // session's facility ids by session index, and its own edits (to draw moved points).
  const own = useRef<{ key: string | null; actions: readonly FacilityAction[]; ids: string[]; edits: WhatIfEdit[] }>({
    key: null,
    actions: [],
    ids: [],
    edits: [],
  });
  const done = raw.done;
  const wanted = editing ? type : sessionType;
  const actions = scenario?.actions ?? [];
  // The scenario moved on without this session (switched, cleared, loaded, optimiser accepted
  // into another type): the session starts over.
  const o = own.current;
  const same = actions.length === o.actions.length && actions.every((a, i) => a === o.actions[i]);
  // The scenario `record` created (none was active) carries this session's edits: it is its own.
  if (same && o.key === null && scenario) o.key = scenario.key;
  const external = (scenario?.key ?? null) !== o.key || !same;
  const [epoch, setEpoch] = useState(0);
  useEffect(() => {
    if (external) setEpoch((n) => n + 1);
  }, [external, scenario]);

  // (Re)start the session on every completed analysis (its settings are the worker's last run)
  // and whenever the scenario changed from outside; close it when nothing is being edited.
  useEffect(() => {
    if (!client || !done) return;
    const s = ++session.current;
    setSelectedId(null);
    if (!wanted) {
      setState(null);
      setSessionType(null);
      void whatIfEnd(client);
      return;
    }
    const spec = done.cmd.types.find((x) => x.code === wanted);
    if (!spec) return;
    const start = scenarioRef.current;
    own.current = { key: start?.key ?? null, actions: start?.actions ?? [], ids: [], edits: [] };
    setBusy(true);
    setSessionType(wanted);
    whatIfStart(client, spec, [...(start?.actions ?? [])])
      .then((st) => {
        if (s === session.current) {
          own.current.ids = [...st.ids];
          setState(st);
          setError(null);
        }
      })
      .catch((e: unknown) => {
        if (s === session.current) {
          setState(null);
          setError((e as Error).message);
        }
      })
      .finally(() => {
        if (s === session.current) setBusy(false);
      });
  }, [client, done, wanted, epoch]);
  const scenarioRef = useRef(scenario);
  scenarioRef.current = scenario;

  const apply = useCallback(
    (t: string, e: WhatIfEdit) => {
      if (!client || busy || !state || sessionType !== t) return false;
      const o = own.current;
      let action: FacilityAction;
      try {
        action = actionOfEdit(t, e, o.ids, o.actions.length);
      } catch (err) {
        setError((err as Error).message);
        return false;
      }
      o.actions = [...o.actions, action];
      o.edits.push(e);
      record([action]);
      const s = session.current;
      setBusy(true);
      whatIfEdit(client, e)
        .then((st) => {
          if (s === session.current) {
            setState(st);
            if (e.op === 'add' && st.id !== undefined) setSelectedId(st.id);
          }
        })
        .catch((err: unknown) => {
          if (s === session.current) setError((err as Error).message);
        })
        .finally(() => {
          if (s === session.current) setBusy(false);
        });
      if (e.op === 'delete') setSelectedId(null);
      return true;
    },
    [client, state, busy, sessionType, record],
  );

  // The map: edit handlers while editing, the session's facilities while a session is open.
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    v.setEditor(
      editing
        ? {
            adding: true,
            onAdd: (lon, lat) => apply(type, { op: 'add', lon, lat }),
            onPick: (id) => setSelectedId(id),
            onMove: (id, lon, lat) => apply(type, { op: 'move', id, lon, lat }),
          }
        : null,
    );
  }, [view, editing, apply, type]);

  useEffect(() => {
    const show = state && sessionType === type;
    void view.current?.setSiting(
      'siting-edit',
      show ? editFeatures(state, own.current.edits, selectedId) : { type: 'FeatureCollection', features: [] },
    );
  }, [view, state, selectedId, sessionType, type]);

  // The Delete key removes the selected facility while editing.
  useEffect(() => {
    if (!editing || selectedId === null) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key !== 'Delete' || target?.closest('input, select, textarea')) return;
      apply(type, { op: 'delete', id: selectedId });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editing, selectedId, apply, type]);

  return { state: sessionType === type ? state : null, sessionType, busy, error, editing, setEditing, selectedId, apply };
}

/** Map features of the session's facilities: id, kind (loaded, moved, proposed, deleted), selected. */
function editFeatures(s: WhatIfState, edits: readonly WhatIfEdit[], selected: number | null): FeatureCollection {
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
