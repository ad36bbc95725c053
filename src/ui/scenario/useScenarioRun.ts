// React hook: the active scenario's analysis, re-run in the worker whenever the baseline result
// (settings) or the scenario's actions change. Only the types the scenario touches are run; an
// answer for an older scenario state is dropped, never shown as current.
import { useEffect, useRef, useState } from 'react';
import type { AnalysisClient } from '../../analysis/client';
import { runScenario, type ScenarioRun } from '../../analysis/scenarioClient';
import type { CoverageCommand, CoverageResult } from '../../core/analysis/command';
import type { Scenario } from '../../core/scenario/scenario';

export interface ScenarioState {
  /** The latest completed run of the scenario as it now is (null while none). */
  run: (ScenarioRun & { key: string; name: string }) | null;
  busy: boolean;
  error: string | null;
}

export function useScenarioRun(
  client: AnalysisClient | null,
  done: { result: CoverageResult; cmd: CoverageCommand } | null,
  scenario: Scenario | null,
): ScenarioState {
  const [state, setState] = useState<ScenarioState>({ run: null, busy: false, error: null });
  const seq = useRef(0);
  const key = scenario?.key ?? null,
    actions = scenario?.actions;
  // The name is read when a run starts; renaming alone does not re-run (see the return).
  const current = useRef(scenario);
  current.current = scenario;
  useEffect(() => {
    const s = ++seq.current,
      scenario = current.current;
    if (!client || !done || !scenario) {
      setState({ run: null, busy: false, error: null });
      return;
    }
    // The last run stays on screen, under its own name, until the new one lands.
    setState((x) => ({ run: x.run, busy: true, error: null }));
    performance.mark('scp:scenario-start');
    runScenario(client, scenario.actions, done.cmd, done.result)
      .then((r) => {
        if (s !== seq.current) return;
        setState({ run: { ...r, key: scenario.key, name: scenario.name }, busy: false, error: null });
        performance.mark('scp:scenario-shown');
        performance.measure('scp:scenario-switch', 'scp:scenario-start', 'scp:scenario-shown');
      })
      .catch((e: unknown) => {
        if (s === seq.current) setState({ run: null, busy: false, error: (e as Error).message });
      });
  }, [client, done, key, actions]);
  // A rename shows at once on the scenario's own run.
  const name = scenario?.name;
  return state.run && name && state.run.key === scenario?.key && state.run.name !== name
    ? { ...state, run: { ...state.run, name } }
    : state;
}
