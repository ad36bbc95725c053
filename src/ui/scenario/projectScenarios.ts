// The scenarios a restored, opened or reset project brings: its own, or, for an older file, its
// what-if edits as one scenario once the baseline facilities they point at are known (the
// project is then rewritten with that scenario in place of the edits).
import type { FeatureCollection } from 'geojson';
import type { Project } from '../../analysis/project';
import { actionsOfEdits } from '../../core/scenario/from-edits';
import { createScenario, NO_SCENARIOS, recordActions, type Scenarios } from '../../core/scenario/scenarios';

/** `facilities`: the baseline facilities (null while the data loads); `name`: a new scenario's name. */
export function projectScenarios(
  p: Project,
  facilities: FeatureCollection | null,
  name: string,
): { rewrite: Project; scenarios?: never } | { scenarios: Scenarios; rewrite?: never } {
  if (!p.scenarios && p.edits && facilities) {
    const { type, edits } = p.edits;
    const ids = facilities.features.flatMap((f, i) => (f.properties?.type === type ? [String(f.properties?.id ?? i)] : []));
    const converted = recordActions(createScenario(NO_SCENARIOS, name), 's1', actionsOfEdits(type, edits, ids));
    return { rewrite: { ...p, edits: undefined, scenarios: converted } };
  }
  return { scenarios: p.scenarios ?? NO_SCENARIOS };
}
