// spatialOrder is a permutation with points lacking coordinates last, also past 2^21 points
// (where the Morton grid coarsens so key and index still fit one double).
import { describe, expect, it } from 'vitest';
import { spatialOrder } from '../../src/core/index/nearest.ts';

function check(n: number): void {
  const c = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    c[2 * i] = 100 + ((i * 7919) % 1000) / 100;
    c[2 * i + 1] = 20 + ((i * 104729) % 997) / 100;
  }
  c[0] = NaN;
  c[2 * (n - 2) + 1] = NaN; // points 0 and n − 2 lack a coordinate
  const order = spatialOrder(c);
  const seen = new Uint8Array(n);
  for (const i of order) seen[i]++;
  expect(seen.every((v) => v === 1)).toBe(true);
  // Last, sharing the top key only with points in the north-east corner cell.
  let maxX = -Infinity,
    maxY = -Infinity;
  for (let i = 0; i < n; i++)
    if (Number.isFinite(c[2 * i] + c[2 * i + 1])) {
      maxX = Math.max(maxX, c[2 * i]);
      maxY = Math.max(maxY, c[2 * i + 1]);
    }
  let corner = 0;
  for (let i = 0; i < n; i++) if (c[2 * i] === maxX && c[2 * i + 1] === maxY) corner++;
  const tail = [...order.subarray(n - 2 - corner)];
  expect(tail).toContain(0);
  expect(tail).toContain(n - 2);
  // Morton order: the first cell of points precedes the last corner's.
  const first = order[0],
    last = order[n - 3 - corner];
  expect(c[2 * first] + c[2 * first + 1]).toBeLessThan(c[2 * last] + c[2 * last + 1]);
}

describe('spatialOrder', () => {
  it('orders a few points', () => check(1000));
  it('orders more than 2^21 points', () => check(2 ** 21 + 12345));
});
