// loadFile on bad input: each case ends in a clear ImportError (key + where) or a reported
// skip, and the message exists in Chinese and English.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { FeatureCollection } from 'geojson';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crsToEpsg } from '../../src/io/crs.ts';
import { ImportError } from '../../src/io/import-error.ts';
import { checkSize, loadFile, MAX_IMPORT_BYTES } from '../../src/io/load.ts';
import { formatImportError, formatSkip } from '../../src/io/messages.ts';
import { eachPosition } from '../../src/io/positions.ts';
import { featuresToCrs } from '../../src/io/reproject.ts';
import { readShapefileZip } from '../../src/io/shapefile.ts';
import { encodeGbk, writeDbf, writePolygonShp } from '../fixtures/shapefile-writer.ts';

const IN = join(import.meta.dirname, '../fixtures/in');
const enc = (s: string) => new TextEncoder().encode(s);
const json = (o: unknown) => enc(JSON.stringify(o));
const pt = (x: number, y: number, props: Record<string, unknown> = {}) => ({
  type: 'Feature',
  properties: props,
  geometry: { type: 'Point', coordinates: [x, y] },
});
const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

async function fails(name: string, bytes: Uint8Array, options = {}): Promise<ImportError> {
  try {
    await loadFile(name, bytes, options);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('expected an ImportError');
}

describe('loadFile: formats', () => {
  it('GeoJSON in WGS84 by default; a legacy crs member is honoured', async () => {
    const r = await loadFile('a.geojson', json(fc(pt(103.38, 23.37, { name: '<b>x</b>' }))));
    expect(r).toMatchObject({ format: 'geojson', crsSource: 'default', crs: { kind: 'wgs84' } });
    expect(r.features[0].properties!.name).toBe('<b>x</b>'); // kept as text, never interpreted
    const gk = await loadFile(
      'b.json',
      json({ ...fc(pt(641123.4, 2586000.1)), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4543' } } }),
    );
    expect(crsToEpsg(gk.crs)).toBe(4543);
    expect(gk.crsSource).toBe('file');
  });

  it('a bare geometry and a single Feature are read as one feature', async () => {
    expect((await loadFile('g.geojson', json({ type: 'Point', coordinates: [103, 23] }))).features.length).toBe(1);
    expect((await loadFile('f.geojson', json(pt(103, 23)))).features.length).toBe(1);
  });

  it('FlatGeobuf through readFgb', async () => {
    const bytes = serialize(fc(pt(103.38, 23.37, { name: '蒙自' }), pt(102.42, 23.37, { name: '红河' })) as FeatureCollection as never);
    const r = await loadFile('x.fgb', bytes);
    expect(r.format).toBe('fgb');
    expect(r.features.map((f) => f.properties!.name)).toEqual(['蒙自', '红河']);
  });

  it('a zip with two shapefiles: an error listing both until one is chosen', async () => {
    const a = unzipSync(new Uint8Array(readFileSync(join(IN, 'villages_gk102_cpg.zip'))));
    const b = unzipSync(new Uint8Array(readFileSync(join(IN, 'villages_gk105_noprj.zip'))));
    const zip = zipSync({ ...a, ...b });
    const e = await fails('two.zip', zip);
    expect(e.key).toBe('choose_layer');
    expect(e.params.layers).toEqual(['villages_gk102_cpg', 'villages_gk105_noprj']);
    expect(formatImportError(e, 'zh')).toBe(
      '文件 two.zip：文件包含多个图层（或工作表），请选择一个："villages_gk102_cpg", "villages_gk105_noprj"',
    );
    const first = await loadFile('two.zip', zip, { layer: 'villages_gk102_cpg' });
    expect(first.layers).toEqual(['villages_gk102_cpg', 'villages_gk105_noprj']);
    expect(first.features.length).toBe(6);
    expect((await fails('two.zip', zip, { layer: 'roads' })).params.detail).toBe('"roads" ∉ "villages_gk102_cpg", "villages_gk105_noprj"');
    const second = await loadFile('two.zip', zip, { layer: 'villages_gk105_noprj' });
    expect(second.features.length).toBe(4);
    expect(crsToEpsg(second.crs)).toBe(4544);
  });

  it('a workbook with two sheets of data: an error listing them until one is chosen', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('食堂').addRows([
      ['名称', '经度', '纬度'],
      ['甲', 103.38, 23.37],
    ]);
    wb.addWorksheet('说明').addRows([['数据来源：县民政局']]);
    wb.addWorksheet('空表');
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const e = await fails('两表.xlsx', bytes);
    expect(e.key).toBe('choose_layer');
    expect(e.params.layers).toEqual(['食堂', '说明']);
    expect((await loadFile('两表.xlsx', bytes, { layer: '食堂' })).features.length).toBe(1);
  });

  it('zip entry names in GBK (Chinese Windows, no UTF-8 flag) are shown decoded', async () => {
    const parts = unzipSync(new Uint8Array(readFileSync(join(IN, 'villages_gk102_cpg.zip'))));
    const renamed = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k.replace('villages_gk102_cpg', 'QQQQ'), v]));
    const zip = zipSync(renamed);
    // Put the GBK bytes of 村界 where the ASCII placeholder was, as Windows' zip tool writes them.
    const gbk = encodeGbk('村界');
    for (let i = 0; i + 4 <= zip.length; i++)
      if (zip[i] === 0x51 && zip[i + 1] === 0x51 && zip[i + 2] === 0x51 && zip[i + 3] === 0x51) zip.set(gbk, i);
    const r = await loadFile('村界.zip', zip);
    expect(r.layers).toEqual(['村界']);
    expect(r.features.length).toBe(6);
    expect((await loadFile('村界.zip', zip, { layer: '村界' })).features.length).toBe(6);
  });

  it('a confirmed CRS and column mapping override the guesses', async () => {
    const csv = enc('a,b,名称\n103.385005,23.366843,蒙自\n');
    const r = await loadFile('p.csv', csv, { columns: { headerRow: 1, x: 'a', y: 'b' }, crs: { kind: 'gcj02' } });
    expect(r.crsSource).toBe('option');
    expect(r.report.warnings).toEqual([]);
    const [lon, lat] = (r.features[0].geometry as { coordinates: number[] }).coordinates;
    expect(Math.abs(lon - 103.382968)).toBeLessThan(1e-5);
    expect(Math.abs(lat - 23.369348)).toBeLessThan(1e-5);
  });
});

