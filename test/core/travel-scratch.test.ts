// Scratch memory kept or handed in along the travel model (snap.ts's edge stamps kept per index;
// the `into` arrays of snapPoints, cellSnaps, attachSnaps and fieldTimes): results equal those of
// fresh memory, however dirty what was reused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellSnaps } from '../../src/core/catchments/cell-snaps.ts';
import { candidateCells, cellCentre, gridAround } from '../../src/core/catchments/grid.ts';
import { attachSnaps, costNetwork, facilityField, fieldTimes, prepareNetwork } from '../../src/core/travel/network.ts';
import { snapPoints, type Snaps } from '../../src/core/travel/snap.ts';
import { at, lines, pts } from './local.ts';

const xy = fc.tuple(fc.integer({ min: -200, max: 1200 }), fc.integer({ min: -200, max: 1200 }));
const roads = fc.array(
  fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 })), { minLength: 2, maxLength: 4 }),
  {
    minLength: 1,
    maxLength: 8,
  },
);

/** Arrays of `n` entries holding what an earlier use might have left. */
const dirty = (n: number): Snaps => ({
  edge: new Int32Array(n).fill(7),
  t: new Float64Array(n).fill(NaN),
  legM: new Float64Array(n).fill(-3),
});

describe('scratch reused along the travel model', () => {
  it('snapPoints: on an index used before, and into dirty arrays, equals a fresh index and fresh arrays', () => {
    fc.assert(
      fc.property(roads, fc.array(fc.array(xy, { minLength: 1, maxLength: 12 }), { minLength: 2, maxLength: 4 }), (ls, batches) => {
        const line = lines(ls);
        const { graph, index } = prepareNetwork(line);
        for (const b of batches) {
          const c = pts(...b);
          // A copy of the index has stamps of its own: nothing examined before.
          const fresh = snapPoints(graph, { ...index }, c, 300);
          expect(snapPoints(graph, index, c, 300)).toEqual(fresh);
          expect(snapPoints(graph, index, c, 300, true, dirty(b.length))).toEqual(fresh);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('cellSnaps, attachSnaps and fieldTimes into dirty arrays equal fresh arrays (flat and sloped)', () => {
    const line = lines([
      [
        [0, 0],
        [1000, 0],
        [1000, 800],
      ],
      [
        [200, -300],
        [300, 600],
      ],
    ]);
    const [lon0, lat0] = at(-500, -500);
    const values = Float32Array.from({ length: 40 * 40 }, (_, k) => (k % 40) * 3 + Math.floor(k / 40));
    const dem = { width: 40, height: 40, west: lon0, north: lat0 + 0.02, dx: 0.0005, dy: 0.0005, values };
    for (const sloped of [false, true]) {
      const net = costNetwork(prepareNetwork(line), line, sloped, dem, 250);
      const f = pts([100, 0], [900, 500]);
      const g = gridAround(f, 600, 40, undefined, 23)!;
      const cells = candidateCells(g, f, 600);
      const n = cells.length;
      const snaps = cellSnaps(net, g, cells);
      expect(cellSnaps(net, g, cells, dirty(n))).toEqual(snaps);
      expect(snaps.edge.some((e) => e < 0) && snaps.edge.some((e) => e >= 0)).toBe(true);
      const centres = new Float64Array(2 * n);
      cells.forEach((c, k) => cellCentre(g, c % g.width, Math.floor(c / g.width), centres, 2 * k));
      const at0 = attachSnaps(net, centres, snaps);
      const legs = { toNet: new Float64Array(n).fill(-1), fromNet: new Float64Array(n).fill(NaN) };
      expect(attachSnaps(net, centres, snaps, legs)).toEqual(at0);
      const fac = attachSnaps(net, f, snapPoints(net.graph, net.index, f, 250));
      const field = facilityField(net, fac, Int32Array.of(0, 1));
      const times = fieldTimes(net, field, at0, fac, 4.5);
      const into = { minutes: new Float32Array(n).fill(-2), facility: new Int32Array(n).fill(5) };
      expect(fieldTimes(net, field, at0, fac, 4.5, into)).toEqual(times);
      expect(times.minutes.some((m) => m === Infinity) && times.minutes.some((m) => m < 30)).toBe(true);
    }
  });
});
