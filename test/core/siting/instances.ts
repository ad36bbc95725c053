// Shared test helpers: random siting instances and the slow, obvious twins of the optimisers.
import fc from 'fast-check';
import { coverSetsFromLists } from '../../../src/core/siting/cover-sets.ts';
import type { SitingProblem } from '../../../src/core/siting/cover-state.ts';

/** A random abstract instance: nCand candidates each covering a random subset of nDem points. */
export function randomProblem(rng: () => number, nDem: number, nCand: number, density: number, withExisting: boolean): SitingProblem {
  const lists = Array.from({ length: nCand }, () => {
    const idx: number[] = [],
      time: number[] = [];
    for (let d = 0; d < nDem; d++)
      if (rng() < density) {
        idx.push(d);
        time.push(Math.fround(rng() * 15));
      }
    return { idx, time };
  });
  const weight = Float32Array.from({ length: nDem }, () => 1 + Math.floor(rng() * 20));
  const covered0 = withExisting ? Uint8Array.from({ length: nDem }, () => (rng() < 0.2 ? 1 : 0)) : undefined;
  return { sets: coverSetsFromLists(nDem, lists), weight, covered0 };
}

/** Mulberry32: a seeded generator so failures replay. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Arbitrary small instance parameters for fast-check. */
export const smallInstance = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  nDem: fc.integer({ min: 1, max: 14 }),
  nCand: fc.integer({ min: 1, max: 9 }),
  density: fc.double({ min: 0.05, max: 0.6, noNaN: true }),
  existing: fc.boolean(),
});

/** Covered weight (existing + sites) computed directly, for checking. */
export function coveredWeight(p: SitingProblem, sites: number[]): number {
  const cov = new Uint8Array(p.sets.demandCount);
  if (p.covered0) cov.set(p.covered0);
  for (const c of sites) for (let k = p.sets.candStart[c]; k < p.sets.candStart[c + 1]; k++) cov[p.sets.demandIdx[k]] = 1;
  let s = 0;
  for (let d = 0; d < cov.length; d++) if (cov[d]) s += p.weight[d];
  return s;
}

/** Every k-subset of 0 … n−1. */
export function* subsets(n: number, k: number, start = 0, acc: number[] = []): Generator<number[]> {
  if (acc.length === k) {
    yield acc.slice();
    return;
  }
  for (let i = start; i <= n - (k - acc.length); i++) {
    acc.push(i);
    yield* subsets(n, k, i + 1, acc);
    acc.pop();
  }
}

/** Brute-force optimum of maximal covering with exactly min(k, n) sites. */
export function bruteMaxCover(p: SitingProblem, k: number): number {
  let best = coveredWeight(p, []);
  for (const s of subsets(p.sets.candCount, Math.min(k, p.sets.candCount))) best = Math.max(best, coveredWeight(p, s));
  return best;
}
