// React hook for what-if editing: keeps the proposed edits of one facility type (app state, so a
// project can save them), a worker session that replays them after every completed analysis,
// and the coverage result with the edits applied, which the rest of the app shows instead.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Feature, FeatureCollection } from 'geojson';
import type { AnalysisClient } from '../../analysis/client';
import type { AreaIndex } from '../../analysis/areaIndex';
import { whatIfEdit, whatIfEnd, whatIfStart, type SitingEdits, type WhatIfState } from '../../analysis/sitingClient';
import { withWhatIf } from '../../core/siting/whatif-result';
import type { WhatIfEdit } from '../../core/siting/session';
import type { MapView } from '../../map/MapView';
import type { AnalysisState } from '../useAnalysis';

export interface WhatIf {
  /** The analysis with the edits applied to their type (the raw one when there are none). */
  analysis: AnalysisState;
  /** Proposed edits (null: none). */
  edits: SitingEdits | null;
  setEdits: (e: SitingEdits | null) => void;
  /** The worker's state after the last edit, and whether the session is catching up. */
  state: WhatIfState | null;
  busy: boolean;
  error: string | null;
  /** Map edit mode on/off, and the selected what-if facility id. */
  editing: boolean;
  setEditing: (on: boolean) => void;
  selectedId: number | null;
  /** Applies one edit of facilities of `type` (starting over if the edits were of another type);
   *  false when a session is still starting and the edit was not taken. */
  apply: (type: string, e: WhatIfEdit) => boolean;
}

/** What-if editing over `raw` (the app's analysis) for the type `type` shown on the map. */
export function useWhatIf(client: AnalysisClient | null, raw: AnalysisState, idx: AreaIndex | null, type: string,
  view: { current: MapView | null }): WhatIf {
  const [edits, setEditsState] = useState<SitingEdits | null>(null);
  const [state, setState] = useState<WhatIfState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  // Bumped when the edit list is replaced (not appended to): the session then starts over.
  const [epoch, setEpoch] = useState(0);
  const editsRef = useRef(edits);
  editsRef.current = edits;
  // Each session gets a number; answers from an older session are dropped.
  const session = useRef(0);
  const done = raw.done;
  const sessionType = edits?.type ?? (editing ? type : null);

  // (Re)start the session on every completed analysis (its settings are the worker's last run),
  // replaying the edits, or close it when nothing is edited.
  useEffect(() => {
    if (!client || !done) return;
    const s = ++session.current;
    if (!sessionType) { setState(null); void whatIfEnd(client); return; }
    const spec = done.cmd.types.find((x) => x.code === sessionType);
    if (!spec) return;
    setBusy(true);
    whatIfStart(client, spec, editsRef.current?.type === sessionType ? editsRef.current.edits : [])
      .then((st) => { if (s === session.current) { setState(st); setError(null); } })
      .catch((e: unknown) => { if (s === session.current) setError((e as Error).message); })
      .finally(() => { if (s === session.current) setBusy(false); });
  }, [client, done, sessionType, epoch]);

  const setEdits = useCallback((e: SitingEdits | null) => {
    // A new list (loaded project, cleared) restarts the session through the effect above.
    editsRef.current = e;
    setEditsState(e);
    setSelectedId(null);
    session.current++;
    setState(null);
    setEpoch((n) => n + 1);
  }, []);

  const apply = useCallback((t: string, e: WhatIfEdit) => {
    if (!client) return false;
    const cur = editsRef.current;
    if (cur && cur.type !== t) { setEdits({ type: t, edits: [e] }); return true; }
    if (!state || sessionType !== t) {
      // No session of this type yet: start one with the edit replayed (unless one is starting).
      if (busy && sessionType === t) return false;
      setEdits({ type: t, edits: [...(cur?.type === t ? cur.edits : []), e] });
      return true;
    }
    const next = { type: t, edits: [...(cur?.edits ?? []), e] };
    editsRef.current = next;
    setEditsState(next);
    const s = session.current;
    setBusy(true);
    whatIfEdit(client, e)
      .then((st) => { if (s === session.current) { setState(st); if (e.op === 'add' && st.id !== undefined) setSelectedId(st.id); } })
      .catch((err: unknown) => { if (s === session.current) setError((err as Error).message); })
      .finally(() => { if (s === session.current) setBusy(false); });
    if (e.op === 'delete') setSelectedId(null);
    return true;
  }, [client, state, busy, sessionType, setEdits]);

  // The map: edit handlers while editing, the session's facilities whenever edits are shown.
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    v.setEditor(editing ? {
      adding: true,
      onAdd: (lon, lat) => apply(type, { op: 'add', lon, lat }),
      onPick: (id) => setSelectedId(id),
      onMove: (id, lon, lat) => apply(type, { op: 'move', id, lon, lat }),
    } : null);
  }, [view, editing, apply, type]);

  useEffect(() => {
    const show = state && sessionType === type;
    void view.current?.setSiting('siting-edit', show ? editFeatures(state, edits, selectedId) : { type: 'FeatureCollection', features: [] });
  }, [view, state, edits, selectedId, sessionType, type]);

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

  const analysis = useMemo((): AnalysisState => {
    if (!raw.done || !state || !idx || !edits?.edits.length) return raw;
    return { ...raw, done: { ...raw.done, result: withWhatIf(raw.done.result, edits.type, state, idx.places.regions.countyOf) } };
  }, [raw, state, idx, edits]);

  return { analysis, edits, setEdits, state, busy, error, editing, setEditing, selectedId, apply };
}

/** Map features of the session's facilities: id, kind (loaded, moved, proposed, deleted), selected. */
function editFeatures(s: WhatIfState, edits: SitingEdits | null, selected: number | null): FeatureCollection {
  const f = s.facilities, moved = new Set<number>();
  for (const e of edits?.edits ?? []) if (e.op === 'move' && e.id < f.loaded) moved.add(e.id);
  const features: Feature[] = [];
  for (let id = 0; id < f.alive.length; id++) {
    const kind = !f.alive[id] ? 'deleted' : id >= f.loaded ? 'proposed' : moved.has(id) ? 'moved' : 'loaded';
    if (kind === 'deleted' && id >= f.loaded) continue; // a deleted proposal simply goes
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [f.coords[2 * id], f.coords[2 * id + 1]] },
      properties: { id, kind, selected: id === selected } });
  }
  return { type: 'FeatureCollection', features };
}
