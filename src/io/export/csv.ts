// CSV for Excel users: UTF-8 with a byte-order mark (without it Excel on Chinese Windows reads
// the file as GBK and garbles the headers), CRLF lines, RFC 4180 quoting, and text cells that
// start like a formula neutralised with a leading apostrophe (OWASP "CSV injection"): a
// community name from a user's file must never run as a formula on a planner's machine.
import { cellOf, header, utf8, type ColumnSpec, type Lang } from './columns.ts';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: text made formula-safe and quoted when needed; numbers as is; missing empty. */
export function csvField(v: number | string | null): string {
  if (v === null || (typeof v === 'number' && !Number.isFinite(v))) return '';
  if (typeof v === 'number') return String(v);
  const s = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV bytes (BOM + header row in `lang` + one line per row). */
export function toCsv<T>(rows: readonly T[], columns: readonly ColumnSpec<T>[], lang: Lang = 'zh'): Uint8Array {
  const lines = [columns.map((c) => csvField(header(c, lang))).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvField(cellOf(c, r, lang))).join(','));
  return utf8('\uFEFF' + lines.join('\r\n') + '\r\n');
}
