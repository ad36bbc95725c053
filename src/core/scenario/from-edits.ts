// What-if edits (the map editor's add / move / delete of one type's facilities, named by their
// place in the editing session) as scenario actions (named by facility id), so every edit and
// accepted site is recorded in the active scenario.
import type { WhatIfEdit } from '../siting/session.ts';
import type { FacilityAction } from './scenario.ts';

/** The action for one edit. `ids` are the session's facility ids by session index (the loaded
 *  ones first); an add appends the id applyScenario will give it (`+<action number>`), where
 *  `index` is the action's place in the scenario. */
export function actionOfEdit(type: string, e: WhatIfEdit, ids: string[], index: number): FacilityAction {
  if (e.op === 'add') {
    ids.push(`+${index + 1}`);
    return { action: 'add', type, lon: e.lon, lat: e.lat };
  }
  const id = ids[e.id];
  if (id === undefined) throw new Error(`facility ${e.id} is not in the session`);
  return e.op === 'move' ? { action: 'move', id, lon: e.lon, lat: e.lat } : { action: 'remove', id };
}

/** Edits saved by an older project (one type, session indices over the baseline's facilities
 *  of that type in layer order) as actions, so they are kept as a scenario. */
export function actionsOfEdits(type: string, edits: readonly WhatIfEdit[], baselineIds: string[]): FacilityAction[] {
  const ids = [...baselineIds],
    out: FacilityAction[] = [];
  for (const e of edits) out.push(actionOfEdit(type, e, ids, out.length));
  return out;
}
