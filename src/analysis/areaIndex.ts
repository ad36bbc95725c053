// What the main thread keeps of the layers after their buffers move to the analysis worker: the
// communities' places (names, township, county, outlines), the indicators' input, and each
// household's community (for per-community nearest). All built by core.
import { placesOf, type Places } from '../core/coverage/places';
import { indicatorBase, type IndicatorBase } from '../core/indicators/from-layers';
import type { DemoLayers } from './loadDemo';

export interface AreaIndex {
  places: Places;
  indicators: IndicatorBase;
  /** Community index of each household point (a copy; −1: none). */
  householdCommunity: Int32Array;
  /** Households at each point (a copy), for the multi-service gap's households beyond reach. */
  householdWeights: Float32Array;
  facilityNames: string[];
  /** Community code → index. */
  communityByCode: Map<string, number>;
}

/** Copies what the UI needs; call before handing `layers` to the worker. */
export function areaIndex(layers: DemoLayers): AreaIndex {
  return {
    places: placesOf(layers),
    indicators: indicatorBase(layers),
    householdCommunity: layers.households.community.slice(),
    householdWeights: layers.households.households.slice(),
    facilityNames: layers.facilities.names,
    communityByCode: new Map(layers.communities.codes.map((c, i) => [c, i])),
  };
}
