// The meeting's file exports: the indicator workbook and CSV, the gap list and proposed sites
// (XLSX, CSV with Chinese headers and a BOM), and per-community results (GeoJSON, FlatGeobuf).
import type { CoverageResult } from '../../core/analysis/command';
import type { IndicatorTable } from '../../core/indicators/compute';
import type { Crs } from '../../io/crs';
import { toCsv } from '../../io/export/csv';
import { toFgbBytes } from '../../io/export/fgb';
import { toGeoJsonBytes } from '../../io/export/geojson';
import { reportXlsx } from '../../io/export/report-xlsx';
import type { GapRow } from '../../core/coverage/gaps';
import type { Places } from '../../core/coverage/places';
import type { SiteRow } from '../../core/siting/site-rows';
import { gapColumns, INDICATOR_LONG_COLUMNS, siteColumns, indicatorRowsLong, multiGapColumns } from '../../io/export/tables';
import type { Catalogue } from '../../core/catalogue';
import type { MultiServiceRow } from '../../core/gaps/multi-service';
import { multiGapHeading } from './MultiGapTable';
import { sheet, toXlsx } from '../../io/export/xlsx';
import { download, MIME, today } from './download';
import { COMMUNITY_RESULT_COLUMNS, communityResultRows, multiPolygonOf, type MeetingGeo } from './meetingData';

export interface MultiGapContent {
  codes: string[];
  rows: MultiServiceRow[];
  byCounty: Map<string, number[]>;
}

export type ExportKind =
  | 'indicators.xlsx'
  | 'indicators.csv'
  | 'gaps.xlsx'
  | 'gaps.csv'
  | 'sites.xlsx'
  | 'sites.csv'
  | 'results.geojson'
  | 'results.fgb'
  | 'multigap.xlsx'
  | 'multigap.csv';

export interface ExportContent {
  geo: MeetingGeo;
  places: Places;
  result: CoverageResult | null;
  /** Facility type of the results export. */
  type: string;
  /** The facility types the rows name. */
  catalogue: Catalogue;
  indicators: IndicatorTable;
  gaps: readonly GapRow[];
  sites: readonly SiteRow[];
  /** The multi-service gap (综合缺口): the chosen types, every community's row (ranked), and per
   *  county code the communities lacking 0, 1, … of them. */
  multiGap?: MultiGapContent | null;
  /** Workbook title line. */
  title: string;
  /** The coordinate system of the imported communities layer, when not WGS84 (results may go back in it). */
  sourceCrs?: Crs | null;
}

const NAMES: Record<ExportKind, string> = {
  'indicators.xlsx': '规划指标',
  'indicators.csv': '规划指标',
  'gaps.xlsx': '缺口清单',
  'gaps.csv': '缺口清单',
  'sites.xlsx': '建议选址',
  'sites.csv': '建议选址',
  'results.geojson': '村社区覆盖',
  'results.fgb': '村社区覆盖',
  'multigap.xlsx': '综合缺口',
  'multigap.csv': '综合缺口',
};

/** The bytes of one export (throws when its content is missing, e.g. results before any run). */
export async function exportBytes(kind: ExportKind, c: ExportContent, inSourceCrs = false): Promise<Uint8Array> {
  switch (kind) {
    case 'indicators.xlsx':
      return reportXlsx({ title: c.title, indicators: c.indicators, gaps: c.gaps, sites: c.sites, catalogue: c.catalogue });
    case 'indicators.csv':
      return toCsv(indicatorRowsLong(c.indicators), INDICATOR_LONG_COLUMNS);
    case 'gaps.xlsx':
      return toXlsx([sheet({ name: '缺口村（社区）', title: c.title, columns: gapColumns(c.catalogue), rows: c.gaps })]);
    case 'gaps.csv':
      return toCsv(c.gaps, gapColumns(c.catalogue));
    case 'sites.xlsx':
      return toXlsx([sheet({ name: '建议选址', title: c.title, columns: siteColumns(c.catalogue), rows: c.sites })]);
    case 'sites.csv':
      return toCsv(c.sites, siteColumns(c.catalogue));
    case 'multigap.xlsx':
    case 'multigap.csv': {
      if (!c.multiGap) throw new Error('no multi-service gap: none of its types was analysed');
      const columns = multiGapColumns(c.multiGap.codes, c.catalogue);
      return kind === 'multigap.csv'
        ? toCsv(c.multiGap.rows, columns)
        : toXlsx([
            sheet({
              name: '综合缺口',
              title: `${multiGapHeading('zh', c.multiGap.codes, c.catalogue)} · ${today()}`,
              columns,
              rows: c.multiGap.rows,
            }),
          ]);
    }
    case 'results.geojson':
    case 'results.fgb': {
      const type = c.result?.types.find((x) => x.code === c.type);
      if (!type) throw new Error(`no analysis result for ${c.type}`);
      const rows = communityResultRows(c.geo, c.places, type);
      return kind === 'results.fgb'
        ? toFgbBytes(rows, COMMUNITY_RESULT_COLUMNS, multiPolygonOf)
        : toGeoJsonBytes(rows, COMMUNITY_RESULT_COLUMNS, multiPolygonOf, 'zh', inSourceCrs && c.sourceCrs ? c.sourceCrs : undefined);
    }
  }
}

/** Builds and downloads one export, named e.g. 服务圈_规划指标_2026-11-29.xlsx. */
export async function downloadExport(kind: ExportKind, c: ExportContent, inSourceCrs = false): Promise<void> {
  const ext = kind.slice(kind.indexOf('.') + 1) as keyof typeof MIME;
  const typePart = kind.startsWith('results') ? `_${c.type}` : '';
  download(await exportBytes(kind, c, inSourceCrs), `服务圈_${NAMES[kind]}${typePart}_${today()}.${ext}`, MIME[ext]);
}
