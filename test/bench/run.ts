// `npm run bench`: the coverage benchmark, the siting benchmark and the location models against
// HiGHS (on the demo in public/demo), then the whole-process CLI benchmark on the street-grid
// city, then the planner formats (GDAL, population grid). `npm run bench -- --scale province`: the province-scale CLI benchmark alone.
import { run as coverage } from './coverage.bench.ts';
import { run as catchments } from './catchments.bench.ts';
import { run as siting } from './siting.bench.ts';
import { run as models } from './location-models.bench.ts';
import { province, provinceScale, run as cli } from './cli.bench.ts';
import { run as formats } from './formats.bench.ts';

if (provinceScale(process.argv)) {
  await province();
} else {
  await coverage();
  console.log('');
  await catchments();
  console.log('');
  const mclpRatio = await siting();
  console.log('');
  await models(mclpRatio);
  console.log('');
  await cli();
  console.log('');
  await formats();
}
