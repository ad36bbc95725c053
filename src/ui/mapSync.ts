// What the map shows of the app's state, as a controller: each MapView call is made only when
// its own inputs changed (the community colours, the selection, the county in focus, the
// basemap, the road lines), so the app feeds it everything from one place on every change.
import type { TypeResult } from '../core/analysis/command';
import type { Catalogue } from '../core/catalogue';
import type { MultiServiceGap } from '../core/gaps/multi-service';
import type { LineLayer } from '../core/types';
import type { RoadClassTable } from '../core/travel/road-class';
import type { AreaIndex } from '../analysis/areaIndex';
import type { MapView } from '../map/MapView';
import { roadsGeoJson } from '../map/roads';
import { missingByCode } from './multiGapView';

export type SyncedMap = Pick<
  MapView,
  'setCoverage' | 'setMissingServices' | 'select' | 'setBasemapUrl' | 'focusCounty' | 'setData' | 'setCatalogue'
>;

export interface MapSyncInputs {
  /** The facility types (icons and colours of the facilities and what-if points). */
  catalogue: Catalogue;
  /** The loaded data: the map's layers are replaced with it, so selection and focus are set again. */
  data: unknown;
  idx: AreaIndex | null;
  /** The shown type's result (null: none yet). */
  typeResult: TypeResult | null;
  /** The multi-service gap while that view is on (it colours the map instead of the type). */
  multiGap: MultiServiceGap | null;
  /** The analysis failed: the colours are cleared rather than left looking current. */
  failed: boolean;
  selected: string | null;
  /** The county in focus (code) or null. */
  focusCounty: string | null;
  /** The user's basemap tile URL ('' none). */
  tileUrl: string;
  roads: LineLayer | null;
  roadsOn: boolean;
  /** The road-class table the roads are styled by (absent: the default one). */
  roadClasses?: RoadClassTable;
}

/** Per-community colour state for MapView.setCoverage: covered share (null: no demand) and gap. */
export function coverageShares(codes: string[], r: TypeResult): Map<string, { share: number | null; gap: boolean }> {
  const s = r.communities;
  return new Map(codes.map((code, i) => [code, { share: Number.isNaN(s.share[i]) ? null : s.share[i], gap: s.gap[i] === 1 }]));
}

export class MapSync {
  private last: Partial<MapSyncInputs> = {};
  private first = true;

  /** `onColoured` runs after each colouring has reached the map. */
  constructor(
    private readonly map: () => SyncedMap | null,
    private readonly onColoured: () => void = () => {},
  ) {}

  update(next: MapSyncInputs): void {
    const v = this.map();
    if (!v) return;
    const was = this.last,
      first = this.first;
    const changed = (...keys: (keyof MapSyncInputs)[]) => first || keys.some((k) => was[k] !== next[k]);
    this.last = next;
    this.first = false;
    if (changed('catalogue')) void v.setCatalogue(next.catalogue);
    if (changed('idx', 'typeResult', 'multiGap', 'failed')) this.colour(v, next);
    if (changed('selected', 'data')) void v.select(next.selected);
    if (changed('focusCounty', 'data', 'idx')) void v.focusCounty(next.focusCounty);
    if (changed('tileUrl')) void v.setBasemapUrl(next.tileUrl || null);
    // Built when first switched on (and again for new data).
    if (changed('roads', 'roadsOn', 'roadClasses') && next.roadsOn && next.roads)
      void v.setData('roads', roadsGeoJson(next.roads, next.roadClasses));
  }

  /** Community colours: covered share of the shown type, or in the multi-service view how many of
   *  the chosen services each lacks (outlined when it lacks any). */
  private colour(v: SyncedMap, { idx, typeResult, multiGap, failed }: MapSyncInputs): void {
    if (!idx) return;
    const codes = idx.places.communities.codes;
    if (failed) {
      void v.setMissingServices(null);
      void v.setCoverage(new Map());
      return;
    }
    let shares: Map<string, { share: number | null; gap: boolean }>;
    if (multiGap) {
      shares = new Map(codes.map((code, i) => [code, { share: null, gap: multiGap.missing[i] > 0 }]));
      void v.setMissingServices(missingByCode(multiGap, codes), multiGap.codes.length);
    } else {
      void v.setMissingServices(null);
      if (!typeResult) return;
      shares = coverageShares(codes, typeResult);
    }
    void v.setCoverage(shares).then(this.onColoured);
  }
}
