// The exported tables: indicators (wide, for the meeting table; long, for CSV), the gap list
// and the proposed sites, as column specs over plain rows.
import { BUILT_IN_TYPES, type Catalogue, type DemandMeasure } from '../../core/catalogue.ts';
import type { GapRow } from '../../core/coverage/gaps.ts';
import type { IndicatorCell, IndicatorRow, IndicatorTable } from '../../core/indicators/compute.ts';
import type { SiteRow } from '../../core/siting/site-rows.ts';
import type { MultiServiceRow } from '../../core/gaps/multi-service.ts';
import { travelPhrase } from '../../core/travel/road-class.ts';
import { STATUS_LABELS, type CellFormat, type ColumnSpec, type Lang } from './columns.ts';

/** A catalogue code as the type name in `lang`. */
export const typeName = (code: string, lang: Lang, catalogue: Catalogue = BUILT_IN_TYPES): string => {
  const t = catalogue.find((x) => x.code === code);
  return t ? t[lang] : code;
};
const MEASURE_LABELS: Record<DemandMeasure, Record<Lang, string>> = {
  households: { zh: '户', en: 'households' },
  population: { zh: '人', en: 'residents' },
  elderly: { zh: '60岁以上老人', en: 'residents 60+' },
  infants: { zh: '0–3岁婴幼儿', en: 'infants 0–3' },
  disabled: { zh: '残疾人', en: 'disabled residents' },
};
const unitFormat = (r: IndicatorRow): CellFormat => (r.unit === 'share' ? 'percent' : 'number');
const PREFECTURE = { zh: '全州', en: 'Prefecture' };

/** Wide indicator table: one row per indicator; target, prefecture, then one column per county,
 *  each cell coloured by its status. */
export function indicatorColumnsWide(table: IndicatorTable): ColumnSpec<IndicatorRow>[] {
  const area = (key: string, zh: string, en: string, get: (r: IndicatorRow) => IndicatorCell): ColumnSpec<IndicatorRow> => ({
    key,
    zh,
    en,
    value: (r) => get(r).value,
    format: unitFormat,
    digits: 3,
    status: (r) => get(r).status,
    width: 12,
  });
  return [
    { key: 'indicator', zh: '指标', en: 'Indicator', value: (r, l) => (l === 'zh' ? r.zh : r.en), width: 36 },
    { key: 'target', zh: '2025年目标', en: '2025 target', value: (r) => r.target, format: unitFormat, digits: 3, width: 12 },
    area('prefecture', PREFECTURE.zh, PREFECTURE.en, (r) => r.prefecture),
    ...table.counties.codes.map((code, k) => area(`c_${code}`, table.counties.names[k], table.counties.names[k], (r) => r.counties[k])),
  ];
}

/** One row per (indicator, county or prefecture). */
export interface IndicatorLongRow {
  row: IndicatorRow;
  areaCode: string;
  areaName: string;
  cell: IndicatorCell;
}

/** The table flattened: per indicator, the prefecture first, then each county. */
export function indicatorRowsLong(table: IndicatorTable): IndicatorLongRow[] {
  const out: IndicatorLongRow[] = [];
  for (const row of table.rows) {
    out.push({ row, areaCode: '', areaName: PREFECTURE.zh, cell: row.prefecture });
    row.counties.forEach((cell, k) => out.push({ row, areaCode: table.counties.codes[k], areaName: table.counties.names[k], cell }));
  }
  return out;
}

const longFormat = (x: IndicatorLongRow) => unitFormat(x.row);
export const INDICATOR_LONG_COLUMNS: ColumnSpec<IndicatorLongRow>[] = [
  { key: 'indicator_id', zh: '指标代码', en: 'Indicator id', value: (x) => x.row.id },
  { key: 'indicator', zh: '指标', en: 'Indicator', value: (x, l) => (l === 'zh' ? x.row.zh : x.row.en) },
  { key: 'area_code', zh: '区划代码', en: 'Area code', value: (x) => x.areaCode },
  { key: 'area', zh: '区域', en: 'Area', value: (x, l) => (x.areaCode || l === 'zh' ? x.areaName : PREFECTURE.en) },
  { key: 'value', zh: '数值', en: 'Value', value: (x) => x.cell.value, format: longFormat, digits: 4 },
  { key: 'target', zh: '2025年目标', en: '2025 target', value: (x) => x.row.target, format: longFormat },
  { key: 'status', zh: '达标情况', en: 'Status', value: (x, l) => STATUS_LABELS[x.cell.status][l], status: (x) => x.cell.status },
  { key: 'numerator', zh: '分子', en: 'Numerator', value: (x) => x.cell.numerator, format: 'number', digits: 2 },
  { key: 'denominator', zh: '分母', en: 'Denominator', value: (x) => x.cell.denominator, format: 'number', digits: 2 },
  { key: 'basis', zh: '计算口径', en: 'Basis', value: (x) => x.row.basis },
  { key: 'source', zh: '规划依据', en: 'Plan source', value: (x) => x.row.source },
];

