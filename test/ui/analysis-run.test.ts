// The 现状 analysis controller (src/ui/analysisRun.ts): debounced runs, progress, stale and
// superseded answers dropped, another worker's result never shown.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnalysisRun, DEBOUNCE_MS, type RunClient } from '../../src/ui/analysisRun.ts';
import { defaultCommand, type CoverageCommand, type CoverageResult, type TypeResult } from '../../src/core/analysis/command.ts';
import { deferred, type Deferred } from './deferred.ts';

type Answer = { runId: number; result: CoverageResult } | null;
/** A client whose runs the test settles; `calls` lists each run's command and progress callback. */
function fakeClient() {
  const calls: { cmd: CoverageCommand; progress?: (f: number, s: string) => void; types?: string[]; answer: Deferred<Answer> }[] = [];
  const client: RunClient = {
    run: (cmd, progress, types) => {
      const answer = deferred<Answer>();
      calls.push({ cmd, progress, types, answer });
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

  // Results of real commands: each type's result names the run it came from.
  const typed = (c: CoverageCommand, run: string) =>
    ({
      types: c.types.map((t) => ({ code: t.code, minutes: t.minutes, run }) as unknown as TypeResult),
      counts: run,
    }) as unknown as CoverageResult;

  it('runs the shown type first on a new worker, then the rest, and shows their merge', async () => {
    const { client, calls } = fakeClient();
    const a = new AnalysisRun();
    const A = defaultCommand();
    a.update(client, A, 'fitness');
    await settle();
    expect(calls[0].cmd.types.map((t) => t.code)).toEqual(['fitness']);
    expect(calls[0].types).toBeUndefined();
    calls[0].answer.resolve({ runId: 1, result: typed(calls[0].cmd, 'first') });
    await settle();
    // Shown at once (as the narrower command's result) while the rest runs.
    expect(a.state.done?.result.types.map((t) => t.code)).toEqual(['fitness']);
    expect(a.state.running).toEqual({ fraction: 0, stage: 'queued' });
    expect(calls[1].cmd).toBe(A);
    expect(calls[1].types).toEqual(A.types.map((t) => t.code).filter((c) => c !== 'fitness'));
    calls[1].answer.resolve({ runId: 2, result: typed({ ...A, types: A.types.filter((t) => t.code !== 'fitness') }, 'rest') });
    await settle();
    const done = a.state.done!;
    expect(done.cmd).toBe(A);
    expect(a.state.running).toBeNull();
    expect(done.result.types.map((t) => [t.code, (t as unknown as { run: string }).run])).toEqual(
      A.types.map((t) => [t.code, t.code === 'fitness' ? 'first' : 'rest']),
    );
    expect((done.result as unknown as { counts: string }).counts).toBe('rest');
  });

  it('runs the rest of the first run only once the shown type is drawn', async () => {
    const { client, calls } = fakeClient();
    const drawn = deferred<void>();
    const a = new AnalysisRun(() => drawn.promise);
    const A = defaultCommand();
    a.update(client, A, 'fitness');
    await settle();
    calls[0].answer.resolve({ runId: 1, result: typed(calls[0].cmd, 'first') });
    await settle();
    expect(a.state.done?.result.types.map((t) => t.code)).toEqual(['fitness']);
    expect(calls).toHaveLength(1);
    drawn.resolve();
    await settle();
    expect(calls).toHaveLength(2);
    expect(calls[1].types).toEqual(A.types.map((t) => t.code).filter((c) => c !== 'fitness'));
  });

  it('re-runs only the type whose threshold changed, keeping the others’ results', async () => {
    const { client, calls } = fakeClient();
    const a = new AnalysisRun();
    const A = defaultCommand();
    a.update(client, A);
    await settle();
    expect(calls[0].types).toBeUndefined();
    calls[0].answer.resolve({ runId: 1, result: typed(A, 'a') });
    await settle();
    const B = defaultCommand();
    B.types[2].minutes += 5;
    a.update(client, B, B.types[2].code);
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(calls[1].types).toEqual([B.types[2].code]);
    calls[1].answer.resolve({ runId: 2, result: typed({ ...B, types: [B.types[2]] }, 'b') });
    await settle();
    const r = a.state.done!.result.types as unknown as { code: string; minutes: number; run: string }[];
    expect(r.map((t) => t.run)).toEqual(B.types.map((_, k) => (k === 2 ? 'b' : 'a')));
    expect(r.map((t) => t.minutes)).toEqual(B.types.map((t) => t.minutes));
    // A shared setting re-runs every type.
    a.update(client, { ...B, detour: B.detour + 0.2 });
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(calls[2].types).toBeUndefined();
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
