// The active scenario's analysis as a controller: re-run in the worker whenever the baseline
// result (settings) or the scenario's actions change. While a run is under way the last one
// stays on screen under its own name (busy); an answer for an older scenario state is dropped,
// never shown as current. A rename alone does not re-run (see `named`).
import type { ScenarioRun } from '../../analysis/scenarioClient';
import type { CoverageCommand, CoverageResult } from '../../core/analysis/command';
import type { FacilityAction, Scenario } from '../../core/scenario/scenario';
import { errorText } from '../errorText';
import { Store } from '../store';

export interface ScenarioState {
  /** The latest completed run of the scenario as it now is (null while none). */
  run: (ScenarioRun & { key: string; name: string }) | null;
  busy: boolean;
  error: string | null;
}

/** Runs the scenario `actions` with `cmd` over the baseline result (src/analysis/scenarioClient.ts). */
export type RunScenario = (actions: readonly FacilityAction[], cmd: CoverageCommand, baseline: CoverageResult) => Promise<ScenarioRun>;

export interface ScenarioRunInputs {
  /** null while no worker is ready. */
  run: RunScenario | null;
  done: { result: CoverageResult; cmd: CoverageCommand } | null;
  scenario: Scenario | null;
}

const NONE: ScenarioState = { run: null, busy: false, error: null };

export class ScenarioRunner extends Store<ScenarioState> {
  private last: ScenarioRunInputs | null = null;
  private seq = 0;

  constructor() {
    super(NONE);
  }

  update(next: ScenarioRunInputs): void {
    const was = this.last;
    this.last = next;
    if (
      was &&
      was.run === next.run &&
      was.done === next.done &&
      was.scenario?.key === next.scenario?.key &&
      was.scenario?.actions === next.scenario?.actions
    )
      return;
    const s = ++this.seq;
    const { run, done, scenario } = next;
    if (!run || !done || !scenario) return this.set(NONE);
    this.set({ run: this.state.run, busy: true, error: null });
    performance.mark('scp:scenario-start');
    run(scenario.actions, done.cmd, done.result)
      .then((r) => {
        if (s !== this.seq) return;
        this.set({ run: { ...r, key: scenario.key, name: scenario.name }, busy: false, error: null });
        performance.mark('scp:scenario-shown');
        performance.measure('scp:scenario-switch', 'scp:scenario-start', 'scp:scenario-shown');
      })
      .catch((e: unknown) => {
        if (s === this.seq) this.set({ run: null, busy: false, error: errorText(e) });
      });
  }

  /** Drops the run in flight. */
  dispose(): void {
    ++this.seq;
    this.last = null;
  }
}

/** `state` with the scenario's current name on its own run: a rename shows at once. */
export function named(state: ScenarioState, scenario: Scenario | null): ScenarioState {
  const name = scenario?.name;
  return state.run && name && state.run.key === scenario?.key && state.run.name !== name
    ? { ...state, run: { ...state.run, name } }
    : state;
}
