// Service-circle benchmark (issue 18): the isochrones of the 7 catalogue types on the demo after a
// coverage run, against the implementation of a named git revision (BASELINE_REV, taken from git
// into a temporary directory and run on the same engine in the same process). CPU time is the
// figure to read: the machine may be shared. Run alone: npx tsx test/bench/catchments.bench.ts
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Engine } from '../../src/core/analysis/run.ts';
import { defaultCommand } from '../../src/core/analysis/command.ts';
import { catchment } from '../../src/core/catchments/catchment.ts';
import { readFgb } from '../../src/io/fgb.ts';
import { readGeoTiff } from '../../src/io/geotiff.ts';
import { areasFromFeatures, facilitiesFromFeatures, householdsFromFeatures, linesFromFeatures } from '../../src/io/features.ts';

/** The revision before cell snaps were shared between types and grids (issue 18). */
const BASELINE_REV = process.env.CATCHMENT_BASELINE ?? '44e9a9b';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEMO = join(ROOT, 'public/demo/');

const cpuMs = (c0: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(c0);
  return (d.user + d.system) / 1000;
};

export async function run(): Promise<void> {
  const fgb = (name: string) => readFgb(new Uint8Array(readFileSync(DEMO + name)));
  const communities = areasFromFeatures(await fgb('communities.fgb'), {}, 'communities');
  const engine = new Engine({
    communities,
    households: householdsFromFeatures(await fgb('households.fgb'), communities),
    facilities: facilitiesFromFeatures(await fgb('facilities.fgb')),
    network: linesFromFeatures(await fgb('roads.fgb')),
    dem: await readGeoTiff(new Uint8Array(readFileSync(DEMO + 'dem.tif'))),
  });
  const cmd = defaultCommand();
  await engine.run(cmd);

  const dir = mkdtempSync(join(tmpdir(), 'scp-catchment-baseline-'));
  try {
    execSync(`git archive ${BASELINE_REV} src/core | tar -x -C ${dir}`, { cwd: ROOT });
    // Packages the baseline imports (later revisions import quickselect) resolve from the project.
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    const old = (await import(pathToFileURL(join(dir, 'src/core/catchments/catchment.ts')).href)) as { catchment: typeof catchment };
    const pass = (f: typeof catchment) => {
      const t0 = performance.now(),
        c0 = process.cpuUsage();
      let rings = 0;
      for (const spec of cmd.types) rings += f(engine, spec, cmd).coordinates.length;
      return { ms: performance.now() - t0, cpu: cpuMs(c0), rings };
    };
    // Baseline first (it keeps nothing between calls), then this revision cold and again.
    const base = pass(old.catchment);
    const cold = pass(catchment);
    const warm = pass(catchment);
    const base2 = pass(old.catchment);
    const baseCpu = Math.min(base.cpu, base2.cpu);
    const row = (name: string, r: { ms: number; cpu: number; rings: number }, note: string) =>
      console.log(
        `  ${name.padEnd(58)} ${r.ms.toFixed(0).padStart(6)} ms wall ${r.cpu.toFixed(0).padStart(6)} ms CPU  ${r.rings} polygons  ${note}`,
      );
    console.log(`service circles, 7 types on the demo (100 m cells), after the coverage run; baseline git ${BASELINE_REV}:`);
    row(`baseline (${BASELINE_REV}), best of two`, base.cpu <= base2.cpu ? base : base2, '');
    row(
      'this revision, first (every cell snapped)',
      cold,
      `target < 500 ms (${cold.ms < 500 ? 'met' : cold.cpu < 500 ? 'met in CPU time' : 'not met'}); ${(baseCpu / cold.cpu).toFixed(1)}x less CPU than the baseline`,
    );
    row('this revision, again (e.g. a new threshold: snaps kept)', warm, `${(baseCpu / warm.cpu).toFixed(1)}x less CPU than the baseline`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
