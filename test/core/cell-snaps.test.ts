// Cell-centre snaps kept between calls (src/core/catchments/cell-snaps.ts): equal to snapping
// the centres afresh, whatever grids of the lattice asked before (overlapping, wider, elsewhere).
import { describe, expect, it } from 'vitest';
import { cellSnaps, cellSnapsOf, seedCellSnaps } from '../../src/core/catchments/cell-snaps.ts';
import { candidateCells, cellCentre, gridAround, type CellGrid } from '../../src/core/catchments/grid.ts';
import { costNetwork, prepareNetwork } from '../../src/core/travel/network.ts';
import { snapPoints } from '../../src/core/travel/snap.ts';
import { LAT0, LON0, lines, pts, streets } from './local.ts';

// A street grid every 150 m over 1.5 km, and a diagonal lane.
const line = lines(streets(150, 1500, [[0, 0, 1500, 1500]]));

function fresh(net: ReturnType<typeof costNetwork>, g: CellGrid, cells: Uint32Array) {
  const c = new Float64Array(2 * cells.length);
  cells.forEach((cell, k) => cellCentre(g, cell % g.width, Math.floor(cell / g.width), c, 2 * k));
  return snapPoints(net.graph, net.index, c, net.maxSnapM);
}

describe('cell snaps', () => {
  it('equal snapping the centres afresh, across grids of one lattice asked in any order', () => {
    const net = costNetwork(prepareNetwork(line), line, false, undefined, 120);
    const lat = 23.005;
    // Facility sets in the east, west, middle and everywhere: windows grow west, south and east.
    for (const f of [pts([1400, 1400]), pts([100, 50]), pts([700, 700], [300, 1200]), pts([0, 0], [1500, 1500], [0, 1500])]) {
      const g = gridAround(f, 400, 40, undefined, lat)!;
      const cells = candidateCells(g, f, 400);
      const got = cellSnaps(net, g, cells);
      expect(got).toEqual(fresh(net, g, cells));
      expect(got.edge.some((e) => e < 0) && got.edge.some((e) => e >= 0)).toBe(true);
    }
    // Another cell size is another lattice.
    const f = pts([750, 750]);
    const g = gridAround(f, 300, 55, undefined, lat)!;
    const cells = candidateCells(g, f, 300);
    expect(cellSnaps(net, g, cells)).toEqual(fresh(net, g, cells));
  });

  it('equal snapping afresh when the snaps of one call run over from one page of the store to the next', () => {
    const net = costNetwork(prepareNetwork(line), line, false, undefined, 120);
    // More than 2^16 cells of 6 m, snapped in one call: its snaps fill a page and go on in the next.
    const f = pts([750, 750]);
    const g = gridAround(f, 800, 6, undefined, 23)!;
    const cells = candidateCells(g, f, 800);
    expect(cells.length).toBeGreaterThan(1 << 16);
    const got = cellSnaps(net, g, cells),
      want = fresh(net, g, cells);
    // The first cell whose snap differs (toEqual's diff of such long arrays takes minutes).
    const differs = (k: number) => got.edge[k] !== want.edge[k] || !Object.is(got.t[k], want.t[k]) || !Object.is(got.legM[k], want.legM[k]);
    expect(cells.findIndex((_, k) => differs(k))).toBe(-1);
  });

  it('equal snapping afresh across the equator and the prime meridian (negative lattice indices)', () => {
    // The fixture moved so that its middle lies at 0°, 0°: cells and tiles on both sides of 0.
    const [dx, dy] = [LON0 + 0.0075, LAT0 + 0.0075];
    const shift = (c: Float64Array) => c.map((v, k) => v - (k % 2 ? dy : dx));
    const moved = { ...line, coords: shift(line.coords) };
    const net = costNetwork(prepareNetwork(moved), moved, false, undefined, 120);
    for (const f of [pts([750, 750]), pts([100, 1400]), pts([1400, 100], [0, 0])].map(shift)) {
      const g = gridAround(f, 500, 30, undefined, 0)!;
      const cells = candidateCells(g, f, 500);
      expect(g.i0 < 0 || g.j0 < 0).toBe(true);
      expect(cellSnaps(net, g, cells)).toEqual(fresh(net, g, cells));
    }
  });

  it('carries over to another network through cellSnapsOf and seedCellSnaps, snapping nothing again', () => {
    const net = costNetwork(prepareNetwork(line), line, false, undefined, 120);
    const f = pts([300, 300], [1200, 900]);
    const g = gridAround(f, 400, 45, undefined, 23)!;
    const cells = candidateCells(g, f, 400);
    cellSnaps(net, g, cells);
    const kept = cellSnapsOf(net);
    const n = Object.values(kept).reduce((a, s) => a + s.n, 0);
    expect(n).toBe(cells.length);
    const again = costNetwork(prepareNetwork(line), line, false, undefined, 120);
    seedCellSnaps(again, kept);
    // A part of the same cells, on a grid of another extent on the same lattice.
    const h = gridAround(pts([1200, 900]), 300, 45, undefined, 23)!;
    const part = candidateCells(h, pts([1200, 900]), 300);
    expect(cellSnaps(again, h, part)).toEqual(fresh(again, h, part));
    expect(Object.values(cellSnapsOf(again)).reduce((a, s) => a + s.n, 0)).toBe(n);
  });

  it('shares the lattice between grids of one cell size and square latitude', () => {
    const a = gridAround(pts([0, 0]), 300, 50, undefined, 23)!,
      b = gridAround(pts([5000, 9000], [7000, 12000]), 800, 50, undefined, 23)!;
    expect([a.dLon, a.dLat]).toEqual([b.dLon, b.dLat]);
    expect(gridAround(pts([5000, 9000], [7000, 12000]), 800, 50)!.dLon).not.toBe(a.dLon);
  });
});
