// Tables: coordinate-column guesses from Chinese and English headers, coordinate cells, and
// the skipped-row report.
import { describe, expect, it } from 'vitest';
import { guessColumns } from '../../src/io/columns.ts';
import { buildPoints, readCsv, type Cell } from '../../src/io/table.ts';
import { parseCoordinate } from '../../src/io/columns.ts';
import { encodeGbk } from '../fixtures/shapefile-writer.ts';

const grid = (header: Cell[], ...rows: Cell[][]): Cell[][] => [header, ...rows];

describe('guessColumns', () => {
  it.each([
    [['名称', '经度', '纬度'], '经度', '纬度'],
    [['name', 'lng', 'lat'], 'lng', 'lat'],
    [['NAME', 'Longitude', 'Latitude'], 'Longitude', 'Latitude'],
    [['名称', '经度(GCJ02)', '纬度(GCJ02)'], '经度(GCJ02)', '纬度(GCJ02)'],
    [['名称', 'POINT_X', 'POINT_Y'], 'POINT_X', 'POINT_Y'],
    [['名称', '东坐标', '北坐标'], '东坐标', '北坐标'],
  ])('%j → %s / %s', (header, x, y) => {
    expect(guessColumns(grid(header as Cell[], ['a', 1, 2]))?.mapping).toEqual({ headerRow: 1, x, y });
  });

  it('skips title rows above the header', () => {
    const g = [['红河州名单'], [], ['序号', '名称', '经度', '纬度'], [1, 'a', 103.1, 23.2]];
    expect(guessColumns(g)?.mapping).toEqual({ headerRow: 3, x: '经度', y: '纬度' });
  });

  it('X holding northings (survey convention) is swapped with Y', () => {
    const g = guessColumns(grid(['X', 'Y'], [2614000.5, 641000.2], [2615000, 640000]))!;
    expect(g.mapping).toMatchObject({ x: 'Y', y: 'X' });
    expect(g.swapped).toBe(true);
    expect(guessColumns(grid(['X', 'Y'], [641000.2, 2614000.5]))!.swapped).toBe(false);
  });

  it('headers naming a web-map system give a CRS hint', () => {
    expect(guessColumns(grid(['名称', '经度(高德)', '纬度(高德)'], ['a', 1, 2]))!.crsHint).toEqual({ kind: 'gcj02' });
    expect(guessColumns(grid(['name', 'lng_bd09', 'lat_bd09'], ['a', 1, 2]))!.crsHint).toEqual({ kind: 'bd09' });
    expect(guessColumns(grid(['name', 'lng', 'lat'], ['a', 1, 2]))!.crsHint).toBeNull();
  });

  it('no coordinate headers: null', () => {
    expect(guessColumns(grid(['名称', '地址'], ['a', 'b']))).toBeNull();
    expect(guessColumns([])).toBeNull();
  });
});

describe('coordinates and rows', () => {
  it('parses decimals, degree signs and degrees-minutes-seconds', () => {
    expect(parseCoordinate(' 103.5 ')).toBe(103.5);
    expect(parseCoordinate('103.5°')).toBe(103.5);
    expect(parseCoordinate(`103°22'58.68"E`)).toBeCloseTo(103 + 22 / 60 + 58.68 / 3600, 10);
    expect(parseCoordinate('23度22分9.65秒')).toBeCloseTo(23 + 22 / 60 + 9.65 / 3600, 10);
    expect(parseCoordinate('待定')).toBeNaN();
    expect(parseCoordinate(null)).toBeNaN();
  });

  it('reports empty and non-numeric cells by row and field; ignores blank rows', () => {
    const g = { grid: grid(['名称', '经度', '纬度'], ['a', 103, 23], ['', '', ''], ['b', '', 23], ['c', 103, 'x']) };
    const raw = buildPoints(g, { headerRow: 1, x: '经度', y: '纬度' }, 'f.csv');
    expect(raw.features.map((f) => f.properties!['名称'])).toEqual(['a']);
    expect(raw.rows).toEqual([2]);
    expect(raw.skipped).toEqual([
      { row: 4, field: '经度', reason: 'empty' },
      { row: 5, field: '纬度', reason: 'nan', value: 'x' },
    ]);
  });

  it('an unknown column in the mapping is an ImportError naming it', () => {
    expect(() => buildPoints({ grid: grid(['a', 'b']) }, { headerRow: 1, x: 'lon', y: 'b' }, 'f.csv')).toThrow(
      expect.objectContaining({ key: 'unknown_column', params: { file: 'f.csv', row: 1, field: 'lon' } }),
    );
  });

  it('reads GBK CSV from Excel and UTF-8 with BOM alike', () => {
    const text = '名称,经度,纬度\r\n迤萨镇,102.42,23.37\r\n';
    const gbk = readCsv(encodeGbk(text));
    const bom = readCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]));
    expect(gbk.encoding).toBe('gb18030');
    expect(bom.encoding).toBe('utf-8');
    expect(gbk.grid.slice(0, 2)).toEqual([
      ['名称', '经度', '纬度'],
      ['迤萨镇', '102.42', '23.37'],
    ]);
    expect(bom.grid.slice(0, 2)).toEqual(gbk.grid.slice(0, 2));
  });
});
