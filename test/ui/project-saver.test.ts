// Saving the project (src/ui/project/projectSaver.ts): nothing before the saved one is read,
// one save per pause, only the latest outcome shown, a failure cleared by the next good save.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProjectSaver, SAVE_DELAY_MS, type ProjectSaveInputs } from '../../src/ui/project/projectSaver.ts';
import { emptyProject, type Project } from '../../src/analysis/project.ts';
import { defaultSettings } from '../../src/analysis/settings.ts';
import { createScenario, NO_SCENARIOS } from '../../src/core/scenario/scenarios.ts';
import { deferred, type Deferred } from './deferred.ts';

function fake() {
  const saved: { p: Project; done: Deferred<void> }[] = [],
    counts: number[] = [];
  const saver = new ProjectSaver(
    (p) => {
      const done = deferred<void>();
      saved.push({ p, done });
      return done.promise;
    },
    (n) => counts.push(n),
  );
  return { saver, saved, counts };
}
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('project saver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits for the saved project to be read, then saves once per pause with the settings and scenarios', async () => {
    const { saver, saved, counts } = fake();
    const x: ProjectSaveInputs = { ready: false, project: emptyProject(), settings: defaultSettings(), scenarios: NO_SCENARIOS };
    saver.update(x);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 2);
    expect(saved).toHaveLength(0);
    saver.update({ ...x, ready: true });
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS - 1);
    const scenarios = createScenario(NO_SCENARIOS, 'A');
    saver.update({ ...x, ready: true, scenarios }); // a change before the pause ended: one save, the latest
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(saved).toHaveLength(1);
    expect(saved[0].p.scenarios).toBe(scenarios);
    expect(saved[0].p.settings).toBe(x.settings);
    saved[0].done.resolve();
    await settle();
    expect(saver.state).toEqual({ error: null });
    expect(counts).toEqual([1]);
  });

  it('shows why the latest save failed, ignores an older one’s failure, and clears it on the next good save', async () => {
    const { saver, saved } = fake();
    const x: ProjectSaveInputs = { ready: true, project: emptyProject(), settings: defaultSettings(), scenarios: NO_SCENARIOS };
    saver.update(x);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    saver.update({ ...x, settings: { ...x.settings } });
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(saved).toHaveLength(2);
    saved[0].done.reject(new Error('older'));
    await settle();
    expect(saver.state.error).toBeNull();
    saved[1].done.reject(new Error('QuotaExceededError'));
    await settle();
    expect(saver.state).toEqual({ error: 'QuotaExceededError' });
    saver.update({ ...x, project: emptyProject() });
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    saved[2].done.resolve();
    await settle();
    expect(saver.state).toEqual({ error: null });
  });
});
