// The active scenario's analysis (src/ui/scenario/scenarioRun.ts): re-run on new actions or a
// new baseline, the last run kept (busy) meanwhile, stale answers dropped, a rename not re-run.
import { describe, expect, it } from 'vitest';
import { named, ScenarioRunner, type RunScenario } from '../../src/ui/scenario/scenarioRun.ts';
import type { ScenarioRun } from '../../src/analysis/scenarioClient.ts';
import type { CoverageCommand, CoverageResult } from '../../src/core/analysis/command.ts';
import type { FacilityAction, Scenario } from '../../src/core/scenario/scenario.ts';
import { deferred, flush, type Deferred } from './deferred.ts';

function fake() {
  const asked: { actions: readonly FacilityAction[]; answer: Deferred<ScenarioRun> }[] = [];
  const run: RunScenario = (actions) => {
    const answer = deferred<ScenarioRun>();
    asked.push({ actions, answer });
    return answer.promise;
  };
  return { run, asked };
}
const done = { result: {} as CoverageResult, cmd: {} as CoverageCommand };
const out = (n: number) => ({ changes: [], n }) as unknown as ScenarioRun;
const A: Scenario = { key: 's1', name: 'A', actions: [] };

describe('scenario run controller', () => {
  it('runs the scenario, keeps the last run on screen while the next computes, and drops stale answers', async () => {
    const f = fake();
    const r = new ScenarioRunner();
    r.update({ run: f.run, done, scenario: A });
    expect(r.state).toEqual({ run: null, busy: true, error: null });
    f.asked[0].answer.resolve(out(1));
    await flush();
    expect(r.state).toEqual({ run: { ...out(1), key: 's1', name: 'A' }, busy: false, error: null });
    const A2 = { ...A, actions: [{ action: 'remove', id: 'f1' }] as FacilityAction[] };
    const A3 = { ...A, actions: [...A2.actions, { action: 'remove', id: 'f2' }] as FacilityAction[] };
    r.update({ run: f.run, done, scenario: A2 });
    r.update({ run: f.run, done, scenario: A3 });
    expect(r.state).toEqual({ run: { ...out(1), key: 's1', name: 'A' }, busy: true, error: null });
    f.asked[1].answer.resolve(out(2));
    await flush();
    expect(r.state.busy).toBe(true);
    f.asked[2].answer.resolve(out(3));
    await flush();
    expect(r.state.run).toEqual({ ...out(3), key: 's1', name: 'A' });
  });

  it('shows a rename at once without a re-run; no scenario or no worker clears it; a failure is reported', async () => {
    const f = fake();
    const r = new ScenarioRunner();
    r.update({ run: f.run, done, scenario: A });
    f.asked[0].answer.resolve(out(1));
    await flush();
    const renamed = { ...A, name: 'B' };
    r.update({ run: f.run, done, scenario: renamed });
    expect(f.asked).toHaveLength(1);
    expect(named(r.state, renamed).run?.name).toBe('B');
    r.update({ run: null, done, scenario: renamed });
    expect(r.state).toEqual({ run: null, busy: false, error: null });
    r.update({ run: f.run, done, scenario: renamed });
    f.asked[1].answer.reject(new Error('unknown facility f9'));
    await flush();
    expect(r.state).toEqual({ run: null, busy: false, error: 'unknown facility f9' });
  });
});
