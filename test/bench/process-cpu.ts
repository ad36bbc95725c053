// CPU time of a Chromium instance's processes by kind (renderer, GPU process, the rest), read
// from /proc: on a shared machine wall times follow the load, CPU time much less so, and the
// GPU process (software WebGL without a GPU) is invisible to the V8 profiles. Linux only; empty
// elsewhere. Used by test/bench/app-load.ts.
import { readdirSync, readFileSync } from 'node:fs';

/** Per process of the Chromium started with `userDataDir`: its kind and CPU ms (user + system). */
export type ProcessCpu = Map<number, { kind: string; ms: number }>;

const TICK_MS = 10; // USER_HZ = 100 on Linux

export function processCpu(userDataDir: string): ProcessCpu {
  const out: ProcessCpu = new Map();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return out;
  }
  for (const p of pids) {
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
      if (!cmd.includes(userDataDir)) continue;
      const type = /--type=([a-z-]+)/.exec(cmd)?.[1];
      const kind = type === 'renderer' || type === 'gpu-process' ? type : 'other';
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(p), { kind, ms: (Number(f[11]) + Number(f[12])) * TICK_MS });
    } catch {
      // The process ended meanwhile.
    }
  }
  return out;
}

/** CPU ms per kind spent between two readings (processes started in between count from zero). */
export function cpuSince(before: ProcessCpu, after: ProcessCpu): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [pid, { kind, ms }] of after) out[kind] = (out[kind] ?? 0) + ms - (before.get(pid)?.ms ?? 0);
  return out;
}
