// `npm run lint` (ESLint over the tree) and `npm run format` (Prettier writes the tree); with
// --check, Prettier only reports unformatted files. Both tools live in tools/lint with their own
// install (typescript-eslint needs TypeScript's JS API, which the project's native tsc 7 lacks),
// installed here from its lock file when missing or out of date.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const DIR = 'tools/lint';
const bin = (name: string) => `${DIR}/node_modules/.bin/${name}`;

/** Installs tools/lint's packages unless node_modules already matches its lock file. */
export function ensureLintTools(): void {
  const installed = `${DIR}/node_modules/.package-lock.json`;
  const fresh =
    existsSync(installed) &&
    existsSync(bin('eslint')) &&
    existsSync(bin('prettier')) &&
    sameDeps(JSON.parse(readFileSync(installed, 'utf8')), JSON.parse(readFileSync(`${DIR}/package-lock.json`, 'utf8')));
  if (fresh) return;
  const r = spawnSync('npm', ['ci', '--prefix', DIR, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm ci in ${DIR} failed`);
}

/** Whether every package of the lock file is installed at its version. */
function sameDeps(
  installed: { packages: Record<string, { version?: string }> },
  lock: { packages: Record<string, { version?: string }> },
): boolean {
  return Object.entries(lock.packages).every(([path, p]) => !path || installed.packages[path]?.version === p.version);
}

type Kind = 'lint' | 'format' | 'format-check';

/** The command and arguments of one tool over the tree (installed by ensureLintTools). */
export function lintCommand(kind: Kind): [string, string[]] {
  return kind === 'lint'
    ? [bin('eslint'), ['.']]
    : [bin('prettier'), [kind === 'format' ? '--write' : '--check', '--log-level', 'warn', '.']];
}

/** Runs one tool over the tree; returns its exit status. */
export function runTool(kind: Kind): number {
  ensureLintTools();
  const [cmd, args] = lintCommand(kind);
  return spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = process.argv[2];
  process.exit(runTool(arg === '--write' ? 'format' : arg === '--check' ? 'format-check' : 'lint'));
}
