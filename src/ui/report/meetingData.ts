// What the meeting tools read of the GeoJSON the app keeps on the main thread (the typed-array
// layers move to the analysis worker): county bounds for the views, community outlines for the
// results export. Figures, gaps and indicators come from core (analysis/areaIndex.ts).
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { PolygonSet } from '../../core/types';
import { polygonsFromFeatures } from '../../io/features';
import { bbox } from '@turf/turf';
import type { TypeResult } from '../../core/analysis/command';
import { countyName, type Places } from '../../core/coverage/places';
import type { ColumnSpec } from '../../io/export/columns';
import type { Bounds } from '../../map/offscreen';

/** The GeoJSON layers the meeting tools read (DemoGeo's shape). */
export interface MeetingGeo {
  counties: FeatureCollection;
  townships: FeatureCollection;
  communities: FeatureCollection;
  facilities: FeatureCollection;
}

const prop = (f: Feature, k: string): unknown => f.properties?.[k];
const str = (f: Feature, k: string): string => {
  const v = prop(f, k);
  return v === undefined || v === null ? '' : String(v);
};

/** Counties in layer order with their WGS84 bounds. */
export function countyList(geo: Pick<MeetingGeo, 'counties'>): { code: string; name: string; bounds: Bounds }[] {
  return geo.counties.features.map((f) => ({ code: str(f, 'code'), name: str(f, 'name'), bounds: bbox(f) as Bounds }));
}

/** The counties' shapes for print titles and the locator inset: one PolygonSet (for areaShown)
 *  and each county's polygons as rings of [lon, lat]. */
export interface CountyShapes {
  codes: string[];
  names: string[];
  set: PolygonSet;
  polygons: Position[][][][];
}

export function countyShapes(geo: Pick<MeetingGeo, 'counties'>): CountyShapes {
  return {
    codes: geo.counties.features.map((f) => str(f, 'code')),
    names: geo.counties.features.map((f) => str(f, 'name')),
    set: polygonsFromFeatures(geo.counties, 'counties'),
    polygons: geo.counties.features.map((f) => {
      const g = f.geometry;
      return g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : [];
    }),
  };
}

/** One community's result for one facility type (the GeoJSON / FlatGeobuf export). */
export interface CommunityResultRow {
  feature: Feature;
  county: string;
  type: TypeResult;
  index: number;
}

const stat = (key: keyof TypeResult['communities']) => (r: CommunityResultRow) => r.type.communities[key][r.index];

export const COMMUNITY_RESULT_COLUMNS: ColumnSpec<CommunityResultRow>[] = [
  { key: 'code', zh: '村（社区）代码', en: 'Community code', value: (r) => str(r.feature, 'code') },
  { key: 'name', zh: '村（社区）', en: 'Community', value: (r) => str(r.feature, 'name') },
  { key: 'county', zh: '县市', en: 'County', value: (r) => r.county },
  { key: 'type', zh: '设施类型', en: 'Facility type', value: (r) => r.type.code },
  { key: 'minutes', zh: '时间阈值（分钟）', en: 'Threshold (min)', value: (r) => r.type.minutes, format: 'number' },
  { key: 'profile', zh: '出行工具', en: 'Travel profile', value: (r) => r.type.profile },
  { key: 'demand', zh: '需求', en: 'Demand', value: stat('demand'), format: 'number', digits: 1 },
  { key: 'covered', zh: '覆盖需求', en: 'Covered demand', value: stat('covered'), format: 'number', digits: 1 },
  { key: 'share', zh: '覆盖率', en: 'Covered share', value: stat('share'), format: 'percent', digits: 4 },
  { key: 'median_min', zh: '出行时间中位数（分钟）', en: 'Median travel time (min)', value: stat('median'), format: 'number', digits: 1 },
  { key: 'gap', zh: '未达标', en: 'Below target', value: stat('gap'), format: 'number' },
];

/** Per-community rows of one type, with each community's polygon as a MultiPolygon (FlatGeobuf
 *  wants one geometry type per file). */
export function communityResultRows(geo: Pick<MeetingGeo, 'communities'>, places: Places, type: TypeResult): CommunityResultRow[] {
  return geo.communities.features.map((f, index) => ({ feature: f, county: countyName(places, index), type, index }));
}

/** The row's community outline as a MultiPolygon (null when it has no polygon). */
export function multiPolygonOf(r: CommunityResultRow): MultiPolygon | null {
  const g = r.feature.geometry as Polygon | MultiPolygon | null;
  if (!g) return null;
  return g.type === 'MultiPolygon' ? g : g.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [g.coordinates] } : null;
}
