// Isochrones: the outline of {minutes ≤ level} by marching squares with linear interpolation over
// minutes sampled at cell centres, so outlines are smooth at every zoom instead of cell
// staircases. The lattice is padded with a ring of far values, so every contour closes. Each
// boundary segment runs with the inside on its left: outer rings come out counter-clockwise and
// holes clockwise (GeoJSON's right-hand rule). A segment starts where a lattice edge goes from
// inside to outside (counter-clockwise round its square) and ends where one comes back in; every
// crossing starts a segment in one square and ends one in its neighbour, so rings are chained in
// linear time. Saddles join the inside corners when the square's mean is inside.
import type { CellGrid } from './grid.ts';

/** MultiPolygon coordinates (WGS84) of {v ≤ level}, where v at cell centre (i, j) of `g` is
 *  values[j·width + i]; NaN, ∞ and values above `far` count as `far` (> level), which bounds
 *  how far an outline reaches towards an unreachable sample: at most (level − v)/(far − v) of a cell.
 *  `cells` (ascending indices), when given, are the only samples that may be ≤ level: only they
 *  are looked at for the inside, instead of the whole grid. */
export function isochrone(g: CellGrid, values: ArrayLike<number>, level: number, far: number, cells?: ArrayLike<number>): number[][][][] {
  if (!(far > level)) throw new Error(`isochrone: far (${far}) must exceed the level (${level})`);
  const W = g.width + 2,
    H = g.height + 2;
  // Padded lattice: (i, j) is cell centre (i − 1, j − 1) of the grid.
  const val = (i: number, j: number): number => {
    if (i < 1 || j < 1 || i > g.width || j > g.height) return far;
    const v = values[(j - 1) * g.width + (i - 1)];
    return v <= far ? v : far; // NaN and ∞ fail the test
  };
  // Inside samples, in lattice order; only the squares around them can hold an outline, so the
  // work follows the outline's length, not the grid's size.
  const inside = new Uint8Array(W * H);
  const list: number[] = [];
  const gw = g.width,
    n = cells ? cells.length : gw * g.height;
  for (let c = 0; c < n; c++) {
    const k = cells ? cells[c] : c;
    if (!(values[k] <= level)) continue;
    const i = k % gw,
      p = ((k - i) / gw + 1) * W + i + 1;
    inside[p] = 1;
    list.push(p);
  }
  if (list.length === 0) return [];
  // Lattice edge ids: 2·(j·W + i) the edge (i, j)–(i+1, j), 2·(j·W + i) + 1 the edge (i, j)–(i, j+1).
  const next = new Map<number, number>();
  const ids = [0, 0, 0, 0],
    isA = [false, false, false, false],
    corners = [0, 0, 0, 0],
    edges = [0, 0, 0, 0];
  const square = (i: number, j: number): void => {
    const bl = inside[j * W + i],
      br = inside[j * W + i + 1],
      tr = inside[(j + 1) * W + i + 1],
      tl = inside[(j + 1) * W + i];
    if (bl + br + tr + tl === 4) return;
    // Counter-clockwise: bottom (bl→br), right (br→tr), top (tr→tl), left (tl→bl).
    corners[0] = bl;
    corners[1] = br;
    corners[2] = tr;
    corners[3] = tl;
    edges[0] = 2 * (j * W + i);
    edges[1] = 2 * (j * W + i + 1) + 1;
    edges[2] = 2 * ((j + 1) * W + i);
    edges[3] = 2 * (j * W + i) + 1;
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const a = corners[k],
        b = corners[(k + 1) & 3];
      if (a !== b) {
        ids[n] = edges[k];
        isA[n] = a === 1;
        n++;
      }
    }
    if (n === 2) {
      if (isA[0]) next.set(ids[0], ids[1]);
      else next.set(ids[1], ids[0]);
      return;
    }
    // Saddle (n = 4, crossings alternate A, B, A, B in some rotation).
    const mean = (val(i, j) + val(i + 1, j) + val(i + 1, j + 1) + val(i, j + 1)) / 4;
    const joined = mean <= level;
    for (let k = 0; k < 4; k++) {
      if (!isA[k]) continue;
      // A → next B counter-clockwise cuts off the outside corner between them (inside joined);
      // A → previous B cuts off the inside corner (inside apart).
      next.set(ids[k], ids[(k + (joined ? 1 : 3)) & 3]);
    }
  };
  for (const p of list) {
    // Each square once: from its inside corner of lowest index (bl < br < tl < tr).
    if (!inside[p - W - 1] && !inside[p - W] && !inside[p - 1]) square((p - W - 1) % W, Math.floor((p - W - 1) / W)); // p is tr
    if (!inside[p - W] && !inside[p - W + 1]) square((p - W) % W, Math.floor((p - W) / W)); // p is tl
    if (!inside[p - 1]) square((p - 1) % W, Math.floor((p - 1) / W)); // p is br
    square(p % W, Math.floor(p / W)); // p is bl
  }
  const point = (id: number): [number, number] => {
    const e = id >> 1,
      i = e % W,
      j = (e - i) / W;
    const v0 = val(i, j),
      v1 = id & 1 ? val(i, j + 1) : val(i + 1, j);
    const t = (level - v0) / (v1 - v0);
    return id & 1 ? [i, j + t] : [i + t, j];
  };
  const rings: { pts: number[]; area: number }[] = [];
  const done = new Set<number>();
  for (const start of next.keys()) {
    if (done.has(start)) continue;
    const pts: number[] = [];
    let id = start;
    do {
      done.add(id);
      const [x, y] = point(id);
      const m = pts.length;
      if (m === 0 || pts[m - 2] !== x || pts[m - 1] !== y) pts.push(x, y);
      id = next.get(id)!;
    } while (id !== start);
    if (pts.length >= 4 && pts[0] === pts[pts.length - 2] && pts[1] === pts[pts.length - 1]) pts.length -= 2;
    let area = 0;
    for (let k = 0, n = pts.length / 2; k < n; k++) {
      const l = (k + 1) % n;
      area += pts[2 * k] * pts[2 * l + 1] - pts[2 * l] * pts[2 * k + 1];
    }
    // Rings of no area come from samples exactly at the level with no inside around them.
    if (pts.length >= 6 && Math.abs(area) > 1e-12) rings.push({ pts, area: area / 2 });
  }
  const toLonLat = (pts: number[]): number[][] => {
    const ring: number[][] = [];
    for (let k = 0; k < pts.length; k += 2) ring.push([(g.i0 + pts[k] - 0.5) * g.dLon, (g.j0 + pts[k + 1] - 0.5) * g.dLat]);
    ring.push(ring[0]);
    return ring;
  };
  const outers = rings.filter((r) => r.area > 0).sort((a, b) => a.area - b.area);
  const boxes = outers.map((r) => bbox(r.pts));
  const polys: number[][][][] = outers.map((r) => [toLonLat(r.pts)]);
  for (const r of rings) {
    if (r.area > 0) continue;
    // A hole belongs to the smallest outer ring around the midpoint of its first segment.
    const px = (r.pts[0] + r.pts[2]) / 2,
      py = (r.pts[1] + r.pts[3]) / 2;
    const k = outers.findIndex(
      (o, n) => px >= boxes[n][0] && px <= boxes[n][2] && py >= boxes[n][1] && py <= boxes[n][3] && inRing(o.pts, px, py),
    );
    if (k >= 0) polys[k].push(toLonLat(r.pts));
  }
  return polys;
}

function bbox(pts: number[]): [number, number, number, number] {
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (let k = 0; k < pts.length; k += 2) {
    x0 = Math.min(x0, pts[k]);
    x1 = Math.max(x1, pts[k]);
    y0 = Math.min(y0, pts[k + 1]);
    y1 = Math.max(y1, pts[k + 1]);
  }
  return [x0, y0, x1, y1];
}

function inRing(pts: number[], x: number, y: number): boolean {
  let inside = false;
  const n = pts.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = pts[2 * i],
      yi = pts[2 * i + 1],
      xj = pts[2 * j],
      yj = pts[2 * j + 1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
