// Demand-weighted coverage and equity figures per group (community, county, prefecture).
// Everything is computed in passes over the points sorted by minutes, so quantiles and the
// Gini coefficient cost one sort per facility type, not one per group.
//
// Unreachable points (minutes = Infinity) count as not covered and enter the median and p90
// (which become Infinity when more than half / a tenth of the demand is unreachable), but are
// left out of the mean and the Gini coefficient, which are of the reachable demand only: a
// Gini over infinite times is undefined. `unreachable` reports them separately.
import { radixOrder, type RadixScratch } from '../index/radix-order.ts';

/** Columnar figures, one entry per group. */
export interface GroupStats {
  /** Demand (in the type's measure) of the group. */
  demand: Float64Array;
  /** Demand within the threshold. */
  covered: Float64Array;
  /** Demand beyond the threshold (demand − covered, unreachable included). */
  uncovered: Float64Array;
  /** Demand with no reachable facility. */
  unreachable: Float64Array;
  households: Float64Array;
  householdsCovered: Float64Array;
  householdsUnreachable: Float64Array;
  /** covered ÷ demand; NaN when the group has no demand. */
  share: Float64Array;
  /** Demand-weighted minutes over reachable demand (NaN when none). */
  mean: Float64Array;
  /** Demand-weighted median and 90th percentile minutes (see header on Infinity). */
  median: Float64Array;
  p90: Float64Array;
  /** Demand-weighted Gini coefficient of minutes over reachable demand (0 = equal). */
  gini: Float64Array;
  /** 1 when share < target share (groups with demand only). */
  gap: Uint8Array;
}

/** Point indices sorted by ascending minutes, ties by index. Float32 bit patterns of
 *  non-negative floats (and +Infinity) sort like the floats, so a radix sort over the bits
 *  (index/radix-order.ts) replaces a comparator sort. */
export function sortByMinutes(minutes: Float32Array): Uint32Array {
  return sortedByMinutes(minutes).order;
}

/** sortByMinutes' order, with the minutes' bit patterns in that order (in `scratch` when given). */
function sortedByMinutes(minutes: Float32Array, scratch?: SortScratch): { order: Uint32Array; keys: Uint32Array } {
  const bits = new Uint32Array(minutes.buffer, minutes.byteOffset, minutes.length);
  if (!scratch) return radixOrder(bits.slice());
  const keys = scratch.keys.subarray(0, bits.length);
  keys.set(bits);
  return radixOrder(keys, scratch.radix);
}

/** Arrays for sortPoints to work and put its result in, for up to `n` points: a run that sorts
 *  several types' minutes then faults in and collects about 40 bytes per point once, not per
 *  type. Each sortPoints given it overwrites the previous one's result. */
export interface SortScratch {
  keys: Uint32Array;
  radix: RadixScratch;
  records: ArrayBuffer;
  demand: Float32Array;
  households: Float32Array;
  group: Int32Array;
}

/** A SortScratch for up to `n` points. */
export function sortScratch(n: number): SortScratch {
  const u = () => new Uint32Array(n);
  return {
    keys: u(),
    radix: [u(), u(), u()],
    records: new ArrayBuffer(12 * n),
    demand: new Float32Array(n),
    households: new Float32Array(n),
    group: new Int32Array(n),
  };
}

/** Points laid out in ascending-minutes order, so the figures are sequential passes (at a
 *  million points, random access in sorted order costs more than the arithmetic). */
export interface SortedPoints {
  order: Uint32Array;
  minutes: Float32Array;
  demand: Float32Array;
  households: Float32Array;
  /** The `groupOf` passed to sortPoints, in sorted order. */
  group: Int32Array;
}

/** Sorts points by minutes (≥ 0 or Infinity) and gathers their demand, households and group
 *  (one random-access pass; everything after it is sequential). With `scratch` (sortScratch of
 *  at least as many points) the result lies in it, valid until its next use. With `order`, the
 *  order an earlier call found for these minutes (kept by the CLI's --cache for a re-run with
 *  other thresholds), the points are only gathered again, not sorted. */
