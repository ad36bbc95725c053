// A scenario's analysis without re-running what it does not change: only the types its actions
// touch are run on the scenario's facilities; every other type is the baseline's own result
// (same facilities, same figures), its per-household facility indices renumbered into the
// scenario's facility layer. Equal to a full run on the scenario's facilities.
import type { CoverageCommand, CoverageResult, TypeResult } from '../analysis/command.ts';
import type { FacilityChange } from './scenario.ts';

/** Catalogue codes of the types whose facilities a scenario's changes touch. */
export function touchedTypes(changes: readonly FacilityChange[]): Set<string> {
  return new Set(changes.map((c) => c.type));
}

/** `cmd` narrowed to the types in `codes` (the run a scenario needs). */
export function touchedCommand(cmd: CoverageCommand, codes: Set<string>): CoverageCommand {
  return { ...cmd, types: cmd.types.filter((t) => codes.has(t.code)) };
}

/** The scenario's full result: `touched` (a run of the touched types on the scenario's
 *  facilities) and `baseline` for the rest; `fromBaseline` is applyScenario's (baseline index of
 *  each scenario facility, −1 for added ones), `baselineCount` the baseline's facility count and
 *  `counts` the scenario engine's unattachedCounts for the full command. */
export function scenarioResult(
  baseline: CoverageResult,
  touched: CoverageResult,
  fromBaseline: Int32Array,
  baselineCount: number,
  counts: Pick<CoverageResult, 'unattached' | 'unattachedFacilities'>,
): CoverageResult {
  const toScenario = new Int32Array(baselineCount).fill(-1);
  fromBaseline.forEach((b, k) => {
    if (b >= 0) toScenario[b] = k;
  });
  const types = baseline.types.map((t): TypeResult => {
    const run = touched.types.find((x) => x.code === t.code);
    if (run) return run;
    const facility = t.household.facility.map((f) => (f >= 0 ? toScenario[f] : f));
    return { ...t, household: { minutes: t.household.minutes, facility } };
  });
  return { ...baseline, types, ...counts };
}
