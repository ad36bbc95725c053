// The coverage relation between candidate sites and demand points, as CSR typed arrays:
// candidate c reaches demandIdx[candStart[c] … candStart[c+1]) at minutes time[…] (ascending).
import { LocalProjection, latSpan, reachMetres, straightMinutes, type StraightParams } from './straight-reach.ts';
import { crossesBarrier, type Barriers } from '../travel/barriers.ts';

export interface CoverSets {
  candCount: number;
  demandCount: number;
  /** candCount + 1 offsets into demandIdx / time. */
  candStart: Uint32Array;
  /** Demand point indices each candidate reaches within the threshold, nearest first. */
  demandIdx: Uint32Array;
  /** Travel minutes for each entry of demandIdx. */
  time: Float32Array;
}

/** Assembles CSR cover sets from per-candidate lists (each sorted here by time, then index). */
export function coverSetsFromLists(demandCount: number, lists: { idx: number[]; time: number[] }[]): CoverSets {
  const candStart = new Uint32Array(lists.length + 1);
  for (let c = 0; c < lists.length; c++) candStart[c + 1] = candStart[c] + lists[c].idx.length;
  const demandIdx = new Uint32Array(candStart[lists.length]);
  const time = new Float32Array(candStart[lists.length]);
  for (let c = 0; c < lists.length; c++) {
    const { idx, time: t } = lists[c];
    const order = idx.map((_, k) => k).sort((a, b) => t[a] - t[b] || idx[a] - idx[b]);
    let o = candStart[c];
    for (const k of order) {
      demandIdx[o] = idx[k];
      time[o] = t[k];
      o++;
    }
  }
  return { candCount: lists.length, demandCount, candStart, demandIdx, time };
}

/** Cover sets under the straight-line model: a kdbush radius query in local metres, then the
 *  exact haversine time check (minutes ≤ p.minutes); with `barriers`, a pair whose straight line
 *  crosses one is left out (as the analysis does). Coordinates are interleaved WGS84 degrees. */
export function straightCoverSets(candCoords: Float64Array, demandCoords: Float64Array, p: StraightParams, barriers?: Barriers): CoverSets {
  const nCand = candCoords.length / 2,
    nDem = demandCoords.length / 2;
  const [lo, hi] = latSpan(candCoords, demandCoords);
  const proj = new LocalProjection(lo, hi);
  const idx = proj.index(demandCoords);
  const r = reachMetres(p.minutes, p);
  // Written straight into growing typed buffers: per-candidate JS arrays cost more in GC than
  // the queries themselves on the full demo (3 M pairs).
  const candStart = new Uint32Array(nCand + 1);
  let demandIdx = new Uint32Array(1024),
    time = new Float32Array(1024),
    n = 0;
  let hitIdx = new Uint32Array(256),
    hitTime = new Float32Array(256),
    order = new Uint32Array(256);
  for (let c = 0; c < nCand; c++) {
    const lon = candCoords[2 * c],
      lat = candCoords[2 * c + 1];
    let m = 0;
    for (const d of proj.near(idx, nDem, lon, lat, r)) {
      const t = straightMinutes(demandCoords[2 * d], demandCoords[2 * d + 1], lon, lat, p);
      if (t > p.minutes) continue;
      if (barriers && crossesBarrier(barriers, demandCoords[2 * d], demandCoords[2 * d + 1], lon, lat)) continue;
      if (m === hitIdx.length) {
        const a = new Uint32Array(2 * m);
        a.set(hitIdx);
        hitIdx = a;
        const b = new Float32Array(2 * m);
        b.set(hitTime);
        hitTime = b;
        order = new Uint32Array(2 * m);
      }
      hitIdx[m] = d;
      hitTime[m] = t;
      m++;
    }
    for (let k = 0; k < m; k++) order[k] = k;
    order.subarray(0, m).sort((a, b) => hitTime[a] - hitTime[b] || hitIdx[a] - hitIdx[b]);
    if (n + m > demandIdx.length) {
      const size = Math.max(2 * demandIdx.length, n + m);
      const a = new Uint32Array(size);
      a.set(demandIdx.subarray(0, n));
      demandIdx = a;
      const b = new Float32Array(size);
      b.set(time.subarray(0, n));
      time = b;
    }
    for (let k = 0; k < m; k++) {
      demandIdx[n] = hitIdx[order[k]];
      time[n] = hitTime[order[k]];
      n++;
    }
    candStart[c + 1] = n;
  }
  return { candCount: nCand, demandCount: nDem, candStart, demandIdx: demandIdx.slice(0, n), time: time.slice(0, n) };
}

/** Flags (1) the demand points reached by any of the given sites (e.g. existing facilities). */
export function coveredBy(sites: CoverSets): Uint8Array {
  const out = new Uint8Array(sites.demandCount);
  for (let k = 0; k < sites.demandIdx.length; k++) out[sites.demandIdx[k]] = 1;
  return out;
}
