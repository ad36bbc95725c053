// Import messages: every key in both languages, with where (file, row/feature, field) and what.
import { describe, expect, it } from 'vitest';
import { ImportError, type ImportErrorKey, type SkipReason, type WarningKey } from '../../src/io/import-error.ts';
import { formatGuessReason, formatImportError, formatSkip, formatWarning } from '../../src/io/messages.ts';
import { readOsm } from '../../src/io/osm.ts';

const ERROR_KEYS: ImportErrorKey[] = [
  'too_large',
  'unknown_format',
  'malformed',
  'truncated',
  'empty',
  'zip_missing_part',
  'wrong_geometry',
  'no_coordinate_columns',
  'unknown_column',
  'unknown_crs',
  'wrong_crs',
  'swapped_lonlat',
  'outside_region',
  'nothing_valid',
];
const REASONS: SkipReason[] = [
  'empty',
  'nan',
  'out_of_range',
  'outside_region',
  'null_geometry',
  'malformed_geometry',
  'wrong_geometry',
  'duplicate_id',
];
const WARNINGS: WarningKey[] = [
  'crs_guessed',
  'cgcs2000_as_wgs84',
  'encoding_guessed',
  'encoding_unknown_cpg',
  'columns_guessed',
  'columns_swapped',
  'deleted_records',
  'skipped_rows',
  'far_from_region',
];

describe('messages', () => {
  it('say where and what, in Chinese and in English', () => {
    const e = new ImportError('unknown_column', { file: '食堂.xlsx', row: 2, field: '经度' });
    expect(formatImportError(e, 'zh')).toBe('文件 食堂.xlsx，第 2 行，字段“经度”：表中没有这一列');
    expect(formatImportError(e, 'en')).toBe('file 食堂.xlsx, row 2, field "经度": The table has no such column');
    const t = new ImportError('truncated', { file: 'v.zip', feature: 3, detail: '.shp record runs past the end' });
    expect(formatImportError(t, 'zh')).toBe('文件 v.zip，第 3 个要素：文件不完整（可能被截断）：.shp 记录超出文件末尾');
    expect(formatImportError(t, 'en')).toBe(
      'file v.zip, feature 3: The file is incomplete (probably truncated): .shp record runs past the end',
    );
  });

  it("OpenStreetMap readers' details are in Chinese too, the parser's own words kept", () => {
    const zh = (xml: string) => {
      try {
        readOsm('r.osm', new TextEncoder().encode(xml));
      } catch (e) {
        return formatImportError(e as ImportError, 'zh');
      }
      return 'read';
    };
    expect(zh('<osm><node id="7" lon="102.5" lat="95"/></osm>')).toBe(
      '文件 r.osm：文件已损坏或格式错误：OpenStreetMap 节点 7 没有有效坐标（经度 102.5，纬度 95）',
    );
    expect(zh('<osm><node id="7" lon="102.5" lat="23"></way></osm>')).toMatch(
      /^文件 r\.osm：文件已损坏或格式错误：OpenStreetMap XML 数据损坏（.+）$/,
    );
  });

  it('skips name the row, field, reason and value', () => {
    expect(formatSkip({ row: 9, field: '经度', reason: 'nan', value: '待定' }, 'zh')).toBe('第 9 行，字段“经度”：不是数字（“待定”）');
    expect(formatSkip({ row: 9, field: '经度', reason: 'nan', value: '待定' }, 'en')).toBe('row 9, field "经度": not a number ("待定")');
  });

  it('every key has a distinct, non-empty text in each language', () => {
    for (const lang of ['zh', 'en'] as const) {
      const texts = [
        ...ERROR_KEYS.map((k) => formatImportError(new ImportError(k, { file: 'f', detail: 'd' }), lang)),
        ...REASONS.map((reason) => formatSkip({ reason }, lang)),
        ...WARNINGS.map((key) => formatWarning({ key, detail: 'd' }, lang)),
        formatGuessReason('gk_zone_prefix', lang),
      ];
      expect(new Set(texts).size).toBe(texts.length);
      for (const t of texts) expect(t).not.toMatch(/\{\w+\}/);
    }
  });

  it('control characters from file bytes are not carried into messages', () => {
    expect(new ImportError('malformed', { file: 'f', detail: 'a\u0000b\nc' }).params.detail).toBe('a b c');
  });
});
