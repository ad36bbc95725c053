// The README's test command: the static checks (tsc --noEmit, ESLint, Prettier --check), demo
// data, build, every vitest project (unit + real-Chromium e2e), then the plain closing line
// `N passed, N failed` that CI reads (a failed check counts as one failed test).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { runTool } from './lint.ts';

function run(cmd: string, args: string[]): number {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  return r.status ?? 1;
}

// Every check runs (one failing does not hide the others' findings).
const checks: [string, () => number][] = [
  ['tsc --noEmit', () => run('npx', ['tsc', '--noEmit', '-p', '.'])],
  ['eslint', () => runTool('lint')],
  ['prettier --check', () => runTool('format-check')],
];
const failedChecks = checks.filter(([name, check]) => {
  const bad = check() !== 0;
  console.log(`${name}: ${bad ? 'FAILED' : 'ok'}`);
  return bad;
}).length;

if (run('npx', ['tsx', 'scripts/ensure-data.ts']) !== 0) process.exit(1);
if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) process.exit(1);
mkdirSync('test-results', { recursive: true });
const status = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest.json',
  ...process.argv.slice(2),
]);
let passed: number;
let failed: number;
try {
  const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests + (report.numTotalTestSuites > 0 && !report.success && report.numFailedTests === 0 ? 1 : 0);
} catch {
  passed = 0;
  failed = 1;
}
failed += failedChecks;
console.log(`${passed} passed, ${failed} failed`);
process.exit(status !== 0 || failed > 0 ? 1 : 0);
