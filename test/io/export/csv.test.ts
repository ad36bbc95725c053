import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { csvField, toCsv } from '../../../src/io/export/csv.ts';
import type { ColumnSpec } from '../../../src/io/export/columns.ts';
import type { GapRow } from '../../../src/core/coverage/gaps.ts';
import { gapColumns } from '../../../src/io/export/tables.ts';

const decode = (b: Uint8Array) => new TextDecoder('utf-8').decode(b); // drops the BOM
const parse = (b: Uint8Array) => Papa.parse<string[]>(decode(b), { skipEmptyLines: true, delimiter: ',' }).data;

const gap: GapRow = {
  index: 0,
  countyName: '元阳县',
  townshipName: '新街镇',
  communityCode: '532528101201',
  communityName: '箐口村委会',
  urban: false,
  type: 'elderly_canteen',
  minutes: 15,
  profile: 'walk',
  households: 312,
  householdsUncovered: 120.4,
  measure: 'elderly',
  demand: 61,
  demandUncovered: 23.5,
  share: 0.6141,
  medianMin: Infinity,
  p90Min: Infinity,
  lon: 102.8,
  lat: 23.1,
};

describe('toCsv', () => {
  it('starts with the UTF-8 BOM and has Chinese headers', () => {
    const b = toCsv([gap], gapColumns());
    expect(Array.from(b.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(b);
    expect(rows[0]).toEqual([
      '县市',
      '乡镇（街道）',
      '村（社区）代码',
      '村（社区）',
      '城乡',
      '设施类型',
      '服务圈',
      '户数',
      '未覆盖户数',
      '需求口径',
      '需求',
      '未覆盖需求',
      '覆盖率',
      '出行时间中位数（分钟）',
      '出行时间90分位（分钟）',
    ]);
    expect(rows[1]).toEqual([
      '元阳县',
      '新街镇',
      '532528101201',
      '箐口村委会',
      '村',
      '老年幸福食堂',
      '15分钟步行',
      '312',
      '120',
      '60岁以上老人',
      '61',
      '24',
      '0.614',
      '',
      '',
    ]);
    expect(decode(b).endsWith('\r\n')).toBe(true);
  });

  it('writes English headers and labels on request', () => {
    const rows = parse(toCsv([gap], gapColumns(), 'en'));
    expect(rows[0][5]).toBe('Facility type');
    expect(rows[1][4]).toBe('rural');
    expect(rows[1][5]).toBe('Elderly canteen');
  });

  it('neutralises formulas, quotes separators, keeps negative numbers', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(NaN)).toBe('');
    expect(csvField(null)).toBe('');
  });

  it('round-trips any text through papaparse (formula-like text gains one apostrophe)', () => {
    const cols: ColumnSpec<string[]>[] = [0, 1].map((k) => ({ key: `k${k}`, zh: `列${k}`, en: `c${k}`, value: (r) => r[k] }));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit: 'grapheme' }), fc.string()), { minLength: 1, maxLength: 5 }), (rows) => {
        const parsed = Papa.parse<string[]>(decode(toCsv(rows, cols)), { newline: '\r\n', delimiter: ',' }).data;
        expect(parsed[0]).toEqual(['列0', '列1']);
        rows.forEach((r, i) => {
          expect(parsed[i + 1]).toEqual(r.map((s) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s)));
        });
      }),
      { numRuns: 200 },
    );
  });
});
