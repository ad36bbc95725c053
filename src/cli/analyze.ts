// `npm run analyze`: walking-time coverage from files (contract in src/cli/README.md).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CoverageCommand } from '../core/analysis/command.ts';
import { Engine } from '../core/analysis/run.ts';
import { catchment } from '../core/catchments/catchment.ts';
import { DEFAULT_CELL_M } from '../core/catchments/grid.ts';
import { multiServiceRows } from '../core/gaps/multi-service.ts';
import { checkOutDir, geoJsonBytes, makeOutDir, writeAtomic } from './output.ts';
import { parseArgs, runCli, UsageError } from './args.ts';
import type { Catalogue } from '../core/catalogue.ts';
import { analysedTypes, INPUT_SPEC, INPUTS_USAGE, need, readLayers, readRoadClasses, readSettings, typeCode } from './inputs.ts';
import { cachedMemo } from './memo-cache.ts';
import { analysisSummary, catchmentsGeoJson, communitiesCsv, gapsCsv, indicatorsJson } from './report.ts';
import { indicatorBase, indicatorTable } from '../core/indicators/from-layers.ts';

const USAGE = `usage: npm run analyze -- ${INPUTS_USAGE}
       [--gap-types TYPE,TYPE,...] --out DIR`;

const SPEC = { ...INPUT_SPEC, out: 'string', 'gap-types': 'string' } as const;

/** Runs the tool; returns the exit code (0 ok, 1 bad input file, 2 bad arguments). */
export function main(argv: string[], log: (s: string) => void = console.error): Promise<number> {
  return runCli('analyze', USAGE, analyze, argv, log);
}

async function analyze(argv: string[], log: (s: string) => void): Promise<void> {
  const parsed = parseArgs(argv, SPEC);
  const settings = readSettings(parsed);
  const out = checkOutDir(need(parsed, 'out'));
  const gapTypes = readGapTypes(parsed.values.get('gap-types') as string | undefined, settings.catalogue);
  const roadClasses = await readRoadClasses(settings);
  const { layers, inputs, skippedFacilities, cacheKey } = await readLayers(parsed, settings, log);
  const cacheDir = parsed.values.get('cache') as string | undefined;
  const kept = cacheDir && cacheKey ? cachedMemo(cacheDir, cacheKey) : undefined;
  const { communities, households, facilities } = layers;
  // Types analysed: those with facilities, plus any named in --minutes/--demand/--gap-types.
  const types = analysedTypes(settings, layers, [facilities], gapTypes ?? []);
  const detour = settings.detour;
  const cmd: CoverageCommand = { op: 'coverage', types, detour, ...(roadClasses ? { roadClasses } : {}) };
  const engine = new Engine(layers, kept?.memo);
  const res = await engine.run(cmd);
  const catchments = types.map((t) => catchment(engine, t, cmd, DEFAULT_CELL_M));
  if (kept) kept.save(engine.memoFound()!, log);
  const { summary, gap } = analysisSummary(res, engine, detour, inputs, gapTypes);
  makeOutDir(out);
  const withSkips = Object.keys(skippedFacilities).length ? { ...summary, skipped_facilities: skippedFacilities } : summary;
  writeAtomic(join(out, 'summary.json'), JSON.stringify(withSkips, null, 2) + '\n');
  writeAtomic(join(out, 'communities.csv'), communitiesCsv(res, communities));
  // The same table as the app's 规划指标 (analysis/areaIndex.ts → report/MeetingTools.tsx).
  writeAtomic(join(out, 'indicators.json'), JSON.stringify(indicatorsJson(indicatorTable(indicatorBase(layers), res)), null, 2) + '\n');
  writeAtomic(join(out, 'gaps.csv'), gapsCsv(gap.codes, multiServiceRows(gap, communities, engine.regions)));
  writeAtomic(join(out, 'catchments.geojson'), geoJsonBytes(catchmentsGeoJson(catchments, res, DEFAULT_CELL_M, settings.catalogue)));
  for (const [value, edges] of Object.entries(res.unknownRoadClasses ?? {}))
    log(`analyze: road class "${value}" (${edges} edges) is not in the class table; walked at the default speed`);
  for (const t of res.types)
    if (t.demandRequested) log(`analyze: ${t.code}: households carry no "${t.demandRequested}" counts; counted households instead`);
  log(`analyze: ${types.length} types, ${households.count} household points → ${out}`);
}

/** `--gap-types a,b,c`: facility types (codes or type words), each known (checked before any file is read). */
function readGapTypes(v: string | undefined, catalogue: Catalogue): string[] | undefined {
  if (v === undefined) return undefined;
  const words = v
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  if (words.length === 0) throw new UsageError('--gap-types needs at least one type code');
  return [...new Set(words.map((w) => typeCode('gap-types', w, catalogue)))];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
