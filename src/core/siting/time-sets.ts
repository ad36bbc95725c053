// Candidate → household minutes for the p-median and p-center, up to a cap (60 min by default).
// Within an hour's walk a candidate reaches thousands of homes, and on the full demo all pairs
// would not fit in memory; but a candidate matters to a home only where it beats what the home
// already has (t0: its existing nearest facility's minutes, or the cap). So:
//  - straight: the search runs from each home over the candidates within its own t0 (homes near
//    an existing facility look only a few hundred metres around), not from each candidate;
//  - network: one reversed Dijkstra per candidate, bounded by the cap, that stops expanding any
//    node the existing facilities already reach sooner (every home behind such a node is nearer
//    an existing facility too, so nothing is lost; each search stays in the candidate's own
//    "Voronoi" region of homes it could win).
// t0 comes from the engine's own nearest-facility times (travel/straight.ts, travel/network.ts).
import { sortByMinutes } from '../coverage/stats.ts';
import { spatialOrder } from '../index/nearest.ts';
import type { Attached, CostedNetwork } from '../travel/network.ts';
import { facilityField, fieldTimes } from '../travel/network.ts';
import { metresPerMinute } from '../travel/speed.ts';
import { straightTimes } from '../travel/straight.ts';
import { crossesBarrier, straightTimesBlocked, type Barriers } from '../travel/barriers.ts';
import type { CoverSets } from './cover-sets.ts';
import { networkCoverSets } from './network-cover.ts';
import { LocalProjection, latSpan, reachMetres, straightMinutes, type StraightParams } from './straight-reach.ts';

/** Most candidate–home pairs kept (12 bytes each while built): beyond, the cap is too generous
 *  for the candidates (lower it, or use a coarser grid), rather than a browser tab running out of memory. */
export const MAX_TIME_PAIRS = 40_000_000;

function tooMany(cap: number, maxPairs: number): Error {
  return new Error(
    `more than ${maxPairs.toLocaleString('en')} candidate–household pairs within the ${cap}-minute cap: lower the cap or use fewer candidates (a coarser grid)`,
  );
}

export interface TimeSets {
  /** Candidate → home minutes, ascending per candidate, only pairs under t0. */
  sets: CoverSets;
  /** Minutes from each home to its nearest existing facility, capped at the cap. */
  t0: Float32Array;
}

const capAt = (m: Float32Array, cap: number) => {
  for (let i = 0; i < m.length; i++) if (!(m[i] < cap)) m[i] = cap;
  return m;
};

/** CSR by candidate from unordered (candidate, demand, time) triples, ascending time per
 *  candidate: a radix sort of all times, then a stable counting sort by candidate. */
function csrOf(candCount: number, demandCount: number, pc: Uint32Array, pd: Uint32Array, pt: Float32Array, n: number): CoverSets {
  const candStart = new Uint32Array(candCount + 1);
  for (let k = 0; k < n; k++) candStart[pc[k] + 1]++;
  for (let c = 0; c < candCount; c++) candStart[c + 1] += candStart[c];
  const fill = candStart.slice(0, candCount),
    demandIdx = new Uint32Array(n),
    time = new Float32Array(n);
  for (const k of sortByMinutes(pt.subarray(0, n))) {
    const o = fill[pc[k]]++;
    demandIdx[o] = pd[k];
    time[o] = pt[k];
  }
  return { candCount, demandCount, candStart, demandIdx, time };
}

/** Straight-line minutes (see header) from `demand` homes to `cand`, under each home's t0; with
 *  `barriers`, pairs whose straight line crosses one are left out (as the analysis does). */
export function straightTimeSets(
  cand: Float64Array,
  existing: Float64Array,
  demand: Float64Array,
  p: StraightParams,
  cap: number,
  maxPairs = MAX_TIME_PAIRS,
  barriers?: Barriers,
): TimeSets {
  const nCand = cand.length / 2,
    nDem = demand.length / 2;
  const ids = Int32Array.from({ length: existing.length / 2 }, (_, i) => i);
  const t0 = capAt(
    (barriers
      ? straightTimesBlocked(demand, existing, ids, p.speedKmh, p.detour, barriers, reachMetres(cap, p))
      : straightTimes(demand, existing, ids, p.speedKmh, p.detour)
    ).minutes,
    cap,
  );
  const [lo, hi] = latSpan(cand, demand);
  const proj = new LocalProjection(lo, hi);
  const idx = proj.index(cand);
  const first = Math.min(1 << 16, maxPairs);
  let pc = new Uint32Array(first),
    pd = new Uint32Array(first),
    pt = new Float32Array(first),
    n = 0;
  for (const d of spatialOrder(demand)) {
    const lon = demand[2 * d],
      lat = demand[2 * d + 1],
      below = t0[d];
    if (!(below > 0) || !Number.isFinite(lon)) continue;
    for (const c of proj.near(idx, nCand, lon, lat, reachMetres(below, p))) {
      const t = straightMinutes(lon, lat, cand[2 * c], cand[2 * c + 1], p);
      if (!(t < below)) continue;
      if (barriers && crossesBarrier(barriers, lon, lat, cand[2 * c], cand[2 * c + 1])) continue;
      if (n === pc.length) {
        if (n >= maxPairs) throw tooMany(cap, maxPairs);
        const size = Math.min(2 * n, maxPairs);
        const a = new Uint32Array(size);
        a.set(pc);
        pc = a;
        const b = new Uint32Array(size);
        b.set(pd);
        pd = b;
        const e = new Float32Array(size);
        e.set(pt);
        pt = e;
      }
      pc[n] = c;
      pd[n] = d;
      pt[n] = t;
      n++;
    }
  }
  return { sets: csrOf(nCand, nDem, pc, pd, pt, n), t0 };
}

/** Network minutes (see header) from the attached `homes` to `cands`, under each home's t0. */
export function networkTimeSets(
  net: CostedNetwork,
  homes: Attached,
  cands: Attached,
  existing: Attached,
  speedKmh: number,
  cap: number,
  maxPairs = MAX_TIME_PAIRS,
): TimeSets {
  const ids = Int32Array.from({ length: existing.edge.length }, (_, i) => i);
  const field = facilityField(net, existing, ids);
  const t0 = capAt(fieldTimes(net, field, homes, existing, speedKmh).minutes, cap);
  // The field's node costs bound each candidate's search; the cap bounds it too (in cost metres).
  const bound = Float64Array.from(field.dist, (x) => Math.min(x, cap * metresPerMinute(speedKmh)));
  const sets = networkCoverSets(net, homes, cands, speedKmh, cap, t0, bound, maxPairs);
  if (!sets) throw tooMany(cap, maxPairs);
  return { sets, t0 };
}
