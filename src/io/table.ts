// Tables of points (CSV, XLSX) → a grid of cells, then features once the user has confirmed
// which columns hold the coordinates (see columns.ts for the guess).
import Papa from 'papaparse';
import type { Feature } from 'geojson';
import { decodeText, detectEncoding, type TextEncodingName } from './dbf-encoding.ts';
import { chooseLayer, ImportError, type Skip } from './import-error.ts';
import type { RawLayer } from './raw-layer.ts';
import { unzipSync } from 'fflate';
import { checkCrcs, checkUnzippedSize } from './zip-size.ts';
import { headersOf, parseCoordinate } from './columns.ts';

export type Cell = string | number | boolean | null;

/** A sheet as read: grid[i] is spreadsheet row i + 1. */
export interface Grid {
  grid: Cell[][];
  encoding?: TextEncodingName;
  /** Sheet names of a workbook (the grid is the chosen one). */
  sheets?: string[];
}

/** The user-confirmed reading of a table: header row (1-based) and the x/lon and y/lat columns. */
export interface ColumnMapping {
  headerRow: number;
  x: string;
  y: string;
}

/** Reads CSV bytes (UTF-8 with or without BOM, or GBK/GB18030 from Excel; detected unless given). */
export function readCsv(bytes: Uint8Array, encoding?: TextEncodingName): Grid {
  const enc = encoding ?? detectEncoding(bytes);
  const text = decodeText(bytes, enc);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [',', '\t', ';', '|'] });
  return { grid: parsed.data.map((r) => r.map((c) => c)), encoding: enc };
}

function cellValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if ('result' in o) return cellValue(o.result);
    if (typeof o.text === 'string') return o.text;
    if (o.error) return null;
  }
  return String(v);
}

/** Reads an .xlsx workbook: the sheet named `sheet`, else the only one with data (several: choose_layer). */
export async function readXlsx(bytes: Uint8Array, file: string, maxBytes: number, sheet?: string): Promise<Grid> {
  checkUnzippedSize(bytes, file, maxBytes);
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes);
  } catch (e) {
    throw new ImportError('malformed', { file, detail: `zip: ${(e as Error).message}` }, e);
  }
  checkCrcs(bytes, parts, file); // exceljs's unzipper does not check them
  // exceljs is large (≈1.3 MB): loaded only when a workbook is dropped.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (e) {
    throw new ImportError('malformed', { file, detail: `xlsx: ${(e as Error)?.message ?? e}`.slice(0, 200) }, e);
  }
  const sheets = wb.worksheets.map((w) => w.name);
  const withData = wb.worksheets.filter((w) => w.actualRowCount > 0);
  if (sheet !== undefined && !wb.getWorksheet(sheet)) throw chooseLayer(file, sheets, sheet);
  if (sheet === undefined && withData.length > 1)
    throw chooseLayer(
      file,
      withData.map((w) => w.name),
    );
  const ws = sheet !== undefined ? wb.getWorksheet(sheet) : withData[0];
  if (!ws) throw new ImportError('empty', { file });
  const grid: Cell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      cells[c - 1] = cellValue(cell.value);
    });
    for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = null;
    grid[n - 1] = cells;
  });
  for (let r = 0; r < grid.length; r++) if (!grid[r]) grid[r] = [];
  return { grid, sheets };
}

function isEmpty(c: Cell | undefined): boolean {
  return c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
}

/** Builds Point features from the rows below the header with the confirmed column mapping;
 *  rows with empty or non-numeric coordinates are reported as skipped, blank rows ignored. */
export function buildPoints(g: Grid, mapping: ColumnMapping, file: string): RawLayer {
  const headers = headersOf(g.grid, mapping.headerRow);
  const xi = headers.indexOf(mapping.x),
    yi = headers.indexOf(mapping.y);
  if (xi < 0) throw new ImportError('unknown_column', { file, row: mapping.headerRow, field: mapping.x });
  if (yi < 0) throw new ImportError('unknown_column', { file, row: mapping.headerRow, field: mapping.y });
  const features: Feature[] = [];
  const rows: number[] = [];
  const skipped: Skip[] = [];
  for (let r = mapping.headerRow; r < g.grid.length; r++) {
    const cells = g.grid[r];
    if (cells.every(isEmpty)) continue;
    const row = r + 1;
    let bad: Skip | null = null;
    const xy = [xi, yi].map((i) => {
      const c = cells[i];
      if (isEmpty(c)) {
        bad ??= { row, field: headers[i], reason: 'empty' };
        return NaN;
      }
      const v = parseCoordinate(c);
      if (!Number.isFinite(v)) bad ??= { row, field: headers[i], reason: 'nan', value: String(c).slice(0, 40) };
      return v;
    });
    if (bad) {
      skipped.push(bad);
      continue;
    }
    const properties: Record<string, Cell> = {};
    headers.forEach((h, i) => {
      if (i !== xi && i !== yi) properties[h] = cells[i] ?? null;
    });
    features.push({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: xy } });
    rows.push(row);
  }
  return { features, rows, skipped, warnings: [], declaredCrs: null, encoding: g.encoding };
}
