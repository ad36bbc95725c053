// `npm run site`: propose new facility sites from files — the best N (maximal covering) or the
// fewest reaching a target share (set covering) — with the same core the app's worker runs.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Layers, TypeSpec } from '../core/analysis/command.ts';
import { typeOf } from '../core/catalogue.ts';
import {
  checkSitingCommand,
  DEFAULT_CAP_MINUTES,
  parseYears,
  runSiting,
  SITING_MODELS,
  type SitingCommand,
  type SitingModel,
} from '../core/siting/command.ts';
import { placesOf } from '../core/coverage/places.ts';
import { siteRows } from '../core/siting/site-rows.ts';
import { candidatesOf } from '../io/candidates.ts';
import { polygonsFromFeatures } from '../io/features.ts';
import { checkOutDir, makeOutDir, writeAtomic } from './output.ts';
import { parseArgs, runCli, UsageError } from './args.ts';
import { INPUT_SPEC, INPUTS_USAGE, need, numberFlag, readLayers, readRoadClasses, readSettings, typeCode, typeSpec } from './inputs.ts';
import { fromFile, readLayerFile } from './read.ts';

const USAGE = `usage: npm run site -- ${INPUTS_USAGE}
       --type CODE[,CODE...] [--model mclp|lscp|pmedian|pcenter] [--percentile P] [--cap-minutes M]
       [--weights W,W,...] (--add N | --target SHARE | --budget B | --years YEAR:B,YEAR:B,...)
       [--candidates F] [--cost-field FIELD] [--not-buildable F] [--grid-m M] [--capacity C] --out DIR`;

const SPEC = {
  ...INPUT_SPEC,
  type: 'string',
  model: 'string',
  percentile: 'number',
  'cap-minutes': 'number',
  weights: 'string',
  add: 'number',
  target: 'number',
  budget: 'number',
  years: 'string',
  candidates: 'string',
  'cost-field': 'string',
  'not-buildable': 'string',
  'grid-m': 'number',
  capacity: 'number',
  out: 'string',
} as const;

/** Runs the tool; returns the exit code (0 ok, 1 bad input file, 2 bad arguments). */
export function main(argv: string[], log: (s: string) => void = console.error): Promise<number> {
  return runCli('site', USAGE, site, argv, log);
}

/** --years through the core's parser (the app's too), its message as a usage error. */
function yearsOf(s: string): { year: number; budget: number }[] {
  try {
    return parseYears(s);
  } catch (e) {
    throw new UsageError(`--${(e as Error).message}`);
  }
}

/** What `objective_*` measures, per model. */
const OBJECTIVE: Record<SitingModel, string> = {
  mclp: 'covered_demand',
  lscp: 'covered_demand',
  pmedian: 'mean_minutes',
  pcenter: 'percentile_minutes',
};

