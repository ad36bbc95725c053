// The short form of `npm run fuzz` (scripts/fuzz.ts): a few hundred mutated cases of every input
// kind (each importer, the GeoTIFF DEM, the project file, the shared link), each run in a worker
// under a watchdog and a heap limit. Every case must end in a checked valid result or the clear
// error its reader promises; a hang, an out-of-memory or any other exception fails, naming the
// case (replay it with `npm run fuzz -- --kind K --seed S`, the input is regenerated from its index).
import { describe, expect, it } from 'vitest';
import { fuzz } from '../fuzz/harness.ts';
import { KINDS } from '../fuzz/kinds.ts';

// Fixed, and not the long run's default (13): CI repeats the same cases, the long run adds others.
const SEED = 7;

describe.each(KINDS.map((k) => k.name))('fuzz %s', (kind) => {
  it(`ends every case in a valid result or a clear error (seed ${SEED})`, async () => {
    const n = kind === 'xlsx' ? 150 : 300;
    const s = await fuzz(kind, n, { seed: SEED, caseTimeoutMs: 20_000 });
    expect(s.failures, JSON.stringify(s.failures.slice(0, 5))).toEqual([]);
    expect(s.cases).toBe(n);
    // Both ends are reached: mutations that still parse, and ones that are refused.
    expect(s.ok).toBeGreaterThan(0);
    expect(s.refused).toBeGreaterThan(0);
  });
});
