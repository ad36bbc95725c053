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
 *  values[k] for the cell cells[k] = j·width + i (`cells` ascending) and `far` at every other cell;
 *  NaN, ∞ and values above `far` count as `far` (> level), which bounds how far an outline reaches
 *  towards an unreachable sample: at most (level − v)/(far − v) of a cell. Only the given cells
 *  are stored or looked at, so the work follows them and the outline, not the grid's size. Each
 *  phase is a function of its own, with no closures made per call: a single function holding
 *  every phase was optimised loop by loop and thrown back at each phase it had not yet run. */
export function isochrone(g: CellGrid, cells: ArrayLike<number>, values: ArrayLike<number>, level: number, far: number): number[][][][] {
  if (!(far > level)) throw new Error(`isochrone: far (${far}) must exceed the level (${level})`);
  const s: Samples = { gw: g.width, gh: g.height, cells, values, level, far, row: rowStarts(cells, g.width, g.height) };
  const rowIn = insideBefore(s);
  if (rowIn[s.gh] === 0) return [];
  const list = insideList(s, rowIn[s.gh]);
  return polygons(g, trace(s, list, march(s, rowIn, list)));
}

/** The samples of an isochrone, and where each row's begin. */
interface Samples {
  gw: number;
  gh: number;
  cells: ArrayLike<number>;
  values: ArrayLike<number>;
  level: number;
  far: number;
  /** Row j's samples are cells[row[j]] … cells[row[j + 1] − 1]. */
  row: Int32Array;
}

function rowStarts(cells: ArrayLike<number>, gw: number, gh: number): Int32Array {
  const n = cells.length,
    row = new Int32Array(gh + 1);
  let last = 0; // row[1 … last] set so far
  for (let k = 0; k < n; k++) while (cells[k] >= (last + 1) * gw) row[++last] = k;
  row.fill(n, last + 1);
  return row;
}

/** Inside samples (v ≤ level) before each row, and in all (the last entry). */
function insideBefore({ gh, row, values, level }: Samples): Int32Array {
  const rowIn = new Int32Array(gh + 1);
  let count = 0;
  for (let j = 0; j < gh; j++) {
    rowIn[j] = count;
    for (let k = row[j]; k < row[j + 1]; k++) if (values[k] <= level) count++;
  }
  rowIn[gh] = count;
  return rowIn;
}

/** Inside samples (indices into `cells`), ascending: only the squares around them can hold an
 *  outline. */
function insideList({ cells, values, level }: Samples, count: number): Int32Array {
  const list = new Int32Array(count);
  for (let k = 0, q = 0; k < cells.length; k++) if (values[k] <= level) list[q++] = k;
  return list;
}

const clamp = (v: number, far: number): number => (v <= far ? v : far); // NaN and ∞ fail the test

/** Index in `cells` of cell (i, j), −1 when it is off the grid or not a sample. */
function find({ gw, gh, cells, row }: Samples, i: number, j: number): number {
  if (i < 0 || j < 0 || i >= gw || j >= gh) return -1;
  const c = j * gw + i;
  let lo = row[j],
    hi = row[j + 1];
  // Rows are mostly one run of samples: where the cell would be if its row's were unbroken.
  const guess = lo + c - cells[lo];
  if (guess >= lo && guess < hi && cells[guess] === c) return guess;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cells[mid] < c) lo = mid + 1;
    else hi = mid;
  }
  return lo < row[j + 1] && cells[lo] === c ? lo : -1;
}

function val(s: Samples, i: number, j: number): number {
  const k = find(s, i, j);
  return k < 0 ? s.far : clamp(s.values[k], s.far);
}

/** Marching squares' state. A crossing (a lattice edge with one end inside) is numbered 4·q + d by
 *  its inside end, the sample list[q], and its direction d from there: 0 east, 1 north, 2 west,
 *  3 south; next[a] = b when a segment runs from crossing a to b. */
