// Guessing the coordinate system of a file that does not declare one, from its coordinate
// ranges. The answer is a ranked list for the user to confirm, never silently applied as certain.
import { gk3, gk6, pointToWgs84, WGS84, type Crs } from './crs.ts';
import { HONGHE_BBOX, inBox, YUNNAN_BBOX } from './region.ts';

/** Why a candidate was proposed (translated by messages.ts: formatGuessReason). */
export type GuessReason =
  | 'lonlat_in_honghe'
  | 'lonlat_in_yunnan'
  | 'lonlat_elsewhere'
  | 'latlon_swapped'
  | 'web_map_offset'
  | 'gk_zone_prefix'
  | 'gk_in_honghe'
  | 'gk_in_yunnan'
  | 'webmercator_range';

export interface CrsCandidate {
  crs: Crs;
  reason: GuessReason;
  /** True when the columns/axes should be read as (y, x): latitude first. */
  swapped?: boolean;
}

interface Stats {
  n: number;
  xs: Float64Array;
  ys: Float64Array;
  midX: number;
  midY: number;
}

function stats(xy: ArrayLike<number>, maxSamples: number): Stats | null {
  const pts = Math.floor(xy.length / 2);
  const step = Math.max(1, Math.floor(pts / maxSamples));
  const xs: number[] = [],
    ys: number[] = [];
  for (let i = 0; i < pts; i += step) {
    const x = xy[2 * i],
      y = xy[2 * i + 1];
    if (Number.isFinite(x) && Number.isFinite(y)) {
      xs.push(x);
      ys.push(y);
    }
  }
  if (!xs.length) return null;
  // Medians, so a few stray points do not decide the system.
  const sx = Float64Array.from(xs).sort(),
    sy = Float64Array.from(ys).sort();
  return { n: xs.length, xs: Float64Array.from(xs), ys: Float64Array.from(ys), midX: sx[sx.length >> 1], midY: sy[sy.length >> 1] };
}

/** Whether at least 80% of the points satisfy `test` (stray rows must not veto a clear answer). */
function most(s: Stats, test: (x: number, y: number) => boolean): boolean {
  let k = 0;
  for (let i = 0; i < s.n; i++) if (test(s.xs[i], s.ys[i])) k++;
  return k >= 0.8 * s.n;
}

function placeScore(crs: Crs, s: Stats): number {
  const [lon, lat] = pointToWgs84(crs)(s.midX, s.midY);
  return inBox(HONGHE_BBOX, lon, lat) ? 2 : inBox(YUNNAN_BBOX, lon, lat) ? 1 : 0;
}

/** Ranked CRS candidates for interleaved [x0, y0, x1, y1, …] coordinates (best first; empty
 *  if no system we know fits). Looks at up to `maxSamples` points. */
export function guessCrs(xy: ArrayLike<number>, maxSamples = 10000): CrsCandidate[] {
  const s = stats(xy, maxSamples);
  if (!s) return [];
  const out: CrsCandidate[] = [];
  if (
    most(s, (x, y) => Math.abs(x) <= 90 && Math.abs(y) <= 180) &&
    !inBox(YUNNAN_BBOX, s.midX, s.midY) &&
    inBox(YUNNAN_BBOX, s.midY, s.midX)
  ) {
    return [{ crs: WGS84, reason: 'latlon_swapped', swapped: true }];
  }
  const lonlat = most(s, (x, y) => Math.abs(x) <= 180 && Math.abs(y) <= 90);
  if (lonlat) {
    const score = placeScore(WGS84, s);
    const reason: GuessReason = score === 2 ? 'lonlat_in_honghe' : score === 1 ? 'lonlat_in_yunnan' : 'lonlat_elsewhere';
    out.push({ crs: WGS84, reason });
    // GCJ-02/BD-09 shift by a few hundred metres only: indistinguishable by range, so offered.
    out.push({ crs: { kind: 'gcj02' }, reason: 'web_map_offset' }, { crs: { kind: 'bd09' }, reason: 'web_map_offset' });
    return out;
  }
  // Gauss–Krüger with the zone number prefixed to x (8 digits): the prefix names the zone.
  const zone = Math.floor(s.midX / 1e6);
  if (zone >= 13 && zone <= 45 && most(s, (x, y) => Math.floor(x / 1e6) === zone && y > 0 && y < 1e7)) {
    if (zone >= 25) out.push({ crs: gk3(zone * 3, true), reason: 'gk_zone_prefix' });
    else if (zone <= 23) out.push({ crs: gk6(zone * 6 - 3, true), reason: 'gk_zone_prefix' });
  }
  // Gauss–Krüger without prefix (6-digit easting, 7-digit northing): try Yunnan's 3° meridians.
  // (CM 99 and 105 3° zones are the same projections as the 6° zones 17 and 18.)
  if (most(s, (x, y) => x > 0 && x < 1e6 && y > 1e6 && y < 1e7)) {
    const ranked = [99, 102, 105, 108]
      .map((cm) => ({ crs: gk3(cm), score: placeScore(gk3(cm), s), d: Math.abs(cm - (HONGHE_BBOX[0] + HONGHE_BBOX[2]) / 2) }))
      .filter((c) => c.score > 0)
      .sort((a, b) => b.score - a.score || a.d - b.d);
    for (const c of ranked) out.push({ crs: c.crs, reason: c.score === 2 ? 'gk_in_honghe' : 'gk_in_yunnan' });
  }
  const R = 20037508.35;
  if (Math.abs(s.midX) > 1e6 && most(s, (x, y) => Math.abs(x) <= R && Math.abs(y) <= R)) {
    const wm: Crs = { kind: 'webmercator' };
    if (placeScore(wm, s) > 0) out.push({ crs: wm, reason: 'webmercator_range' });
  }
  return out;
}
