// A walking network as a compressed sparse row (CSR) graph on typed arrays. LineStrings are
// split at every vertex into edges; vertices closer than `toleranceM` (line ends that nearly
// touch, shared vertices of crossing digitised roads) become one node; with source node ids
// (OSM) only vertices of the same id do. Lines that cross without a shared vertex stay apart, as
// a bridge over a road or river should. Each edge keeps its line's road class and access flags.
import type { LineLayer } from '../types.ts';
import { haversineM, searchBox } from '../geo/distance.ts';

export interface Graph {
  nodeCount: number;
  /** 2·nodeCount WGS84 degrees. */
  nodeCoords: Float64Array;
  /** Original LineLayer vertex of each node (the first one merged into it). */
  nodeVertex: Uint32Array;
  edgeCount: number;
  edgeU: Uint32Array;
  edgeV: Uint32Array;
  /** Great-circle length of each edge, metres. */
  edgeLen: Float64Array;
  /** Road class of each edge (index into classNames; 0 = none given) and its access flags. */
  edgeClass: Uint16Array;
  edgeFlags: Uint8Array;
  classNames: string[];
  /** CSR: arcs of node n are offsets[n] … offsets[n+1]; each arc names its edge. */
  offsets: Uint32Array;
  arcEdge: Uint32Array;
  /** Connected component of each node (0-based, by discovery order). */
  component: Int32Array;
  componentCount: number;
}

/** Default distance within which vertices become one node, metres. */
export const DEFAULT_JOIN_M = 1;

/** Width of buildGraph's vertex cells, in search boxes of the join tolerance. */
const CELL = 4;

