// The seeded generator and the largest-remainder split the demo data is built on.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion, Random } from '../../data/generator/random.ts';

describe('Random', () => {
  it('repeats a sequence for a seed and stream, and differs across them', () => {
    const seq = (seed: number, stream = 0): number[] => {
      const r = new Random(seed, stream);
      return Array.from({ length: 5 }, () => r.next());
    };
    expect(seq(1)).toEqual(seq(1));
    expect(seq(1)).not.toEqual(seq(2));
    expect(seq(1, 0)).not.toEqual(seq(1, 1));
    for (const v of seq(3)) expect(v >= 0 && v < 1).toBe(true);
  });

  it('has a mean near 1/2 and int() covering its inclusive range', () => {
    const r = new Random(5);
    let sum = 0;
    const seen = new Set<number>();
    for (let i = 0; i < 20000; i++) {
      sum += r.next();
      seen.add(r.int(1, 6));
    }
    expect(Math.abs(sum / 20000 - 0.5)).toBeLessThan(0.01);
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('apportion', () => {
  it('splits exactly on a hand-made case (largest remainder, ties to the lower index)', () => {
    expect([...apportion(10, [1, 1, 1])]).toEqual([4, 3, 3]);
    expect([...apportion(7, [0.5, 0.25, 0.25])]).toEqual([3, 2, 2]);
    expect([...apportion(5, [0, 0])]).toEqual([0, 0]);
  });

  it('sums to the total and stays within 1 of the exact share (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100000 }),
        fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (total, weights) => {
          const out = apportion(total, weights);
          const sum = weights.reduce((a, b) => a + b, 0);
          expect(out.reduce((a, b) => a + b, 0)).toBe(total);
          out.forEach((v, i) => expect(Math.abs(v - (total * weights[i]) / sum)).toBeLessThan(1));
        },
      ),
    );
  });
});
