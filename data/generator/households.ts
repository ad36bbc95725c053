// Synthetic household points: each point is a dwelling cluster with an integer household
// weight, scattered round hamlet centres inside its community's polygon. County totals are the
// census population divided by the household size below; age and disability counts are drawn
// from census-based shares, older in villages than in towns.
import { apportion, type Random } from './random.ts';
import { pointInMulti, type MultiCoords } from './geometry.ts';
import type { Relief } from './relief.ts';
import type { Settlement } from './settlements.ts';
import { PERSONS_PER_HOUSEHOLD, SHARES } from '../../src/core/demand/census.ts';

/** Households of a county: census population / PERSONS_PER_HOUSEHOLD, rounded. */
export function countyHouseholds(population: number): number {
  return Math.round(population / PERSONS_PER_HOUSEHOLD);
}

/** Columnar household points of one or more counties. */
export interface HouseholdPoints {
  lon: number[];
  lat: number[];
  households: number[];
  population: number[];
  elderly: number[];
  infants: number[];
  disabled: number[];
  /** Community code of each point. */
  community: string[];
}

export function emptyHouseholds(): HouseholdPoints {
  return { lon: [], lat: [], households: [], population: [], elderly: [], infants: [], disabled: [], community: [] };
}

/** Relative household weight of a settlement: town communities are denser, high villages smaller. */
export function settlementWeight(s: Settlement, rng: Random): number {
  if (s.urban) return 2.2 * rng.range(0.6, 1.4);
  return rng.range(0.5, 1.5) * (1.25 - 0.5 * Math.min(1, Math.max(0, (s.elevation - 1000) / 1800)));
}

/** A point near (cx, cy) with normal spread `sigmaKm`, inside `cell` (falls back to the centre). */
function scatter(cx: number, cy: number, sigmaKm: number, cell: MultiCoords, rng: Random): [number, number] {
  const kx = 111.2 * Math.cos((cy * Math.PI) / 180);
  for (let t = 0; t < 12; t++) {
    const x = cx + (rng.normal() * sigmaKm) / kx;
    const y = cy + (rng.normal() * sigmaKm) / 111.2;
    if (pointInMulti(x, y, cell)) return [x, y];
  }
  return [cx, cy];
}

/** Hamlet centres of a settlement: the settlement itself, plus up to 3 more on lower ground for villages. */
export function hamlets(s: Settlement, cell: MultiCoords, relief: Relief, rng: Random): [number, number][] {
  const out: [number, number][] = [[s.lon, s.lat]];
  if (s.urban) return out;
  const extra = rng.int(0, 3);
  for (let h = 0; h < extra; h++) {
    let best: [number, number] | null = null;
    let bestH = Infinity;
    for (let c = 0; c < 3; c++) {
      const r = rng.range(0.6, 2.4);
      const a = rng.range(0, 2 * Math.PI);
      const x = s.lon + (r * Math.cos(a)) / (111.2 * Math.cos((s.lat * Math.PI) / 180));
      const y = s.lat + (r * Math.sin(a)) / 111.2;
      if (!pointInMulti(x, y, cell)) continue;
      const z = relief.elevation(x, y);
      if (z < bestH) {
        bestH = z;
        best = [x, y];
      }
    }
    if (best) out.push(best);
  }
  return out;
}

/** Emits the household points of one settlement into `out`. */
export function settlementHouseholds(
  s: Settlement,
  cell: MultiCoords,
  centres: readonly [number, number][],
  households: number,
  population: number,
  perHousehold: boolean,
  rng: Random,
  out: HouseholdPoints,
): void {
  const kind = s.urban ? 'urban' : 'village';
  const jitter = (): number => rng.range(0.85, 1.15);
  const pElderly = SHARES.elderly[kind] * jitter();
  const pInfants = SHARES.infants[kind] * jitter();
  const pDisabled = SHARES.disabled[kind] * jitter();
  const hamletHh = apportion(
    households,
    centres.map((_, i) => (i === 0 ? 2 : rng.range(0.5, 1.5))),
  );
  // Cluster weights first, so population can be apportioned over them exactly.
  const clusters: [number, number, number][] = [];
  centres.forEach(([cx, cy], h) => {
    const sigma = s.urban ? (s.isSeat ? 0.35 : 0.22) : 0.14;
    for (let left = hamletHh[h]; left > 0;) {
      const w = Math.min(left, s.urban ? rng.int(2, 10) : rng.int(1, 8));
      const [x, y] = scatter(cx, cy, sigma, cell, rng);
      clusters.push([x, y, w]);
      left -= w;
    }
  });
  const pop = apportion(
    population,
    clusters.map((c) => c[2]),
  );
  const emit = (x: number, y: number, hh: number, p: number): void => {
    out.lon.push(x);
    out.lat.push(y);
    out.households.push(hh);
    out.population.push(p);
    // Elderly and infants are exclusive age groups: one draw per person picks at most one.
    let old = 0;
    let young = 0;
    for (let k = 0; k < p; k++) {
      const u = rng.next();
      if (u < pElderly) old++;
      else if (u < pElderly + pInfants) young++;
    }
    out.elderly.push(old);
    out.infants.push(young);
    out.disabled.push(rng.binomial(p, pDisabled));
    out.community.push(s.code);
  };
  clusters.forEach(([x, y, w], k) => {
    if (!perHousehold) return emit(x, y, w, pop[k]);
    const each = apportion(pop[k], new Array<number>(w).fill(1));
    for (let i = 0; i < w; i++) {
      const [hx, hy] = scatter(x, y, 0.02, cell, rng);
      emit(hx, hy, 1, each[i]);
    }
  });
}
