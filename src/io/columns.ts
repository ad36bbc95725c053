// Guessing which table columns hold coordinates, from header names in Chinese or English and
// then from the values. The guess is shown to the user to confirm or change.
import type { Crs } from './crs.ts';
import type { Cell, ColumnMapping } from './table.ts';

export interface ColumnGuess {
  mapping: ColumnMapping;
  /** 'lonlat' when headers name longitude/latitude, 'xy' for projected X/Y (easting/northing). */
  kind: 'lonlat' | 'xy';
  /** True when X/Y were exchanged because X held northings (Chinese survey convention X = north). */
  swapped: boolean;
  /** A CRS named in the headers ("经度(高德)", "lng_bd09", …), if any. */
  crsHint: Crs | null;
  headers: string[];
}

function norm(h: string): string {
  return h
    .toLowerCase()
    .replace(/[（(【[].*?[)）】\]]/g, '')
    .replace(/[\s_\-.:：]/g, '');
}

const LON = /^(经度|东经|lon|lng|long|longitude|lngwgs84|lngwgs|lnggcj02|lnggcj|lngbd09|wgs84lon|gcj02lng|bd09lng|x经度)$|经度$/;
const LAT = /^(纬度|北纬|lat|latitude|latwgs84|latwgs|latgcj02|latgcj|latbd09|wgs84lat|gcj02lat|bd09lat|y纬度)$|纬度$/;
const EAST = /^(x|x坐标|xcoord|pointx|东坐标|横坐标|东向坐标|easting|east|e|坐标x)$/;
const NORTH = /^(y|y坐标|ycoord|pointy|北坐标|纵坐标|北向坐标|northing|north|n|坐标y)$/;

function hint(headers: string[]): Crs | null {
  const all = headers.join(' ').toLowerCase();
  if (/gcj|高德|火星|腾讯/.test(all)) return { kind: 'gcj02' };
  if (/bd09|百度/.test(all)) return { kind: 'bd09' };
  if (/cgcs|2000坐标/.test(all)) return null; // names a datum, not which projection: leave to the range guess
  if (/wgs/.test(all)) return { kind: 'wgs84' };
  return null;
}

function median(grid: Cell[][], from: number, col: number): number {
  const vals: number[] = [];
  for (let r = from; r < grid.length && vals.length < 200; r++) {
    const v = parseCoordinate(grid[r][col] ?? null);
    if (Number.isFinite(v)) vals.push(v);
  }
  vals.sort((a, b) => a - b);
  return vals.length ? vals[vals.length >> 1] : NaN;
}

function guessAt(grid: Cell[][], headerRow: number): ColumnGuess | null {
  const headers = headersOf(grid, headerRow);
  const n = headers.map(norm);
  const find = (re: RegExp) => n.findIndex((h) => re.test(h));
  let x = find(LON),
    y = find(LAT);
  let kind: ColumnGuess['kind'] = 'lonlat';
  if (x < 0 || y < 0) {
    x = find(EAST);
    y = find(NORTH);
    kind = 'xy';
  }
  if (x < 0 || y < 0 || x === y) return null;
  let swapped = false;
  if (kind === 'xy') {
    const mx = median(grid, headerRow, x),
      my = median(grid, headerRow, y);
    // X holding a 7-digit northing and Y an easting (6 digits, or 8 with zone prefix).
    if (mx > 1e6 && mx < 1e7 && ((my > 1e5 && my < 1e6) || (my > 1.3e7 && my < 4.6e7))) {
      [x, y] = [y, x];
      swapped = true;
    }
  }
  return { mapping: { headerRow, x: headers[x], y: headers[y] }, kind, swapped, crsHint: hint(headers), headers };
}

/** The likely header row and coordinate columns of a table (title rows above the header are
 *  skipped: the first of the top 20 rows whose headers name coordinates wins); null if none. */
export function guessColumns(grid: Cell[][]): ColumnGuess | null {
  for (let r = 1; r <= Math.min(20, grid.length); r++) {
    const g = guessAt(grid, r);
    if (g) return g;
  }
  return null;
}

/** Header names of row `headerRow` (1-based), made unique and non-empty. */
export function headersOf(grid: Cell[][], headerRow: number): string[] {
  const seen = new Set<string>();
  return (grid[headerRow - 1] ?? []).map((c, i) => {
    let h = c === null ? '' : String(c).trim();
    if (!h) h = `column${i + 1}`;
    while (seen.has(h)) h += '_';
    seen.add(h);
    return h;
  });
}

const DMS = /^(\d{1,3})\s*[°度]\s*(\d{1,2})\s*['′分]\s*(\d{1,2}(?:\.\d+)?)\s*(?:["″]|秒)?\s*([EWNS东西南北])?$/i;

/** A coordinate cell as a number: decimal (optionally with °), or degrees-minutes-seconds. */
export function parseCoordinate(c: Cell): number {
  if (typeof c === 'number') return c;
  if (typeof c !== 'string') return NaN;
  const s = c.trim().replace(/[°度]$/, '');
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return Number(s);
  const m = DMS.exec(c.trim());
  if (!m) return NaN;
  const v = Number(m[1]) + Number(m[2]) / 60 + Number(m[3]) / 3600;
  return m[4] && /[WS西南]/i.test(m[4]) ? -v : v;
}
