// `npm run data [-- --seed N] [--out DIR] [--per-household]`: writes the Honghe demo dataset
// (see data/README.md) and prints counts and sizes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SEED, generate } from './generator/pipeline.ts';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const seed = Number(option('--seed') ?? DEFAULT_SEED);
if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
const out = option('--out') ?? 'public/demo';
const t0 = performance.now();
const { files, counts } = generate({ seed, perHousehold: process.argv.includes('--per-household') });
mkdirSync(out, { recursive: true });
for (const [name, bytes] of files) {
  writeFileSync(join(out, name), bytes);
  console.log(`${name.padEnd(16)} ${(bytes.length / 1048576).toFixed(2).padStart(7)} MB`);
}
for (const [k, v] of Object.entries(counts)) console.log(`${k.padEnd(18)} ${v}`);
console.log(`seed ${seed} → ${out} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
