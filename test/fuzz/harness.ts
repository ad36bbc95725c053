// Runs fuzz cases of one kind in a worker thread under a watchdog: a case that runs past
// `caseTimeoutMs` is a hang (the worker is stopped), a worker out of its heap limit is a
// memory failure; both are reported with the case index, which regenerates the input.
import { Worker } from 'node:worker_threads';
import { KINDS } from './kinds.ts';
import { rng, type Rand } from './mutate.ts';

/** The generator of case `i` of `kind` (a hash of seed, kind and index: cases are independent). */
export function caseRand(seed: number, kind: string, i: number): Rand {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const c of `${kind}:${i}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return rng(h);
}

/** The input of one case, for saving or replaying a failure. */
export function caseInput(kind: string, seed: number, i: number): Uint8Array | string {
  return KINDS.find((k) => k.name === kind)!.make(caseRand(seed, kind, i));
}

export interface Failure {
  i: number;
  why: string;
}

export interface FuzzStats {
  kind: string;
  cases: number;
  ok: number;
  refused: number;
  failures: Failure[];
  slowest: { i: number; ms: number; bytes: number };
  totalMs: number;
  /** Largest JS heap in use after a case, and largest ArrayBuffer total, bytes. */
  peakHeap: number;
  peakExternal: number;
}

export interface FuzzOptions {
  seed?: number;
  caseTimeoutMs?: number;
  /** Heap limit of the worker, MB (a case needing more fails as out of memory). */
  heapMb?: number;
  onProgress?: (done: number) => void;
}

/** Runs `count` cases of `kind`; resolves with the figures (never rejects for a failing case). */
export function fuzz(kind: string, count: number, o: FuzzOptions = {}): Promise<FuzzStats> {
  const seed = o.seed ?? 13,
    caseTimeoutMs = o.caseTimeoutMs ?? 30_000;
  const stats: FuzzStats = {
    kind,
    cases: 0,
    ok: 0,
    refused: 0,
    failures: [],
    slowest: { i: -1, ms: 0, bytes: 0 },
    totalMs: 0,
    peakHeap: 0,
    peakExternal: 0,
  };
  const t0 = performance.now();
  let next = 0;
  const runFrom = (start: number): Promise<void> =>
    new Promise((resolve) => {
      // The worker is TypeScript: tsx's loader is registered inside it first.
      const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(new URL('./worker.ts', import.meta.url).href)}); })`;
      const w = new Worker(boot, {
        eval: true,
        workerData: { kind, seed, start, count: count - start },
        resourceLimits: { maxOldGenerationSizeMb: o.heapMb ?? 1024 },
      });
      let current = start,
        timer: NodeJS.Timeout | undefined,
        settled = false;
      const finish = (restartAt: number | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void w.terminate();
        next = restartAt ?? count;
        resolve();
      };
      w.on(
        'message',
        (m: { type: string; i: number; outcome: string; error?: string; ms: number; bytes: number; heap: number; external: number }) => {
          if (m.type === 'start') {
            current = m.i;
            clearTimeout(timer);
            timer = setTimeout(() => {
              stats.failures.push({ i: current, why: `no end after ${caseTimeoutMs} ms (hang)` });
              stats.cases++;
              finish(current + 1);
            }, caseTimeoutMs);
          } else if (m.type === 'end') {
            clearTimeout(timer);
            stats.cases++;
            if (m.outcome === 'ok') stats.ok++;
            else if (m.outcome === 'refused') stats.refused++;
            else stats.failures.push({ i: m.i, why: m.error ?? 'failed' });
            if (m.ms > stats.slowest.ms) stats.slowest = { i: m.i, ms: m.ms, bytes: m.bytes };
            stats.peakHeap = Math.max(stats.peakHeap, m.heap);
            stats.peakExternal = Math.max(stats.peakExternal, m.external);
            o.onProgress?.(stats.cases);
          } else if (m.type === 'done') finish(null);
        },
      );
      w.on('error', (e) => {
        stats.failures.push({ i: current, why: `worker died: ${e.message}` });
        stats.cases++;
        finish(current + 1);
      });
      w.on('exit', () => finish(null));
    });
  return (async () => {
    while (next < count) await runFrom(next);
    stats.totalMs = performance.now() - t0;
    return stats;
  })();
}
