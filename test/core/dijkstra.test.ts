import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildGraph } from '../../src/core/travel/graph.ts';
import { multiSourceDijkstra } from '../../src/core/travel/dijkstra.ts';

// Random graphs: nodes on a small lattice, lines joining random pairs (so merges, parallel
// edges and disconnected parts all occur), random directed costs.
const graphArb = fc.record({
  nodes: fc.integer({ min: 2, max: 14 }),
  lines: fc.array(fc.tuple(fc.nat(13), fc.nat(13)), { minLength: 0, maxLength: 30 }),
  costs: fc.array(fc.tuple(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true })), {
    minLength: 30,
    maxLength: 30,
  }),
  seeds: fc.array(fc.tuple(fc.nat(13), fc.double({ min: 0, max: 50, noNaN: true })), { minLength: 1, maxLength: 4 }),
  toward: fc.boolean(),
});

function lineLayer(nodes: number, lines: [number, number][]) {
  const xy: number[] = [],
    start = [0];
  for (const [a, b] of lines) {
    const p = a % nodes,
      q = b % nodes;
    xy.push(103 + 0.01 * (p % 4), 23 + 0.01 * Math.floor(p / 4), 103 + 0.01 * (q % 4), 23 + 0.01 * Math.floor(q / 4));
    start.push(xy.length / 2);
  }
  // Every lattice node appears at least once as a zero-length line so it exists in the graph.
  for (let p = 0; p < nodes; p++) {
    xy.push(103 + 0.01 * (p % 4), 23 + 0.01 * Math.floor(p / 4));
    start.push(xy.length / 2);
  }
  return { coords: Float64Array.from(xy), lineStart: Uint32Array.from(start) };
}

/** Bellman-Ford over all arcs (the slow, obvious twin). */
function bellmanFord(n: number, arcs: [number, number, number][], seeds: [number, number][]): Float64Array {
  const d = new Float64Array(n).fill(Infinity);
  for (const [s, c] of seeds) d[s] = Math.min(d[s], c);
  for (let k = 0; k < n; k++) for (const [a, b, w] of arcs) if (d[a] + w < d[b]) d[b] = d[a] + w;
  return d;
}

describe('multi-source Dijkstra', () => {
  it('equals Bellman-Ford on random graphs, forward and toward the seeds', () => {
    fc.assert(
      fc.property(graphArb, ({ nodes, lines, costs, seeds, toward }) => {
        const g = buildGraph(lineLayer(nodes, lines), 1);
        const fwd = new Float64Array(g.edgeCount),
          bwd = new Float64Array(g.edgeCount);
        for (let e = 0; e < g.edgeCount; e++) {
          fwd[e] = costs[e % 30][0];
          bwd[e] = costs[e % 30][1];
        }
        const sd = seeds.map(([s, c]) => [s % g.nodeCount, c] as [number, number]);
        const res = multiSourceDijkstra(
          g,
          fwd,
          bwd,
          {
            node: Uint32Array.from(sd.map((s) => s[0])),
            cost: Float64Array.from(sd.map((s) => s[1])),
            label: Int32Array.from(sd.map((_, i) => i)),
          },
          toward,
        );
        // Toward the seeds = forward search on the reversed arcs.
        const arcs: [number, number, number][] = [];
        for (let e = 0; e < g.edgeCount; e++) {
          const u = g.edgeU[e],
            v = g.edgeV[e];
          if (toward) {
            arcs.push([v, u, fwd[e]], [u, v, bwd[e]]);
          } else {
            arcs.push([u, v, fwd[e]], [v, u, bwd[e]]);
          }
        }
        const want = bellmanFord(g.nodeCount, arcs, sd);
        for (let x = 0; x < g.nodeCount; x++) {
          if (want[x] === Infinity) {
            expect(res.dist[x]).toBe(Infinity);
            expect(res.label[x]).toBe(-1);
          } else {
            expect(res.dist[x]).toBeCloseTo(want[x], 9);
            expect(res.label[x]).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('graph building', () => {
  it('joins line ends within the tolerance, keeps crossings without a shared vertex apart, labels components', () => {
    const m = 1 / 111_195; // ≈ 1 m in degrees of latitude
    const g = buildGraph(
      {
        // line 0: (0,0)→(0,100 m); line 1 starts 0.5 m from line 0's end; line 2 crosses line 0 without a vertex.
        coords: Float64Array.from([
          103,
          23,
          103,
          23 + 100 * m,
          103,
          23 + 100.5 * m,
          103,
          23 + 200 * m,
          102.9995,
          23 + 50 * m,
          103.0005,
          23 + 50 * m,
        ]),
        lineStart: Uint32Array.from([0, 2, 4, 6]),
      },
      1,
    );
    expect(g.nodeCount).toBe(5);
    expect(g.edgeCount).toBe(3);
    expect(g.componentCount).toBe(2);
    expect(g.component[0]).toBe(g.component[2]);
    expect(g.component[3]).not.toBe(g.component[0]);
  });
});