interface March {
  next: Int32Array;
  /** Crossings in the order their segments were found (starts[0 … found − 1]). */
  starts: Int32Array;
  found: number;
  /** Rows j − 1, j, j + 1 round the current sample's row j, spread out in three rolling row
   *  buffers (row r in buffer r mod 3, columns −1 … width, held[b] the row in buffer b): values
   *  (far where no sample) and inside samples' places in `list` (left stale elsewhere: only read
   *  at inside corners). Each row is spread and cleared at most once per row of inside samples. */
  rowV: Float64Array[];
  rowK: Int32Array[];
  held: Int32Array;
  /** The 3 × 3 samples round the current one (row-major from the south-west): values, and places
   *  in `list` (meaningful at inside samples only). */
  nv: Float64Array;
  nk: Int32Array;
  /** One square's corners (positions in nv), values, and crossings (inside end first or not). */
  at: Int32Array;
  v: Float64Array;
  ids: Int32Array;
  isA: Uint8Array;
}

function link(m: March, a: number, b: number): void {
  m.next[a] = b;
  if (m.found === m.starts.length) m.starts = grown(m.starts);
  m.starts[m.found++] = a;
}

function spread({ gw, gh, cells, values, level, far, row }: Samples, m: March, rowIn: Int32Array, r: number): void {
  const b = ((r % 3) + 3) % 3;
  if (m.held[b] === r) return;
  const old = m.held[b],
    bv = m.rowV[b],
    bk = m.rowK[b];
  if (old >= 0 && old < gh) for (let k = row[old]; k < row[old + 1]; k++) bv[cells[k] - old * gw + 1] = far;
  if (r >= 0 && r < gh)
    for (let k = row[r], q = rowIn[r]; k < row[r + 1]; k++) {
      const v = values[k];
      bv[cells[k] - r * gw + 1] = clamp(v, far);
      if (v <= level) bk[cells[k] - r * gw + 1] = q++;
    }
  m.held[b] = r;
}

function gather(m: March, i: number, j: number): void {
  for (let r = 0; r < 3; r++) {
    const b = (j + r + 2) % 3, // buffer of row j − 1 + r (j ≥ 0)
      bv = m.rowV[b],
      bk = m.rowK[b];
    for (let d = 0; d < 3; d++) {
      m.nv[3 * r + d] = bv[i + d];
      m.nk[3 * r + d] = bk[i + d];
    }
  }
}

/** The square whose corners are the neighbourhood's samples a (south-west), a + 1, a + 4, a + 3;
 *  its corners counter-clockwise bl, br, tr, tl. */
function square(level: number, m: March, a: number): void {
  const { nv, nk, at, v, ids, isA } = m;
  at[0] = a;
  at[1] = a + 1;
  at[2] = a + 4;
  at[3] = a + 3;
  for (let k = 0; k < 4; k++) v[k] = nv[at[k]];
  let n = 0;
  // Edges counter-clockwise: bottom (bl→br), right (br→tr), top (tr→tl), left (tl→bl); from corner
  // k the edge to corner k + 1 leaves it eastward, northward, westward, southward.
  for (let k = 0; k < 4; k++) {
    const inA = v[k] <= level,
      inB = v[(k + 1) & 3] <= level;
    if (inA === inB) continue;
    const c = inA ? at[k] : at[(k + 1) & 3];
    ids[n] = 4 * nk[c] + (inA ? k : (k + 2) & 3);
    isA[n] = inA ? 1 : 0;
    n++;
  }
  if (n === 0) return;
  if (n === 2) {
    if (isA[0]) link(m, ids[0], ids[1]);
    else link(m, ids[1], ids[0]);
    return;
  }
  // Saddle (n = 4, crossings alternate A, B, A, B in some rotation).
  const joined = (v[0] + v[1] + v[2] + v[3]) / 4 <= level;
  for (let k = 0; k < 4; k++) {
    if (!isA[k]) continue;
    // A → next B counter-clockwise cuts off the outside corner between them (inside joined);
    // A → previous B cuts off the inside corner (inside apart).
    link(m, ids[k], ids[(k + (joined ? 1 : 3)) & 3]);
  }
}

