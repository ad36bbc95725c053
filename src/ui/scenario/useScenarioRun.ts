// React adapter of the active scenario's analysis (src/ui/scenario/scenarioRun.ts).
import { useEffect, useMemo, useState } from 'react';
import type { AnalysisClient } from '../../analysis/client';
import { runScenario } from '../../analysis/scenarioClient';
import type { CoverageCommand, CoverageResult } from '../../core/analysis/command';
import type { Scenario } from '../../core/scenario/scenario';
import { useStore } from '../useStore';
import { named, ScenarioRunner, type ScenarioState } from './scenarioRun';

export function useScenarioRun(
  client: AnalysisClient | null,
  done: { result: CoverageResult; cmd: CoverageCommand } | null,
  scenario: Scenario | null,
): ScenarioState {
  const [runner] = useState(() => new ScenarioRunner());
  const run = useMemo(
    () => (client ? (a: Parameters<typeof runScenario>[1], c: CoverageCommand, r: CoverageResult) => runScenario(client, a, c, r) : null),
    [client],
  );
  useEffect(() => runner.update({ run, done, scenario }), [runner, run, done, scenario]);
  useEffect(() => () => runner.dispose(), [runner]);
  return named(useStore(runner), scenario);
}
