import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cosLat, havTerm, havTermAbove, havTermBelow, haversineM } from '../../src/core/geo/distance.ts';
import { straightTimes } from '../../src/core/travel/straight.ts';
import { metresPerMinute } from '../../src/core/travel/speed.ts';

// Points in and around Honghe, some clustered so ties and near-ties happen.
const lonLat = fc.tuple(fc.double({ min: 101.8, max: 104.3, noNaN: true }), fc.double({ min: 22.4, max: 24.8, noNaN: true }));
const coordsArb = (min: number, max: number) =>
  fc.array(lonLat, { minLength: min, maxLength: max }).map((ps) => Float64Array.from(ps.flat()));

function bruteForce(h: Float64Array, f: Float64Array, ids: Int32Array, speed: number, detour: number) {
  const n = h.length / 2;
  const minutes = new Float32Array(n).fill(Infinity),
    facility = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    let best = Infinity,
      bestF = -1;
    for (const g of ids) {
      const d = haversineM(h[2 * i], h[2 * i + 1], f[2 * g], f[2 * g + 1]);
      if (d < best || (d === best && g < bestF)) {
        best = d;
        bestF = g;
      }
    }
    facility[i] = bestF;
    minutes[i] = bestF >= 0 ? (best * detour) / metresPerMinute(speed) : Infinity;
  }
  return { minutes, facility };
}

/** Points from a seeded generator, evenly spread over [lon, lon + span] × [lat, lat + span] on a
 *  grid of 1/grid degrees (fast-check's numbers favour the ends of their range, which leaves
 *  chunks too wide to share a list). */
function seededPoints(seed: number, grid: number) {
  let x = seed + 1;
  const next = () => (x = (x * 16807) % 2147483647) / 2147483647;
  return (n: number, lon: number, lat: number, span: number) =>
    Float64Array.from({ length: 2 * n }, (_, i) => (i % 2 ? lat : lon) + Math.round(next() * span * grid) / grid);
}

/** straightTimes from homes `h` to every facility of `f` equals brute force (4.5 km/h, detour 1.3). */
function expectBruteForce(h: Float64Array, f: Float64Array): void {
  const ids = Int32Array.from({ length: f.length / 2 }, (_, i) => i);
  const got = straightTimes(h, f, ids, 4.5, 1.3);
  const want = bruteForce(h, f, ids, 4.5, 1.3);
  expect(got.facility).toEqual(want.facility);
  expect(got.minutes).toEqual(want.minutes);
}

describe('straight-line travel', () => {
  it('equals brute force (every household against every facility) on random inputs', () => {
    fc.assert(
      fc.property(
        coordsArb(1, 120),
        coordsArb(0, 40),
        fc.double({ min: 1, max: 2, noNaN: true }),
        fc.double({ min: 1, max: 20, noNaN: true }),
        fc.boolean(),
        (h, f, detour, speed, subset) => {
          const all = Array.from({ length: f.length / 2 }, (_, i) => i);
          const ids = Int32Array.from(subset ? all.filter((i) => i % 3 !== 1) : all);
          const got = straightTimes(h, f, ids, speed, detour);
          const want = bruteForce(h, f, ids, speed, detour);
          expect(got.facility).toEqual(want.facility);
          expect(got.minutes).toEqual(want.minutes);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('equals brute force on dense clusters (chunks share candidate lists)', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 30 }), (seed, nh, nf) => {
        const at = seededPoints(seed, 1e5); // a grid of 1e-5° makes ties
        expectBruteForce(at(nh, 103, 23, 0.03), at(nf, 102.9, 22.9, 0.2));
      }),
      { numRuns: 100 },
    );
  });

  it('equals brute force on sparse points among many facilities (wide chunks, long lists)', () => {
    // Chunks too wide to be tight: a short list is shared, a long one (more than 32) makes each
    // point query.
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 300 }), (seed, nh, nf) => {
        const at = seededPoints(seed, 1e4);
        expectBruteForce(at(nh, 103, 23, 1), at(nf, 103.2, 23.2, 0.6));
      }),
      { numRuns: 60 },
    );
  });

  it('bounds the haversine term from below and above without trigonometry', () => {
    // Pairs from far apart down to a hair apart, anywhere on the globe.
    const pair = fc.tuple(
      fc.double({ min: -180, max: 180, noNaN: true }),
      fc.double({ min: -89.9, max: 89.9, noNaN: true }),
      fc.double({ min: -1, max: 1, noNaN: true }),
      fc.double({ min: -1, max: 1, noNaN: true }),
      fc.integer({ min: -12, max: 2 }),
    );
    fc.assert(
      fc.property(pair, ([lon1, lat1, dx, dy, e]) => {
        const lon2 = lon1 + dx * 10 ** e,
          lat2 = Math.max(-89.9, Math.min(89.9, lat1 + dy * 10 ** e));
        const c1 = cosLat(lat1),
          c2 = cosLat(lat2);
        const h = havTerm(lon1, lat1, c1, lon2, lat2, c2);
        expect(havTermBelow(lon1, lat1, c1, lon2, lat2, c2)).toBeLessThanOrEqual(h);
        expect(havTermAbove(lon1, lat1, c1, lon2, lat2)).toBeGreaterThanOrEqual(h);
      }),
      // A subnormal term (CI once drew it): a relative margin alone is below its rounding there.
      { numRuns: 2000, examples: [[[0, -6.037091348628667e-7, -6.367199848876395e-156, 0, -2]]] },
    );
  });

  it('breaks ties by the lowest facility index', () => {
    const h = Float64Array.from([103, 23]);
    const f = Float64Array.from([103.01, 23, 102.99, 23, 103.01, 23]);
    expect(Array.from(straightTimes(h, f, Int32Array.from([2, 0, 1]), 4.5, 1).facility)).toEqual([0]);
  });

  it('gives exact minutes on a hand-made case: 1 km north at 6 km/h with detour 1.5 is 15 min', () => {
    const lat1 = 23 + 1000 / haversineM(0, 0, 0, 1);
    const got = straightTimes(Float64Array.from([103, 23]), Float64Array.from([103, lat1]), Int32Array.from([0]), 6, 1.5);
    expect(got.minutes[0]).toBeCloseTo(15, 4);
  });

  it('reports no facility as Infinity, −1', () => {
    const got = straightTimes(Float64Array.from([103, 23]), new Float64Array(0), new Int32Array(0), 4.5, 1.3);
    expect(got.minutes[0]).toBe(Infinity);
    expect(got.facility[0]).toBe(-1);
  });
});
