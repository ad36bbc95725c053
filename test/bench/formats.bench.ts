// Planner-format benchmark (issue 15): the GDAL package (gdal3.js) size and its first-use load in
// Node; the demo's 1,363 community polygons read through GDAL from a GeoPackage against the
// GeoJSON reader on the same features (baseline, same run: why the fast readers stay); and a
// population GeoTIFF of 1,000 × 1,000 cells to household demand.
// Run alone: npx tsx test/bench/formats.bench.ts
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeArrayBuffer } from 'geotiff';
import { areasFromFeatures, householdsFromPopulation } from '../../src/io/features.ts';
import { readFgb } from '../../src/io/fgb.ts';
import { gdalRuntime } from '../../src/io/gdal-runtime.ts';
import { loadFile } from '../../src/io/load.ts';

const DEMO = fileURLToPath(new URL('../../public/demo/', import.meta.url));
const time = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const r = await f();
  return [r, performance.now() - t];
};

export async function run(): Promise<void> {
  const pkg = join(dirname(createRequire(import.meta.url).resolve('gdal3.js/package.json')), 'dist/package');
  const size = (f: string) => statSync(join(pkg, f)).size / 1e6;
  console.log(
    `formats: gdal3.js ${size('gdal3WebAssembly.wasm').toFixed(1)} MB wasm + ${size('gdal3WebAssembly.data').toFixed(1)} MB data + ${size('gdal3.js').toFixed(2)} MB js (browser), fetched only when a GDAL format is dropped`,
  );
  const [rt, initMs] = await time(() => gdalRuntime());
  console.log(`formats: GDAL first use in Node (init)          ${initMs.toFixed(0).padStart(7)} ms`);

  // The same features as GeoJSON (baseline) and as a GeoPackage GDAL itself writes.
  const fc = await readFgb(new Uint8Array(readFileSync(join(DEMO, 'communities.fgb'))));
  const geojson = new TextEncoder().encode(JSON.stringify(fc));
  const { datasets } = await rt.open('communities.geojson', geojson, [], []);
  const out = await rt.gdal.ogr2ogr(datasets[0], ['-f', 'GPKG', '-nln', 'communities'], 'bench-communities');
  const gpkg = await rt.gdal.getFileBytes(out);
  for (const ds of datasets) await rt.gdal.close(ds);
  const [, jsonMs] = await time(() => loadFile('communities.geojson', geojson));
  const [viaGdal, gpkgMs] = await time(() => loadFile('communities.gpkg', gpkg));
  console.log(`formats: ${viaGdal.features.length} community polygons, GeoJSON reader ${jsonMs.toFixed(0).padStart(6)} ms (baseline)`);
  console.log(
    `formats: the same from GeoPackage via GDAL        ${gpkgMs.toFixed(0).padStart(6)} ms (${(gpkgMs / jsonMs).toFixed(2)}× the baseline)`,
  );

  // A 100 m population grid over ≈ 100 × 100 km round 蒙自 (WorldPop-like values, a third empty).
  const W = 1000,
    H = 1000;
  const values = new Float32Array(W * H);
  for (let i = 0; i < values.length; i++) values[i] = i % 3 === 0 ? 0 : ((i * 7919) % 97) / 4;
  const tif = new Uint8Array(
    writeArrayBuffer(values, {
      width: W,
      height: H,
      ModelPixelScale: [0.001, 0.001, 0],
      ModelTiepoint: [0, 0, 0, 102.9, 23.8, 0],
      GeographicTypeGeoKey: 4326,
      GTModelTypeGeoKey: 2,
      GTRasterTypeGeoKey: 1,
    }),
  );
  const communities = areasFromFeatures(fc, {}, 'communities');
  const [grid, readMs] = await time(() => loadFile('pop.tif', tif));
  const [demand, demandMs] = await time(async () =>
    householdsFromPopulation({ type: 'FeatureCollection', features: grid.features }, communities),
  );
  const heap = process.memoryUsage().heapUsed / 1e6;
  console.log(
    `formats: population GeoTIFF ${W} × ${H}: ${grid.raster!.cells} populated cells read in ${readMs.toFixed(0)} ms, to ${demand.count} demand points in ${demandMs.toFixed(0)} ms (heap ${heap.toFixed(0)} MB)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