export function sortPoints(
  minutes: Float32Array,
  demand: Float32Array,
  households: Float32Array,
  groupOf: Int32Array,
  scratch?: SortScratch,
  order?: Uint32Array,
): SortedPoints {
  const n = minutes.length;
  let sorted: Float32Array;
  if (order) {
    sorted = scratch ? new Float32Array(scratch.keys.buffer, scratch.keys.byteOffset, n) : new Float32Array(n);
    for (let k = 0; k < n; k++) sorted[k] = minutes[order[k]];
  } else {
    // The sort leaves the minutes in order (as bits).
    const r = sortedByMinutes(minutes, scratch);
    order = r.order;
    sorted = new Float32Array(r.keys.buffer, r.keys.byteOffset, n);
  }
  // The rest is gathered from one record per point (demand, households, group side by side),
  // so each point costs about one cache miss, not three.
  const rec = scratch ? scratch.records : new ArrayBuffer(12 * n),
    rf = new Float32Array(rec, 0, 3 * n),
    ri = new Int32Array(rec, 0, 3 * n);
  for (let i = 0; i < n; i++) {
    rf[3 * i] = demand[i];
    rf[3 * i + 1] = households[i];
    ri[3 * i + 2] = groupOf[i];
  }
  const d = scratch ? scratch.demand.subarray(0, n) : new Float32Array(n),
    h = scratch ? scratch.households.subarray(0, n) : new Float32Array(n),
    g = scratch ? scratch.group.subarray(0, n) : new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const j = 3 * order[k];
    d[k] = rf[j];
    h[k] = rf[j + 1];
    g[k] = ri[j + 2];
  }
  return { order, minutes: sorted, demand: d, households: h, group: g };
}

/** Figures for `groupCount` groups of the sorted points `p`; `groupOf[k]` is the group of the
 *  k-th sorted point (−1: in none), e.g. `p.group` or a mapping of it. */
export function groupStats(
  p: SortedPoints,
  groupOf: Int32Array,
  groupCount: number,
  thresholdMin: number,
  targetShare: number,
): GroupStats {
  const z = () => new Float64Array(groupCount);
  const s: GroupStats = {
    demand: z(),
    covered: z(),
    uncovered: z(),
    unreachable: z(),
    households: z(),
    householdsCovered: z(),
    householdsUnreachable: z(),
    share: z(),
    mean: z(),
    median: z(),
    p90: z(),
    gini: z(),
    gap: new Uint8Array(groupCount),
  };
  const { minutes, demand, households } = p,
    n = minutes.length;
  const reachW = z(),
    sumWX = z();
  const { demand: D, households: HH, covered: C, householdsCovered: HC, unreachable: U, householdsUnreachable: HU } = s;
  for (let k = 0; k < n; k++) {
    const g = groupOf[k];
    if (g < 0) continue;
    const w = demand[k],
      m = minutes[k],
      h = households[k];
    D[g] += w;
    HH[g] += h;
    if (m <= thresholdMin) {
      C[g] += w;
      HC[g] += h;
    }
    if (m === Infinity) {
      U[g] += w;
      HU[g] += h;
    } else {
      reachW[g] += w;
      sumWX[g] += w * m;
    }
  }
  // Sorted pass: cumulative weight per group gives quantiles and the Gini sum
  // Σ wᵢxᵢ(W<ᵢ − W>ᵢ) = ½ ΣᵢΣⱼ wᵢwⱼ|xᵢ − xⱼ| (reachable points come first, so W>ᵢ = reachW − W≤ᵢ).
  const cum = z(),
    giniSum = z(),
    { median, p90 } = s;
  median.fill(NaN);
  p90.fill(NaN);
  for (let k = 0; k < n; k++) {
    const g = groupOf[k];
    if (g < 0) continue;
    const w = demand[k],
      m = minutes[k];
    if (w <= 0) continue;
    const before = cum[g],
      after = before + w;
    cum[g] = after;
    if (after >= 0.5 * D[g] && Number.isNaN(median[g])) median[g] = m;
    if (after >= 0.9 * D[g] && Number.isNaN(p90[g])) p90[g] = m;
    if (m !== Infinity) giniSum[g] += w * m * (before - (reachW[g] - after));
  }
  for (let g = 0; g < groupCount; g++) {
    s.mean[g] = reachW[g] > 0 ? sumWX[g] / reachW[g] : NaN;
    s.gini[g] = reachW[g] > 0 && sumWX[g] > 0 ? giniSum[g] / (reachW[g] * sumWX[g]) : reachW[g] > 0 ? 0 : NaN;
  }
  sharesAndGaps(s, targetShare);
  return s;
}

/** Fills uncovered demand, share and gap of every group from its demand and covered demand:
 *  a group is a gap when it has demand and its share is below `targetShare`. */
export function sharesAndGaps(s: Pick<GroupStats, 'demand' | 'covered' | 'uncovered' | 'share' | 'gap'>, targetShare: number): void {
  for (let g = 0; g < s.demand.length; g++) {
    const d = s.demand[g];
    s.uncovered[g] = d - s.covered[g];
    s.share[g] = d > 0 ? s.covered[g] / d : NaN;
    s.gap[g] = d > 0 && s.share[g] < targetShare ? 1 : 0;
  }
}
