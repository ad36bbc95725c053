// Candidate cells of a service circle (src/core/catchments/grid.ts): merged row by row, they are
// exactly the cells of the grid inside some point's search box, ascending.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { candidateCells, gridAround } from '../../src/core/catchments/grid.ts';
import { searchBox } from '../../src/core/geo/distance.ts';
import { pts } from './local.ts';

/** Every cell of the grid tested against every point's box. */
function brute(g: NonNullable<ReturnType<typeof gridAround>>, p: Float64Array, radiusM: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < g.height; j++)
    for (let i = 0; i < g.width; i++) {
      for (let k = 0; k < p.length / 2; k++) {
        const { dLon, dLat } = searchBox(p[2 * k + 1], radiusM);
        const ia = Math.floor((p[2 * k] - dLon) / g.dLon) - g.i0,
          ib = Math.floor((p[2 * k] + dLon) / g.dLon) - g.i0;
        const ja = Math.floor((p[2 * k + 1] - dLat) / g.dLat) - g.j0,
          jb = Math.floor((p[2 * k + 1] + dLat) / g.dLat) - g.j0;
        if (i >= ia && i <= ib && j >= ja && j <= jb) {
          out.push(j * g.width + i);
          break;
        }
      }
    }
  return out;
}

describe('candidate cells', () => {
  it('are the cells in some point’s search box, ascending, each once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -3000, max: 3000 }), fc.integer({ min: -3000, max: 3000 })), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 1500 }),
        fc.integer({ min: 40, max: 400 }),
        (xy, radiusM, cellM) => {
          const p = pts(...xy);
          const g = gridAround(p, radiusM, cellM, undefined, 23)!;
          expect(Array.from(candidateCells(g, p, radiusM))).toEqual(brute(g, p, radiusM));
        },
      ),
      { numRuns: 150 },
    );
  });
});
