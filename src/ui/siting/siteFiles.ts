// The site files the optimiser panel downloads (rows from core/siting/site-rows.ts).
import type { SiteRow } from '../../core/siting/site-rows';
import { toCsv } from '../../io/export/csv';
import { toGeoJsonBytes } from '../../io/export/geojson';
import { optimiserSiteColumns } from '../../io/export/tables';
import type { Catalogue } from '../../core/catalogue';
import { sheet, toXlsx } from '../../io/export/xlsx';
import { download, MIME, today } from '../report/download';

export type SiteFile = 'csv' | 'xlsx' | 'geojson';

/** Downloads the rows as 服务圈_建议选址_<type>_<date>.<ext>, with each site's cost when the run
 *  spent money and its year in a build sequence. */
export async function downloadSites(
  rows: readonly SiteRow[],
  kind: SiteFile,
  type: string,
  catalogue: Catalogue,
  withCost: boolean,
): Promise<void> {
  const columns = optimiserSiteColumns(rows, withCost, catalogue);
  const bytes =
    kind === 'csv'
      ? toCsv(rows, columns)
      : kind === 'xlsx'
        ? await toXlsx([sheet({ name: '建议选址', columns, rows })])
        : toGeoJsonBytes(rows, columns, (r) => ({ type: 'Point', coordinates: [r.lon, r.lat] }));
  download(bytes, `服务圈_建议选址_${type}_${today()}.${kind}`, MIME[kind]);
}