/** Links every segment of the outline: from the squares round each inside sample. */
function march(s: Samples, rowIn: Int32Array, list: Int32Array): March {
  const { gw, far, level, cells } = s;
  const m: March = {
    next: new Int32Array(4 * list.length),
    starts: new Int32Array(64),
    found: 0,
    rowV: [0, 1, 2].map(() => new Float64Array(gw + 2).fill(far)),
    rowK: [0, 1, 2].map(() => new Int32Array(gw + 2)),
    held: Int32Array.of(-2, -2, -2),
    nv: new Float64Array(9),
    nk: new Int32Array(9),
    at: new Int32Array(4),
    v: new Float64Array(4),
    ids: new Int32Array(4),
    isA: new Uint8Array(4),
  };
  const { nv, rowV } = m;
  for (let q = 0; q < list.length; q++) {
    const c = cells[list[q]],
      i = c % gw,
      j = (c - i) / gw;
    spread(s, m, rowIn, j - 1);
    spread(s, m, rowIn, j);
    spread(s, m, rowIn, j + 1);
    // Amid inside samples (most of them), none of its four squares holds a crossing.
    const below = rowV[(j + 2) % 3],
      here = rowV[j % 3],
      above = rowV[(j + 1) % 3];
    if (
      below[i] <= level &&
      below[i + 1] <= level &&
      below[i + 2] <= level &&
      here[i] <= level &&
      here[i + 2] <= level &&
      above[i] <= level &&
      above[i + 1] <= level &&
      above[i + 2] <= level
    )
      continue;
    gather(m, i, j);
    // Each square once: from its inside corner of lowest index (bl < br < tl < tr); this sample is
    // neighbourhood position 4.
    if (!(nv[0] <= level) && !(nv[1] <= level) && !(nv[3] <= level)) square(level, m, 0); // it is tr
    if (!(nv[1] <= level) && !(nv[2] <= level)) square(level, m, 1); // it is tl
    if (!(nv[3] <= level)) square(level, m, 3); // it is br
    square(level, m, 4); // it is bl
  }
  return m;
}

/** Where crossing c cuts its edge, in lattice coordinates padded by one cell (cell (i, j) at
 *  (i + 1, j + 1)): interpolated from the edge's west or south end. */
function cut(s: Samples, list: Int32Array, c: number, out: Float64Array): void {
  const { cells, values, gw, level, far } = s;
  const k = list[c >> 2],
    d = c & 3,
    east = d === 0 || d === 2;
  let i = cells[k] % gw,
    j = (cells[k] - i) / gw;
  // The inside end's value is at hand; the other end is looked up.
  const own = clamp(values[k], far);
  const other = d === 0 ? val(s, i + 1, j) : d === 1 ? val(s, i, j + 1) : d === 2 ? val(s, i - 1, j) : val(s, i, j - 1);
  if (d === 2) i--;
  if (d === 3) j--;
  const v0 = d < 2 ? own : other,
    v1 = d < 2 ? other : own;
  const t = (level - v0) / (v1 - v0);
  out[0] = east ? i + 1 + t : i + 1;
  out[1] = east ? j + 1 : j + 1 + t;
}

interface Ring {
  pts: Float64Array;
  area: number;
}

/** The rings chained by `m` (lattice coordinates padded by one cell) with their signed areas. */
function trace(s: Samples, list: Int32Array, { next, starts, found }: March): Ring[] {
  const rings: Ring[] = [];
  let buf = new Float64Array(256);
  const xy = new Float64Array(2);
  for (let f = 0; f < found; f++) {
    const start = starts[f];
    if (next[start] < 0) continue; // traced already
    let m = 0,
      c = start;
    do {
      cut(s, list, c, xy);
      if (m === 0 || buf[m - 2] !== xy[0] || buf[m - 1] !== xy[1]) {
        if (m + 2 > buf.length) buf = grown(buf);
        buf[m++] = xy[0];
        buf[m++] = xy[1];
      }
      const to = next[c];
      next[c] = -1 - to; // marks c traced
      c = to;
    } while (c !== start);
    if (m >= 4 && buf[0] === buf[m - 2] && buf[1] === buf[m - 1]) m -= 2;
    let area = 0;
    for (let k = 0, r = m / 2; k < r; k++) {
      const l = (k + 1) % r;
      area += buf[2 * k] * buf[2 * l + 1] - buf[2 * l] * buf[2 * k + 1];
    }
    // Rings of no area come from samples exactly at the level with no inside around them.
    if (m >= 6 && Math.abs(area) > 1e-12) rings.push({ pts: buf.slice(0, m), area: area / 2 });
  }
  return rings;
}

