// `npm run bench`: the coverage benchmark, then the siting benchmark, on the demo in public/demo.
import { run as coverage } from './coverage.bench.ts';
import { run as siting } from './siting.bench.ts';

await coverage();
console.log('');
await siting();
