// Cells a facility field can reach within a cost (src/core/catchments/near-reach.ts): against a
// per-cell distance test on random segments, and the service circles made from the cells it
// keeps against those made from every candidate cell, on random street networks.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cellsNearReach } from '../../src/core/catchments/near-reach.ts';
import { candidateCells, cellCentre, gridAround, type CellGrid } from '../../src/core/catchments/grid.ts';
import { catchment, cellMinutes } from '../../src/core/catchments/catchment.ts';
import { centreMinutes, facilityPoints, reachRadiusM, squareLatitude } from '../../src/core/catchments/reach.ts';
import { isochrone } from '../../src/core/catchments/isochrone.ts';
import { Engine } from '../../src/core/analysis/run.ts';
import type { CoverageCommand } from '../../src/core/analysis/command.ts';
import { costNetwork, prepareNetwork, type FacilityField } from '../../src/core/travel/network.ts';
import { metresPerMinute } from '../../src/core/travel/speed.ts';
import { TOP_SPEEDUP } from '../../src/core/travel/slope.ts';
import { M_PER_DEG } from '../../src/core/geo/distance.ts';
import { mPerDegLon, pointSegmentDist2 } from '../../src/core/geo/project.ts';
import type { LineLayer } from '../../src/core/types.ts';
import { fitnessLayers, lines, pts, streets } from './local.ts';

/** Every cell of `g`. */
const allCells = (g: CellGrid) => Uint32Array.from({ length: g.width * g.height }, (_, k) => k);

/** Segments in metres around (lon0, lat0), as single-segment lines. */
function segmentsAt(lon0: number, lat0: number, segs: [number, number, number, number][]): LineLayer {
  const kx = mPerDegLon(lat0);
  const coords = segs.flatMap(([ax, ay, bx, by]) => [lon0 + ax / kx, lat0 + ay / M_PER_DEG, lon0 + bx / kx, lat0 + by / M_PER_DEG]);
  return { coords: Float64Array.from(coords), lineStart: Uint32Array.from({ length: segs.length + 1 }, (_, k) => 2 * k) };
}