/** Builds the graph of `lines`, joining vertices within `toleranceM` metres. */
export function buildGraph(lines: LineLayer, toleranceM = DEFAULT_JOIN_M): Graph {
  const vCount = lines.coords.length / 2;
  const c = lines.coords;
  // Union-find over vertices closer than the tolerance.
  const parent = new Uint32Array(vCount);
  for (let i = 0; i < vCount; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  if (lines.nodeId) {
    const first = new Map<number, number>();
    for (let i = 0; i < vCount; i++) {
      const id = lines.nodeId[i],
        j = first.get(id);
      if (j === undefined) first.set(id, i);
      else parent[i] = j;
    }
  } else if (toleranceM > 0 && vCount > 0) {
    // Candidates from a hash of grid cells at least one search box wide, so every vertex within
    // the tolerance lies in one of the 3 × 3 cells around a vertex.
    let maxAbsLat = 0,
      minX = Infinity,
      minY = Infinity;
    for (let i = 0; i < vCount; i++) {
      maxAbsLat = Math.max(maxAbsLat, Math.abs(c[2 * i + 1]));
      minX = Math.min(minX, c[2 * i]);
      minY = Math.min(minY, c[2 * i + 1]);
    }
    const { dLon, dLat } = searchBox(maxAbsLat, toleranceM);
    // Cells CELL search boxes wide: a vertex looks into a neighbouring cell only when it lies
    // within a box (plus rounding) of the shared side, so most vertices probe no other cell.
    const w = CELL * dLon,
      hgt = CELL * dLat,
      near = 1 / CELL + 1e-6;
    const gx = (i: number) => (c[2 * i] - minX) / w,
      gy = (i: number) => (c[2 * i + 1] - minY) / hgt;
    const cx = new Int32Array(vCount),
      cy = new Int32Array(vCount);
    for (let i = 0; i < vCount; i++) {
      cx[i] = Math.floor(gx(i));
      cy[i] = Math.floor(gy(i));
    }
    const cells = cellHash(cx, cy);
    const join = (i: number, j: number) => {
      if (haversineM(c[2 * i], c[2 * i + 1], c[2 * j], c[2 * j + 1]) > toleranceM) return;
      const a = find(i),
        b = find(j);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    };
    const across = (i: number, dx: number, dy: number) => {
      for (let j = cells.first(cx[i] + dx, cy[i] + dy); j >= 0; j = cells.next[j]) join(i, j);
    };
    // Each pair of vertices in neighbouring cells is met once: in the same cell from the lower
    // index, across cells from the cell behind (half of the 3×3 block: E, NE, N, NW). The joins
    // do not depend on the order they are made in (each class is rooted at its lowest vertex).
    for (let i = 0; i < vCount; i++) {
      for (let j = cells.next[i]; j >= 0; j = cells.next[j]) join(i, j);
      const fx = gx(i) - cx[i],
        east = fx >= 1 - near,
        west = fx <= near,
        north = gy(i) - cy[i] >= 1 - near;
      if (east) across(i, 1, 0);
      if (north) {
        across(i, 0, 1);
        if (east) across(i, 1, 1);
        if (west) across(i, -1, 1);
      }
    }
  }
  const nodeOf = new Int32Array(vCount).fill(-1);
  let nodeCount = 0;
  for (let i = 0; i < vCount; i++) if (find(i) === i) nodeOf[i] = nodeCount++;
  for (let i = 0; i < vCount; i++) nodeOf[i] = nodeOf[find(i)];
  const nodeCoords = new Float64Array(2 * nodeCount);
  const nodeVertex = new Uint32Array(nodeCount);
  for (let i = vCount - 1; i >= 0; i--) {
    const n = nodeOf[i];
    nodeVertex[n] = i;
    nodeCoords[2 * n] = c[2 * i];
    nodeCoords[2 * n + 1] = c[2 * i + 1];
  }
  // Edges: consecutive vertices of each line; self-loops after merging are dropped.
  const lineCount = lines.lineStart.length - 1;
  let maxEdges = 0;
  for (let l = 0; l < lineCount; l++) maxEdges += Math.max(0, lines.lineStart[l + 1] - lines.lineStart[l] - 1);
  const eu = new Uint32Array(maxEdges),
    ev = new Uint32Array(maxEdges),
    el = new Float64Array(maxEdges);
  const ec = new Uint16Array(maxEdges),
    ef = new Uint8Array(maxEdges);
  let m = 0;
  for (let l = 0; l < lineCount; l++) {
    const cls = lines.lineClass ? lines.lineClass[l] : 0,
      flags = lines.lineFlags ? lines.lineFlags[l] : 0;
    for (let i = lines.lineStart[l]; i + 1 < lines.lineStart[l + 1]; i++) {
      const a = nodeOf[i],
        b = nodeOf[i + 1];
      if (a === b) continue;
      eu[m] = a;
      ev[m] = b;
      el[m] = haversineM(c[2 * i], c[2 * i + 1], c[2 * i + 2], c[2 * i + 3]);
      ec[m] = cls;
      ef[m] = flags;
      m++;
    }
  }
  const edgeU = eu.slice(0, m),
    edgeV = ev.slice(0, m),
    edgeLen = el.slice(0, m);
  const edgeClass = ec.slice(0, m),
    edgeFlags = ef.slice(0, m),
    classNames = lines.classNames ?? [''];
  const offsets = new Uint32Array(nodeCount + 1);
  for (let e = 0; e < m; e++) {
    offsets[edgeU[e] + 1]++;
    offsets[edgeV[e] + 1]++;
  }
  for (let n = 0; n < nodeCount; n++) offsets[n + 1] += offsets[n];
  const fill = offsets.slice(0, nodeCount);
  const arcEdge = new Uint32Array(2 * m);
  for (let e = 0; e < m; e++) {
    arcEdge[fill[edgeU[e]]++] = e;
    arcEdge[fill[edgeV[e]]++] = e;
  }
  const { component, componentCount } = components(nodeCount, offsets, arcEdge, edgeU, edgeV);
  return {
    nodeCount,
    nodeCoords,
    nodeVertex,
    edgeCount: m,
    edgeU,
    edgeV,
    edgeLen,
    edgeClass,
    edgeFlags,
    classNames,
    offsets,
    arcEdge,
    component,
    componentCount,
  };
}

function components(
  n: number,
  offsets: Uint32Array,
  arcEdge: Uint32Array,
  edgeU: Uint32Array,
  edgeV: Uint32Array,
): { component: Int32Array; componentCount: number } {
  const component = new Int32Array(n).fill(-1);
  const stack = new Uint32Array(n);
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (component[s] >= 0) continue;
    let top = 0;
    stack[top++] = s;
    component[s] = count;
    while (top > 0) {
      const x = stack[--top];
      for (let a = offsets[x]; a < offsets[x + 1]; a++) {
        const e = arcEdge[a];
        const y = edgeU[e] === x ? edgeV[e] : edgeU[e];
        if (component[y] < 0) {
          component[y] = count;
          stack[top++] = y;
        }
      }
    }
    count++;
  }
  return { component, componentCount: count };
}

/** Vertices grouped by integer cell (cx[i], cy[i]): an open-addressing table of cells, each the
 *  head of a chain of its vertices through `next`. */
function cellHash(cx: Int32Array, cy: Int32Array): { first: (x: number, y: number) => number; next: Int32Array } {
  const n = cx.length;
  let size = 1;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  const keyX = new Int32Array(size),
    keyY = new Int32Array(size),
    head = new Int32Array(size).fill(-1);
  const next = new Int32Array(n).fill(-1);
  const slot = (x: number, y: number): number => {
    let h = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca77)) & mask;
    while (head[h] >= 0 && (keyX[h] !== x || keyY[h] !== y)) h = (h + 1) & mask;
    return h;
  };
  // Inserted from the last vertex down, so each chain runs in increasing vertex order.
  for (let i = n - 1; i >= 0; i--) {
    const h = slot(cx[i], cy[i]);
    if (head[h] < 0) {
      keyX[h] = cx[i];
      keyY[h] = cy[i];
    }
    next[i] = head[h];
    head[h] = i;
  }
  return { first: (x, y) => head[slot(x, y)], next };
}
