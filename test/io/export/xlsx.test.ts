import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { computeIndicators } from '../../../src/core/indicators/compute.ts';
import { reportXlsx } from '../../../src/io/export/report-xlsx.ts';
import { sheet, toXlsx } from '../../../src/io/export/xlsx.ts';
import type { GapRow } from '../../../src/core/coverage/gaps.ts';
import type { SiteRow } from '../../../src/core/siting/site-rows.ts';
import { fixture } from '../../core/indicators/fixture.ts';

async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}
const rowValues = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);

const gaps: GapRow[] = [
  {
    index: 0,
    countyName: '甲县',
    townshipName: '',
    communityCode: '001',
    communityName: '=cmd|calc',
    urban: true,
    type: 'elderly_canteen',
    minutes: 15,
    profile: 'walk',
    households: 200,
    householdsUncovered: 50,
    measure: 'elderly',
    demand: 40,
    demandUncovered: 10,
    share: 0.75,
    medianMin: 9.25,
    p90Min: 20,
    lon: NaN,
    lat: NaN,
  }, // median kept to 1 decimal: 9.3,
  {
    index: 1,
    countyName: '乙县',
    townshipName: '某镇',
    communityCode: '002',
    communityName: '下寨村委会',
    urban: false,
    type: 'fitness',
    minutes: 10,
    profile: 'ebike',
    households: 100,
    householdsUncovered: 100,
    measure: 'population',
    demand: 310,
    demandUncovered: 310,
    share: 0,
    medianMin: Infinity,
    p90Min: Infinity,
    lon: NaN,
    lat: NaN,
  },
];
const sites: SiteRow[] = [
  {
    rank: 1,
    type: 'elderly_canteen',
    lon: 103.3751234,
    lat: 23.3658771,
    countyName: '甲县',
    communityCode: '001',
    communityName: '甲社区',
    added: 150,
    measure: 'households',
    shareAfter: 0.9,
  },
];

describe('reportXlsx', () => {
  const table = computeIndicators(fixture());
  const content = { title: '红河州 指标 2026-11-29', indicators: table, gaps, sites };

  it('reopens with four sheets, Chinese then English headers', async () => {
    const wb = await open(await reportXlsx(content));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['指标', '指标明细', '缺口村（社区）', '建议选址']);
    const ind = wb.getWorksheet('指标')!;
    expect(rowValues(ind, 1)[0]).toBe('红河州 指标 2026-11-29');
    expect(rowValues(ind, 2)).toEqual(['指标', '2025年目标', '全州', '甲县', '乙县', '丙县']);
    expect(rowValues(ind, 3)).toEqual(['Indicator', '2025 target', 'Prefecture', '甲县', '乙县', '丙县']);
    // one row per indicator after the title and two header rows
    expect(ind.rowCount).toBe(3 + table.rows.length);
    expect(rowValues(ind, 4)).toEqual(['农村社区综合服务设施覆盖率', 0.8, 0.6, 0.5, 0.5, '无数据']);
  });

  it('styles cells by status and formats shares as percentages', async () => {
    const ind = (await open(await reportXlsx(content))).getWorksheet('指标')!;
    const urban = ind.getRow(5); // service_urban: met everywhere but county C
    expect(urban.getCell(1).value).toBe('城市社区综合服务设施覆盖率');
    expect(urban.getCell(3).numFmt).toBe('0.0%');
    const fill = (c: ExcelJS.Cell) => (c.fill as ExcelJS.FillPattern).fgColor?.argb;
    expect(fill(urban.getCell(3))).toBe('FFC6EFCE'); // met
    expect(fill(urban.getCell(6))).toBe('FFEDEDED'); // no data
    expect(fill(ind.getRow(4).getCell(3))).toBe('FFFFC7CE'); // not met
    const area = ind.getRow(6);
    expect(area.getCell(1).value).toBe('每百户居民拥有社区综合服务设施面积');
    expect(area.getCell(4).value).toBe(37.5);
    expect(area.getCell(4).numFmt).toBe('#,##0.000');
  });

  it('has the long table, the gap list and the sites with their rows', async () => {
    const wb = await open(await reportXlsx(content));
    const long = wb.getWorksheet('指标明细')!;
    expect(long.rowCount).toBe(2 + table.rows.length * 4);
    expect(rowValues(long, 3).slice(0, 7)).toEqual(['service_rural', '农村社区综合服务设施覆盖率', '', '全州', 0.6, 0.8, '未达标']);
    const g = wb.getWorksheet('缺口村（社区）')!;
    expect(g.rowCount).toBe(4);
    expect(rowValues(g, 1)).toEqual([
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
    expect(rowValues(g, 3)).toEqual([
      '甲县',
      '',
      '001',
      '=cmd|calc',
      '社区',
      '老年幸福食堂',
      '15分钟步行',
      200,
      50,
      '60岁以上老人',
      40,
      10,
      0.75,
      9.3,
      20,
    ]);
    // an unreachable median is left empty (not Infinity, which Excel cannot hold)
    expect(rowValues(g, 4).slice(0, 13)).toEqual([
      '乙县',
      '某镇',
      '002',
      '下寨村委会',
      '村',
      '全民健身场地设施',
      '10分钟电动自行车骑行',
      100,
      100,
      '人',
      310,
      310,
      0,
    ]);
    expect(g.getRow(4).getCell(14).value).toBeNull();
    const s = wb.getWorksheet('建议选址')!;
    expect(rowValues(s, 3)).toEqual([1, '老年幸福食堂', '甲县', '甲社区', 103.375123, 23.365877, 150, '户', 0.9]);
  });

  it('writes English-only headers and sheet names when asked', async () => {
    const wb = await open(await reportXlsx(content, 'en'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Indicators', 'Indicator detail', 'Gaps', 'Proposed sites']);
    const ind = wb.getWorksheet('Indicators')!;
    expect(rowValues(ind, 2).slice(0, 3)).toEqual(['Indicator', '2025 target', 'Prefecture']);
    expect(rowValues(ind, 3)[0]).toBe('Rural community service facility coverage');
    expect(rowValues(ind, 3)[5]).toBe('no data');
  });

  it('keeps text that looks like a formula as text', async () => {
    const bytes = await toXlsx(
      [sheet({ name: 'x', columns: [{ key: 'a', zh: '甲', en: 'a', value: (r: string) => r }], rows: ['=1+1'] })],
      'zh',
    );
    const cell = (await open(bytes)).worksheets[0].getRow(2).getCell(1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=1+1');
  });
});
