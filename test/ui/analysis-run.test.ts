// The 现状 analysis controller (src/ui/analysisRun.ts): debounced runs, progress, stale and
// superseded answers dropped, another worker's result never shown.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnalysisRun, DEBOUNCE_MS, type RunClient } from '../../src/ui/analysisRun.ts';
import type { CoverageCommand, CoverageResult } from '../../src/core/analysis/command.ts';
import { deferred, type Deferred } from './deferred.ts';

type Answer = { runId: number; result: CoverageResult } | null;
/** A client whose runs the test settles; `calls` lists each run's command and progress callback. */
function fakeClient() {
  const calls: { cmd: CoverageCommand; progress?: (f: number, s: string) => void; answer: Deferred<Answer> }[] = [];
  const client: RunClient = {
    run: (cmd, progress) => {
      const answer = deferred<Answer>();
      calls.push({ cmd, progress, answer });
      return answer.promise;
    },
  };
  return { client, calls };
}
const cmd = (name: string) => ({ types: [], name }) as unknown as CoverageCommand;
const result = (name: string) => ({ name }) as unknown as CoverageResult;
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('analysis run controller', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs at once for the first command, shows progress, then the result', async () => {
    const { client, calls } = fakeClient();
    const a = new AnalysisRun();
    const A = cmd('a');
    a.update(client, A);
    expect(a.state).toEqual({ done: null, running: { fraction: 0, stage: 'queued' }, error: null });
    await settle();
    expect(calls.map((c) => c.cmd)).toEqual([A]);
    calls[0].progress!(0.5, 'network');
    expect(a.state.running).toEqual({ fraction: 0.5, stage: 'network' });
    calls[0].answer.resolve({ runId: 1, result: result('a') });
    await settle();
    expect(a.state).toEqual({ done: { runId: 1, result: result('a'), cmd: A }, running: null, error: null });
  });

  it('waits for typing to pause after the first run, and drops a superseded run’s answer and progress', async () => {
    const { client, calls } = fakeClient();
    const a = new AnalysisRun();
    const A = cmd('a'),
      B = cmd('b'),
      C = cmd('c');
    a.update(client, A);
    await settle();
    calls[0].answer.resolve({ runId: 1, result: result('a') });
    await settle();
    a.update(client, B);
    // The previous result stays (the lists mark it stale) while the new settings run.
    expect(a.state.done?.cmd).toBe(A);
    expect(a.state.running).toEqual({ fraction: 0, stage: 'queued' });
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS - 1);
    a.update(client, C); // typed again before the pause ended: B never runs
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(calls.map((c) => c.cmd)).toEqual([A, C]);
    a.update(client, B);
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(calls.map((c) => c.cmd)).toEqual([A, C, B]);
    // C's answer arrives after B started: dropped, as is its progress.
    calls[1].progress!(0.9, 'late');
    calls[1].answer.resolve({ runId: 2, result: result('c') });
    await settle();
    expect(a.state.done?.cmd).toBe(A);
    expect(a.state.running).toEqual({ fraction: 0, stage: 'queued' });
    calls[2].answer.resolve({ runId: 3, result: result('b') });
    await settle();
    expect(a.state.done).toEqual({ runId: 3, result: result('b'), cmd: B });
  });

  it('ignores a run the client reports superseded (null) and keeps the last error until a run settles', async () => {
    const { client, calls } = fakeClient();
    const a = new AnalysisRun();
    a.update(client, cmd('a'));
    await settle();
    calls[0].answer.reject(new Error('out of memory'));
    await settle();
    expect(a.state).toEqual({ done: null, running: null, error: 'out of memory' });
    const B = cmd('b');
    a.update(client, B);
    expect(a.state.error).toBe('out of memory');
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    calls[1].answer.resolve(null);
    await settle();
    expect(a.state.running).toEqual({ fraction: 0, stage: 'queued' });
    expect(a.state.done).toBeNull();
  });

  it('never shows another worker’s result: a new client starts empty, and none at all is idle', async () => {
    const one = fakeClient(),
      two = fakeClient();
    const a = new AnalysisRun();
    const A = cmd('a');
    a.update(one.client, A);
    await settle();
    one.calls[0].answer.resolve({ runId: 1, result: result('a') });
    await settle();
    a.update(null, A);
    expect(a.state).toEqual({ done: null, running: null, error: null });
    a.update(two.client, A);
    expect(a.state).toEqual({ done: null, running: { fraction: 0, stage: 'queued' }, error: null });
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(two.calls).toHaveLength(1);
  });

  it('drops everything in flight on dispose', async () => {
    const { client, calls } = fakeClient();
    const a = new AnalysisRun();
    a.update(client, cmd('a'));
    await settle();
    a.dispose();
    calls[0].answer.resolve({ runId: 1, result: result('a') });
    await settle();
    expect(a.state.done).toBeNull();
  });
});
