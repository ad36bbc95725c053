// Which county each community belongs to, from whatever the layers say: a county code carried
// by the community, its parent chain through townships, or its parent code being a county.
import type { AreaLayer } from '../types.ts';

export interface Counties {
  codes: string[];
  names: string[];
  /** County index of each community, −1 when unknown. */
  ofCommunity: Int32Array;
}

/** Resolves communities to counties. Without a counties layer, the county codes found become
 *  the county list (names unknown → the code). */
export function countiesOf(communities: AreaLayer, townships?: AreaLayer, counties?: AreaLayer): Counties {
  const townParent = new Map<string, string>();
  if (townships) townships.codes.forEach((c, i) => townParent.set(c, townships.parentCodes[i]));
  const codes: string[] = counties ? [...counties.codes] : [];
  const names: string[] = counties ? [...counties.names] : [];
  const index = new Map<string, number>(codes.map((c, i) => [c, i]));
  const ofCommunity = new Int32Array(communities.count).fill(-1);
  for (let i = 0; i < communities.count; i++) {
    const parent = communities.parentCodes[i];
    let code = communities.countyCodes?.[i] || townParent.get(parent) || '';
    if (!code && parent && (!counties || index.has(parent)) && !townships) code = parent;
    if (!code) continue;
    let k = index.get(code);
    if (k === undefined) {
      if (counties) continue; // a county the counties layer does not know
      k = codes.length; codes.push(code); names.push(code); index.set(code, k);
    }
    ofCommunity[i] = k;
  }
  return { codes, names, ofCommunity };
}
