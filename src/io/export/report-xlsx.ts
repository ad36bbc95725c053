// The meeting workbook: the indicator table (wide, coloured by status), its long form with
// numerators and sources, the gap list and the proposed sites.
import type { GapRow } from '../../core/coverage/gaps.ts';
import type { IndicatorTable } from '../../core/indicators/compute.ts';
import type { SiteRow } from '../../core/siting/site-rows.ts';
import type { HeaderLang, Sheet } from './xlsx.ts';
import { sheet, toXlsx } from './xlsx.ts';
import { gapColumns, INDICATOR_LONG_COLUMNS, siteColumns, indicatorColumnsWide, indicatorRowsLong } from './tables.ts';
import type { Catalogue } from '../../core/catalogue.ts';

export interface ReportContent {
  /** Title line of the indicator sheet (e.g. the study area and date). */
  title: string;
  indicators: IndicatorTable;
  gaps: readonly GapRow[];
  sites: readonly SiteRow[];
  /** The facility types the rows name (the plan's when absent). */
  catalogue?: Catalogue;
}

/** Sheet names, Chinese first (the users' language), English when headers are English only. */
const NAMES = {
  zh: ['指标', '指标明细', '缺口村（社区）', '建议选址'],
  en: ['Indicators', 'Indicator detail', 'Gaps', 'Proposed sites'],
};

/** The sheets of the meeting workbook. */
export function reportSheets(c: ReportContent, headers: HeaderLang = 'both'): Sheet[] {
  const n = NAMES[headers === 'en' ? 'en' : 'zh'];
  return [
    sheet({ name: n[0], title: c.title, columns: indicatorColumnsWide(c.indicators), rows: c.indicators.rows }),
    sheet({ name: n[1], columns: INDICATOR_LONG_COLUMNS, rows: indicatorRowsLong(c.indicators) }),
    sheet({ name: n[2], columns: gapColumns(c.catalogue), rows: c.gaps }),
    sheet({ name: n[3], columns: siteColumns(c.catalogue), rows: c.sites }),
  ];
}

/** The meeting workbook as .xlsx bytes. */
export function reportXlsx(c: ReportContent, headers: HeaderLang = 'both'): Promise<Uint8Array> {
  return toXlsx(reportSheets(c, headers), headers);
}
