import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { radixOrder } from '../../src/core/index/radix-order.ts';

describe('radix order', () => {
  it('equals a comparator sort by key, ties by index (property test)', () => {
    // Small key sets (many ties), full 32-bit keys and keys sharing their upper digits.
    const key = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.nat({ max: 0xffffffff }), fc.integer({ min: 0x7f000000, max: 0x7f0007ff }));
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), (ks) => {
        const want = ks.map((_, i) => i).sort((a, b) => ks[a] - ks[b] || a - b);
        const { order, keys } = radixOrder(Uint32Array.from(ks));
        expect(Array.from(order)).toEqual(want);
        expect(Array.from(keys)).toEqual(want.map((i) => ks[i]));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same order and keys in a scratch longer than the keys, used before (property test)', () => {
    const key = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.nat({ max: 0xffffffff }));
    // One scratch for every run, left as the previous run left it.
    const scratch: [Uint32Array, Uint32Array, Uint32Array] = [new Uint32Array(400).fill(7), new Uint32Array(400), new Uint32Array(400)];
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), (ks) => {
        const want = radixOrder(Uint32Array.from(ks));
        const got = radixOrder(Uint32Array.from(ks), scratch);
        expect(Array.from(got.order)).toEqual(Array.from(want.order));
        expect(Array.from(got.keys)).toEqual(Array.from(want.keys));
      }),
      { numRuns: 300 },
    );
  });
});
