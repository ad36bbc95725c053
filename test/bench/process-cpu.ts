// CPU time of a Chromium instance's processes by kind (renderer, GPU process, the rest), read
// from /proc: on a shared machine wall times follow the load, CPU time much less so, and the
// GPU process (software WebGL without a GPU) is invisible to the V8 profiles. The renderers'
// time is also split by thread: the page's main thread, its workers, the thread pool (V8's
// background compiling and GC, script streaming), the page's other threads, and the renderer of
// Chromium's own pages (a fresh browser loads its omnibox popup, --top-chrome-webui, while the
// app starts). Linux only; empty elsewhere. Used by test/bench/app-load.ts.
import { readdirSync, readFileSync } from 'node:fs';

/** Per process (key: pid) or thread (key: pid/tid) of the Chromium started with `userDataDir`:
 *  its kind and CPU ms (user + system). */
export type ProcessCpu = Map<string, { kind: string; ms: number }>;

const TICK_MS = 10; // USER_HZ = 100 on Linux

/** CPU ms (user + system) of a /proc/…/stat line, and the name in it. */
function stat(path: string): { name: string; ms: number } {
  const s = readFileSync(path, 'utf8');
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
  return { name: s.slice(s.indexOf('(') + 1, s.lastIndexOf(')')), ms: (Number(f[11]) + Number(f[12])) * TICK_MS };
}

/** The processes of the Chromium started with `userDataDir`, with their command lines. */
function processes(userDataDir: string): { pid: string; cmd: string }[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return [];
  }
  return pids.flatMap((pid) => {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return cmd.includes(userDataDir) ? [{ pid, cmd }] : [];
    } catch {
      return []; // the process ended meanwhile
    }
  });
}

export function processCpu(userDataDir: string): ProcessCpu {
  const out: ProcessCpu = new Map();
  for (const { pid, cmd } of processes(userDataDir)) {
    const type = /--type=([a-z-]+)/.exec(cmd)?.[1];
    const kind = type === 'renderer' || type === 'gpu-process' ? type : 'other';
    try {
      out.set(pid, { kind, ms: stat(`/proc/${pid}/stat`).ms });
    } catch {
      // The process ended meanwhile.
    }
  }
  return out;
}

/** The renderers' threads: kind 'main', 'workers', 'thread-pool', 'rest' (the page's) or 'webui'. */
export function rendererThreadCpu(userDataDir: string): ProcessCpu {
  const out: ProcessCpu = new Map();
  for (const { pid, cmd } of processes(userDataDir)) {
    if (!cmd.includes('--type=renderer')) continue;
    const webui = cmd.includes('--top-chrome-webui');
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const { name, ms } = stat(`/proc/${pid}/task/${tid}/stat`);
        // Thread names are cut to 15 characters (DedicatedWorker thread, ThreadPoolForegroundWorker).
        const kind = webui
          ? 'webui'
          : tid === pid
            ? 'main'
            : name.startsWith('DedicatedWorker')
              ? 'workers'
              : name.startsWith('ThreadPool')
                ? 'thread-pool'
                : 'rest';
        out.set(`${pid}/${tid}`, { kind, ms });
      } catch {
        // The thread ended meanwhile.
      }
    }
  }
  return out;
}

/** CPU ms per kind spent between two readings (processes or threads started in between count
 *  from zero; ones that ended in between are missing from `after` and lost). */
export function cpuSince(before: ProcessCpu, after: ProcessCpu): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, { kind, ms }] of after) out[kind] = (out[kind] ?? 0) + ms - (before.get(key)?.ms ?? 0);
  return out;
}
