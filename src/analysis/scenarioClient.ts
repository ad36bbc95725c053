// Main-thread side of the worker's scenario API: a scenario's full result (the touched types run
// in the worker, the rest taken from the baseline result held here, core/scenario/result.ts) and
// its facilities as the indicator table reads them.
import type { CoverageCommand, CoverageResult } from '../core/analysis/command';
import type { FacilityAction, FacilityChange } from '../core/scenario/scenario';
import { scenarioResult } from '../core/scenario/result';
import type { IndicatorBase } from '../core/indicators/from-layers';
import type { AnalysisClient } from './client';

/** A scenario's analysis, ready to show. */
export interface ScenarioRun {
  result: CoverageResult;
  changes: FacilityChange[];
  /** The scenario's facilities as the indicators read them (type, floor area, community). */
  facilities: IndicatorBase['facilities'];
  /** Facility names by index in the scenario's layer (household.facility indexes them). */
  facilityNames: string[];
}

// Scenario run ids live apart from the coverage and siting runs', so cancelling never crosses.
let nextScenarioRun = 2_000_000_000;

/** Runs the scenario `actions` with `cmd` over the baseline result `baseline` (same command). */
export async function runScenario(
  client: AnalysisClient,
  actions: readonly FacilityAction[],
  cmd: CoverageCommand,
  baseline: CoverageResult,
): Promise<ScenarioRun> {
  const out = await client.remote.scenario([...actions], cmd, nextScenarioRun++);
  const f = out.facilities;
  return {
    result: scenarioResult(baseline, out.touched, out.fromBaseline, out.baselineCount, out.counts),
    changes: out.changes,
    facilities: { count: f.count, type: f.type, area: f.area, community: f.community, catalogue: f.catalogue },
    facilityNames: f.names,
  };
}
