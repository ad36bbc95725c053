// `npm run bench`: the coverage benchmark, then the siting benchmark, on the demo in public/demo.
await (await import('./coverage.bench.ts')).run();
console.log('');
await (await import('./siting.bench.ts')).run();
