// The README's test command: the static checks (tsc --noEmit, ESLint, Prettier --check), demo
// data, build, both vitest projects (unit + real-Chromium e2e), then the plain closing line
// `N passed, N failed` that CI reads (a failed check counts as one failed test).
//
// Overlapped, because CI has a time limit and most steps use one core: the checks run beside the
// data and build; then the browser tests (one file at a time) run beside the unit tests, which get
// the other cores, where one vitest run would start the browser files only after every unit file.
// A finished step's output is printed whole, under its name, so the log does not interleave.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { ensureLintTools, lintCommand } from './lint.ts';

interface Done {
  status: number;
  output: string;
}

/** Runs `cmd`; its output is gathered (printed by `show`) unless `live`. */
function run(cmd: string, args: string[], live = false): Promise<Done> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout?.on('data', (c: Buffer) => chunks.push(c));
    child.stderr?.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', (e) => chunks.push(Buffer.from(`${String(e)}\n`)));
    child.on('close', (code) => resolve({ status: code ?? 1, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

function show(name: string, d: Done): void {
  if (d.output.trim()) process.stdout.write(`── ${name} ──\n${d.output.endsWith('\n') ? d.output : `${d.output}\n`}`);
}

/** Passed and failed tests in a vitest JSON report (a run that failed with no failed test, e.g. a
 *  file that did not load, counts one; a missing report counts one). */
function counts(file: string): { passed: number; failed: number } {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    const failed = r.numFailedTests + (r.numTotalTestSuites > 0 && !r.success && r.numFailedTests === 0 ? 1 : 0);
    return { passed: r.numPassedTests, failed };
  } catch {
    return { passed: 0, failed: 1 };
  }
}

// Installed before the checks start, so two of them do not install it at once.
ensureLintTools();
const checks = (
  [
    ['tsc --noEmit', 'npx', ['tsc', '--noEmit', '-p', '.']],
    ['eslint', ...lintCommand('lint')],
    ['prettier --check', ...lintCommand('format-check')],
  ] as const
).map(([name, cmd, args]) => run(cmd, [...args]).then((d) => ({ name, d })));
const build = (async () => {
  const data = await run('npx', ['tsx', 'scripts/ensure-data.ts']);
  show('demo data', data);
  if (data.status !== 0) return data;
  const b = await run('npx', ['vite', 'build', '--logLevel', 'warn']);
  show('vite build', b);
  return b;
})();
let failedChecks = 0;
for (const { name, d } of await Promise.all(checks)) {
  show(name, d);
  console.log(`${name}: ${d.status !== 0 ? 'FAILED' : 'ok'}`);
  if (d.status !== 0) failedChecks++;
}
if ((await build).status !== 0) process.exit(1);

mkdirSync('test-results', { recursive: true });
const vitest = (project: string, extra: string[], live: boolean) =>
  run(
    'npx',
    [
      'vitest',
      'run',
      '--project',
      project,
      '--passWithNoTests',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=test-results/vitest-${project}.json`,
      ...extra,
      ...process.argv.slice(2),
    ],
    live,
  );
// The unit tests leave a core to the browser tests (and its browser).
const unitWorkers = Math.max(1, availableParallelism() - 1);
const [e2e, unit] = await Promise.all([vitest('e2e', [], true), vitest('unit', [`--maxWorkers=${unitWorkers}`], false)]);
show('unit tests', unit);
const total = [counts('test-results/vitest-unit.json'), counts('test-results/vitest-e2e.json')].reduce((a, c) => ({
  passed: a.passed + c.passed,
  failed: a.failed + c.failed,
}));
total.failed += failedChecks;
// A filter that matched no test file in either project is a mistake, not a pass.
if (total.passed + total.failed === 0) {
  console.log('no test file matched');
  total.failed = 1;
}
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(e2e.status !== 0 || unit.status !== 0 || total.failed > 0 ? 1 : 0);
