// XLSX workbooks (exceljs, loaded on demand: it is the largest dependency and only exports
// need it). Headers in Chinese, or Chinese with English as a second header row; cells coloured
// by status so a printed indicator table reads at a glance.
import type { Worksheet } from 'exceljs';
import { STATUS_LABELS, cellOf, formatOf, header, type ColumnSpec, type Lang, type Status } from './columns.ts';

export interface SheetSpec<T> {
  /** Sheet name (≤ 31 characters, no []:*?/\). */
  name: string;
  /** Optional title line above the headers. */
  title?: string;
  columns: readonly ColumnSpec<T>[];
  rows: readonly T[];
}

/** A sheet with its row type sealed in, so sheets of different rows share one workbook. */
export interface Sheet {
  name: string;
  fill: (ws: Worksheet, headers: HeaderLang) => void;
}

/** Seals a sheet spec for toXlsx. */
export function sheet<T>(s: SheetSpec<T>): Sheet {
  return { name: s.name, fill: (ws, headers) => fillSheet(ws, s, headers) };
}

/** 'both': Chinese header row, then English. */
export type HeaderLang = Lang | 'both';

const FILL: Record<Status, string> = { met: 'FFC6EFCE', not_met: 'FFFFC7CE', no_data: 'FFEDEDED' };
const INK: Record<Status, string> = { met: 'FF006100', not_met: 'FF9C0006', no_data: 'FF595959' };

function numFmt(digits: number | undefined, percent: boolean): string {
  const d = digits === undefined ? (percent ? 1 : 2) : percent ? Math.max(0, digits - 2) : digits;
  const base = d > 0 ? `0.${'0'.repeat(d)}` : '0';
  return percent ? `${base}%` : `#,##${base}`;
}

function fillSheet<T>(ws: Worksheet, s: SheetSpec<T>, headers: HeaderLang): void {
  const cellLang: Lang = headers === 'en' ? 'en' : 'zh';
  if (s.title) {
    ws.addRow([s.title]).font = { bold: true, size: 14 };
    ws.mergeCells(1, 1, 1, Math.max(1, s.columns.length));
  }
  const langs: Lang[] = headers === 'both' ? ['zh', 'en'] : [headers];
  for (const l of langs) {
    const r = ws.addRow(s.columns.map((c) => header(c, l)));
    r.font = { bold: l === langs[0], italic: l !== langs[0] };
    r.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
      cell.alignment = { vertical: 'middle', wrapText: true };
    });
  }
  ws.views = [{ state: 'frozen', ySplit: ws.rowCount, xSplit: 0 }];
  for (const row of s.rows) {
    const values = s.columns.map((c) => {
      const v = cellOf(c, row, cellLang);
      if (typeof v === 'number' && Number.isNaN(v)) return c.status?.(row) === 'no_data' ? STATUS_LABELS.no_data[cellLang] : null;
      return v;
    });
    const r = ws.addRow(values);
    s.columns.forEach((c, k) => {
      const cell = r.getCell(k + 1);
      const f = formatOf(c, row);
      if (f !== 'text' && typeof cell.value === 'number') cell.numFmt = numFmt(c.digits, f === 'percent');
      const st = c.status?.(row);
      if (st) {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[st] } };
        cell.font = { color: { argb: INK[st] } };
      }
    });
  }
  s.columns.forEach((c, k) => {
    ws.getColumn(k + 1).width = c.width ?? Math.max(10, Math.min(40, c.zh.length * 2 + 2));
  });
}

/** An .xlsx workbook with one sheet per spec, as bytes. */
export async function toXlsx(sheets: readonly Sheet[], headers: HeaderLang = 'both'): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = '服务圈规划 Service Circle Planner';
  for (const s of sheets) s.fill(wb.addWorksheet(s.name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31)), headers);
  const buf = await wb.xlsx.writeBuffer();
  return buf instanceof Uint8Array ? buf : new Uint8Array(buf as ArrayBuffer);
}
