// What the main thread keeps of the layers after their buffers move to the analysis worker:
// names, codes and the hierarchy, plus each household's community (for per-community nearest).
import type { AreaLayer } from '../core/types';
import type { DemoLayers } from './loadDemo';

interface Names { codes: string[]; names: string[]; parentCodes: string[] }

export interface AreaIndex {
  communities: Names & { urban: Uint8Array; countyCodes?: string[] };
  townships: Names;
  counties: Names;
  /** Community index of each household point (a copy; −1: none). */
  householdCommunity: Int32Array;
  facilityNames: string[];
  /** Community code → index. */
  communityByCode: Map<string, number>;
  /** Township index of each community, −1 when unknown. */
  townshipOf: Int32Array;
  /** County index of each community, −1 when unknown. */
  countyOf: Int32Array;
}

const names = (a: AreaLayer): Names => ({ codes: a.codes, names: a.names, parentCodes: a.parentCodes });

/** Copies what the UI needs; call before handing `layers` to the worker. */
export function areaIndex(layers: DemoLayers): AreaIndex {
  const { communities, townships, counties } = layers;
  const townIdx = new Map(townships.codes.map((c, i) => [c, i]));
  const countyIdx = new Map(counties.codes.map((c, i) => [c, i]));
  const townshipOf = new Int32Array(communities.count).fill(-1);
  const countyOf = new Int32Array(communities.count).fill(-1);
  for (let i = 0; i < communities.count; i++) {
    const t = townIdx.get(communities.parentCodes[i]);
    if (t !== undefined) townshipOf[i] = t;
    const cc = communities.countyCodes?.[i] || (t !== undefined ? townships.parentCodes[t] : '');
    const c = countyIdx.get(cc);
    if (c !== undefined) countyOf[i] = c;
  }
  return {
    communities: { ...names(communities), urban: communities.urban.slice(), ...(communities.countyCodes ? { countyCodes: communities.countyCodes } : {}) },
    townships: names(townships),
    counties: names(counties),
    householdCommunity: layers.households.community.slice(),
    facilityNames: layers.facilities.names,
    communityByCode: new Map(communities.codes.map((c, i) => [c, i])),
    townshipOf,
    countyOf,
  };
}
