// `npm run fuzz`: the long fuzz run (issue 13). Every input kind (each importer, the DEM, the
// project file, the shared link) gets `--cases N` mutated cases (default 10,000), each in a worker
// under a watchdog (a case past 30 s is a hang) and a 1 GB heap limit. Prints per kind the counts,
// the slowest case and peak memory; failing inputs are saved under test-results/fuzz/ to replay.
// Exit 1 on any failure. The short form runs inside `npm test` (test/io/fuzz-kinds.test.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseInput, fuzz } from '../test/fuzz/harness.ts';
import { KINDS } from '../test/fuzz/kinds.ts';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const cases = Number(arg('cases', '10000')),
  seed = Number(arg('seed', '13'));
const only = arg('kind', '');
const kinds = KINDS.map((k) => k.name).filter((k) => !only || only.split(',').includes(k));
const out = 'test-results/fuzz';
let failed = 0;
console.log(`fuzz: ${cases} cases per kind, seed ${seed}`);
console.log('kind        cases    valid  refused  failed   total s   slowest case (ms, bytes)   peak heap MB  peak buffers MB');
for (const kind of kinds) {
  const s = await fuzz(kind, cases, { seed });
  const row = [
    kind.padEnd(10),
    String(s.cases).padStart(6),
    String(s.ok).padStart(8),
    String(s.refused).padStart(8),
    String(s.failures.length).padStart(7),
    (s.totalMs / 1000).toFixed(1).padStart(9),
    `#${s.slowest.i} ${s.slowest.ms.toFixed(0)} ms, ${s.slowest.bytes} B`.padStart(27),
    (s.peakHeap / 1e6).toFixed(0).padStart(14),
    (s.peakExternal / 1e6).toFixed(0).padStart(16),
  ];
  console.log(row.join(' '));
  for (const f of s.failures.slice(0, 20)) {
    mkdirSync(out, { recursive: true });
    const input = caseInput(kind, seed, f.i);
    const file = join(out, `${kind}-${seed}-${f.i}.bin`);
    writeFileSync(file, input);
    console.log(`  FAIL ${kind} #${f.i}: ${f.why} (input: ${file})`);
  }
  failed += s.failures.length;
}
console.log(failed ? `fuzz: ${failed} failing cases` : 'fuzz: clean');
process.exit(failed ? 1 : 0);
