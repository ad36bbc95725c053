import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { networkCoverSets } from '../../../src/core/siting/network-cover.ts';
import { attach, costNetwork, networkTimes, prepareNetwork } from '../../../src/core/travel/network.ts';
import { lines, pts } from '../local.ts';

// A 3 × 3 street grid, 400 m blocks, with a hill: Z rises 30 m per block eastward.
const rows = [0, 400, 800].map(
  (y) =>
    [
      [0, y],
      [400, y],
      [800, y],
    ] as [number, number][],
);
const cols = [0, 400, 800].map(
  (x) =>
    [
      [x, 0],
      [x, 400],
      [x, 800],
    ] as [number, number][],
);
const Z = [...rows.map(() => [0, 30, 60]), ...cols.map((_, i) => [30 * i, 30 * i, 30 * i])];
const LINES = lines([...rows, ...cols], Z);
const xy = fc.tuple(fc.double({ min: -100, max: 900, noNaN: true }), fc.double({ min: -100, max: 900, noNaN: true }));

describe('network cover sets', () => {
  for (const slope of [false, true]) {
    it(`equal the engine's ${slope ? 'slope' : 'network'} times with each candidate as the only facility`, () => {
      const net = costNetwork(prepareNetwork(LINES), LINES, slope);
      fc.assert(
        fc.property(
          fc.array(xy, { minLength: 1, maxLength: 40 }),
          fc.array(xy, { minLength: 1, maxLength: 6 }),
          fc.constantFrom(3, 8, 15),
          (h, c, minutes) => {
            const homes = attach(net, pts(...h)),
              cands = attach(net, pts(...c));
            const cs = networkCoverSets(net, homes, cands, 4.5, minutes);
            for (let k = 0; k < c.length; k++) {
              const e = networkTimes(net, homes, cands, Int32Array.of(k), 4.5);
              const want = [...e.minutes.keys()]
                .filter((i) => e.minutes[i] <= minutes)
                .sort((a, b) => e.minutes[a] - e.minutes[b] || a - b);
              expect([...cs.demandIdx.subarray(cs.candStart[k], cs.candStart[k + 1])]).toEqual(want);
              expect([...cs.time.subarray(cs.candStart[k], cs.candStart[k + 1])]).toEqual(want.map((i) => e.minutes[i]));
            }
          },
        ),
        { numRuns: 60 },
      );
    });
  }

  it('hand-made: 4.5 km/h is 75 m a minute along the street', () => {
    const net = costNetwork(prepareNetwork(LINES), LINES, false);
    // Candidate at the grid's corner; homes on the street 300 m and 450 m away.
    const cs = networkCoverSets(net, attach(net, pts([300, 0], [0, 450])), attach(net, pts([0, 0])), 4.5, 5);
    expect([...cs.demandIdx]).toEqual([0]);
    const cs2 = networkCoverSets(net, attach(net, pts([300, 0], [0, 450])), attach(net, pts([0, 0])), 4.5, 6.1);
    expect([...cs2.demandIdx]).toEqual([0, 1]);
    expect(cs2.time[0]).toBeCloseTo(4, 4);
    expect(cs2.time[1]).toBeCloseTo(6, 4);
  });
});
