// `npm run site`: propose new facility sites from files — the best N (maximal covering) or the
// fewest reaching a target share (set covering) — with the same core the app's worker runs.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FeatureCollection } from 'geojson';
import { FACILITY_TYPES, typeIndex } from '../core/catalogue.ts';
import { runSiting } from '../core/siting/command.ts';
import { polygonsFromFeatures } from '../io/features.ts';
import { checkOutDir, makeOutDir, writeAtomic } from './output.ts';
import { parseArgs, runCli, UsageError } from './args.ts';
import { INPUT_SPEC, INPUTS_USAGE, need, numberFlag, readLayers, readSettings, typeSpec } from './inputs.ts';
import { fromFile, readLayerFile } from './read.ts';

const USAGE = `usage: npm run site -- ${INPUTS_USAGE}
       --type CODE (--add N | --target SHARE) [--candidates F] [--not-buildable F] [--grid-m M]
       [--capacity C] --out DIR`;

const SPEC = {
  ...INPUT_SPEC, type: 'string', add: 'number', target: 'number', candidates: 'string', 'not-buildable': 'string',
  'grid-m': 'number', capacity: 'number', out: 'string',
} as const;

/** Runs the tool; returns the exit code (0 ok, 1 bad input file, 2 bad arguments). */
export function main(argv: string[], log: (s: string) => void = console.error): Promise<number> {
  return runCli('site', USAGE, site, argv, log);
}

function pointsOf(fc: FeatureCollection, path: string): Float64Array {
  return Float64Array.from(fc.features.flatMap((f, i) => {
    if (f.geometry?.type !== 'Point') throw new Error(`${path}: feature ${i}: expected a Point geometry, got ${f.geometry ? f.geometry.type : 'null'}`);
    return f.geometry.coordinates.slice(0, 2);
  }));
}

async function site(argv: string[], log: (s: string) => void): Promise<void> {
  const parsed = parseArgs(argv, SPEC);
  const { values } = parsed;
  const settings = readSettings(parsed);
  const out = await checkOutDir(need(parsed, 'out')), code = need(parsed, 'type');
  const ti = typeIndex(code);
  if (ti < 0) throw new UsageError(`--type: unknown facility type "${code}" (known: ${FACILITY_TYPES.map((t) => t.code).join(', ')})`);
  const add = numberFlag(parsed, 'add', 'add'), target = numberFlag(parsed, 'target', 'targetShare');
  if ((add === undefined) === (target === undefined)) throw new UsageError('give exactly one of --add N or --target SHARE');
  if (target === 0) throw new UsageError('--target is a share in (0, 1], got 0');
  const capacity = numberFlag(parsed, 'capacity', 'capacity');
  if (capacity !== undefined && target !== undefined) throw new UsageError('--capacity works with --add only');
  const gridM = numberFlag(parsed, 'grid-m', 'gridM') ?? 400;

  const { layers } = await readLayers(parsed, settings, log);
  const { households, facilities, communities, network, dem } = layers;
  const { mode, speedKmh, minutes, demand: measure } = typeSpec(FACILITY_TYPES[ti], settings, layers);
  const detour = settings.detour;
  const candPath = values.get('candidates') as string | undefined, nbPath = values.get('not-buildable') as string | undefined;
  const read = (path: string) => readLayerFile(path, '', settings.read, undefined, log);
  const notBuildable = nbPath ? fromFile(await read(nbPath), (fc) => polygonsFromFeatures(fc, 'not-buildable')) : undefined;

  const r = await runSiting({ households, facilities, communities: communities.polygons, network, dem }, {
    op: 'site', type: code, mode, speedKmh, detour, minutes, demand: measure, add, target, capacity, notBuildable,
    candidates: candPath ? { points: pointsOf(await read(candPath), candPath) } : { communities: true, gridM },
  });
  if (r.demand !== measure) log(`site: households carry no "${measure}" counts; counted households instead`);
  if (!r.reached) log(`site: target ${target} is out of reach from these candidates; best share ${(r.coveredAfter / r.total).toFixed(4)}`);
  const chosen = Array.from(r.gains, (gain, i) => ({ lon: r.coords[2 * i], lat: r.coords[2 * i + 1], gain }));
  const json = {
    type: code, mode, minutes, speed_kmh: speedKmh, detour, demand: r.demand, ...(capacity !== undefined ? { capacity } : {}),
    ...(target !== undefined ? { target, reached: r.reached } : {}), candidates: r.candidateCount, existing: r.existingCount,
    total: r.total, covered_before: r.coveredBefore, covered_after: r.coveredAfter, sites: chosen,
  };
  const geo = {
    type: 'FeatureCollection',
    features: chosen.map((s, i) => ({ type: 'Feature', properties: { rank: i + 1, type: code, gain: s.gain }, geometry: { type: 'Point', coordinates: [s.lon, s.lat] } })),
  };
  await makeOutDir(out);
  await writeAtomic(join(out, 'sites.json'), JSON.stringify(json, null, 2) + '\n');
  await writeAtomic(join(out, 'sites.geojson'), JSON.stringify(geo) + '\n');
  log(`site: ${chosen.length} ${code} sites from ${r.candidateCount} candidates: covered ${r.coveredBefore} → ${r.coveredAfter} of ${r.total} ${r.demand} → ${out}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
