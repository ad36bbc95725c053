// Synthetic settlement points (no village coordinates are public): one per village-level unit,
// inside its county. Township seats spread over the county by best-candidate sampling that
// prefers habitable mid-slopes and basins; urban communities (社区/居委会) cluster round their township seat (the
// seat township sits at the real county seat); villages spread round their township seat,
// thinning on high ground.
import type { County } from './counties.ts';
import { distanceKm, pointInMulti } from './geometry.ts';
import type { Random } from './random.ts';
import type { Relief } from './relief.ts';
import type { DivisionRow } from './sources.ts';

/** Names of urban-type units: 社区, 居委会 and its full form 居民委员会. */
export const URBAN_NAME = /(社区|居委会|居民委员会)$/;

export interface Township extends DivisionRow {
  seat: [number, number];
  /** Whether this township holds the county seat. */
  countySeat: boolean;
}

export interface Settlement extends DivisionRow {
  lon: number;
  lat: number;
  urban: boolean;
  elevation: number;
  /** Index of its township in the townships array. */
  township: number;
  /** Whether the point is its township's seat. */
  isSeat: boolean;
}

/** Uniform random point inside the county. */
function pointInCounty(county: County, rng: Random): [number, number] {
  const [w, s, e, n] = county.bbox;
  for (;;) {
    const x = rng.range(w, e);
    const y = rng.range(s, n);
    if (pointInMulti(x, y, county.geometry)) return [x, y];
  }
}

/** Random point within `radiusKm` of a centre (uniform on the disc), or null if outside the county. */
function nearPoint(county: County, cx: number, cy: number, radiusKm: number, rng: Random): [number, number] | null {
  const r = radiusKm * Math.sqrt(rng.next());
  const a = rng.range(0, 2 * Math.PI);
  const x = cx + (r * Math.cos(a)) / (111.2 * Math.cos((cy * Math.PI) / 180));
  const y = cy + (r * Math.sin(a)) / 111.2;
  return pointInMulti(x, y, county.geometry) ? [x, y] : null;
}

function nearestKm(x: number, y: number, pts: readonly [number, number][]): number {
  let best = Infinity;
  for (const p of pts) best = Math.min(best, distanceKm(x, y, p[0], p[1]));
  return best;
}

/** Preference by elevation (m): highest on 1,000–1,900 m slopes and basins, lower in the hot
 *  Red River gorge, falling towards 0.35 on the highest ridges. */
function habitability(h: number): number {
  if (h < 1000) return 0.55 + 0.45 * Math.max(0, (h - 200) / 800);
  return 1 - 0.65 * Math.min(1, Math.max(0, (h - 1900) / 1000));
}

/** Places the township seats of one county (in code order). */
export function placeTownships(county: County, rows: readonly DivisionRow[], relief: Relief, rng: Random): Township[] {
  let seatIdx = rows.findIndex((t) => county.seatTown !== '' && t.name === county.seatTown);
  if (seatIdx < 0) seatIdx = Math.max(0, rows.findIndex((t) => t.name.endsWith('街道')));
  const placed: [number, number][] = [county.seat];
  const out: Township[] = rows.map((t) => ({ ...t, seat: county.seat, countySeat: false }));
  out[seatIdx].countySeat = true;
  rows.forEach((t, i) => {
    if (i === seatIdx) return;
    let best: [number, number] = county.seat;
    if (t.name.endsWith('街道')) {
      // Sub-districts are quarters of the county town.
      let bestGap = -1;
      for (let k = 0; k < 50 && bestGap < 1.2; k++) {
        const p = nearPoint(county, county.seat[0], county.seat[1], 3.5, rng);
        const gap = p ? nearestKm(p[0], p[1], placed) : -1;
        if (p && gap > bestGap) {
          bestGap = gap;
          best = p;
        }
      }
    } else {
      let bestScore = -1;
      for (let k = 0; k < 40; k++) {
        const p = pointInCounty(county, rng);
        const score = nearestKm(p[0], p[1], placed) * habitability(relief.elevation(p[0], p[1]));
        if (score > bestScore) {
          bestScore = score;
          best = p;
        }
      }
    }
    out[i].seat = best;
    placed.push(best);
  });
  return out;
}

/** Places one settlement per village-level unit of the county. */
export function placeSettlements(
  county: County, townships: readonly Township[], villages: readonly DivisionRow[], relief: Relief, rng: Random,
): Settlement[] {
  const reachKm = Math.sqrt(county.areaKm2 / Math.max(1, townships.length) / Math.PI) * 1.25;
  const placed: [number, number][] = [];
  const out: Settlement[] = [];
  townships.forEach((town, ti) => {
    const members = villages.filter((v) => v.parentCode === town.code);
    // The seat goes to the first urban unit, else the first unit.
    let seatMember = members.findIndex((v) => URBAN_NAME.test(v.name));
    if (seatMember < 0) seatMember = 0;
    let urbanRank = 0;
    members.forEach((v, k) => {
      const urban = URBAN_NAME.test(v.name);
      let p: [number, number] = town.seat;
      if (k !== seatMember) {
        if (urban) {
          // A town quarter: a widening spiral of blocks round the seat, kept ≥ 250 m apart.
          urbanRank++;
          const radius = (town.countySeat ? 0.45 : 0.3) * Math.sqrt(urbanRank) + 0.3;
          let bestGap = -1;
          for (let tries = 0; tries < 60 && bestGap < 0.25; tries++) {
            const q = nearPoint(county, town.seat[0], town.seat[1], radius + tries * 0.05, rng);
            const gap = q ? nearestKm(q[0], q[1], placed) : -1;
            if (q && gap > bestGap) {
              bestGap = gap;
              p = q;
            }
          }
        } else {
          let bestScore = -1;
          for (let c = 0; c < 14; c++) {
            const q = nearPoint(county, town.seat[0], town.seat[1], reachKm, rng);
            if (!q) continue;
            const score = Math.min(nearestKm(q[0], q[1], placed), 6) * habitability(relief.elevation(q[0], q[1])) * rng.range(0.7, 1);
            if (score > bestScore) {
              bestScore = score;
              p = q;
            }
          }
          if (bestScore < 0.2) {
            // Crowded near the seat: fall back to anywhere in the county, still spread out.
            for (let c = 0; c < 20; c++) {
              const q = pointInCounty(county, rng);
              const score = nearestKm(q[0], q[1], placed) * habitability(relief.elevation(q[0], q[1]));
              if (score > bestScore) {
                bestScore = score;
                p = q;
              }
            }
          }
        }
      }
      placed.push(p);
      out.push({ ...v, lon: p[0], lat: p[1], urban, elevation: relief.elevation(p[0], p[1]), township: ti, isSeat: k === seatMember });
    });
  });
  return out;
}
