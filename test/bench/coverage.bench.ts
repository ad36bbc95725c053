// Coverage benchmark (issue 3 item 8): full straight-line and network runs on the demo
// (≈ 1.45 M households as weighted points, all types), peak memory, and speed ratios against
// (a) naive Turf (a circle per facility, then pointsWithinPolygon) and (b) geojson-path-finder
// one facility at a time, both on subsamples, same inputs, same run.
// Run alone: npx tsx test/bench/coverage.bench.ts
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import PathFinderModule from 'geojson-path-finder';
import KDBush from 'kdbush';
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import { Engine } from '../../src/core/analysis/run.ts';
import { defaultCommand, type CoverageCommand, type Layers } from '../../src/core/analysis/command.ts';
import { catchment } from '../../src/core/catchments/catchment.ts';
import { DEFAULT_DETOUR, BUILT_IN_TYPES } from '../../src/core/catalogue.ts';
import { straightTimes } from '../../src/core/travel/straight.ts';
import { metresPerMinute } from '../../src/core/travel/speed.ts';
import { readFgb } from '../../src/io/fgb.ts';
import { readGeoTiff } from '../../src/io/geotiff.ts';
import { areasFromFeatures, facilitiesFromFeatures, householdsFromFeatures, linesFromFeatures } from '../../src/io/features.ts';

// The package's CommonJS build puts the class under .default when loaded from ESM.
const PathFinder = (PathFinderModule as unknown as { default?: typeof PathFinderModule }).default ?? PathFinderModule;
const DEMO = fileURLToPath(new URL('../../public/demo/', import.meta.url));
const MB = 1024 * 1024;
const fgb = (name: string) => readFgb(new Uint8Array(readFileSync(DEMO + name)));
/** CPU milliseconds (user + system, all threads) since `c0`: on a shared machine this moves
 *  less than wall time when other processes compete for the cores. */
const cpuMs = (c0: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(c0);
  return (d.user + d.system) / 1000;
};
const maxRssMb = () => process.resourceUsage().maxRSS / 1024;

async function loadDemo(): Promise<{ layers: Layers; roads: FeatureCollection }> {
  const communities = areasFromFeatures(await fgb('communities.fgb'), {}, 'communities');
  const roads = await fgb('roads.fgb');
  return {
    roads,
    layers: {
      communities,
      townships: areasFromFeatures(await fgb('townships.fgb'), {}, 'townships'),
      counties: areasFromFeatures(await fgb('counties.fgb'), {}, 'counties'),
      households: householdsFromFeatures(await fgb('households.fgb'), communities),
      facilities: facilitiesFromFeatures(await fgb('facilities.fgb')),
      network: linesFromFeatures(roads),
      dem: await readGeoTiff(new Uint8Array(readFileSync(DEMO + 'dem.tif'))),
    },
  };
}

/** Times a fresh-engine run; rss sampled between stages gives the run's high-water mark. */
async function timed(layers: Layers, cmd: CoverageCommand, engine = new Engine(layers)) {
  let peak = process.memoryUsage().rss;
  const t0 = performance.now(),
    c0 = process.cpuUsage();
  await engine.run(cmd, {
    onProgress: () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    },
  });
  const ms = performance.now() - t0;
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms, cpuMs: cpuMs(c0), peakMb: peak / MB, engine };
}

function withMode(mode: 'straight' | 'network'): CoverageCommand {
  const cmd = defaultCommand();
  for (const t of cmd.types) t.mode = mode;
  return cmd;
}

function expand(layers: Layers): Layers {
  const h = layers.households;
  let n = 0;
  for (let i = 0; i < h.count; i++) n += Math.max(1, Math.round(h.households[i]));
  const coords = new Float64Array(2 * n),
    community = new Int32Array(n);
  const groups = ['population', 'elderly', 'infants', 'disabled'] as const;
  const out: Partial<Record<(typeof groups)[number], Float32Array>> = {};
  for (const g of groups) if (h[g]) out[g] = new Float32Array(n);
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32 - 0.5) * 0.001; // ±0.0005° ≈ ±50 m
  for (let i = 0, k = 0; i < h.count; i++) {
    const w = Math.max(1, Math.round(h.households[i]));
    for (let j = 0; j < w; j++, k++) {
      coords[2 * k] = h.coords[2 * i] + rnd();
      coords[2 * k + 1] = h.coords[2 * i + 1] + rnd();
      community[k] = h.community[i];
      for (const g of groups) {
        const a = out[g];
        if (a) a[k] = h[g]![i] / w;
      }
    }
  }
  return { ...layers, households: { count: n, coords, households: new Float32Array(n).fill(1), community, ...out } };
}

