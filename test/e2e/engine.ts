// The same core the app's worker runs, here in node on the same files the browser was served
// (dist/demo), so a browser test can compare the page's figures with the engine's.
import { join } from 'node:path';
import { readLayerFile } from '../../src/cli/read';
import { areasFromFeatures, facilitiesFromFeatures, householdsFromFeatures, linesFromFeatures } from '../../src/io/features';
import { Engine } from '../../src/core/analysis/run';
import { defaultCommand, type CoverageResult, type TypeSpec } from '../../src/core/analysis/command';

/** An engine over dist/demo's vector layers (no elevation: enough for straight and network modes). */
export async function demoEngine(dir = 'dist/demo'): Promise<Engine> {
  const read = (name: string) => readLayerFile(join(dir, `${name}.fgb`));
  const communities = areasFromFeatures(await read('communities'), {}, 'communities');
  return new Engine({
    communities,
    townships: areasFromFeatures(await read('townships'), {}, 'townships'),
    counties: areasFromFeatures(await read('counties'), {}, 'counties'),
    facilities: facilitiesFromFeatures(await read('facilities')),
    households: householdsFromFeatures(await read('households'), communities),
    network: linesFromFeatures(await read('roads')),
  });
}

/** Runs one type with catalogue defaults overridden by `patch`. */
export async function runType(engine: Engine, code: string, patch: Partial<TypeSpec>): Promise<CoverageResult['types'][number]> {
  const cmd = defaultCommand([code]);
  cmd.types[0] = { ...cmd.types[0], ...patch };
  return (await engine.run(cmd)).types[0];
}

/** Communities below target in a type result. */
export function gapCount(r: CoverageResult['types'][number]): number {
  return r.communities.gap.reduce((n, g) => n + g, 0);
}
