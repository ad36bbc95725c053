// `npm run compare`: 现状 against a scenario file of added, moved and removed facilities
// (contract in src/cli/README.md). Nothing is written unless the whole scenario applies.
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CoverageCommand } from '../core/analysis/command.ts';
import { Engine } from '../core/analysis/run.ts';
import { compareResults } from '../core/scenario/compare.ts';
import { missingChanges } from '../core/gaps/multi-service.ts';
import { applyScenario, ScenarioError } from '../core/scenario/scenario.ts';
import { actionsFromFeatures } from '../io/scenario.ts';
import { parseArgs, runCli } from './args.ts';
import { analysedTypes, INPUT_SPEC, INPUTS_USAGE, need, readLayers, readSettings } from './inputs.ts';
import { checkOutDir, makeOutDir, writeAtomic } from './output.ts';
import { fieldsFor, fromFile, readLayerFile } from './read.ts';
import { analysisSummary, compareCsv, compareJson, multiGapChangesJson } from './report.ts';

const USAGE = `usage: npm run compare -- ${INPUTS_USAGE}
       --scenario F [--scenario-name NAME] --out DIR`;

const SPEC = { ...INPUT_SPEC, scenario: 'string', 'scenario-name': 'string', out: 'string' } as const;

/** Runs the tool; returns the exit code (0 ok, 1 bad input file, 2 bad arguments). */
export function main(argv: string[], log: (s: string) => void = console.error): Promise<number> {
  return runCli('compare', USAGE, compare, argv, log);
}

async function compare(argv: string[], log: (s: string) => void): Promise<void> {
  const parsed = parseArgs(argv, SPEC);
  const settings = readSettings(parsed);
  const out = checkOutDir(need(parsed, 'out')),
    path = need(parsed, 'scenario');
  const name = (parsed.values.get('scenario-name') as string | undefined) ?? basename(path, extname(path));
  const { layers, inputs } = await readLayers(parsed, settings, log);
  // Every row must become an action (repeated ids are expected: a facility moved, then removed);
  // a skipped row would silently drop a removal or a move.
  const file = await readLayerFile(path, 'scenario', settings.read, ['Point'], log, null);
  if (file.skipped) throw new Error(`${path}: ${file.skipped} row(s) could not be read (see above); a scenario must apply whole`);
  const actions = fromFile(file, (fc) => actionsFromFeatures(fc, fieldsFor(settings.read, 'scenario'), undefined, settings.catalogue));
  let applied;
  try {
    applied = applyScenario(layers.facilities, actions);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    const at = file.sources[e.index],
      where = at?.row !== undefined ? `row ${at.row}` : `feature ${at?.feature ?? e.index}`;
    throw new Error(
      `${path}: ${where}: ${
        e.reason === 'no_match'
          ? `id "${e.id}" matches no facility`
          : e.reason === 'many_match'
            ? `id "${e.id}" matches more than one facility`
            : e.message.replace(/^action \d+: /, '')
      }`,
      { cause: e },
    );
  }
  const types = analysedTypes(settings, layers, [layers.facilities, applied.facilities]);
  const cmd: CoverageCommand = { op: 'coverage', types, detour: settings.detour };
  const engine = new Engine(layers);
  const before = await engine.run(cmd);
  const after = await engine.withFacilities(applied.facilities).run(cmd);
  const cmp = compareResults(before, after, engine.regions.countyOf);
  makeOutDir(out);
  const base = analysisSummary(before, engine, settings.detour, inputs);
  const plan = analysisSummary(after, engine, settings.detour, { ...inputs, facilities: applied.facilities.count });
  writeAtomic(
    join(out, 'compare.json'),
    JSON.stringify(
      compareJson(
        cmp,
        base.summary,
        plan.summary,
        name,
        multiGapChangesJson(missingChanges(base.gap, plan.gap), base.gap.codes, layers.communities.codes),
      ),
      null,
      2,
    ) + '\n',
  );
  writeAtomic(join(out, 'compare.csv'), compareCsv(cmp, layers.communities));
  const count = (a: string) => applied.changes.filter((c) => c.action === a).length;
  log(
    `compare: 现状 vs ${name} (${count('add')} added, ${count('move')} moved, ${count('remove')} removed), ${types.length} types → ${out}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
