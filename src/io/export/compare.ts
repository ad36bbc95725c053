// The comparison of two analyses (core/scenario/compare.ts) as table rows: one row per type and
// area (the whole prefecture, each county, each community) with each figure before, after and
// the difference. Headers name the two sides (现状, 方案A …), so a file says what it compares.
import type { Comparison, GroupComparison } from '../../core/scenario/compare.ts';
import type { ColumnSpec, Lang } from './columns.ts';
import { typeName } from './tables.ts';
import type { Catalogue } from '../../core/catalogue.ts';

export interface CompareRow {
  level: 'prefecture' | 'county' | 'community';
  code: string;
  name: string;
  type: string;
  g: GroupComparison;
  i: number;
}

const LEVELS: Record<CompareRow['level'], Record<Lang, string>> = {
  prefecture: { zh: '全州', en: 'Prefecture' },
  county: { zh: '县市', en: 'County' },
  community: { zh: '村（社区）', en: 'Community' },
};

/** Rows of every type: the prefecture, then the counties, then the communities (`codes`/`names`
 *  of the communities in layer order). */
export function compareRows(cmp: Comparison, communities: { codes: string[]; names: string[] }): CompareRow[] {
  const rows: CompareRow[] = [];
  for (const t of cmp.types) {
    rows.push({ level: 'prefecture', code: '', name: '', type: t.code, g: t.total, i: 0 });
    cmp.counties.codes.forEach((code, i) =>
      rows.push({ level: 'county', code, name: cmp.counties.names[i], type: t.code, g: t.counties, i }),
    );
    communities.codes.forEach((code, i) =>
      rows.push({ level: 'community', code, name: communities.names[i], type: t.code, g: t.communities, i }),
    );
  }
  return rows;
}

type Key = 'share' | 'covered' | 'gaps' | 'median' | 'p90' | 'gini';
const FIGURES: { key: Key; zh: string; en: string; format: 'percent' | 'number'; digits: number }[] = [
  { key: 'share', zh: '覆盖率', en: 'covered share', format: 'percent', digits: 4 },
  { key: 'covered', zh: '覆盖需求', en: 'covered demand', format: 'number', digits: 1 },
  { key: 'gaps', zh: '缺口村（社区）', en: 'gap communities', format: 'number', digits: 0 },
  { key: 'median', zh: '出行时间中位数（分钟）', en: 'median travel time (min)', format: 'number', digits: 2 },
  { key: 'p90', zh: '出行时间90分位（分钟）', en: 'P90 travel time (min)', format: 'number', digits: 2 },
  { key: 'gini', zh: '基尼系数', en: 'Gini', format: 'number', digits: 4 },
];

/** Columns of a comparison of `before` (e.g. 现状) and `after` (e.g. 方案A). */
export function compareColumns(before: string, after: string, catalogue?: Catalogue): ColumnSpec<CompareRow>[] {
  const cols: ColumnSpec<CompareRow>[] = [
    { key: 'level', zh: '层级', en: 'Level', value: (r, l) => LEVELS[r.level][l] },
    { key: 'code', zh: '代码', en: 'Code', value: (r) => r.code },
    { key: 'name', zh: '名称', en: 'Name', value: (r) => r.name, width: 18 },
    { key: 'type', zh: '设施类型', en: 'Facility type', value: (r, l) => typeName(r.type, l, catalogue), width: 18 },
    { key: 'demand', zh: '需求', en: 'Demand', value: (r) => r.g.demand[r.i], format: 'number', digits: 1 },
  ];
  for (const f of FIGURES) {
    cols.push(
      {
        key: `${f.key}_before`,
        zh: `${f.zh}（${before}）`,
        en: `${f.en} (${before})`,
        value: (r) => r.g[f.key].before[r.i],
        format: f.format,
        digits: f.digits,
      },
      {
        key: `${f.key}_after`,
        zh: `${f.zh}（${after}）`,
        en: `${f.en} (${after})`,
        value: (r) => r.g[f.key].after[r.i],
        format: f.format,
        digits: f.digits,
      },
      {
        key: `${f.key}_diff`,
        zh: `${f.zh}变化`,
        en: `${f.en} change`,
        value: (r) => r.g[f.key].diff[r.i],
        format: f.format,
        digits: f.digits,
      },
    );
  }
  return cols;
}
