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

type Point = [number, number];

/** Best-candidate sampling: up to `tries` proposals (null: none this try), scored in order; keeps
 *  the highest score above `start`'s, stopping early once a score reaches `enough`. */
function bestCandidate(
  tries: number,
  propose: (k: number) => Point | null,
  score: (p: Point) => number,
  start: { p: Point; score: number },
  enough = Infinity,
): { p: Point; score: number } {
  let best = start;
  for (let k = 0; k < tries && best.score < enough; k++) {
    const p = propose(k);
    if (!p) continue;
    const s = score(p);
    if (s > best.score) best = { p, score: s };
  }
  return best;
}

/** Places the township seats of one county (in code order). */
export function placeTownships(county: County, rows: readonly DivisionRow[], relief: Relief, rng: Random): Township[] {
  let seatIdx = rows.findIndex((t) => county.seatTown !== '' && t.name === county.seatTown);
  if (seatIdx < 0)
    seatIdx = Math.max(
      0,
      rows.findIndex((t) => t.name.endsWith('街道')),
    );
  const placed: [number, number][] = [county.seat];
  const out: Township[] = rows.map((t) => ({ ...t, seat: county.seat, countySeat: false }));
  out[seatIdx].countySeat = true;
  rows.forEach((t, i) => {
    if (i === seatIdx) return;
    const start = { p: county.seat, score: -1 };
    const best = t.name.endsWith('街道')
      ? // Sub-districts are quarters of the county town.
        bestCandidate(
          50,
          () => nearPoint(county, county.seat[0], county.seat[1], 3.5, rng),
          (p) => nearestKm(p[0], p[1], placed),
          start,
          1.2,
        ).p
      : bestCandidate(
          40,
          () => pointInCounty(county, rng),
          (p) => nearestKm(p[0], p[1], placed) * habitability(relief.elevation(p[0], p[1])),
          start,
        ).p;
    out[i].seat = best;
    placed.push(best);
  });
  return out;
}

/** Places one settlement per village-level unit of the county. */
export function placeSettlements(
  county: County,
  townships: readonly Township[],
  villages: readonly DivisionRow[],
  relief: Relief,
  rng: Random,
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
          p = bestCandidate(
            60,
            (tries) => nearPoint(county, town.seat[0], town.seat[1], radius + tries * 0.05, rng),
            (q) => nearestKm(q[0], q[1], placed),
            { p, score: -1 },
            0.25,
          ).p;
        } else {
          let best = bestCandidate(
            14,
            () => nearPoint(county, town.seat[0], town.seat[1], reachKm, rng),
            (q) => Math.min(nearestKm(q[0], q[1], placed), 6) * habitability(relief.elevation(q[0], q[1])) * rng.range(0.7, 1),
            { p, score: -1 },
          );
          if (best.score < 0.2) {
            // Crowded near the seat: fall back to anywhere in the county, still spread out.
            best = bestCandidate(
              20,
              () => pointInCounty(county, rng),
              (q) => nearestKm(q[0], q[1], placed) * habitability(relief.elevation(q[0], q[1])),
              best,
            );
          }
          p = best.p;
        }
      }
      placed.push(p);
      out.push({ ...v, lon: p[0], lat: p[1], urban, elevation: relief.elevation(p[0], p[1]), township: ti, isSeat: k === seatMember });
    });
  });
  return out;
}