describe('cells near reach', () => {
  it('keeps the cells whose centre lies within a reached edge’s capsule, and no other but for a millimetre (random segments, latitudes)', () => {
    const seg = fc.tuple(...Array.from({ length: 4 }, () => fc.integer({ min: -1500, max: 1500 }))) as fc.Arbitrary<
      [number, number, number, number]
    >;
    fc.assert(
      fc.property(
        fc.constantFrom([103, 23], [-0.004, -0.003], [12, 61], [-70, -45]),
        fc.array(seg, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 100, max: 1400 }),
        fc.boolean(),
        ([lon0, lat0], segs, seed, limit, slope) => {
          const line = { ...segmentsAt(lon0, lat0, segs), z: new Float32Array(2 * segs.length) };
          const net = costNetwork(prepareNetwork(line), line, slope, undefined, 400);
          expect(Boolean(net.z)).toBe(slope);
          const g = net.graph;
          // Node costs from the seed: some beyond the limit, some unreached; one edge holds a facility.
          let s = seed;
          const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
          const dist = Float64Array.from({ length: g.nodeCount }, () => (next() < 0.2 ? Infinity : next() * 1.5 * limit));
          const onEdge = new Map<number, number[]>(next() < 0.5 ? [[Math.floor(next() * g.edgeCount), [0]]] : []);
          const field: FacilityField = { dist, label: new Int32Array(g.nodeCount), onEdge };
          // A grid over the segments and 500 m around them.
          const box = gridAround(g.nodeCoords, 500, 37, undefined, lat0)!;
          const cells = allCells(box);
          const got = new Set(cellsNearReach(net, field, box, cells, limit));
          const c = new Float64Array(2),
            tmp = new Float64Array(1);
          for (const cell of cells) {
            cellCentre(box, cell % box.width, Math.floor(cell / box.width), c);
            // The centre's least distance beyond the capsules (≤ 0: inside one).
            let beyond = Infinity;
            for (let e = 0; e < g.edgeCount; e++) {
              const u = g.edgeU[e],
                v = g.edgeV[e];
              const lo = onEdge.has(e) ? 0 : Math.min(dist[u], dist[v]);
              if (!(lo < limit)) continue;
              const r = Math.min(400, (limit - lo) * (slope ? TOP_SPEEDUP : 1));
              const d2 = pointSegmentDist2(
                c[0],
                c[1],
                g.nodeCoords[2 * u],
                g.nodeCoords[2 * u + 1],
                g.nodeCoords[2 * v],
                g.nodeCoords[2 * v + 1],
                mPerDegLon(c[1]),
                tmp,
              );
              beyond = Math.min(beyond, Math.sqrt(d2) - r);
            }
            // Kept exactly when inside, but for a millimetre's slack.
            if (beyond <= 0) expect(got.has(cell)).toBe(true);
            if (beyond > 2e-3) expect(got.has(cell)).toBe(false);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a lone 1 km road: a facility on it reaches 300 m round it; ends costing 50 and 950, 250 m; ends at the limit, nothing', () => {
    const line = lines([
      [
        [0, 0],
        [1000, 0],
      ],
    ]);
    const net = costNetwork(prepareNetwork(line), line, false);
    const box = gridAround(net.graph.nodeCoords, 600, 50, undefined, 23)!;
    const within = (kept: Uint32Array, r: number) => {
      const set = new Set(kept),
        c = new Float64Array(2);
      for (const cell of allCells(box)) {
        cellCentre(box, cell % box.width, Math.floor(cell / box.width), c);
        const [x, y] = [(c[0] - 103) * mPerDegLon(c[1]), (c[1] - 23) * M_PER_DEG];
        const d = Math.hypot(Math.max(0, -x, x - 1000), y);
        expect(set.has(cell)).toBe(d <= r);
      }
      return set.size;
    };
    const field = (a: number, b: number, onEdge: boolean): FacilityField => ({
      dist: Float64Array.of(a, b),
      label: new Int32Array(2),
      onEdge: new Map(onEdge ? [[0, [0]]] : []),
    });
    const wide = within(cellsNearReach(net, field(50, 950, true), box, allCells(box), 300), 300);
    const narrow = within(cellsNearReach(net, field(50, 950, false), box, allCells(box), 300), 250);
    expect(wide).toBeGreaterThan(narrow);
    expect(narrow).toBeGreaterThan(100);
    expect(cellsNearReach(net, field(300, 400, false), box, allCells(box), 300).length).toBe(0);
  });

  it('gives the candidates back unmarked where edges outnumber cells (streets every 10 m under 100 m cells)', () => {
    const ls = streets(10, 1000);
    const line = lines(ls);
    const net = costNetwork(prepareNetwork(line), line, false);
    const field: FacilityField = {
      dist: new Float64Array(net.graph.nodeCount),
      label: new Int32Array(net.graph.nodeCount),
      onEdge: new Map(),
    };
    const box = gridAround(net.graph.nodeCoords, 600, 100, undefined, 23)!;
    const cells = allCells(box);
    expect(cellsNearReach(net, field, box, cells, 300)).toBe(cells);
    // The same streets every 500 m: marked, and the corners of the box left out.
    const sparse = lines(ls.filter((_, k) => k % 100 < 2));
    const net2 = costNetwork(prepareNetwork(sparse), sparse, false);
    const kept = cellsNearReach(net2, { ...field, dist: new Float64Array(net2.graph.nodeCount) }, box, cells, 300);
    expect(kept).not.toBe(cells);
    expect(kept.length).toBeLessThan(cells.length);
  });
});

describe('service circles from the cells near reach', () => {
  it('equal the circles made from every candidate cell (random networks, network and slope modes)', async () => {
    let pruned = 0;
    const xy = fc.tuple(fc.integer({ min: -300, max: 2300 }), fc.integer({ min: -300, max: 2300 }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(xy, xy).map(([a, b]) => [...a, ...b] as [number, number, number, number]),
          { maxLength: 5 },
        ),
        fc.array(xy, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(150, 400),
        fc.constantFrom<'network' | 'slope'>('network', 'slope'),
        fc.integer({ min: 2, max: 12 }),
        async (lanes, sites, step, mode, minutes) => {
          const ls = streets(step, 2000, lanes);
          // Slope mode: a hill rising 60 m to the east.
          const line = lines(ls, mode === 'slope' ? ls.map((l) => l.map(([x]) => 1000 + 0.03 * x)) : undefined);
          const cmd: CoverageCommand = {
            op: 'coverage',
            detour: 1.3,
            types: [{ code: 'fitness', mode, speedKmh: 4.5, minutes, targetShare: 1, demand: 'households' }],
          };
          const spec = cmd.types[0];
          const engine = new Engine(fitnessLayers(new Float64Array(0), pts(...sites), line));
          const got = catchment(engine, spec, cmd, 40);
          // The same circles from every candidate cell, each with its minutes.
          const p = facilityPoints(engine, spec.code),
            radius = reachRadiusM(engine, spec, cmd, minutes);
          const grid = gridAround(p, radius, 40, undefined, squareLatitude(engine))!;
          const cells = candidateCells(grid, p, radius);
          const all = centreMinutes(engine, spec, cmd, grid, cells);
          const far = minutes + cellMinutes(spec, cmd, 40);
          expect(got.coordinates).toEqual(isochrone(grid, cells, all, minutes, far));
          expect(Array.from(got.inside)).toEqual(Array.from(cells).filter((_, k) => all[k] <= minutes));
          // No cell under the one-cell margin is left out, and some cells are.
          const prep = engine.prepared(mode, cmd, spec);
          const kept = new Set(cellsNearReach(prep.net, engine.field(prep, spec.code), grid, cells, far * metresPerMinute(4.5)));
          cells.forEach((c, k) => {
            if (all[k] <= far) expect(kept.has(c)).toBe(true);
          });
          if (kept.size < cells.length) pruned++;
        },
      ),
      { numRuns: 25 },
    );
    expect(pruned).toBeGreaterThan(5);
  });
});
