// The README's test command: demo data, build, every vitest project (unit + real-Chromium e2e),
// then the plain closing line `N passed, N failed` that CI reads.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

function run(cmd: string, args: string[]): number {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  return r.status ?? 1;
}

if (run('npx', ['tsx', 'scripts/ensure-data.ts']) !== 0) process.exit(1);
if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) process.exit(1);
mkdirSync('test-results', { recursive: true });
const status = run('npx', [
  'vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json',
  ...process.argv.slice(2),
]);
let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests + (report.numTotalTestSuites > 0 && !report.success && report.numFailedTests === 0 ? 1 : 0);
} catch {
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(status !== 0 || failed > 0 ? 1 : 0);