describe('loadFile: bad input', () => {
  it('too large: refused before parsing', async () => {
    expect(() => checkSize('big.zip', MAX_IMPORT_BYTES + 1)).toThrow(expect.objectContaining({ key: 'too_large' }));
    expect((await fails('a.geojson', json(fc(pt(103, 23))), { maxBytes: 10 })).key).toBe('too_large');
  });

  it('unknown format', async () => {
    const e = await fails('notes.docx', enc('hello'));
    expect(e.key).toBe('unknown_format');
    expect(formatImportError(e, 'en')).toBe(
      'file notes.docx: Unrecognised file format (.docx); supported: GeoJSON, FlatGeobuf, zipped Shapefile (.zip), CSV, XLSX, GeoPackage, zipped File Geodatabase (.gdb.zip), DXF, zipped MapInfo (TAB/MIF), KML/KMZ, GML, population GeoTIFF',
    );
  });

  it('malformed and truncated GeoJSON', async () => {
    expect((await fails('a.geojson', enc('{"type":"FeatureCollection","features":[{"type":'))).key).toBe('malformed');
    expect((await fails('a.geojson', json({ type: 'Topology' }))).key).toBe('malformed');
  });

  it('empty layers', async () => {
    expect((await fails('a.geojson', json(fc()))).key).toBe('empty');
    expect((await fails('a.csv', enc('经度,纬度\n'))).key).toBe('empty');
  });

  it('wrong geometry type for the layer', async () => {
    const poly = {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [103, 23],
            [103.1, 23],
            [103.1, 23.1],
            [103, 23],
          ],
        ],
      },
    };
    const e = await fails('a.geojson', json(fc(poly)), { geometry: ['Point'] });
    expect(e.key).toBe('wrong_geometry');
    const mixed = await loadFile('a.geojson', json(fc(poly, pt(103, 23))), { geometry: ['Point'] });
    expect(mixed.report.skipped).toEqual([{ feature: 0, reason: 'wrong_geometry', value: 'Polygon' }]);
  });

  it('NaN, null and malformed geometries are skipped with the feature index', async () => {
    const r = await loadFile(
      'a.geojson',
      json(
        fc(
          pt(103, 23),
          { type: 'Feature', properties: {}, geometry: null },
          { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: ['x', 1] } },
          pt(200, 23),
          pt(103.1, 23.1),
        ),
      ),
    );
    expect(r.report.skipped.map((s) => [s.feature, s.reason])).toEqual([
      [1, 'null_geometry'],
      [2, 'malformed_geometry'],
      [3, 'out_of_range'],
    ]);
    expect(formatSkip(r.report.skipped[0], 'zh')).toBe('第 1 个要素：没有几何');
  });

  it('lat/lon swapped', async () => {
    const e = await fails('a.geojson', json(fc(pt(23.37, 103.38), pt(23.62, 102.82))));
    expect(e.key).toBe('swapped_lonlat');
    expect(formatImportError(e, 'zh')).toContain('经度和纬度似乎互换了');
  });

  it('Gauss–Krüger metres in a file declared as degrees', async () => {
    const zip = unzipSync(new Uint8Array(readFileSync(join(IN, 'villages_gk102_cpg.zip'))));
    zip['villages_gk102_cpg.prj'] = enc('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]]]');
    const e = await fails('v.zip', zipSync(zip));
    expect(e.key).toBe('wrong_crs');
    expect(e.params.detail).toContain('(EPSG:4543)?'); // suggests the system the ranges fit
  });

  it('points far outside China: an error if all are, a skip if some are', async () => {
    // Tokyo and Paris; Hanoi (105.85, 21.03) is within the 1° margin.
    expect((await fails('a.geojson', json(fc(pt(139.69, 35.69), pt(2.35, 48.86))))).key).toBe('outside_region');
    const some = await loadFile('a.geojson', json(fc(pt(103, 23), pt(139.69, 35.69), pt(105.85, 21.03))));
    expect(some.report.skipped).toEqual([{ feature: 1, reason: 'outside_region', value: '139.6900, 35.6900' }]);
    expect(some.features.length).toBe(2);
    expect((await loadFile('a.geojson', json(fc(pt(139.69, 35.69))), { allowOutsideRegion: true })).features.length).toBe(1);
  });

  it('anywhere in China loads, with a warning away from the project region (Yunnan)', async () => {
    // Beijing, Harbin, Urumqi, Sanya, Taipei, Zengmu Reef: kept, counted, the first one named.
    const far = [pt(116.39, 39.9), pt(126.63, 45.75), pt(87.62, 43.83), pt(109.51, 18.25), pt(121.56, 25.04), pt(112.28, 3.97)];
    const r = await loadFile('a.geojson', json(fc(pt(103, 23), ...far)));
    expect(r.features.length).toBe(7);
    expect(r.report.skipped).toEqual([]);
    expect(r.report.warnings).toContainEqual({ key: 'far_from_region', detail: '6 (116.3900, 39.9000)' });
    // Inside Yunnan + 1°: no warning.
    expect((await loadFile('a.geojson', json(fc(pt(103, 23), pt(97, 28))))).report.warnings.map((w) => w.key)).not.toContain(
      'far_from_region',
    );
    // The swapped-axes check works across China too (Beijing as lat, lon).
    expect((await fails('a.geojson', json(fc(pt(39.9, 116.39), pt(39.91, 116.4))))).key).toBe('swapped_lonlat');
  });

  it('duplicate ids: later ones skipped, naming the field', async () => {
    const r = await loadFile('a.geojson', json(fc(pt(103, 23, { code: 'A' }), pt(103.1, 23, { code: 'B' }), pt(103.2, 23, { code: 'A' }))));
    expect(r.report.skipped).toEqual([{ feature: 2, field: 'code', reason: 'duplicate_id', value: 'A' }]);
    expect(
      (await loadFile('a.geojson', json(fc(pt(103, 23, { code: 'A' }), pt(103, 23, { code: 'A' }))), { idField: null })).features.length,
    ).toBe(2);
  });

  it('nothing valid left', async () => {
    const e = await fails('a.csv', enc('经度,纬度\n103,\nx,y\n'));
    expect(e).toMatchObject({ key: 'nothing_valid', params: { file: 'a.csv', detail: '2' } });
  });

  it('table without coordinate columns', async () => {
    expect((await fails('a.csv', enc('名称,地址\n甲,乙\n'))).key).toBe('no_coordinate_columns');
  });

  it('zip without the .dbf or without any .shp', async () => {
    const zip = unzipSync(new Uint8Array(readFileSync(join(IN, 'villages_gk102_cpg.zip'))));
    delete zip['villages_gk102_cpg.dbf'];
    expect(await fails('v.zip', zipSync(zip))).toMatchObject({ key: 'zip_missing_part', params: { detail: 'villages_gk102_cpg.dbf' } });
    expect(await fails('v.zip', zipSync({ 'readme.txt': enc('hi') }))).toMatchObject({
      key: 'zip_missing_part',
      params: { detail: '.shp' },
    });
  });

  it('truncated .shp inside a good zip', async () => {
    const zip = unzipSync(new Uint8Array(readFileSync(join(IN, 'villages_gk102_cpg.zip'))));
    zip['villages_gk102_cpg.shp'] = zip['villages_gk102_cpg.shp'].subarray(0, 400);
    expect((await fails('v.zip', zipSync(zip))).key).toBe('truncated');
  });

  it('a zip that would inflate past the limit is refused', async () => {
    const e = await fails('bomb.zip', zipSync({ 'a.shp': new Uint8Array(2_000_000), 'a.dbf': new Uint8Array(10) }), {
      maxBytes: 1_000_000,
    });
    expect(e.key).toBe('too_large');
    const x = await fails('bomb.xlsx', zipSync({ '[Content_Types].xml': new Uint8Array(2_000_000) }), { maxBytes: 1_000_000 });
    expect(x).toMatchObject({ key: 'too_large', params: { detail: '2 MB unzipped' } });
  });

  it('an unknown .prj is an error naming it, not a silent guess', async () => {
    const zip = unzipSync(new Uint8Array(readFileSync(join(IN, 'villages_gk102_cpg.zip'))));
    zip['villages_gk102_cpg.prj'] = enc(
      'PROJCS["Beijing_1954_3_Degree_GK_CM_102E",GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]]],PROJECTION["Gauss_Kruger"],PARAMETER["Central_Meridian",102.0]]',
    );
    const e = await fails('v.zip', zipSync(zip));
    expect(e).toMatchObject({ key: 'unknown_crs', params: { detail: '.prj Beijing_1954_3_Degree_GK_CM_102E' } });
  });
});

