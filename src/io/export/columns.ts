// Column specs shared by the table and feature writers: one spec says how a row becomes a cell,
// what the column is called in Chinese and English, and how the value is formatted.

export type Lang = 'zh' | 'en';
export type CellValue = string | number | null | undefined;
/** 'percent': a 0–1 share (shown as % in XLSX, written as the fraction elsewhere). */
export type CellFormat = 'text' | 'number' | 'percent';
export type Status = 'met' | 'not_met' | 'no_data';

export interface ColumnSpec<T> {
  /** Field name in GeoJSON/FlatGeobuf (ASCII, stable across languages). */
  key: string;
  zh: string;
  en: string;
  value: (row: T, lang: Lang) => CellValue;
  /** Default 'text'. A function picks the format per row (mixed-unit columns). */
  format?: CellFormat | ((row: T) => CellFormat);
  /** Decimal places kept for numbers (all when omitted). */
  digits?: number;
  /** Colours the cell in XLSX by status (met / not met / no data). */
  status?: (row: T) => Status | undefined;
  /** Column width in XLSX, characters. */
  width?: number;
}

export const STATUS_LABELS: Record<Status, Record<Lang, string>> = {
  met: { zh: '达标', en: 'met' },
  not_met: { zh: '未达标', en: 'not met' },
  no_data: { zh: '无数据', en: 'no data' },
};

/** A column's header in `lang`. */
export const header = <T>(c: ColumnSpec<T>, lang: Lang): string => (lang === 'zh' ? c.zh : c.en);

export function formatOf<T>(c: ColumnSpec<T>, row: T): CellFormat {
  return typeof c.format === 'function' ? c.format(row) : (c.format ?? 'text');
}

/** The cell as a number (NaN when missing or not finite) or a string (null when missing),
 *  per the column's format; numbers rounded to `digits`. */
export function cellOf<T>(c: ColumnSpec<T>, row: T, lang: Lang): number | string | null {
  const v = c.value(row, lang);
  if (formatOf(c, row) === 'text') return v === null || v === undefined ? null : String(v);
  const x = typeof v === 'number' ? v : v === null || v === undefined || v === '' ? NaN : Number(v);
  if (!Number.isFinite(x)) return NaN;
  return c.digits === undefined ? x : Number(x.toFixed(c.digits));
}

/** UTF-8 bytes of a string. */
export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