async function site(argv: string[], log: (s: string) => void): Promise<void> {
  const parsed = parseArgs(argv, SPEC);
  const { values } = parsed;
  const settings = readSettings(parsed);
  const out = checkOutDir(need(parsed, 'out'));
  const codes = need(parsed, 'type')
    .split(',')
    .map((c) => typeCode('type', c.trim(), settings.catalogue));
  if (new Set(codes).size !== codes.length) throw new UsageError(`--type names a type twice: ${codes.join(',')}`);
  const model = values.get('model') as SitingModel | undefined;
  if (model !== undefined && !SITING_MODELS.includes(model))
    throw new UsageError(`--model must be one of ${SITING_MODELS.join(', ')}, got "${model}"`);
  const add = numberFlag(parsed, 'add', 'add'),
    target = numberFlag(parsed, 'target', 'targetShare');
  if (target === 0) throw new UsageError('--target is a share in (0, 1], got 0');
  const budget = numberFlag(parsed, 'budget', 'budget'),
    yearsArg = values.get('years') as string | undefined;
  const capacity = numberFlag(parsed, 'capacity', 'capacity');
  const gridM = numberFlag(parsed, 'grid-m', 'gridM') ?? 400;
  const weightsArg = values.get('weights') as string | undefined;
  const weights = weightsArg?.split(',').map((w) => {
    if (w.trim() === '' || !Number.isFinite(Number(w))) throw new UsageError(`--weights expects numbers W,W,..., got "${weightsArg}"`);
    return Number(w);
  });
  const candPath = values.get('candidates') as string | undefined,
    nbPath = values.get('not-buildable') as string | undefined;
  const costField = values.get('cost-field') as string | undefined;
  if (costField !== undefined && !candPath) throw new UsageError('--cost-field reads costs from the --candidates file: give --candidates');

  const command = (specs: TypeSpec[]): SitingCommand => ({
    op: 'site',
    type: codes[0],
    mode: specs[0].mode,
    profile: specs[0].profile,
    speedKmh: specs[0].speedKmh,
    detour: settings.detour,
    minutes: specs[0].minutes,
    demand: specs[0].demand,
    model,
    add,
    target,
    budget,
    years: yearsArg !== undefined ? yearsOf(yearsArg) : undefined,
    capacity,
    weights,
    also:
      codes.length > 1
        ? specs.slice(1).map((t) => ({ type: t.code, profile: t.profile, speedKmh: t.speedKmh, minutes: t.minutes, demand: t.demand }))
        : undefined,
    percentile: numberFlag(parsed, 'percentile', 'percentile'),
    capMinutes: numberFlag(parsed, 'cap-minutes', 'minutes'),
    candidates: { communities: true, gridM },
  });
  // Every check that needs no data runs before any file is read.
  try {
    // The travel mode depends on the layers but not the check: typeSpec without layers suffices.
    checkSitingCommand(command(codes.map((c) => typeSpec(typeOf(c, settings.catalogue), settings, {} as Layers))), settings.catalogue);
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^(add|target|budget|years|percentile|weights|capacity)\b/, '--$1'));
  }

  const roadClasses = await readRoadClasses(settings);
  const { layers } = await readLayers(parsed, settings, log);
  const { households, facilities, communities, network, dem, preparedNetwork, barriers } = layers;
  const specs = codes.map((c) => typeSpec(typeOf(c, settings.catalogue), settings, layers));
  const read = (path: string) => readLayerFile(path, '', settings.read, undefined, log);
  const notBuildable = nbPath ? fromFile(await read(nbPath), (fc) => polygonsFromFeatures(fc, 'not-buildable')) : undefined;
  const cmd: SitingCommand = {
    ...command(specs),
    ...(roadClasses ? { roadClasses } : {}),
    notBuildable,
    candidates: candPath ? fromFile(await read(candPath), (fc) => candidatesOf(fc, costField)) : { communities: true, gridM },
  };
  const r = await runSiting({ households, facilities, communities: communities.polygons, network, dem, preparedNetwork, barriers }, cmd);
  const { mode, profile, speedKmh, minutes, demand: measure } = specs[0];
  if (r.demand !== measure) log(`site: households carry no "${measure}" counts; counted households instead`);
  if (!r.reached) log(`site: target ${target} is out of reach from these candidates; best share ${(r.coveredAfter / r.total).toFixed(4)}`);
  const chosen = siteRows(r, placesOf(layers)).map((s, i) => ({
    lon: s.lon,
    lat: s.lat,
    gain: r.gains[i],
    cost: r.costs[i],
    ...(s.year !== undefined ? { year: s.year } : {}),
    community_code: s.communityCode,
    community: s.communityName,
    county: s.countyName,
  }));
  const json = {
    type: codes[0],
    ...(codes.length > 1 ? { types: codes, weights: weights ?? codes.map(() => 1) } : {}),
    model: r.model,
    mode,
    profile,
    minutes,
    speed_kmh: speedKmh,
    detour: settings.detour,
    demand: r.demand,
    ...(r.model === 'pcenter' ? { percentile: cmd.percentile ?? 100 } : {}),
    ...(r.model === 'pmedian' || r.model === 'pcenter' ? { cap_minutes: cmd.capMinutes ?? DEFAULT_CAP_MINUTES } : {}),
    ...(capacity !== undefined ? { capacity } : {}),
    ...(target !== undefined ? { target, reached: r.reached } : {}),
    ...(budget !== undefined ? { budget } : {}),
    ...(cmd.years ? { years: Object.fromEntries(cmd.years.map((y) => [y.year, y.budget])) } : {}),
    candidates: r.candidateCount,
    existing: r.existingCount,
    total: r.total,
    covered_before: r.coveredBefore,
    covered_after: r.coveredAfter,
    objective: OBJECTIVE[r.model],
    objective_before: r.objectiveBefore,
    objective_after: r.objectiveAfter,
    spent: r.spent,
    sites: chosen,
    ...(r.worstCommunity
      ? {
          worst_community: Object.fromEntries(
            (['before', 'after'] as const).map((k) => {
              const w = r.worstCommunity![k];
              return [
                k,
                w.community >= 0
                  ? { code: communities.codes[w.community], name: communities.names[w.community], p90_min: w.minutes }
                  : null,
              ];
            }),
          ),
        }
      : {}),
    ...(r.gapYears
      ? {
          gap_communities: Array.from(r.gapYears.community, (g, i) => ({
            code: communities.codes[g],
            name: communities.names[g],
            year: r.gapYears!.year[i] >= 0 ? r.gapYears!.year[i] : null,
          })),
        }
      : {}),
  };
  const geo = {
    type: 'FeatureCollection',
    features: chosen.map(({ lon, lat, ...s }, i) => ({
      type: 'Feature',
      properties: { rank: i + 1, type: codes.join(','), ...s },
      geometry: { type: 'Point', coordinates: [lon, lat] },
    })),
  };
  makeOutDir(out);
  writeAtomic(join(out, 'sites.json'), JSON.stringify(json, null, 2) + '\n');
  writeAtomic(join(out, 'sites.geojson'), JSON.stringify(geo) + '\n');
  log(
    `site: ${chosen.length} ${codes.join('+')} sites (${r.model}) from ${r.candidateCount} candidates: ${OBJECTIVE[r.model]} ${r.objectiveBefore} → ${r.objectiveAfter}; covered ${r.coveredBefore} → ${r.coveredAfter} of ${r.total} ${r.demand} → ${out}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
