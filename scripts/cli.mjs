// Runs a command-line tool, src/cli/<name>.ts, from a bundle of the project's own code that
// esbuild rebuilds whenever a source file is newer (packages stay in node_modules). Starts in a
// third of tsx's time: no per-run transpiling of every module. Usage: node scripts/cli.mjs NAME ARGS…
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[2] ?? '';
const entry = join(root, 'src/cli', `${name}.ts`);
// One directory per tool: its entry and the chunks of its dynamic imports (loaded only if used).
const dir = join(root, '.cache/cli', name);
const out = join(dir, `${name}.mjs`);

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const mtime = (p) => {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return -1;
  }
};
if (mtime(entry) < 0) {
  console.error(`unknown tool "${name}" (src/cli/${name}.ts)`);
  process.exit(2);
}
if (mtime(out) < Math.max(newest(join(root, 'src')), mtime(join(root, 'package.json')))) {
  const { build } = await import('esbuild');
  const r = await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    write: false,
    outdir: dir,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
    sourcemap: 'inline',
  });
  // Chunks first, the entry last; each written aside then renamed, so a run started meanwhile
  // never loads a half-written file (chunk names carry their content hash).
  mkdirSync(dir, { recursive: true });
  for (const f of [...r.outputFiles].sort((a, b) => (a.path === out) - (b.path === out))) {
    const tmp = `${f.path}.${process.pid}.tmp`;
    writeFileSync(tmp, f.contents);
    renameSync(tmp, f.path);
  }
}
const { main } = await import(pathToFileURL(out).href);
process.exit(await main(process.argv.slice(3)));