function toLonLat(g: CellGrid, pts: Float64Array): number[][] {
  const ring: number[][] = new Array(pts.length / 2 + 1);
  for (let k = 0; k < pts.length; k += 2) ring[k / 2] = [(g.i0 + pts[k] - 0.5) * g.dLon, (g.j0 + pts[k + 1] - 0.5) * g.dLat];
  ring[pts.length / 2] = ring[0];
  return ring;
}

/** Outer rings by ascending area, each with its holes, in WGS84. */
function polygons(g: CellGrid, rings: Ring[]): number[][][][] {
  const outers = rings.filter((r) => r.area > 0).sort((a, b) => a.area - b.area);
  const boxes = outers.map((r) => bbox(r.pts));
  const polys: number[][][][] = outers.map((r) => [toLonLat(g, r.pts)]);
  const rows: (RingRows | undefined)[] = [];
  for (const r of rings) {
    if (r.area > 0) continue;
    // A hole belongs to the smallest outer ring around the midpoint of its first segment.
    const px = (r.pts[0] + r.pts[2]) / 2,
      py = (r.pts[1] + r.pts[3]) / 2;
    for (let n = 0; n < outers.length; n++) {
      const b = boxes[n];
      if (
        px >= b[0] &&
        px <= b[2] &&
        py >= b[1] &&
        py <= b[3] &&
        inRing(outers[n].pts, (rows[n] ??= ringRows(outers[n].pts, b[1])), px, py)
      ) {
        polys[n].push(toLonLat(g, r.pts));
        break;
      }
    }
  }
  return polys;
}

function grown<T extends Int32Array | Float64Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(2 * a.length);
  b.set(a);
  return b;
}

function bbox(pts: Float64Array): [number, number, number, number] {
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

/** A ring's segments by the lattice row of their lower end: each segment lies in one square (rows
 *  j … j + 1), so a horizontal ray at y (crossing segments with lower end ≤ y < upper end) can
 *  only cross segments of row ⌊y⌋. */
interface RingRows {
  y0: number;
  start: Int32Array;
  segs: Int32Array;
}

function ringRows(pts: Float64Array, yMin: number): RingRows {
  const n = pts.length / 2,
    y0 = Math.floor(yMin);
  let top = 0;
  for (let k = 0; k < n; k++) top = Math.max(top, Math.floor(pts[2 * k + 1]) - y0);
  const start = new Int32Array(top + 2),
    segs = new Int32Array(n);
  const rowOf = (k: number): number => Math.floor(Math.min(pts[2 * k + 1], pts[2 * ((k + 1) % n) + 1])) - y0;
  for (let k = 0; k < n; k++) start[rowOf(k) + 1]++;
  for (let r = 0; r <= top; r++) start[r + 1] += start[r];
  const fill = start.slice();
  for (let k = 0; k < n; k++) segs[fill[rowOf(k)]++] = k;
  return { y0, start, segs };
}

/** Whether (x, y) is inside the ring (even-odd), from the segments of its row. */
function inRing(pts: Float64Array, { y0, start, segs }: RingRows, x: number, y: number): boolean {
  let inside = false;
  const n = pts.length / 2,
    r = Math.floor(y) - y0;
  if (r < 0 || r + 1 >= start.length) return false;
  for (let q = start[r]; q < start[r + 1]; q++) {
    // (j, i): the segment's start and end, in the order of the plain even-odd test.
    const j = segs[q],
      i = (j + 1) % n;
    const xi = pts[2 * i],
      yi = pts[2 * i + 1],
      xj = pts[2 * j],
      yj = pts[2 * j + 1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
