// Demand from what planners have instead of household points: a population grid (GeoTIFF,
// CGCS2000 GK) and building footprints, read by the same CLI, checked against brute force.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { area, booleanPointInPolygon } from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/analyze.ts';
import { SHARES } from '../../src/core/demand/census.ts';
import { gk3, pointToWgs84 } from '../../src/io/crs.ts';

const FX = 'test/fixtures/planner';
const fx = (f: string) => join(FX, f);
const dir = mkdtempSync(join(tmpdir(), 'planner-demand-'));
const communities = JSON.parse(readFileSync(fx('communities.geojson'), 'utf8')).features as Feature<Polygon>[];

/** The ESRI ASCII grid the GeoTIFF was made from: every cell with a positive value, its centre in WGS84. */
function asciiCells(): { lon: number; lat: number; v: number }[] {
  const lines = readFileSync(fx('pop.asc'), 'utf8').trim().split('\n');
  const h = Object.fromEntries(
    lines
      .slice(0, 6)
      .map((l) => l.split(/\s+/))
      .map(([k, v]) => [k.toLowerCase(), Number(v)]),
  );
  const toWgs = pointToWgs84(gk3(102));
  const out: { lon: number; lat: number; v: number }[] = [];
  lines.slice(6).forEach((line, j) =>
    line
      .trim()
      .split(/\s+/)
      .map(Number)
      .forEach((v, i) => {
        if (v === h.nodata_value || !(v > 0)) return;
        const [lon, lat] = toWgs(h.xllcorner + (i + 0.5) * h.cellsize, h.yllcorner + (h.nrows - j - 0.5) * h.cellsize);
        out.push({ lon, lat, v });
      }),
  );
  return out;
}

async function run(args: string[], name: string) {
  const out = join(dir, name),
    log: string[] = [];
  const code = await main([...args, '--out', out], (s) => log.push(s));
  return { code, log: log.join('\n'), out };
}

async function runOk(args: string[], name: string) {
  const r = await run(args, name);
  expect(r.code, r.log).toBe(0);
  const csv = readFileSync(join(r.out, 'communities.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  return { summary: JSON.parse(readFileSync(join(r.out, 'summary.json'), 'utf8')), csv, log: r.log };
}

const base = ['--communities', fx('communities.geojson'), '--facilities', fx('facilities.geojson')];

describe('population raster as demand', () => {
  const cells = asciiCells();

  it('reads every populated cell: the total equals the raster sum', async () => {
    const { summary } = await runOk([...base, '--households', fx('pop.tif')], 'raster');
    expect(summary.inputs.raster_cells).toBe(cells.length);
    expect(summary.inputs.raster_population).toBeCloseTo(
      cells.reduce((s, c) => s + c.v, 0),
      3,
    );
    expect(summary.inputs.household_points).toBe(cells.length);
    expect(summary.inputs.household_size).toBe(3.09);
  });

  it('gives each community the cells whose centres lie in it (brute-force point-in-polygon)', async () => {
    const { csv, summary } = await runOk([...base, '--households', fx('pop.tif'), '--household-size', '2.5'], 'raster-size');
    const inside = (c: Feature<Polygon>) => cells.filter((p) => booleanPointInPolygon([p.lon, p.lat], c)).reduce((s, p) => s + p.v, 0);
    const pops = communities.map(inside);
    expect(pops.every((p) => p > 0)).toBe(true);
    expect(pops.reduce((a, b) => a + b)).toBeLessThan(summary.inputs.raster_population); // some cells lie outside every community
    communities.forEach((c, k) => {
      expect(csv[k][0]).toBe(c.properties!.code);
      expect(Number(csv[k][2])).toBeCloseTo(pops[k] / 2.5, 1);
    });
    // Elderly demand of the canteen: each community's share of its residents; cells outside every
    // community count at the village share.
    const canteen = summary.types.elderly_canteen;
    const outside = summary.inputs.raster_population - pops.reduce((a, b) => a + b);
    const elderly = pops.reduce(
      (s, p, k) => s + p * SHARES.elderly[communities[k].properties!.urban ? 'urban' : 'village'],
      outside * SHARES.elderly.village,
    );
    expect(canteen.demand).toBe('elderly');
    expect(canteen.demand_total).toBeCloseTo(elderly, 1);
  });

  it('refuses a raster without georeferencing, naming the file', async () => {
    const r = await run([...base, '--households', fx('pop_nogeo.tif')], 'nogeo');
    expect(r.code).toBe(1);
    expect(r.log).toContain('pop_nogeo.tif');
    expect(r.log).toContain('no usable georeferencing');
  });

  it('rejects a household size that is not positive', async () => {
    const r = await run([...base, '--households', fx('pop.tif'), '--household-size', '0'], 'bad-size');
    expect(r.code).toBe(2);
    expect(r.log).toContain('--household-size must be > 0');
  });
});

describe('building footprints as demand', () => {
  const buildings = JSON.parse(readFileSync(fx('buildings.geojson'), 'utf8')).features as Feature<Polygon>[];
  const areaM2 = (b: Feature<Polygon>) => area(b); // geodesic (Turf), an independent oracle
  const expected = (perHh: number) =>
    buildings.map(
      (b) => (b.properties!.households as number | undefined) ?? (areaM2(b) * ((b.properties!.floors as number | undefined) ?? 1)) / perHh,
    );

  it('puts a demand point at each building with households from the field, else floor area ÷ 90 m²', async () => {
    const { summary, csv } = await runOk([...base, '--households', fx('buildings.geojson')], 'buildings');
    expect(summary.inputs).toMatchObject({ buildings: 6, household_points: 6 });
    const want = expected(90);
    const perCommunity = communities.map((c) =>
      buildings.reduce((s, b, i) => {
        const r = b.geometry.coordinates[0];
        return booleanPointInPolygon([(r[0][0] + r[2][0]) / 2, (r[0][1] + r[2][1]) / 2], c) ? s + want[i] : s;
      }, 0),
    );
    communities.forEach((_, k) => expect(Number(csv[k][2]) / perCommunity[k]).toBeCloseTo(1, 3));
    expect(summary.types.elderly_canteen.households / want.reduce((a, b) => a + b)).toBeCloseTo(1, 3);
  });

  it('takes the area per household and the floors field from the flags', async () => {
    const { summary } = await runOk(
      [...base, '--households', fx('buildings.geojson'), '--area-per-household', '60', '--field', 'households.floors=nofield'],
      'buildings-60',
    );
    const want = buildings.map((b) => (b.properties!.households as number | undefined) ?? areaM2(b) / 60);
    expect(summary.types.elderly_canteen.households / want.reduce((a, b) => a + b)).toBeCloseTo(1, 3);
  });
});
