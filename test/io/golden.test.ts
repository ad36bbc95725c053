// Golden files per format and coordinate system: each fixture in test/fixtures/in is loaded and
// compared with test/fixtures/out/<name>.geojson (regenerate with REGEN=1), and every position
// with the true WGS84 position the fixture was made from (in/truth.json), within 1 m.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { crsToEpsg, type Crs } from '../../src/io/crs.ts';
import { loadFile, type LoadOptions, type LoadResult } from '../../src/io/load.ts';
import { distanceM } from '../fixtures/tm-oracle.ts';

const IN = join(import.meta.dirname, '../fixtures/in');
const OUT = join(import.meta.dirname, '../fixtures/out');
const truth = JSON.parse(readFileSync(join(IN, 'truth.json'), 'utf8'));

function bytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(IN, name)));
}

function rounded(fc: FeatureCollection): FeatureCollection {
  return JSON.parse(JSON.stringify(fc, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1e7) / 1e7 : v)));
}

async function golden(name: string, options: LoadOptions = {}): Promise<LoadResult> {
  const input = bytes(name);
  const copy = input.slice();
  const r = await loadFile(name, input, options);
  expect(input).toEqual(copy); // the importer does not touch its input
  const actual = rounded({ type: 'FeatureCollection', features: r.features });
  const path = join(OUT, name.replace(/\.\w+$/, '.geojson'));
  if (process.env.REGEN) writeFileSync(path, JSON.stringify(actual, null, 1) + '\n');
  expect(actual).toEqual(JSON.parse(readFileSync(path, 'utf8')));
  return r;
}

function flatPositions(f: Feature): Position[] {
  const out: Position[] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') out.push(c as Position);
    else if (Array.isArray(c)) c.forEach(walk);
  };
  walk((f.geometry as { coordinates: unknown }).coordinates);
  return out;
}

function maxErrorM(actual: Feature[], expected: Feature[]): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  actual.forEach((f, i) => {
    const a = flatPositions(f),
      e = flatPositions(expected[i]);
    expect(a.length).toBe(e.length);
    a.forEach((p, j) => {
      worst = Math.max(worst, distanceM(p, e[j]));
    });
  });
  return worst;
}

const epsg = (c: Crs) => crsToEpsg(c);

describe('zipped shapefiles in CGCS2000 Gauss–Krüger with GBK names', () => {
  const west = truth.villagesWest.features as Feature[];
  for (const [name, code, encoding] of [
    ['villages_gk102_cpg.zip', 4543, 'gb18030'],
    ['villages_gk102_nocpg.zip', 4543, 'gb18030'],
    ['villages_gk34_prefix.zip', 4522, 'utf-8'],
  ] as const) {
    it(`${name}: CRS from .prj, names decoded, positions within 1 m of truth`, async () => {
      const r = await golden(name);
      expect(r.crsSource).toBe('file');
      expect(epsg(r.crs)).toBe(code);
      expect(r.encoding).toBe(encoding);
      expect(r.features.map((f) => f.properties!.NAME)).toEqual(west.map((f) => f.properties!.NAME));
      expect(r.features.map((f) => f.properties!['户数'])).toEqual(west.map((f) => f.properties!['户数']));
      expect(maxErrorM(r.features, west)).toBeLessThan(0.01);
      expect(r.report.skipped).toEqual([]);
    });
  }

  it('keeps the hole and the two-part village, with RFC 7946 winding', async () => {
    const r = await loadFile('v.zip', bytes('villages_gk102_cpg.zip'));
    const holed = r.features[1].geometry as { type: string; coordinates: Position[][] };
    expect(holed.type).toBe('Polygon');
    expect(holed.coordinates.length).toBe(2);
    // Shoelace sum: positive for counter-clockwise rings.
    const area = (ring: Position[]) => ring.slice(1).reduce((s, p, i) => s + ring[i][0] * p[1] - p[0] * ring[i][1], 0);
    expect(area(holed.coordinates[0])).toBeGreaterThan(0); // counter-clockwise outer
    expect(area(holed.coordinates[1])).toBeLessThan(0); // clockwise hole
    expect(r.features[4].geometry.type).toBe('MultiPolygon');
  });

  it('the Mengzi county seat control point lands within 1 cm of 103.382968E 23.369348N', async () => {
    const r = await loadFile('v.zip', bytes('villages_gk34_prefix.zip'));
    const first = flatPositions(r.features[0])[0];
    expect(distanceM(first, [103.382968, 23.369348])).toBeLessThan(0.01);
  });

  it('without a .prj: CM 105 guessed from the ranges, flagged for confirmation', async () => {
    const r = await golden('villages_gk105_noprj.zip');
    expect(r.crsSource).toBe('guess');
    expect(epsg(r.crs)).toBe(4544);
    expect(r.report.warnings.map((w) => w.key)).toContain('crs_guessed');
    expect(r.features[1].properties!.NAME).toBe('河口县河口社区');
    expect(maxErrorM(r.features, truth.villagesEast.features)).toBeLessThan(0.01);
  });
});

