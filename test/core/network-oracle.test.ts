import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { attach, costNetwork, networkTimes, prepareNetwork, type Attached, type CostedNetwork } from '../../src/core/travel/network.ts';
import { edgeIndex, snapPoints, snapWithin } from '../../src/core/travel/snap.ts';
import { buildGraph } from '../../src/core/travel/graph.ts';
import { haversineM, M_PER_DEG } from '../../src/core/geo/distance.ts';
import { mPerDegLon, pointSegmentDist2 } from '../../src/core/geo/project.ts';
import type { LineLayer } from '../../src/core/types.ts';
import { at } from './local.ts';

// Random networks on a 5×5 lattice of 300 m, random lines between lattice points, random Z.
const arb = fc.record({
  lines: fc.array(fc.array(fc.nat(24), { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
  z: fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 25, maxLength: 25 }),
  homes: fc.array(fc.tuple(fc.integer({ min: -200, max: 1400 }), fc.integer({ min: -200, max: 1400 })), { minLength: 1, maxLength: 8 }),
  facs: fc.array(fc.tuple(fc.integer({ min: -200, max: 1400 }), fc.integer({ min: -200, max: 1400 })), { minLength: 1, maxLength: 4 }),
  slope: fc.boolean(),
});

function layer(lines: number[][], z: number[]): LineLayer {
  const coords: number[] = [],
    zs: number[] = [],
    start = [0];
  for (const l of lines) {
    for (const p of l) {
      coords.push(...at((p % 5) * 300, Math.floor(p / 5) * 300));
      zs.push(z[p]);
    }
    start.push(coords.length / 2);
  }
  return { coords: Float64Array.from(coords), lineStart: Uint32Array.from(start), z: Float32Array.from(zs) };
}

/** The slow twin: split every edge at every attachment, add homes and facilities as nodes,
 *  then Bellman-Ford from each home over the directed arcs. Returns metres-equivalent costs. */
function oracle(net: CostedNetwork, homes: Attached, facs: Attached): number[] {
  const g = net.graph;
  const arcs: [number, number, number][] = [];
  let next = g.nodeCount;
  const homeNode = Array.from(homes.edge, () => next++),
    facNode = Array.from(facs.edge, () => next++);
  const cuts = new Map<number, { t: number; node: number }[]>();
  const cut = (e: number, t: number) => {
    const node = next++;
    const list = cuts.get(e) ?? [];
    list.push({ t, node });
    cuts.set(e, list);
    return node;
  };
  homes.edge.forEach((e, i) => {
    if (e >= 0) arcs.push([homeNode[i], cut(e, homes.t[i]), homes.toNet[i]]);
  });
  facs.edge.forEach((e, f) => {
    if (e >= 0) arcs.push([cut(e, facs.t[f]), facNode[f], facs.fromNet[f]]);
  });
  for (let e = 0; e < g.edgeCount; e++) {
    const stops = [{ t: 0, node: g.edgeU[e] }, ...(cuts.get(e) ?? []).sort((a, b) => a.t - b.t), { t: 1, node: g.edgeV[e] }];
    for (let k = 0; k + 1 < stops.length; k++) {
      const a = stops[k],
        b = stops[k + 1],
        span = b.t - a.t;
      arcs.push([a.node, b.node, span * net.fwd[e]], [b.node, a.node, span * net.bwd[e]]);
    }
  }
  return homeNode.map((start) => {
    const d = new Float64Array(next).fill(Infinity);
    d[start] = 0;
    for (let k = 0; k < next; k++) for (const [a, b, w] of arcs) if (d[a] + w < d[b]) d[b] = d[a] + w;
    return Math.min(...facNode.map((n) => d[n]));
  });
}

describe('network travel against a brute-force twin', () => {
  it('equals Bellman-Ford on the graph with every attachment split in, flat and slope', () => {
    fc.assert(
      fc.property(arb, ({ lines, z, homes, facs, slope }) => {
        const ll = layer(lines, z);
        const net = costNetwork(prepareNetwork(ll), ll, slope, undefined, 300);
        const hc = Float64Array.from(homes.flatMap(([x, y]) => at(x, y)));
        const fcs = Float64Array.from(facs.flatMap(([x, y]) => at(x, y)));
        const h = attach(net, hc),
          f = attach(net, fcs);
        const got = networkTimes(net, h, f, Int32Array.from(facs.map((_, i) => i)), 4.5);
        const want = oracle(net, h, f);
        want.forEach((w, i) => {
          if (w === Infinity) {
            expect(got.minutes[i]).toBe(Infinity);
            expect(got.facility[i]).toBe(-1);
          } else {
            expect(got.minutes[i]).toBeCloseTo(w / 75, 3);
            expect(got.facility[i]).toBeGreaterThanOrEqual(0);
          }
        });
      }),
      { numRuns: 150 },
    );
  });
});

describe('snapping', () => {
  it('finds the nearest point on the nearest edge (brute force over every edge)', () => {
    fc.assert(
      fc.property(arb, ({ lines, z, homes }) => {
        const ll = layer(lines, z);
        const { graph: g, index } = prepareNetwork(ll);
        const hc = Float64Array.from(homes.flatMap(([x, y]) => at(x, y)));
        const s = snapPoints(g, index, hc, 400);
        const tmp = new Float64Array(1),
          c = g.nodeCoords;
        // The index's cell side: the median edge extent of a full sort (edgeIndex selects it).
        if (g.edgeCount > 0) {
          const xs: number[] = [],
            ys: number[] = [];
          const ext = Array.from({ length: g.edgeCount }, (_, e) => {
            const [ax, ay, bx, by] = [g.edgeU[e], g.edgeV[e]].flatMap((n) => [c[2 * n] * index.k0, c[2 * n + 1] * M_PER_DEG]);
            xs.push(ax, bx);
            ys.push(ay, by);
            return Math.max(Math.abs(bx - ax), Math.abs(by - ay));
          }).sort((a, b) => a - b);
          const w = Math.max(...xs) - Math.min(...xs),
            h = Math.max(...ys) - Math.min(...ys);
          expect(index.cell).toBe(Math.max(ext[g.edgeCount >> 1], Math.sqrt((w * h) / (16 * g.edgeCount)), 1));
        }
        for (let i = 0; i < homes.length; i++) {
          const x = hc[2 * i],
            y = hc[2 * i + 1],
            kx = mPerDegLon(y);
          let best = -1,
            bestD2 = Infinity;
          for (let e = 0; e < g.edgeCount; e++) {
            const d2 = pointSegmentDist2(x, y, c[2 * g.edgeU[e]], c[2 * g.edgeU[e] + 1], c[2 * g.edgeV[e]], c[2 * g.edgeV[e] + 1], kx, tmp);
            if (d2 < bestD2) {
              bestD2 = d2;
              best = e;
            }
          }
          if (bestD2 > 400 * 400) {
            expect(s.edge[i]).toBe(-1);
            continue;
          }
          expect(s.edge[i]).toBe(best);
          expect(s.legM[i]).toBe(Math.sqrt(bestD2));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('stays exact on grid-index edge cases: long diagonals, short edges, far and exactly tied points', () => {
    // Lines of very different lengths (a few metres to 20 km) make the index cells far smaller
    // than some edges; points up to 30 km away test the ring search and the snap limit.
    const pt = fc.tuple(fc.integer({ min: -2000, max: 22000 }), fc.integer({ min: -2000, max: 22000 }));
    const seg = fc.oneof(
      fc
        .tuple(pt, fc.tuple(fc.integer({ min: -40, max: 40 }), fc.integer({ min: -40, max: 40 })))
        .map(([[x, y], [dx, dy]]) => [x, y, x + dx, y + dy]),
      fc.tuple(pt, pt).map(([[x, y], [u, v]]) => [x, y, u, v]),
    );
    const arbSnap = fc.record({
      segs: fc.array(seg, { minLength: 1, maxLength: 40 }),
      pts: fc.array(fc.tuple(fc.integer({ min: -10000, max: 30000 }), fc.integer({ min: -10000, max: 30000 })), {
        minLength: 1,
        maxLength: 20,
      }),
      maxSnap: fc.constantFrom(50, 500, 5000),
    });
    fc.assert(
      fc.property(arbSnap, ({ segs, pts, maxSnap }) => {
        const coords: number[] = [],
          start = [0];
        for (const [x, y, u, v] of segs) {
          coords.push(...at(x, y), ...at(u, v));
          start.push(coords.length / 2);
        }
        const { graph: g, index } = prepareNetwork({ coords: Float64Array.from(coords), lineStart: Uint32Array.from(start) });
        // Points on vertices and at edge midpoints too (exact ties between edges sharing a node).
        const hc = Float64Array.from([...pts.flatMap(([x, y]) => at(x, y)), ...coords.slice(0, 8)]);
        const s = snapPoints(g, index, hc, maxSnap);
        // Taken in the given order instead of by index cell: the same snaps.
        expect(snapPoints(g, index, hc, maxSnap, true)).toEqual(s);
        const tmp = new Float64Array(1),
          c = g.nodeCoords;
        for (let i = 0; i < hc.length / 2; i++) {
          const x = hc[2 * i],
            y = hc[2 * i + 1],
            kx = mPerDegLon(y);
          let best = -1,
            bestD2 = Infinity;
          for (let e = 0; e < g.edgeCount; e++) {
            const d2 = pointSegmentDist2(x, y, c[2 * g.edgeU[e]], c[2 * g.edgeU[e] + 1], c[2 * g.edgeV[e]], c[2 * g.edgeV[e] + 1], kx, tmp);
            if (d2 < bestD2) {
              bestD2 = d2;
              best = e;
            }
          }
          if (bestD2 > maxSnap * maxSnap) {
            expect(s.edge[i]).toBe(-1);
            continue;
          }
          expect(s.edge[i]).toBe(best);
          expect(s.legM[i]).toBe(Math.sqrt(bestD2));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('on an index of some of the edges, derives from the snaps on all of them what snapping anew finds', () => {
    // Segments crossing and touching at shared vertices (exact ties), points near and far.
    const pt = fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 })).map(([x, y]) => [x * 100, y * 100]);
    const arbSub = fc.record({
      segs: fc.array(fc.tuple(pt, pt), { minLength: 1, maxLength: 30 }),
      keep: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
      pts: fc.array(fc.tuple(fc.integer({ min: -500, max: 2500 }), fc.integer({ min: -500, max: 2500 })), { minLength: 1, maxLength: 40 }),
      maxSnap: fc.constantFrom(50, 300, 5000),
    });
    fc.assert(
      fc.property(arbSub, ({ segs, keep, pts, maxSnap }) => {
        const coords: number[] = [],
          start = [0];
        for (const [[x, y], [u, v]] of segs) {
          coords.push(...at(x, y), ...at(u, v));
          start.push(coords.length / 2);
        }
        const { graph: g, index } = prepareNetwork({ coords: Float64Array.from(coords), lineStart: Uint32Array.from(start) });
        const usable = Array.from({ length: g.edgeCount }, (_, e) => (keep[e % keep.length] ? 1 : 0));
        const some = edgeIndex(g, usable);
        const hc = Float64Array.from([...pts.flatMap(([x, y]) => at(x, y)), ...coords]);
        const all = snapPoints(g, index, hc, maxSnap);
        expect(snapWithin(g, some, hc, maxSnap, all)).toEqual(snapPoints(g, some, hc, maxSnap));
      }),
      { numRuns: 300 },
    );
  });
});

describe('graph building', () => {
  it('joins exactly the vertices within the tolerance (brute force over every pair)', () => {
    // Clusters of vertices a few decimetres to metres apart, so many pairs sit near 1 m.
    const v = fc.tuple(
      fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: -15, max: 15 }),
      fc.integer({ min: -15, max: 15 }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(v, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom(0.5, 1, 2),
        (lines, tol) => {
          const coords: number[] = [],
            start = [0];
          for (const l of lines) {
            for (const [cx, cy, dx, dy] of l) coords.push(...at(cx * 50 + dx / 10, cy * 50 + dy / 10));
            start.push(coords.length / 2);
          }
          const g = buildGraph({ coords: Float64Array.from(coords), lineStart: Uint32Array.from(start) }, tol);
          const n = coords.length / 2,
            root = Array.from({ length: n }, (_, i) => i);
          const find = (x: number): number => (root[x] === x ? x : (root[x] = find(root[x])));
          for (let i = 0; i < n; i++)
            for (let j = i + 1; j < n; j++) {
              if (haversineM(coords[2 * i], coords[2 * i + 1], coords[2 * j], coords[2 * j + 1]) <= tol)
                root[Math.max(find(i), find(j))] = Math.min(find(i), find(j));
            }
          // Nodes numbered by their lowest vertex; each node's coordinates are that vertex's.
          const roots = [...new Set(Array.from({ length: n }, (_, i) => find(i)))].sort((a, b) => a - b);
          expect(g.nodeCount).toBe(roots.length);
          expect(Array.from(g.nodeVertex)).toEqual(roots);
          for (const [k, r] of roots.entries())
            expect([g.nodeCoords[2 * k], g.nodeCoords[2 * k + 1]]).toEqual([coords[2 * r], coords[2 * r + 1]]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
