// Synthetic existing facilities of the 7 catalogue types. Coverage is deliberately uneven:
// nearly complete in town communities, thinner in villages and on high ground, and thin in a
// few named counties per type, so every type has real gaps to find.
import { BUILT_IN_TYPES } from '../../src/core/catalogue.ts';
import { pointInMulti, type MultiCoords } from './geometry.ts';
import type { Random } from './random.ts';
import type { Settlement } from './settlements.ts';

interface TypeRule {
  /** Probability a community has one, by place type. */
  urban: number;
  village: number;
  /** Counties (adcodes) where this type lags: probability × 0.4. */
  lagging: string[];
  /** Floor area range, m² (service centres: per 100 households instead). */
  area: [number, number];
  name: (base: string, urban: boolean) => string;
}

const RULES: Record<string, TypeRule> = {
  service_center: { urban: 0.97, village: 0.8, lagging: ['532530', '532531'], area: [15, 55], name: (b) => `${b}党群服务中心` },
  elderly_canteen: {
    urban: 0.75,
    village: 0.2,
    lagging: ['532528', '532529', '532523'],
    area: [80, 300],
    name: (b, u) => `${b}${u ? '老年幸福食堂' : '老年幸福餐桌'}`,
  },
  elderly_daycare: { urban: 0.7, village: 0.35, lagging: ['532530', '532531'], area: [150, 600], name: (b) => `${b}日间照料中心` },
  childcare: { urban: 0.6, village: 0.25, lagging: ['532529', '532532'], area: [40, 200], name: (b) => `${b}儿童之家` },
  fitness: { urban: 0.85, village: 0.5, lagging: ['532523', '532528'], area: [400, 3000], name: (b) => `${b}全民健身广场` },
  fire_station: { urban: 0.8, village: 0.45, lagging: ['532531', '532529'], area: [20, 60], name: (b) => `${b}微型消防站` },
  health_station: { urban: 0.6, village: 0.88, lagging: ['532530'], area: [60, 400], name: (b, u) => `${b}${u ? '卫生服务站' : '卫生室'}` },
};

/** Short place name: 鸡街村民委员会 → 鸡街村, 长安社区居民委员会 → 长安社区. */
export function shortName(name: string): string {
  return name.replace(/(居民委员会|居委会)$/, '').replace(/(村民委员会|村委会)$/, '村');
}

export interface FacilityPoint {
  lon: number;
  lat: number;
  id: string;
  type: string;
  name: string;
  community: string;
  area: number;
}

/** Facilities of one settlement (at most one per type), placed near it inside its cell. */
export function settlementFacilities(s: Settlement, cell: MultiCoords, households: number, rng: Random): FacilityPoint[] {
  const out: FacilityPoint[] = [];
  const remote = !s.urban && s.elevation > 1800 ? 0.75 : 1;
  for (const t of BUILT_IN_TYPES) {
    const rule = RULES[t.code];
    let p = (s.urban ? rule.urban : rule.village) * remote;
    if (rule.lagging.includes(s.countyCode)) p *= 0.4;
    if (!rng.chance(p)) continue;
    let x = s.lon;
    let y = s.lat;
    const kx = 111.2 * Math.cos((s.lat * Math.PI) / 180);
    for (let k = 0; k < 10; k++) {
      const qx = s.lon + (rng.normal() * 0.15) / kx;
      const qy = s.lat + (rng.normal() * 0.15) / 111.2;
      if (pointInMulti(qx, qy, cell)) {
        x = qx;
        y = qy;
        break;
      }
    }
    const [lo, hi] = rule.area;
    // Service centres are sized per 100 households (the plan's 30 m² norm); some fall short.
    const area =
      t.code === 'service_center' ? Math.max(40, Math.round((households / 100) * rng.range(lo, hi))) : Math.round(rng.range(lo, hi));
    out.push({
      lon: x,
      lat: y,
      id: `${s.code}-${t.code}`,
      type: t.code,
      name: rule.name(shortName(s.name), s.urban),
      community: s.code,
      area,
    });
  }
  return out;
}
