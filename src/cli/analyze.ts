// `npm run analyze`: walking-time coverage from files (contract in src/cli/README.md).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_DETOUR, FACILITY_TYPES, typeIndex, type TravelMode } from '../core/catalogue.ts';
import type { CoverageCommand, Layers, TypeSpec } from '../core/analysis/command.ts';
import { Engine } from '../core/analysis/run.ts';
import { catchment } from '../core/catchments/catchment.ts';
import { DEFAULT_CELL_M } from '../core/catchments/grid.ts';
import { isDemandMeasure } from '../core/coverage/demand.ts';
import { areasFromFeatures, facilitiesFromFeatures, householdsFromFeatures, linesFromFeatures } from '../io/features.ts';
import { readGeoTiff } from '../io/geotiff.ts';
import type { GeometryKind } from '../io/validate.ts';
import { keyValues, parseArgs, UsageError } from './args.ts';
import { fieldsFor, INPUT_FLAGS, INPUT_USAGE, readLayerFile, readOptions } from './read.ts';
import { catchmentsGeoJson, communitiesCsv, summaryJson } from './report.ts';

const USAGE = `usage: npm run analyze -- --communities F --households F --facilities F [--network F] [--dem F]
       [--mode straight|network|slope] [--speed-kmh V] [--detour K] [--minutes TYPE=M]...
       [--demand TYPE=FIELD]... --out DIR
${INPUT_USAGE}`;

const SPEC = {
  communities: 'string', households: 'string', facilities: 'string', network: 'string', dem: 'string',
  mode: 'string', 'speed-kmh': 'number', detour: 'number', minutes: 'repeat', demand: 'repeat', out: 'string',
  ...INPUT_FLAGS,
} as const;

/** Runs the tool; returns the exit code (0 ok, 1 bad input file, 2 bad arguments). */
export async function main(argv: string[], log: (s: string) => void = console.error): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) { log(USAGE); return 0; }
  try {
    await analyze(argv, log);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) { log(`analyze: ${e.message}\n${USAGE}`); return 2; }
    log(`analyze: ${(e as Error).message}`);
    return 1;
  }
}

async function analyze(argv: string[], log: (s: string) => void): Promise<void> {
  const parsed = parseArgs(argv, SPEC);
  const { values, repeats } = parsed;
  const input = readOptions(parsed);
  const need = (k: string) => {
    const v = values.get(k);
    if (v === undefined) throw new UsageError(`--${k} is required`);
    return String(v);
  };
  const paths = { communities: need('communities'), households: need('households'), facilities: need('facilities') };
  const out = need('out');
  const mode = values.get('mode') as TravelMode | undefined;
  if (mode !== undefined && !['straight', 'network', 'slope'].includes(mode)) throw new UsageError(`--mode must be straight, network or slope, got "${mode}"`);
  const speed = values.get('speed-kmh') as number | undefined;
  if (speed !== undefined && !(speed > 0)) throw new UsageError(`--speed-kmh must be > 0, got ${speed}`);
  const detour = (values.get('detour') as number | undefined) ?? DEFAULT_DETOUR;
  if (!(detour >= 1)) throw new UsageError(`--detour must be ≥ 1, got ${detour}`);
  const minutes = new Map(keyValues(repeats.get('minutes'), 'minutes').map(([k, v]) => {
    const m = Number(v);
    if (typeIndex(k) < 0) throw new UsageError(`--minutes: unknown facility type "${k}" (known: ${FACILITY_TYPES.map((t) => t.code).join(', ')})`);
    if (!Number.isFinite(m) || m < 0) throw new UsageError(`--minutes ${k}: expected minutes ≥ 0, got "${v}"`);
    return [k, m];
  }));
  const demand = new Map(keyValues(repeats.get('demand'), 'demand').map(([k, v]) => {
    if (typeIndex(k) < 0) throw new UsageError(`--demand: unknown facility type "${k}"`);
    if (!isDemandMeasure(v)) throw new UsageError(`--demand ${k}: unknown measure "${v}" (households, population, elderly, infants, disabled)`);
    return [k, v];
  }));
  const netPath = values.get('network') as string | undefined, demPath = values.get('dem') as string | undefined;
  if ((mode === 'network' || mode === 'slope') && !netPath) throw new UsageError(`--mode ${mode} needs --network`);

  const read = (path: string, layer: string, geometry: GeometryKind[]) => readLayerFile(path, layer, input, geometry, log);
  const communities = areasFromFeatures(await read(paths.communities, 'communities', ['Polygon']), fieldsFor(input, 'communities'), 'communities');
  const households = householdsFromFeatures(await read(paths.households, 'households', ['Point']), communities, fieldsFor(input, 'households'));
  const facilities = facilitiesFromFeatures(await read(paths.facilities, 'facilities', ['Point']), fieldsFor(input, 'facilities'));
  const layers: Layers = { communities, households, facilities };
  if (netPath) layers.network = linesFromFeatures(await read(netPath, 'network', ['LineString']));
  if (demPath) {
    let bytes: Buffer;
    try { bytes = await readFile(demPath); } catch (e) { throw new Error(`${demPath}: cannot read (${(e as NodeJS.ErrnoException).code})`); }
    try { layers.dem = await readGeoTiff(new Uint8Array(bytes)); } catch (e) { throw new Error(`${demPath}: ${(e as Error).message}`); }
  }
  const canSlope = !!layers.network && (!!layers.dem || !!layers.network.z);
  if (mode === 'slope' && !canSlope) throw new UsageError('--mode slope needs --dem or a network with Z values');

  // Types analysed: those with facilities, plus any named in --minutes/--demand.
  const present = new Set<number>(facilities.type);
  const types: TypeSpec[] = FACILITY_TYPES.filter((t, i) => present.has(i) || minutes.has(t.code) || demand.has(t.code)).map((t) => {
    let m: TravelMode = mode ?? (layers.network ? t.mode : 'straight');
    if (m === 'slope' && !canSlope) m = 'network';
    return {
      code: t.code, mode: m, speedKmh: speed ?? t.speedKmh, minutes: minutes.get(t.code) ?? t.minutes,
      targetShare: t.targetShare, demand: demand.get(t.code) ?? t.demand,
    };
  });
  const cmd: CoverageCommand = { op: 'coverage', types, detour };
  const engine = new Engine(layers);
  const res = await engine.run(cmd);
  const catchments = types.map((t) => catchment(engine, t, cmd, DEFAULT_CELL_M));
  await mkdir(out, { recursive: true });
  const inputs = { communities: communities.count, household_points: households.count, facilities: facilities.count };
  await writeFile(join(out, 'summary.json'), JSON.stringify(summaryJson(res, detour, inputs), null, 2) + '\n');
  await writeFile(join(out, 'communities.csv'), communitiesCsv(res, communities));
  await writeFile(join(out, 'catchments.geojson'), JSON.stringify(catchmentsGeoJson(catchments, res, DEFAULT_CELL_M)));
  for (const t of res.types) if (t.demandRequested) log(`analyze: ${t.code}: households carry no "${t.demandRequested}" counts; counted households instead`);
  log(`analyze: ${types.length} types, ${households.count} household points → ${out}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
