// Properties of computeIndicators on random prefectures.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeIndicators, type IndicatorInput } from '../../../src/core/indicators/compute.ts';
import { BUILT_IN_TYPES } from '../../../src/core/catalogue.ts';

const input = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc
    .record({
      urban: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
      county: fc.array(fc.integer({ min: -1, max: 2 }), { minLength: n, maxLength: n }),
      households: fc.array(fc.integer({ min: 0, max: 500 }), { minLength: n, maxLength: n }),
      facilities: fc.array(
        fc.record({
          type: fc.integer({ min: 0, max: BUILT_IN_TYPES.length - 1 }),
          community: fc.integer({ min: -1, max: n - 1 }),
          area: fc.oneof(fc.constant(NaN), fc.integer({ min: 0, max: 400 })),
        }),
        { maxLength: 15 },
      ),
      covered: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
    })
    .map((r): IndicatorInput => ({
      counties: { codes: ['a', 'b', 'c'], names: ['a', 'b', 'c'] },
      communities: { count: n, urban: r.urban, county: r.county, households: r.households },
      facilities: {
        count: r.facilities.length,
        type: r.facilities.map((f) => f.type),
        community: r.facilities.map((f) => f.community),
        area: r.facilities.map((f) => f.area),
      },
      coverage: Object.fromEntries(
        BUILT_IN_TYPES.map((t) => [t.code, { demand: r.households, covered: r.households.map((h, i) => h * r.covered[i]) }]),
      ),
    })),
);

describe('computeIndicators properties', () => {
  it('county parts add up to at most the prefecture, shares stay in [0, 1]', () => {
    fc.assert(
      fc.property(input, (inp) => {
        for (const r of computeIndicators(inp).rows) {
          const sumNum = r.counties.reduce((a, c) => a + c.numerator, 0),
            sumDen = r.counties.reduce((a, c) => a + c.denominator, 0);
          expect(sumNum).toBeLessThanOrEqual(r.prefecture.numerator + 1e-9);
          expect(sumDen).toBeLessThanOrEqual(r.prefecture.denominator + 1e-9);
          if (Array.from(inp.communities.county).every((k) => k >= 0)) {
            expect(sumNum).toBeCloseTo(r.prefecture.numerator, 6);
            expect(sumDen).toBeCloseTo(r.prefecture.denominator, 6);
          }
          if (r.unit === 'share') {
            for (const c of [...r.counties, r.prefecture]) {
              if (c.status === 'no_data') expect(c.value).toBeNaN();
              else {
                expect(c.value).toBeGreaterThanOrEqual(0);
                expect(c.value).toBeLessThanOrEqual(1 + 1e-12);
              }
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a stricter reach share never serves more communities', () => {
    fc.assert(
      fc.property(input, fc.double({ min: 0.05, max: 1, noNaN: true }), fc.double({ min: 0.05, max: 1, noNaN: true }), (inp, a, b) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        const loose = computeIndicators(inp, { reachShare: lo }).rows,
          strict = computeIndicators(inp, { reachShare: hi }).rows;
        loose.forEach((r, i) => expect(strict[i].prefecture.numerator).toBeLessThanOrEqual(r.prefecture.numerator));
      }),
      { numRuns: 200 },
    );
  });

  it('does not modify its input', () => {
    fc.assert(
      fc.property(input, (inp) => {
        const before = JSON.stringify(inp);
        computeIndicators(inp);
        expect(JSON.stringify(inp)).toBe(before);
      }),
      { numRuns: 50 },
    );
  });
});
