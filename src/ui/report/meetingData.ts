// What the meeting tools show and export, built from the GeoJSON the app keeps on the main
// thread (the typed-array layers move to the analysis worker, see analysis/areaIndex.ts) and
// the worker's latest coverage result. Nothing here re-runs the analysis.
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { bbox } from '@turf/turf';
import { typeIndex } from '../../core/catalogue';
import type { CoverageResult, TypeResult } from '../../core/analysis/command';
import { computeIndicators, type CommunityCoverage, type IndicatorInput, type IndicatorTable } from '../../core/indicators/compute';
import type { GapRow } from '../../io/export/tables';
import { gapRowsOf } from '../../io/export/rows';
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
const num = (f: Feature, k: string): number => {
  const v = prop(f, k);
  return v === undefined || v === null || v === '' ? NaN : Number(v);
};

/** Counties in layer order with their WGS84 bounds. */
export function countyList(geo: Pick<MeetingGeo, 'counties'>): { code: string; name: string; bounds: Bounds }[] {
  return geo.counties.features.map((f) => ({ code: str(f, 'code'), name: str(f, 'name'), bounds: bbox(f) as Bounds }));
}

/** County index of each community: its county_code, else its township's county_code (imported
 *  communities may carry only a township code); −1 when neither is known. */
function communityCounties(geo: MeetingGeo, countyIndex: Map<string, number>): number[] {
  const townCounty = new Map(geo.townships.features.map((f) => [str(f, 'code'), str(f, 'county_code')]));
  return geo.communities.features.map((f) =>
    countyIndex.get(str(f, 'county_code')) ?? countyIndex.get(townCounty.get(str(f, 'township_code')) ?? '') ?? -1);
}

/** Indicator input from the GeoJSON: urban flag and county from the communities' fields, a
 *  facility's community from its community_code, households per community as the engine counted
 *  them (else the communities' households field). Result arrays are per community in the
 *  communities layer's feature order, as the worker's layers are. */
export function indicatorInputFromGeo(geo: MeetingGeo, result: CoverageResult | null): IndicatorInput {
  const counties = countyList(geo);
  const countyIndex = new Map(counties.map((c, i) => [c.code, i]));
  const com = geo.communities.features;
  const comIndex = new Map(com.map((f, i) => [str(f, 'code'), i]));
  const fac = geo.facilities.features;
  const coverage: Record<string, CommunityCoverage> = {};
  for (const t of result?.types ?? []) {
    coverage[t.code] = { demand: t.communities.demand, covered: t.communities.covered, targetShare: t.targetShare, minutes: t.minutes };
  }
  const counted = result?.types[0]?.communities.households;
  return {
    counties: { codes: counties.map((c) => c.code), names: counties.map((c) => c.name) },
    communities: {
      count: com.length,
      urban: com.map((f) => (num(f, 'urban') === 1 ? 1 : 0)),
      county: communityCounties(geo, countyIndex),
      households: counted ?? com.map((f) => num(f, 'households') || 0),
    },
    facilities: {
      count: fac.length,
      type: fac.map((f) => typeIndex(str(f, 'type'))),
      community: fac.map((f) => comIndex.get(str(f, 'community_code')) ?? -1),
      area: fac.map((f) => num(f, 'area_m2')),
    },
    coverage,
  };
}

/** The plan's indicators for the loaded data (walking rows only for types in `result`). */
export function meetingIndicators(geo: MeetingGeo, result: CoverageResult | null): IndicatorTable {
  return computeIndicators(indicatorInputFromGeo(geo, result));
}

/** Communities below target for every type in `result` (see io/export/rows gapRowsOf). */
export function gapRowsFromGeo(geo: MeetingGeo, result: CoverageResult | null): GapRow[] {
  if (!result) return [];
  const counties = countyList(geo);
  const ofCommunity = communityCounties(geo, new Map(counties.map((c, i) => [c.code, i])));
  const towns = new Map(geo.townships.features.map((f) => [str(f, 'code'), str(f, 'name')]));
  const com = geo.communities.features;
  return gapRowsOf(result, {
    codes: com.map((f) => str(f, 'code')), names: com.map((f) => str(f, 'name')),
    townshipNames: com.map((f) => towns.get(str(f, 'township_code')) ?? ''),
    countyNames: ofCommunity.map((k) => (k >= 0 ? counties[k].name : '')),
    urban: com.map((f) => (num(f, 'urban') === 1 ? 1 : 0)),
    lon: com.map((f) => num(f, 'seat_lon')), lat: com.map((f) => num(f, 'seat_lat')),
  });
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
  { key: 'demand', zh: '需求', en: 'Demand', value: stat('demand'), format: 'number', digits: 1 },
  { key: 'covered', zh: '覆盖需求', en: 'Covered demand', value: stat('covered'), format: 'number', digits: 1 },
  { key: 'share', zh: '覆盖率', en: 'Covered share', value: stat('share'), format: 'percent', digits: 4 },
  { key: 'median_min', zh: '步行时间中位数（分钟）', en: 'Median walk (min)', value: stat('median'), format: 'number', digits: 1 },
  { key: 'gap', zh: '未达标', en: 'Below target', value: stat('gap'), format: 'number' },
];

/** Per-community rows of one type, with each community's polygon as a MultiPolygon (FlatGeobuf
 *  wants one geometry type per file). */
export function communityResultRows(geo: MeetingGeo, type: TypeResult): CommunityResultRow[] {
  const counties = countyList(geo);
  const ofCommunity = communityCounties(geo, new Map(counties.map((c, i) => [c.code, i])));
  return geo.communities.features.map((f, index) => ({
    feature: f, county: ofCommunity[index] >= 0 ? counties[ofCommunity[index]].name : '', type, index,
  }));
}

/** The row's community outline as a MultiPolygon (null when it has no polygon). */
export function multiPolygonOf(r: CommunityResultRow): MultiPolygon | null {
  const g = r.feature.geometry as Polygon | MultiPolygon | null;
  if (!g) return null;
  return g.type === 'MultiPolygon' ? g : g.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [g.coordinates] } : null;
}
