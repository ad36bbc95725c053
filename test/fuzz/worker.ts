// One fuzz worker: runs cases [start, start + count) of one kind and reports each as it ends,
// so the harness (harness.ts) can tell a slow case from a hang and stop the latter.
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { caseRand } from './harness.ts';
import { KINDS } from './kinds.ts';

const { kind, seed, start, count } = workerData as { kind: string; seed: number; start: number; count: number };
const k = KINDS.find((x) => x.name === kind)!;
for (let i = start; i < start + count; i++) {
  const input = k.make(caseRand(seed, kind, i));
  parentPort!.postMessage({ type: 'start', i });
  const t0 = performance.now();
  let outcome: string, error: string | undefined;
  try {
    outcome = await k.run(input);
  } catch (e) {
    outcome = 'fail';
    error = e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 500) : String(e).slice(0, 500);
  }
  const ms = performance.now() - t0;
  parentPort!.postMessage({
    type: 'end',
    i,
    outcome,
    error,
    ms,
    bytes: input.length,
    heap: getHeapStatistics().used_heap_size,
    external: process.memoryUsage().arrayBuffers,
  });
}
parentPort!.postMessage({ type: 'done' });
