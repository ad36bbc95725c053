// React adapter of what-if editing (src/ui/siting/whatIf.ts), plus the Delete key, which
// removes the selected facility while editing.
import { useEffect, useMemo, useState } from 'react';
import type { AnalysisClient } from '../../analysis/client';
import { whatIfEdit, whatIfEnd, whatIfStart } from '../../analysis/sitingClient';
import type { WhatIfEdit } from '../../core/siting/session';
import type { FacilityAction, Scenario } from '../../core/scenario/scenario';
import type { MapView } from '../../map/MapView';
import type { AnalysisState } from '../analysisRun';
import { useStore } from '../useStore';
import { shownWhatIf, WhatIfController, type WhatIfApi, type WhatIfView } from './whatIf';

export interface WhatIf extends WhatIfView {
  setEditing: (on: boolean) => void;
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
  const [c] = useState(() => new WhatIfController(() => view.current));
  const api = useMemo(
    (): WhatIfApi | null =>
      client && {
        start: (spec, actions) => whatIfStart(client, spec, actions),
        edit: (e) => whatIfEdit(client, e),
        end: () => whatIfEnd(client),
      },
    [client],
  );
  const done = raw.done;
  useEffect(() => c.update({ api, done, type, scenario, record }), [c, api, done, type, scenario, record]);
  useEffect(() => () => c.dispose(), [c]);
  const v = useStore(c);
  const selecting = v.editing && v.selectedId !== null;
  useEffect(() => {
    if (!selecting) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key !== 'Delete' || target?.closest('input, select, textarea')) return;
      c.deleteSelected();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [c, selecting]);
  return { ...shownWhatIf(v, type), setEditing: c.setEditing, apply: c.apply };
}
