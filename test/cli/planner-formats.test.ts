// Golden tests for the planners' formats read through GDAL (gdal3.js) and @tmcw/togeojson: the
// same small case, converted from its GeoJSON original with Debian's ogr2ogr
// (test/fixtures/make-planner.sh), must give the same summary.json as the original.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/analyze.ts';

const fx = (f: string) => join('test/fixtures/planner', f);
const dir = mkdtempSync(join(tmpdir(), 'planner-formats-'));
let runs = 0;

async function run(args: string[]) {
  const out = join(dir, String(runs++)),
    log: string[] = [];
  const code = await main([...args, '--minutes', 'elderly_canteen=10', '--out', out], (s) => log.push(s));
  return { code, log: log.join('\n'), out };
}

async function summary(c: string, h: string, f: string, extra: string[] = []) {
  const r = await run(['--communities', c, '--households', h, '--facilities', f, ...extra]);
  expect(r.code, r.log).toBe(0);
  return {
    summary: JSON.parse(readFileSync(join(r.out, 'summary.json'), 'utf8')),
    csv: readFileSync(join(r.out, 'communities.csv'), 'utf8'),
    log: r.log,
  };
}

/** Equal, numbers to `rel` relative: a round trip through GK metres moves points by nanometres;
 *  MapInfo stores coordinates as integers on a grid over the layer's bounds (≈ centimetres). */
function expectSame(got: unknown, want: unknown, rel = 1e-9, path = ''): void {
  if (typeof want === 'number' && typeof got === 'number') {
    expect(Math.abs(got - want), path).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(want)));
  } else if (want && typeof want === 'object') {
    expect(got, path).toBeTypeOf('object');
    expect(Object.keys(got as object).sort(), path).toEqual(Object.keys(want).sort());
    for (const k of Object.keys(want))
      expectSame((got as Record<string, unknown>)[k], (want as Record<string, unknown>)[k], rel, `${path}.${k}`);
  } else expect(got, path).toEqual(want);
}

describe('planner formats give the same summary as the GeoJSON original', () => {
  let original: { summary: unknown; csv: string };

  it('GeoJSON original', async () => {
    original = await summary(fx('communities.geojson'), fx('households.geojson'), fx('facilities.geojson'));
    expect((original.summary as { inputs: unknown }).inputs).toEqual({ communities: 3, household_points: 6, facilities: 3 });
  });

  it('GeoPackage: three layers in one file, chosen with --layer (communities in CGCS2000 GK)', async () => {
    const gpkg = fx('case.gpkg');
    const r = await summary(gpkg, gpkg, gpkg, [
      '--layer',
      'communities=communities',
      '--layer',
      'households=households',
      '--layer',
      'facilities=facilities',
    ]);
    expectSame(r.summary, original.summary);
    expect(r.csv).toBe(original.csv);
  });

  it('GeoPackage without --layer is an error listing its layers', async () => {
    const r = await run([
      '--communities',
      fx('case.gpkg'),
      '--households',
      fx('households.geojson'),
      '--facilities',
      fx('facilities.geojson'),
    ]);
    expect(r.code).toBe(1);
    expect(r.log).toContain('case.gpkg');
    expect(r.log).toContain('"communities", "households", "facilities"');
    expect(r.log).toContain('--layer communities=NAME');
  });

  it('File Geodatabase (zipped .gdb folder)', async () => {
    const gdb = fx('case.gdb.zip');
    const r = await summary(gdb, gdb, gdb, [
      '--layer',
      'communities=communities',
      '--layer',
      'households=households',
      '--layer',
      'facilities=facilities',
    ]);
    expectSame(r.summary, original.summary);
  });

  it('a .gdb.zip without a .gdb folder is refused, naming the file', async () => {
    const r = await run([
      '--communities',
      fx('nogdb.gdb.zip'),
      '--households',
      fx('households.geojson'),
      '--facilities',
      fx('facilities.geojson'),
    ]);
    expect(r.code).toBe(1);
    expect(r.log).toMatch(/nogdb\.gdb\.zip: .*lacks.*\*\.gdb\//);
  });

  it('MapInfo TAB (zip of three tables) and MIF (GK without an EPSG code: guessed)', async () => {
    const tab = fx('case_tab.zip');
    const r = await summary(tab, tab, tab, [
      '--layer',
      'communities=communities',
      '--layer',
      'households=households',
      '--layer',
      'facilities=facilities',
    ]);
    expectSame(r.summary, original.summary, 1e-4);
    const mif = await summary(fx('case_mif.zip'), fx('households.geojson'), fx('facilities.geojson'));
    expectSame(mif.summary, original.summary, 1e-4);
    expect(mif.log).toContain('guessed');
  });

  it('KML with ExtendedData (facilities) and KMZ (communities)', async () => {
    const r = await summary(fx('communities.kmz'), fx('households.geojson'), fx('facilities.kml'));
    expectSame(r.summary, original.summary);
  });

  it('GML (households)', async () => {
    const r = await summary(fx('communities.geojson'), fx('households.gml'), fx('facilities.geojson'));
    expectSame(r.summary, original.summary);
  });

  it("Beijing-54 GK with the bureau's seven parameters; without them, the approximation and its warning", async () => {
    const bj54 = fx('communities_bj54.geojson');
    const towgs84 = '15.53,-113.82,-41.38,0,0,0.814,-0.38';
    const r = await summary(bj54, fx('households.geojson'), fx('facilities.geojson'), [
      '--crs',
      `communities=bj54:gk3:102+towgs84=${towgs84}`,
    ]);
    expectSame(r.summary, original.summary, 1e-6); // the file's coordinates are rounded to 0.1 mm
    expect(r.log).not.toContain('approximate');
    const approx = await summary(bj54, fx('households.geojson'), fx('facilities.geojson'), ['--crs', 'communities=bj54:gk3:102']);
    expect(approx.log).toContain('converted to WGS84 with published approximate parameters');
    const bad = await run([
      '--communities',
      bj54,
      '--households',
      fx('households.geojson'),
      '--facilities',
      fx('facilities.geojson'),
      '--crs',
      'communities=bj54:gk3:102+towgs84=1,2,3',
    ]);
    expect(bad.code).toBe(2);
  });

  it('DXF: closed polylines become communities, coded by their CAD layer (no other attributes survive)', async () => {
    const r = await summary(fx('communities.dxf'), fx('households.geojson'), fx('facilities.geojson'), [
      '--field',
      'communities.code=Layer',
      '--field',
      'communities.name=Layer',
    ]);
    const want = original.summary as { types: unknown };
    expectSame((r.summary as { types: unknown }).types, want.types);
  });

  it('a DXF offered as communities without closed polylines is refused, naming the file', async () => {
    const r = await run([
      '--communities',
      fx('roads.dxf'),
      '--households',
      fx('households.geojson'),
      '--facilities',
      fx('facilities.geojson'),
      '--field',
      'communities.code=Layer',
    ]);
    expect(r.code).toBe(1);
    expect(r.log).toContain('roads.dxf: Wrong geometry type: LineString ≠ Polygon');
  });
});