describe('tables', () => {
  it('CSV of GCJ-02 points with Chinese headers: seats within 1 m of the DataV WGS84 values, bad rows reported', async () => {
    const r = await golden('centres_gcj02.csv', { crs: { kind: 'gcj02' } });
    expect(r.columns?.mapping).toEqual({ headerRow: 1, x: '经度', y: '纬度' });
    expect(r.crsCandidates.map((c) => c.crs.kind)).toContain('gcj02');
    const seats = truth.seatsWgs84 as [string, number, number][];
    expect(r.features.length).toBe(seats.length);
    r.features.forEach((f, i) => expect(distanceM(flatPositions(f)[0], [seats[i][1], seats[i][2]])).toBeLessThan(1));
    expect(r.report.skipped).toEqual([
      { row: 10, field: '经度', reason: 'empty' },
      { row: 11, field: '纬度', reason: 'nan', value: '待定' },
      { row: 12, reason: 'out_of_range', value: '103.2, 123.4' },
    ]);
    expect(r.features[0].properties!['地址']).toBe('个旧市政府驻地, 红河州');
  });

  it('GBK CSV with survey-convention X (north) / Y (east) in GK CM 102: swapped, decoded, duplicate id skipped', async () => {
    const r = await golden('canteens_gbk_gk102.csv');
    expect(r.encoding).toBe('gb18030');
    expect(r.columns?.swapped).toBe(true);
    expect(epsg(r.crs)).toBe(4543);
    const pts = truth.gbkPointsWgs84 as [string, string, number, number][];
    expect(r.features.map((f) => f.properties!['名称'])).toEqual(pts.slice(0, 3).map((p) => p[1]));
    r.features.forEach((f, i) =>
      expect(distanceM((f.geometry as { coordinates: Position }).coordinates, [pts[i][2], pts[i][3]])).toBeLessThan(0.01),
    );
    expect(r.report.skipped).toEqual([{ row: 5, field: '编号', reason: 'duplicate_id', value: 'SP-01' }]);
  });

  it('XLSX list of canteens under a title row: header found on row 2, three bad rows reported', async () => {
    const r = await golden('canteens.xlsx');
    expect(r.columns?.mapping).toEqual({ headerRow: 2, x: '经度', y: '纬度' });
    expect(r.sheets).toEqual(['食堂']);
    const expected = truth.canteensWgs84 as [string, number, number][];
    expect(r.features.map((f) => [f.properties!['名称'], ...(f.geometry as { coordinates: Position }).coordinates])).toEqual(expected);
    expect(r.features[0].properties!['面积（㎡）']).toBe(180);
    expect(r.report.skipped).toEqual([
      { row: 8, field: '经度', reason: 'empty' },
      { row: 9, field: '经度', reason: 'nan', value: '待定' },
      { row: 10, reason: 'outside_region', value: '139.6920, 35.6900' },
    ]);
  });
});
