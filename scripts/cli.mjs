// Runs a command-line tool, src/cli/<name>.ts, from a bundle of the project's own code that
// esbuild rebuilds whenever a source file (or this script) is newer (packages stay in
// node_modules, but for the ones every run loads, below). Starts in a third of tsx's time: no per-run
// transpiling of every module. Usage: node scripts/cli.mjs NAME ARGS…
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[2] ?? '';
const entry = join(root, 'src/cli', `${name}.ts`);
// One directory per tool. The bundle is CommonJS: Node 20 loads one such file faster than an ES
// module graph (its ESM loader resolves, links and evaluates asynchronously); a cached re-run
// of the street grid takes ≈ 60 ms less. Modules the tool imports lazily stay lazy inside it.
const dir = join(root, '.cache/cli', name);
const out = join(dir, `${name}.cjs`);

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
// Packages stay in node_modules, except the ones every run loads: Node would resolve, read and
// compile each of their files on its own (flatgeobuf and its dependencies: 48 files opened);
// bundled, they are one read. pbf has no CommonJS build, so it is bundled too (a CommonJS bundle
// cannot require it).
const BUNDLED = new Set(['proj4', 'gcoord', 'kdbush', 'flatbush', 'quickselect', 'fflate', 'flatbuffers', 'flatgeobuf', 'pbf']);
const externals = {
  name: 'externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (a) => {
      const pkg = a.path
        .split('/')
        .slice(0, a.path.startsWith('@') ? 2 : 1)
        .join('/');
      return BUNDLED.has(pkg) || a.importer.includes('/node_modules/') ? undefined : { path: a.path, external: true };
    });
  },
};
if (mtime(out) < Math.max(newest(join(root, 'src')), mtime(join(root, 'package.json')), mtime(fileURLToPath(import.meta.url)))) {
  const { build } = await import('esbuild');
  const r = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Packages' import() stays import() (some are ES modules only); import.meta.url is the bundle's.
    supported: { 'dynamic-import': true },
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: 'const __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
    plugins: [externals],
    // fflate's Node build loads worker_threads at start-up (for the async API, which the tools
    // never call); its browser build, the app's, has the same synchronous functions without it.
    alias: { fflate: 'fflate/browser' },
    write: false,
    outfile: out,
    logLevel: 'warning',
    sourcemap: 'linked',
  });
  // The source map first, the bundle last; each written aside then renamed, so a run started
  // meanwhile never loads a half-written file.
  mkdirSync(dir, { recursive: true });
  for (const f of [...r.outputFiles].sort((a, b) => (a.path === out) - (b.path === out))) {
    const tmp = `${f.path}.${process.pid}.tmp`;
    writeFileSync(tmp, f.contents);
    renameSync(tmp, f.path);
  }
}
// On Linux the tool runs in a child whose glibc malloc puts large typed arrays on transparent
// huge pages and keeps freed ones for reuse (GLIBC_TUNABLES is read only at process start). A
// fresh 4 KB page costs ~10–25 µs to fault in on the VMs measured: a province run faulted 325k
// of them (12.1 → 9.4 s wall with these settings, 68k faults); the street grid 2.1 → 1.7 s.
// A tunable the user set is left alone, and the tool then runs in this process.
// The child's environment is this one less NODE_EXTRA_CA_CERTS: Node reads and parses that
// certificate file at every start (≈ 40 ms on these VMs, where it is set for a proxy), and the
// tools open no network connection.
const TUNABLES = 'glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824';
if (process.platform === 'linux' && process.env.GLIBC_TUNABLES === undefined) {
  const { NODE_EXTRA_CA_CERTS: _, ...env } = process.env;
  const r = spawnSync(process.execPath, [...process.execArgv, out, ...process.argv.slice(3)], {
    stdio: 'inherit',
    env: { ...env, GLIBC_TUNABLES: TUNABLES },
  });
  if (r.error) {
    console.error(`${name}: cannot start the tool's process (${r.error.code ?? r.error.message})`);
    process.exit(1);
  }
  if (r.signal) process.kill(process.pid, r.signal);
  process.exit(r.status ?? 1);
}
const { main } = createRequire(import.meta.url)(out);
process.exit(await main(process.argv.slice(3)));