describe('export back to the source system', () => {
  it('GK shapefile → WGS84 → GK reproduces the file coordinates within 1 mm', async () => {
    const bytes = new Uint8Array(readFileSync(join(IN, 'villages_gk34_prefix.zip')));
    const loaded = await loadFile('v.zip', bytes);
    const back = featuresToCrs(loaded.features, loaded.crs);
    const original = readShapefileZip(bytes, 'v.zip', { maxBytes: 1e8 }).features;
    const a: number[] = [],
      b: number[] = [];
    back.forEach((f) => eachPosition(f.geometry, (x, y) => a.push(x, y)));
    original.forEach((f) => eachPosition(f.geometry, (x, y) => b.push(x, y)));
    expect(a.length).toBe(b.length);
    expect(a[0]).toBeGreaterThan(34e6); // zone prefix kept
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-3);
  });
});

describe('shapefile whose coordinates are all NaN', () => {
  it('is an ImportError (nothing valid), not a crash', async () => {
    const { shp, shx } = writePolygonShp([
      [
        [
          [NaN, NaN],
          [NaN, NaN],
          [NaN, NaN],
          [NaN, NaN],
        ],
      ],
    ]);
    const dbf = writeDbf([{ name: 'ID', type: 'C', length: 4 }], [['a']], enc);
    const e = await fails('n.zip', zipSync({ 'n.shp': shp, 'n.shx': shx, 'n.dbf': dbf }));
    expect(e.key).toBe('nothing_valid');
  });
});
