import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coveredBy, straightCoverSets } from '../../../src/core/siting/cover-sets.ts';
import { haversineM } from '../../../src/core/geo/distance.ts';
import { straightMinutes } from '../../../src/core/siting/straight-reach.ts';

const P = { speedKmh: 4.5, detour: 1.3, minutes: 15 };
/** Interleaved random points in a box around Mengzi (≈ 3 km wide, wider than the 865 m reach). */
const pts = (n: number) =>
  fc
    .array(fc.tuple(fc.double({ min: 103.36, max: 103.4, noNaN: true }), fc.double({ min: 23.35, max: 23.39, noNaN: true })), {
      minLength: n,
      maxLength: n + 40,
    })
    .map((a) => Float64Array.from(a.flat()));

describe('straight-line cover sets', () => {
  it('haversine and the straight model on exact cases', () => {
    // One degree of latitude on the 6,371,008.8 m sphere: 111,195.08 m.
    expect(haversineM(103, 23, 103, 24)).toBeCloseTo(111_195.08, 1);
    // 15 min at 4.5 km/h = 1,125 m of path = 865.38 m straight with detour 1.3.
    expect(straightMinutes(103, 23, 103, 23 + 865.3846 / 111_195.08, P)).toBeCloseTo(15, 3);
  });

  it('equals the brute-force all-pairs check, sorted by time', () => {
    fc.assert(
      fc.property(pts(0), pts(1), (cand, dem) => {
        const cs = straightCoverSets(cand, dem, P);
        for (let c = 0; c < cand.length / 2; c++) {
          const want: [number, number][] = [];
          for (let d = 0; d < dem.length / 2; d++) {
            const t = straightMinutes(dem[2 * d], dem[2 * d + 1], cand[2 * c], cand[2 * c + 1], P);
            if (t <= P.minutes) want.push([t, d]);
          }
          want.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          const got = [...cs.demandIdx.subarray(cs.candStart[c], cs.candStart[c + 1])];
          expect(got).toEqual(want.map((x) => x[1]));
          expect([...cs.time.subarray(cs.candStart[c], cs.candStart[c + 1])]).toEqual(want.map((x) => x[0]));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('flags what existing sites cover', () => {
    const dem = Float64Array.of(103, 23, 103, 23.005, 103, 23.02);
    const cs = straightCoverSets(Float64Array.of(103, 23.001), dem, P);
    expect([...coveredBy(cs)]).toEqual([1, 1, 0]);
  });
});
