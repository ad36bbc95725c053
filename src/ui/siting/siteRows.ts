// The optimiser's output as export rows (src/io/export/tables SiteRow), with the community and
// county each site falls in, and the site files the panel downloads.
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { SitingOutput } from '../../core/siting/command';
import { toCsv } from '../../io/export/csv';
import { toGeoJsonBytes } from '../../io/export/geojson';
import { SITE_COLUMNS, type SiteRow } from '../../io/export/tables';
import { toXlsx } from '../../io/export/xlsx';
import type { AreaIndex } from '../../analysis/areaIndex';
import { download, MIME, today } from '../report/download';

/** One row per chosen site in order; community by point-in-polygon over `communities`. */
export function sitingRows(out: SitingOutput, communities: FeatureCollection | null, idx: AreaIndex | null): SiteRow[] {
  let covered = out.coveredBefore;
  return Array.from(out.gains, (gain, i) => {
    const lon = out.coords[2 * i], lat = out.coords[2 * i + 1];
    covered += gain;
    const f = communities?.features.find((c) => booleanPointInPolygon([lon, lat], c as Feature<Polygon | MultiPolygon>));
    const ci = f && idx ? idx.communityByCode.get(String(f.properties?.code)) ?? -1 : -1;
    const k = ci >= 0 && idx ? idx.countyOf[ci] : -1;
    return {
      rank: i + 1, type: out.type, lon, lat, added: gain, measure: out.demand,
      communityName: f ? String(f.properties?.name ?? '') : '', countyName: k >= 0 && idx ? idx.counties.names[k] : '',
      shareAfter: out.total > 0 ? covered / out.total : NaN,
    };
  });
}

export type SiteFile = 'csv' | 'xlsx' | 'geojson';

/** Downloads the rows as 服务圈_建议选址_<type>_<date>.<ext>. */
export async function downloadSites(rows: readonly SiteRow[], kind: SiteFile, type: string): Promise<void> {
  const bytes = kind === 'csv' ? toCsv(rows, SITE_COLUMNS)
    : kind === 'xlsx' ? await toXlsx([{ name: '建议选址', columns: SITE_COLUMNS, rows }])
      : toGeoJsonBytes(rows, SITE_COLUMNS, (r) => ({ type: 'Point', coordinates: [r.lon, r.lat] }));
  download(bytes, `服务圈_建议选址_${type}_${today()}.${kind}`, MIME[kind]);
}
