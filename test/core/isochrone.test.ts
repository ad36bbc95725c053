import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon, isolines, point, featureCollection } from '@turf/turf';
import fc from 'fast-check';
import { isochrone } from '../../src/core/catchments/isochrone.ts';
import { cellCentre, type CellGrid } from '../../src/core/catchments/grid.ts';
import { Engine } from '../../src/core/analysis/run.ts';
import type { CoverageCommand } from '../../src/core/analysis/command.ts';
import { catchment, cellMinutes } from '../../src/core/catchments/catchment.ts';
import { straightTimes } from '../../src/core/travel/straight.ts';
import { fitnessLayers, pts } from './local.ts';

const unit = (w: number, h: number): CellGrid => ({ width: w, height: h, i0: 0, j0: 0, dLon: 1, dLat: 1 });
/** Every cell of the grid a sample: values[j·width + i] at cell (i, j). */
const dense = (g: CellGrid, v: number[], level: number, far: number) =>
  isochrone(
    g,
    Uint32Array.from({ length: g.width * g.height }, (_, k) => k),
    v,
    level,
    far,
  );
const area = (r: number[][]) => r.slice(1).reduce((a, p, k) => a + (r[k][0] * p[1] - p[0] * r[k][1]), 0) / 2;

describe('isochrone outlines', () => {
  it('interpolates linearly between samples (a diamond round one inside centre)', () => {
    // Centre (1, 1) at 0 minutes, its neighbours at 4, level 1: the outline crosses each edge
    // from the centre a quarter of the way out; the far value 4 is also what missing samples get.
    const v = [4, 4, 4, 4, 0, 4, 4, 4, 4];
    const polys = dense(unit(3, 3), v, 1, 4);
    expect(polys.length).toBe(1);
    const ring = polys[0][0];
    expect(
      ring
        .slice(0, -1)
        .map(([x, y]) => [x, y])
        .sort(),
    ).toEqual(
      [
        [1.25, 1.5],
        [1.5, 1.25],
        [1.5, 1.75],
        [1.75, 1.5],
      ].sort(),
    );
    expect(area(ring)).toBeCloseTo(2 * 0.25 * 0.25, 12);
  });

  it('outer rings counter-clockwise, holes clockwise, holes in their ring', () => {
    const v = [9, 9, 9, 9, 9, 9, 0, 0, 0, 9, 9, 0, 9, 0, 9, 9, 0, 0, 0, 9, 9, 9, 9, 9, 9];
    const polys = dense(unit(5, 5), v, 1, 9);
    expect(polys.length).toBe(1);
    expect(polys[0].length).toBe(2);
    expect(area(polys[0][0])).toBeGreaterThan(0);
    expect(area(polys[0][1])).toBeLessThan(0);
  });

  it('has the crossings of Turf isolines on the same grid', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 9 }),
        fc.integer({ min: 3, max: 9 }),
        fc.array(fc.double({ min: 0.05, max: 9.95, noNaN: true }), { minLength: 81, maxLength: 81 }),
        (w, h, raw) => {
          // A border above the level on every side, so Turf's lines close too.
          const v = Array.from({ length: w * h }, (_, k) => {
            const i = k % w,
              j = Math.floor(k / w);
            return i === 0 || j === 0 || i === w - 1 || j === h - 1 ? 9.99 : raw[k];
          });
          const mine = new Set<string>();
          for (const p of dense(unit(w, h), v, 5, 10))
            for (const r of p) for (const [x, y] of r) mine.add(`${x.toFixed(9)},${y.toFixed(9)}`);
          const grid = featureCollection(v.map((z, k) => point([(k % w) + 0.5, Math.floor(k / w) + 0.5], { z })));
          const theirs = new Set<string>();
          for (const line of isolines(grid, [5], { zProperty: 'z' }).features[0].geometry.coordinates) {
            for (const [x, y] of line) theirs.add(`${x.toFixed(9)},${y.toFixed(9)}`);
          }
          expect([...mine].sort()).toEqual([...theirs].sort());
        },
      ),
      { numRuns: 150 },
    );
  });

  it('contains exactly the samples at or below the level (random grids, saddles, holes)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.oneof(fc.double({ min: 0, max: 10, noNaN: true }), fc.constant(Infinity), fc.constant(NaN)), {
          minLength: 144,
          maxLength: 144,
        }),
        (w, h, raw) => {
          const g: CellGrid = { width: w, height: h, i0: 1030, j0: 230, dLon: 0.001, dLat: 0.001 };
          const v = raw.slice(0, w * h);
          const polys = dense(g, v, 5, 10);
          const mp = { type: 'MultiPolygon' as const, coordinates: polys };
          const c = new Float64Array(2);
          for (let j = 0; j < h; j++)
            for (let i = 0; i < w; i++) {
              const x = v[j * w + i];
              if (x === 5) continue; // on the outline
              cellCentre(g, i, j, c);
              expect(booleanPointInPolygon([c[0], c[1]], mp)).toBe(x < 5);
            }
        },
      ),
      { numRuns: 200 },
    );
  });
  it('puts each hole in the smallest outer ring around it (nested islands and lakes)', () => {
    let holes = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 40 }),
        fc.integer({ min: 8, max: 40 }),
        fc.array(fc.boolean(), { minLength: 1600, maxLength: 1600 }),
        (w, h, raw) => {
          const polys = dense(
            unit(w, h),
            raw.slice(0, w * h).map((b) => (b ? 2 : 8)),
            5,
            10,
          );
          const outers = polys.map((p) => ({ ring: p[0], area: area(p[0]) }));
          polys.forEach((p, k) =>
            p.slice(1).forEach((hole) => {
              holes++;
              const mid = [(hole[0][0] + hole[1][0]) / 2, (hole[0][1] + hole[1][1]) / 2];
              const around = outers.filter((o) => booleanPointInPolygon(mid, { type: 'Polygon', coordinates: [o.ring] }));
              const smallest = Math.min(...around.map((o) => o.area));
              expect(outers[k].area).toBe(smallest);
            }),
          );
        },
      ),
      { numRuns: 150 },
    );
    expect(holes).toBeGreaterThan(100);
  });

  it('outlines the given samples alone as the whole grid with far values elsewhere', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 14 }),
        fc.integer({ min: 1, max: 14 }),
        fc.array(fc.tuple(fc.boolean(), fc.oneof(fc.double({ min: 0, max: 10, noNaN: true }), fc.constant(5), fc.constant(NaN))), {
          minLength: 196,
          maxLength: 196,
        }),
        (w, h, raw) => {
          const g: CellGrid = { width: w, height: h, i0: -7, j0: 3100, dLon: 0.001, dLat: 0.0009 };
          const cells: number[] = [],
            values: number[] = [];
          const full = raw.slice(0, w * h).map(([given, x], k) => {
            if (!given) return Infinity;
            cells.push(k);
            values.push(x);
            return x;
          });
          expect(isochrone(g, Uint32Array.from(cells), values, 5, 10)).toEqual(dense(g, full, 5, 10));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('service circles as isochrones (straight line: the exact field is known)', () => {
  const cmd = (minutes: number): CoverageCommand => ({
    op: 'coverage',
    detour: 1.3,
    types: [{ code: 'fitness', mode: 'straight', speedKmh: 4.5, minutes, targetShare: 1, demand: 'households' }],
  });
  const arb = fc.record({
    facs: fc.array(fc.tuple(fc.integer({ min: -1500, max: 1500 }), fc.integer({ min: -1500, max: 1500 })), { minLength: 1, maxLength: 5 }),
    minutes: fc.integer({ min: 3, max: 15 }),
    probes: fc.array(fc.tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 99 })), { minLength: 30, maxLength: 30 }),
  });

  it('puts every vertex within one cell of the threshold, and no inside point beyond it by more than one cell', () => {
    let probed = 0;
    fc.assert(
      fc.property(arb, ({ facs, minutes, probes }) => {
        const c = cmd(minutes),
          spec = c.types[0],
          cellM = 100;
        const facilities = pts(...facs);
        const engine = new Engine(fitnessLayers(new Float64Array(0), facilities));
        const { coordinates } = catchment(engine, spec, c, cellM);
        const slack = cellMinutes(spec, c, cellM);
        const ids = Int32Array.from(facs.map((_, k) => k));
        const time = (xy: number[]) => straightTimes(Float64Array.from(xy), facilities, ids, spec.speedKmh, c.detour).minutes;
        const vertices = coordinates.flat(2);
        time(vertices.flat()).forEach((t) => expect(Math.abs(t - minutes)).toBeLessThanOrEqual(slack * 1.02));
        // Random points in each outer ring's box, kept when inside the MultiPolygon.
        const mp = { type: 'MultiPolygon' as const, coordinates };
        const inside: number[] = [];
        for (const poly of coordinates) {
          const xs = poly[0].map((p) => p[0]),
            ys = poly[0].map((p) => p[1]);
          const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
          for (const [u, v] of probes) {
            const p = [x0 + (u / 100) * (x1 - x0), y0 + (v / 100) * (y1 - y0)];
            if (booleanPointInPolygon(p, mp)) inside.push(p[0], p[1]);
          }
        }
        probed += inside.length / 2;
        time(inside).forEach((t) => expect(t).toBeLessThanOrEqual(minutes + slack * 1.02));
      }),
      { numRuns: 40 },
    );
    expect(probed).toBeGreaterThan(100);
  });
});