/** The gap list's columns; type names from `catalogue`. */
export const gapColumns = (catalogue: Catalogue = BUILT_IN_TYPES): ColumnSpec<GapRow>[] => [
  { key: 'county', zh: '县市', en: 'County', value: (g) => g.countyName },
  { key: 'township', zh: '乡镇（街道）', en: 'Township', value: (g) => g.townshipName },
  { key: 'code', zh: '村（社区）代码', en: 'Community code', value: (g) => g.communityCode, width: 16 },
  { key: 'name', zh: '村（社区）', en: 'Community', value: (g) => g.communityName, width: 20 },
  {
    key: 'urban',
    zh: '城乡',
    en: 'Urban/rural',
    value: (g, l) => (g.urban ? (l === 'zh' ? '社区' : 'urban') : l === 'zh' ? '村' : 'rural'),
  },
  { key: 'type', zh: '设施类型', en: 'Facility type', value: (g, l) => typeName(g.type, l, catalogue), width: 18 },
  { key: 'rule', zh: '服务圈', en: 'Service circle', value: (g, l) => travelPhrase(g.minutes, g.profile)[l], width: 16 },
  { key: 'households', zh: '户数', en: 'Households', value: (g) => g.households, format: 'number', digits: 0 },
  { key: 'uncovered', zh: '未覆盖户数', en: 'Households not covered', value: (g) => g.householdsUncovered, format: 'number', digits: 0 },
  { key: 'measure', zh: '需求口径', en: 'Demand measure', value: (g, l) => MEASURE_LABELS[g.measure][l], width: 14 },
  { key: 'demand', zh: '需求', en: 'Demand', value: (g) => g.demand, format: 'number', digits: 0 },
  { key: 'demand_uncovered', zh: '未覆盖需求', en: 'Demand not covered', value: (g) => g.demandUncovered, format: 'number', digits: 0 },
  { key: 'share', zh: '覆盖率', en: 'Covered share', value: (g) => g.share, format: 'percent', digits: 3 },
  {
    key: 'median_min',
    zh: '出行时间中位数（分钟）',
    en: 'Median travel time (min)',
    value: (g) => g.medianMin,
    format: 'number',
    digits: 1,
  },
  { key: 'p90_min', zh: '出行时间90分位（分钟）', en: 'P90 travel time (min)', value: (g) => g.p90Min, format: 'number', digits: 1 },
];

/** The multi-service gap (综合缺口): per community how many of the chosen services it lacks,
 *  which, one 0/1 column per chosen type, and the households beyond reach of any of them. */
export function multiGapColumns(codes: string[], catalogue: Catalogue = BUILT_IN_TYPES): ColumnSpec<MultiServiceRow>[] {
  return [
    { key: 'county', zh: '县市', en: 'County', value: (r) => r.county },
    { key: 'township', zh: '乡镇（街道）', en: 'Township', value: (r) => r.township },
    { key: 'code', zh: '村（社区）代码', en: 'Community code', value: (r) => r.code, width: 16 },
    { key: 'name', zh: '村（社区）', en: 'Community', value: (r) => r.name, width: 20 },
    { key: 'missing_count', zh: '缺项数', en: 'Services missing', value: (r) => r.missingCount, format: 'number', digits: 0 },
    {
      key: 'missing',
      zh: '缺少的服务',
      en: 'Missing services',
      value: (r, l) => r.missing.map((c) => typeName(c, l, catalogue)).join(l === 'zh' ? '、' : '; '),
      width: 36,
    },
    ...codes.map((code, k): ColumnSpec<MultiServiceRow> => ({
      key: `${code}_gap`,
      zh: `${typeName(code, 'zh', catalogue)}未达标`,
      en: `${typeName(code, 'en', catalogue)} below target`,
      value: (r) => r.gaps[k],
      format: 'number',
      digits: 0,
    })),
    {
      key: 'households_beyond',
      zh: '至少一项未覆盖户数',
      en: 'Households beyond any',
      value: (r) => r.householdsBeyond,
      format: 'number',
      digits: 0,
    },
  ];
}

/** The proposed sites' columns; type names from `catalogue`. */
export const siteColumns = (catalogue: Catalogue = BUILT_IN_TYPES): ColumnSpec<SiteRow>[] => [
  { key: 'rank', zh: '序号', en: 'Rank', value: (s) => s.rank, format: 'number', digits: 0, width: 8 },
  { key: 'type', zh: '设施类型', en: 'Facility type', value: (s, l) => typeName(s.type, l, catalogue), width: 18 },
  { key: 'county', zh: '县市', en: 'County', value: (s) => s.countyName },
  { key: 'community', zh: '所在村（社区）', en: 'Community', value: (s) => s.communityName, width: 20 },
  { key: 'lon', zh: '经度（WGS84）', en: 'Longitude (WGS84)', value: (s) => s.lon, format: 'number', digits: 6 },
  { key: 'lat', zh: '纬度（WGS84）', en: 'Latitude (WGS84)', value: (s) => s.lat, format: 'number', digits: 6 },
  { key: 'added', zh: '新增覆盖需求', en: 'Demand added', value: (s) => s.added, format: 'number', digits: 0 },
  { key: 'measure', zh: '需求口径', en: 'Measure', value: (s, l) => MEASURE_LABELS[s.measure][l] },
  { key: 'share_after', zh: '建成后覆盖率', en: 'Covered share after', value: (s) => s.shareAfter, format: 'percent', digits: 3 },
];

/** The optimiser's download columns: the site columns, each site's cost when the run spent
 *  money, and its year when it was a build sequence. */
export function optimiserSiteColumns(
  rows: readonly SiteRow[],
  withCost: boolean,
  catalogue: Catalogue = BUILT_IN_TYPES,
): ColumnSpec<SiteRow>[] {
  return [
    ...siteColumns(catalogue),
    ...(withCost
      ? [
          {
            key: 'cost',
            zh: '造价（万元）',
            en: 'Cost (10,000 yuan)',
            value: (s: SiteRow) => s.cost ?? null,
            format: 'number' as const,
            digits: 1,
          },
        ]
      : []),
    ...(rows.some((r) => r.year !== undefined)
      ? [{ key: 'year', zh: '建设年份', en: 'Year', value: (s: SiteRow) => s.year ?? null, format: 'number' as const, digits: 0 }]
      : []),
  ];
}
