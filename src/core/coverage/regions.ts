// Community → township → county: the one rule for which township and county a community
// belongs to, from whatever the layers say: a county code carried by the community, its parent
// chain through townships, or its parent code being a county.
import type { AreaLayer } from '../types.ts';

export interface Regions {
  /** The counties layer's counties in layer order; without one, the county codes the
   *  communities name (names unknown → the code). */
  counties: { codes: string[]; names: string[] };
  /** The townships layer's townships (empty without one) and the county index of each. */
  townships: { codes: string[]; names: string[]; county: Int32Array };
  /** Township index of each community, −1 when unknown. */
  townshipOf: Int32Array;
  /** County index of each community, −1 when unknown. */
  countyOf: Int32Array;
}

/** Resolves communities to townships and counties. */
export function regionsOf(communities: AreaLayer, townships?: AreaLayer, counties?: AreaLayer): Regions {
  const codes: string[] = counties ? [...counties.codes] : [];
  const names: string[] = counties ? [...counties.names] : [];
  const index = new Map<string, number>(codes.map((c, i) => [c, i]));
  // A county code → its index; without a counties layer, new codes join the list.
  const county = (code: string): number => {
    if (!code) return -1;
    let k = index.get(code);
    if (k === undefined) {
      if (counties) return -1; // a county the counties layer does not know
      k = codes.length;
      codes.push(code);
      names.push(code);
      index.set(code, k);
    }
    return k;
  };
  const townIndex = new Map<string, number>(townships?.codes.map((c, i) => [c, i]) ?? []);
  const townCountyCode = (t: number) => townships!.countyCodes?.[t] || townships!.parentCodes[t];
  const townshipOf = new Int32Array(communities.count).fill(-1);
  const countyOf = new Int32Array(communities.count).fill(-1);
  for (let i = 0; i < communities.count; i++) {
    const parent = communities.parentCodes[i];
    const t = townIndex.get(parent) ?? -1;
    townshipOf[i] = t;
    let code = communities.countyCodes?.[i] || (t >= 0 ? townCountyCode(t) : '');
    // Without a townships layer a parent code may name the county itself.
    if (!code && parent && !townships && (!counties || index.has(parent))) code = parent;
    countyOf[i] = county(code);
  }
  // Townships' counties among those found (a township's county without communities is not added).
  const townCounty = Int32Array.from(townships?.codes ?? [], (_, t) => index.get(townCountyCode(t)) ?? -1);
  return {
    counties: { codes, names },
    townships: { codes: townships ? townships.codes : [], names: townships ? townships.names : [], county: townCounty },
    townshipOf,
    countyOf,
  };
}