function subsample(n: number, k: number): Uint32Array {
  const out = new Uint32Array(k);
  for (let i = 0; i < k; i++) out[i] = Math.floor((i * n) / k);
  return out;
}

const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

export async function run(): Promise<void> {
  const tl = performance.now();
  const { layers, roads } = await loadDemo();
  const h = layers.households,
    f = layers.facilities;
  let hh = 0;
  for (let i = 0; i < h.count; i++) hh += h.households[i];
  console.log(
    `coverage bench: ${fmt(h.count)} household points (${fmt(hh)} households), ${fmt(f.count)} facilities, ` +
      `${fmt(layers.network!.coords.length / 2)} road vertices; loaded in ${fmt((performance.now() - tl) / 1000, 1)} s, max RSS so far ${fmt(maxRssMb())} MB`,
  );

  const rows: string[][] = [];
  const row = (name: string, r: { ms: number; cpuMs: number; peakMb: number }, note = '') =>
    rows.push([name, `${fmt(r.ms)} ms`, `${fmt(r.cpuMs)} ms`, `${fmt(r.peakMb)} MB`, note]);
  const straight = await timed(layers, withMode('straight'));
  row('straight line, 7 types (fresh)', straight, 'target < 3,000 ms');
  const network = await timed(layers, withMode('network'));
  row('network, 7 types (fresh: graph, snaps, 7 Dijkstra)', network, 'target < 10,000 ms');
  const rerunCmd = withMode('network');
  for (const t of rerunCmd.types) {
    t.minutes = 10;
    t.speedKmh = 4;
  }
  row('network re-run, new minutes/speed (cached)', await timed(layers, rerunCmd, network.engine));
  const mixed = await timed(layers, defaultCommand());
  row('catalogue modes (network, slope, straight)', mixed);
  const tc = performance.now(),
    cc = process.cpuUsage();
  const cmd = defaultCommand();
  for (const spec of cmd.types) catchment(mixed.engine, spec, cmd);
  row(
    'service circles (isochrones by marching squares), 7 types (100 m cells)',
    { ms: performance.now() - tc, cpuMs: cpuMs(cc), peakMb: process.memoryUsage().rss / MB },
    'target < 500 ms (issue 18); the cell tracer took 2,900 ms (issue 14)',
  );

  // One point per household (as `npm run data -- --per-household` would give): each weighted
  // point expanded into its households, jittered within ±50 m, resident counts shared out.
  const big = expand(layers);
  const bigStraight = await timed(big, withMode('straight'));
  row(`per household (${fmt(big.households.count)} points): straight, 7 types`, bigStraight);
  const bigNetwork = await timed(big, withMode('network'));
  row(`per household (${fmt(big.households.count)} points): network, 7 types`, bigNetwork);

  // (a) naive Turf vs ours on the same subsample and type.
  const type = BUILT_IN_TYPES[0],
    tIdx = 0;
  const facIds: number[] = [];
  for (let i = 0; i < f.count; i++) if (f.type[i] === tIdx) facIds.push(i);
  const radiusKm = (metresPerMinute(type.speedKmh) * type.minutes) / DEFAULT_DETOUR / 1000;
  const sub = subsample(h.count, 2000);
  const subCoords = new Float64Array(2 * sub.length);
  sub.forEach((i, k) => {
    subCoords[2 * k] = h.coords[2 * i];
    subCoords[2 * k + 1] = h.coords[2 * i + 1];
  });
  const t1 = performance.now();
  const circles = turf.featureCollection(facIds.map((i) => turf.circle([f.coords[2 * i], f.coords[2 * i + 1]], radiusKm, { steps: 64 })));
  const inside = turf.pointsWithinPolygon(turf.points(Array.from(sub, (_, k) => [subCoords[2 * k], subCoords[2 * k + 1]])), circles);
  const turfMs = performance.now() - t1;
  const ids = Int32Array.from(facIds);
  const reps = 50;
  const t2 = performance.now();
  let ours = straightTimes(subCoords, f.coords, ids, type.speedKmh, DEFAULT_DETOUR);
  for (let r = 1; r < reps; r++) ours = straightTimes(subCoords, f.coords, ids, type.speedKmh, DEFAULT_DETOUR);
  const oursMs = (performance.now() - t2) / reps;
  let oursCovered = 0;
  for (let k = 0; k < sub.length; k++) if (ours.minutes[k] <= type.minutes) oursCovered++;
  const perFull = straight.ms / (h.count * 7);
  const perTurf = turfMs / sub.length;

  // (b) geojson-path-finder, one facility at a time: findPath from each household's nearest
  // road vertex to the facility's (vertex lookup not timed), on a subsample of pairs.
  const tb = performance.now();
  const finder = new PathFinder(roads as FeatureCollection<LineString>);
  const buildMs = performance.now() - tb;
  const rc = layers.network!.coords,
    kd = new KDBush(rc.length / 2);
  for (let i = 0; i < rc.length / 2; i++) kd.add(rc[2 * i], rc[2 * i + 1]);
  kd.finish();
  const vertexNear = (x: number, y: number): Feature<Point> => {
    for (let r = 0.002; ; r *= 2) {
      const near = kd.range(x - r, y - r, x + r, y + r);
      if (near.length) {
        let best = near[0],
          bd = Infinity;
        for (const v of near) {
          const d = (rc[2 * v] - x) ** 2 + (rc[2 * v + 1] - y) ** 2;
          if (d < bd) {
            bd = d;
            best = v;
          }
        }
        return turf.point([rc[2 * best], rc[2 * best + 1]]);
      }
    }
  };
  const pfFac = facIds.slice(0, 4).map((i) => vertexNear(f.coords[2 * i], f.coords[2 * i + 1]));
  const pfHomes = Array.from(subsample(h.count, 40), (i) => vertexNear(h.coords[2 * i], h.coords[2 * i + 1]));
  const t3 = performance.now();
  let found = 0;
  for (const fv of pfFac) for (const hv of pfHomes) if (finder.findPath(hv, fv)) found++;
  const pairMs = (performance.now() - t3) / (pfFac.length * pfHomes.length);
  // One household's nearest facility of the type needs one path per facility.
  const pfPerHousehold = pairMs * facIds.length;
  const netPerHousehold = network.ms / (h.count * 7);

  console.log(
    `\nload average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores (wall times stretch when it exceeds the core count)`,
  );
  console.log('\n| measurement | wall time | CPU time | peak RSS | note |\n|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log(`\nprocess max RSS (including GeoJSON loading): ${fmt(maxRssMb())} MB (target < 1,024 MB)`);
  console.log(`\n(a) naive Turf, ${type.code} (${facIds.length} circles of ${fmt(radiusKm * 1000)} m), ${sub.length} households:`);
  console.log(
    `    Turf ${fmt(turfMs)} ms (${inside.features.length} inside) vs ours ${fmt(oursMs, 2)} ms on the same subsample ` +
      `(${oursCovered} covered) → ${fmt(turfMs / oursMs)}× faster`,
  );
  console.log(
    `    per household-type: Turf ${fmt(perTurf * 1000, 1)} µs vs ours in the full run ${fmt(perFull * 1000, 2)} µs → ${fmt(perTurf / perFull)}× (target ≥ 100×)`,
  );
  console.log(
    `\n(b) geojson-path-finder: graph build ${fmt(buildMs)} ms; ${pfFac.length * pfHomes.length} findPath calls, ${found} found, ${fmt(pairMs, 2)} ms each;`,
  );
  console.log(
    `    nearest of ${facIds.length} facilities for one household = ${fmt(pfPerHousehold)} ms vs ours ${fmt(netPerHousehold * 1000, 2)} µs per household-type → ` +
      `${fmt(pfPerHousehold / netPerHousehold)}× (extrapolated from the pairs timed)`,
  );
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) await run();
