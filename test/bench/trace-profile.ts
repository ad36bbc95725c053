// CPU profile of every thread of the page (main thread and workers alike) from a Chrome trace:
// the Tracing domain records the V8 sampling profiler of each thread into ProfileChunk events,
// which this sums into self time per function per thread. Used by test/bench/app-load.ts --profile.
import type { CDPSession } from 'playwright-core';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  id?: string;
  args?: {
    name?: string;
    data?: { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] };
  };
}

/** Starts recording the V8 sampler and thread names of the page's renderer. */
export async function startTrace(cdp: CDPSession): Promise<void> {
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: {
      includedCategories: ['disabled-by-default-v8.cpu_profiler', '__metadata'],
      excludedCategories: ['*'],
    },
  });
}

/** Stops recording and returns the trace's events. */
export async function stopTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const done = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream!)));
  await cdp.send('Tracing.end');
  const stream = await done;
  let text = '';
  for (;;) {
    const r = await cdp.send('IO.read', { handle: stream, size: 1 << 22 });
    text += r.base64Encoded ? Buffer.from(r.data, 'base64').toString('utf8') : r.data;
    if (r.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const json = JSON.parse(text) as TraceEvent[] | { traceEvents: TraceEvent[] };
  return Array.isArray(json) ? json : json.traceEvents;
}

/** Per thread of pages served from `origin` (e.g. http://127.0.0.1:4173): total sampled ms and
 *  the `top` functions by self ms. */
export function selfTimes(
  events: TraceEvent[],
  origin: string,
  top = 12,
): { thread: string; totalMs: number; rows: { fn: string; ms: number }[] }[] {
  const names = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name' && e.args?.name) names.set(`${e.pid}:${e.tid}`, e.args.name);
  // A profile's chunks share its id; nodes arrive incrementally, samples refer to them by id.
  const profiles = new Map<string, { thread: string; nodes: Map<number, CallFrame>; self: Map<number, number> }>();
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !e.args?.data) continue;
    const key = `${e.pid}:${e.id}`;
    let p = profiles.get(key);
    if (!p) {
      p = { thread: `${names.get(`${e.pid}:${e.tid}`) ?? 'thread'} ${e.tid}`, nodes: new Map(), self: new Map() };
      profiles.set(key, p);
    }
    const { cpuProfile, timeDeltas = [] } = e.args.data;
    for (const n of cpuProfile?.nodes ?? []) p.nodes.set(n.id, n.callFrame);
    // Each delta is the time since the previous sample: credit it to this sample's function.
    (cpuProfile?.samples ?? []).forEach((id, k) => p.self.set(id, (p.self.get(id) ?? 0) + (timeDeltas[k] ?? 0) / 1000));
  }
  const byThread = new Map<string, Map<string, number>>();
  for (const p of profiles.values()) {
    if (![...p.nodes.values()].some((f) => f?.url?.startsWith(origin))) continue; // the browser's own pages
    const fns = byThread.get(p.thread) ?? new Map<string, number>();
    byThread.set(p.thread, fns);
    for (const [id, ms] of p.self) {
      const f = p.nodes.get(id);
      const file = f?.url ? f.url.slice(f.url.lastIndexOf('/') + 1) : '';
      const name = `${f?.functionName || '(anonymous)'}${file ? ` ${file}:${f!.lineNumber + 1}` : ''}`;
      fns.set(name, (fns.get(name) ?? 0) + ms);
    }
  }
  return [...byThread]
    .map(([thread, fns]) => {
      const all = [...fns].filter(([fn]) => fn !== '(idle)' && fn !== '(program)');
      // Workers share one thread name: tell them apart by the script with the most self time.
      const files = new Map<string, number>();
      for (const [fn, ms] of all) {
        const file = /\s(\S+):\d+$/.exec(fn)?.[1];
        if (file) files.set(file, (files.get(file) ?? 0) + ms);
      }
      const main = [...files].sort((a, b) => b[1] - a[1])[0]?.[0];
      return {
        thread: main ? `${thread} (mostly ${main})` : thread,
        totalMs: all.reduce((s, [, ms]) => s + ms, 0),
        rows: all
          .sort((a, b) => b[1] - a[1])
          .slice(0, top)
          .map(([fn, ms]) => ({ fn, ms })),
      };
    })
    .filter((t) => t.totalMs > 1)
    .sort((a, b) => b.totalMs - a.totalMs);
}
