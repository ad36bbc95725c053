import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import fc from 'fast-check';
import { barrierIndex, crossesBarrier, straightTimesBlocked } from '../../src/core/travel/barriers.ts';
import { Engine } from '../../src/core/analysis/run.ts';
import type { CoverageCommand } from '../../src/core/analysis/command.ts';
import { catchment } from '../../src/core/catchments/catchment.ts';
import { haversineM } from '../../src/core/geo/distance.ts';
import { at, fitnessLayers, lines, pts } from './local.ts';

// 4.5 km/h, detour 1.3: minutes = metres × 1.3 / 75.
const cmd: CoverageCommand = {
  op: 'coverage',
  detour: 1.3,
  types: [{ code: 'fitness', mode: 'straight', speedKmh: 4.5, minutes: 10, targetShare: 1, demand: 'households' }],
};
// A river along y = 300 from x = −1000 to 1000; sites south (0, 0) and north (0, 1500) of it.
const river = lines([
  [
    [-1000, 300],
    [0, 300],
    [1000, 300],
  ],
]);
const sites = pts([0, 0], [0, 1500]);

describe('barriers in straight-line mode', () => {
  it('a home whose line to the nearest site crosses the river goes to the nearest it can reach', async () => {
    // (0, 200): south bank, 200 m. (0, 500): 500 m from the south site across the river, so the
    // north site at 1,000 m. (2000, 500): its line to the south site passes east of the river's end.
    const homes = pts([0, 200], [0, 500], [2000, 500]);
    const res = await new Engine({ ...fitnessLayers(homes, sites), barriers: river }).run(cmd);
    const t = res.types[0].household;
    expect(Array.from(t.facility)).toEqual([0, 1, 0]);
    expect(t.minutes[0]).toBeCloseTo((200 * 1.3) / 75, 2);
    expect(t.minutes[1]).toBeCloseTo((1000 * 1.3) / 75, 2);
    expect(t.minutes[2]).toBeCloseTo((Math.hypot(2000, 500) * 1.3) / 75, 1);
    // Without the barrier the middle home goes south.
    expect((await new Engine(fitnessLayers(homes, sites)).run(cmd)).types[0].household.facility[1]).toBe(0);
  });

  it('unreachable when every site within the search radius lies beyond a barrier', async () => {
    const res = await new Engine({ ...fitnessLayers(pts([0, 500]), pts([0, 0])), barriers: river }).run(cmd);
    expect(res.types[0].household.minutes[0]).toBe(Infinity);
    expect(res.types[0].household.facility[0]).toBe(-1);
  });

  it('the service circle stops at the river', () => {
    const engine = new Engine({ ...fitnessLayers(new Float64Array(0), pts([0, 0])), barriers: river });
    const { coordinates } = catchment(engine, cmd.types[0], cmd, 50);
    const mp = { type: 'MultiPolygon' as const, coordinates };
    expect(booleanPointInPolygon(at(0, 200), mp)).toBe(true);
    // 400 m north across the river (6.9 min in the open): outside; the outline stays within a cell of the bank.
    expect(booleanPointInPolygon(at(0, 400), mp)).toBe(false);
    expect(booleanPointInPolygon(at(0, 360), mp)).toBe(false);
    // Along the south bank it reaches as far as in the open (577 m in 10 minutes).
    expect(booleanPointInPolygon(at(450, 250), mp)).toBe(true);
    expect(
      booleanPointInPolygon(at(0, 400), {
        type: 'MultiPolygon',
        coordinates: catchment(new Engine(fitnessLayers(new Float64Array(0), pts([0, 0]))), cmd.types[0], cmd, 50).coordinates,
      }),
    ).toBe(true);
  });

  it('equals a brute force over every site and every barrier segment', () => {
    const xy = fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }));
    fc.assert(
      fc.property(
        fc.array(xy, { minLength: 1, maxLength: 6 }),
        fc.array(xy, { minLength: 1, maxLength: 8 }),
        fc.array(fc.array(xy, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        (facs, homes, bars) => {
          const b = barrierIndex(lines(bars));
          const fcs = pts(...facs),
            hcs = pts(...homes),
            ids = Int32Array.from(facs.map((_, k) => k));
          const got = straightTimesBlocked(hcs, fcs, ids, 4.5, 1.3, b, 1500);
          homes.forEach((_, i) => {
            const h = [hcs[2 * i], hcs[2 * i + 1]];
            const dist = (f: number) => haversineM(h[0], h[1], fcs[2 * f], fcs[2 * f + 1]);
            // Brute force: every segment of every barrier line; sides by orientation.
            const o = (a: number[], c: number[], d2: number[]) => (c[0] - a[0]) * (d2[1] - a[1]) - (c[1] - a[1]) * (d2[0] - a[0]);
            const blocked = (f: number) =>
              bars.some((l) =>
                l.slice(1).some((q, k) => {
                  const [p1, p2] = [at(...l[k]), at(...q)],
                    f2 = [fcs[2 * f], fcs[2 * f + 1]];
                  const o1 = o(h, f2, p1),
                    o2 = o(h, f2, p2);
                  return o1 * o2 <= 0 && !(o1 === 0 && o2 === 0) && o(p1, p2, h) * o(p1, p2, f2) < 0;
                }),
              );
            const byDistance = facs.map((__, f) => f).sort((a, c) => dist(a) - dist(c) || a - c);
            let best = -1,
              bestD = Infinity;
            if (!blocked(byDistance[0])) {
              best = byDistance[0];
              bestD = dist(best);
            } else {
              const ok = byDistance.find((f) => dist(f) <= 1500 && !blocked(f));
              if (ok !== undefined) {
                best = ok;
                bestD = dist(ok);
              }
            }
            expect(got.facility[i]).toBe(best);
            if (best >= 0) expect(got.minutes[i]).toBeCloseTo((bestD * 1.3) / 75, 4);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a line through a barrier vertex crosses it; one ending on the barrier or passing its end does not', () => {
    const b = barrierIndex(
      lines([
        [
          [0, 0],
          [100, 0],
          [200, 0],
        ],
      ]),
    );
    const cross = (p: [number, number], q: [number, number]) => crossesBarrier(b, ...at(...p), ...at(...q));
    expect(cross([50, -50], [50, 50])).toBe(true);
    expect(cross([100, -50], [100, 50])).toBe(true);
    expect(cross([50, -50], [50, 0])).toBe(false);
    expect(cross([250, -50], [250, 50])).toBe(false);
  });
});
