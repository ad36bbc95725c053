// `npm run bench`: the coverage benchmark, then the siting benchmark when present.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
if (!existsSync(here('../../public/demo/households.fgb'))) {
  console.error('bench: public/demo is missing; run `npm run data` first');
  process.exit(1);
}
await (await import('./coverage.bench.ts')).run();
if (existsSync(here('./siting.bench.ts'))) {
  console.log('');
  await (await import('./siting.bench.ts')).run();
}
