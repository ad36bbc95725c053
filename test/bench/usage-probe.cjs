// Preloaded into a benchmarked CLI process (node --require): at exit it writes the process's CPU
// time and peak resident memory to BENCH_USAGE_FILE. scripts/cli.mjs passes the preload on to
// the tool's child process, which exits first: the launcher then adds its own CPU time to the
// child's figures (peak memory is the larger of the two), so the file covers the whole command.
// CommonJS and --require, not --import: an ES preload makes Node load the tool's CommonJS bundle
// through its ES module loader, which scans the whole file for exports first (≈ 0.1 s).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload has only require
const { existsSync, readFileSync, writeFileSync } = require('node:fs');

process.on('exit', () => {
  const u = process.resourceUsage();
  const file = process.env.BENCH_USAGE_FILE;
  const child = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { cpuMs: 0, maxRssKb: 0 };
  const cpuMs = (u.userCPUTime + u.systemCPUTime) / 1000 + child.cpuMs;
  writeFileSync(file, JSON.stringify({ cpuMs, maxRssKb: Math.max(u.maxRSS, child.maxRssKb) }));
});
