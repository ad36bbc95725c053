// Synthetic walking network (no OSM extract is available offline): street grids in county and
// township towns, paths linking neighbouring settlements (Euclidean MST over the Delaunay
// triangulation plus some extra Delaunay edges) and out to hamlets, and roads between township
// seats. Lines meet only at shared end vertices. Links bend towards low ground but never cross
// the Red River except at a few bridges, so the network has real detours.
import * as turf from '@turf/turf';
import { distanceKm, pointInMulti, segmentsCross, type MultiCoords } from './geometry.ts';
import type { Random } from './random.ts';
import { RED_RIVER, type Relief } from './relief.ts';
import type { Settlement, Township } from './settlements.ts';

export type RoadClass = 'street' | 'road' | 'path';
export interface Road {
  coords: [number, number][];
  cls: RoadClass;
}
type Pt = [number, number];

/** Whether segment ab crosses the Red River. */
export function crossesRiver(a: Pt, b: Pt): boolean {
  for (let i = 0; i + 1 < RED_RIVER.length; i++) {
    const [cx, cy] = RED_RIVER[i];
    const [dx, dy] = RED_RIVER[i + 1];
    if (segmentsCross(a[0], a[1], b[0], b[1], cx, cy, dx, dy)) return true;
  }
  return false;
}

function polylineCrossesRiver(line: readonly Pt[]): boolean {
  for (let i = 0; i + 1 < line.length; i++) if (crossesRiver(line[i], line[i + 1])) return true;
  return false;
}

/** A link a→b bent sideways towards lower ground, vertices every ~300 m; ends are a and b exactly. */
function bentLink(a: Pt, b: Pt, relief: Relief, rng: Random, allowRiver: boolean): Pt[] {
  const km = distanceKm(a[0], a[1], b[0], b[1]);
  const n = Math.max(1, Math.ceil(km / 0.3));
  const nx = -(b[1] - a[1]);
  const ny = b[0] - a[0];
  const wob = rng.range(0, 2 * Math.PI);
  const make = (bend: number): Pt[] => {
    const line: Pt[] = [a];
    for (let i = 1; i < n; i++) {
      const t = i / n;
      const off = bend * Math.sin(Math.PI * t) + 0.03 * Math.sin(3 * Math.PI * t + wob) * Math.sin(Math.PI * t);
      line.push([a[0] + (b[0] - a[0]) * t + nx * off, a[1] + (b[1] - a[1]) * t + ny * off]);
    }
    line.push(b);
    return line;
  };
  let best: Pt[] | null = null;
  let bestH = Infinity;
  for (const bend of [0, -0.12, 0.12, -0.25, 0.25]) {
    const line = make(bend);
    if (!allowRiver && polylineCrossesRiver(line)) continue;
    let h = 0;
    for (let k = 1; k <= 5; k++) {
      const p = line[Math.floor((k * (line.length - 1)) / 6)];
      h += relief.elevation(p[0], p[1]);
    }
    if (h < bestH) {
      bestH = h;
      best = line;
    }
  }
  return best ?? [a, b];
}

/** Street grid round a town seat: 2-vertex segments between grid nodes inside the county. */
function townGrid(seat: Pt, halfKm: number, stepKm: number, county: MultiCoords, out: Road[]): Pt[] {
  const m = Math.round(halfKm / stepKm);
  const sx = stepKm / (111.2 * Math.cos((seat[1] * Math.PI) / 180));
  const sy = stepKm / 111.2;
  const node = (i: number, j: number): Pt | null => {
    const p: Pt = [seat[0] + i * sx, seat[1] + j * sy];
    return pointInMulti(p[0], p[1], county) ? p : null;
  };
  const nodes = new Map<string, Pt | null>();
  const at = (i: number, j: number): Pt | null => {
    const k = `${i},${j}`;
    if (!nodes.has(k)) nodes.set(k, node(i, j));
    return nodes.get(k) ?? null;
  };
  const segs: [Pt, Pt][] = [];
  for (let j = -m; j <= m; j++) {
    for (let i = -m; i <= m; i++) {
      const p = at(i, j);
      if (!p) continue;
      for (const [di, dj] of [
        [1, 0],
        [0, 1],
      ]) {
        const q = i + di <= m && j + dj <= m ? at(i + di, j + dj) : null;
        if (q) segs.push([p, q]);
      }
    }
  }
  // Keep only the river-crossing segment nearest the seat: the town's one bridge.
  const bridge = segs
    .filter(([p, q]) => crossesRiver(p, q))
    .sort((u, v) => distanceKm(seat[0], seat[1], u[0][0], u[0][1]) - distanceKm(seat[0], seat[1], v[0][0], v[0][1]))[0];
  for (const seg of segs) if (seg === bridge || !crossesRiver(seg[0], seg[1])) out.push({ coords: seg, cls: 'street' });
  return [...nodes.values()].filter((p): p is Pt => p !== null);
}

interface Edge {
  a: number;
  b: number;
  km: number;
  river: boolean;
}

/** Delaunay edges between points, each once, sorted by length (ties by indices). */
function delaunayEdges(pts: readonly Pt[]): Edge[] {
  if (pts.length < 2) return [];
  const index = new Map(pts.map((p, i) => [`${p[0]},${p[1]}`, i]));
  const seen = new Set<string>();
  const edges: Edge[] = [];
  const add = (a: number, b: number): void => {
    const key = a < b ? `${a}:${b}` : `${b}:${a}`;
    if (seen.has(key)) return;
    seen.add(key);
    const [pa, pb] = [pts[Math.min(a, b)], pts[Math.max(a, b)]];
    edges.push({ a: Math.min(a, b), b: Math.max(a, b), km: distanceKm(pa[0], pa[1], pb[0], pb[1]), river: crossesRiver(pa, pb) });
  };
  if (pts.length === 2) add(0, 1);
  else {
    const tin = turf.tin(turf.featureCollection(pts.map((p) => turf.point(p))));
    for (const tri of tin.features) {
      const ids = tri.geometry.coordinates[0].slice(0, 3).map((c) => index.get(`${c[0]},${c[1]}`) ?? -1);
      if (ids.includes(-1)) continue;
      add(ids[0], ids[1]);
      add(ids[1], ids[2]);
      add(ids[2], ids[0]);
    }
  }
  return edges.sort((x, y) => x.km - y.km || x.a - y.a || x.b - y.b);
}

/** Kruskal over the non-river edges, then up to `bridges` river edges (shortest first, spread apart); extra short edges with probability `extra`. */
function linkGraph(pts: readonly Pt[], edges: readonly Edge[], bridges: number, extra: number, rng: Random): Edge[] {
  const parent = pts.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const chosen: Edge[] = [];
  const rest: Edge[] = [];
  for (const e of edges) {
    if (e.river) continue;
    const ra = find(e.a);
    const rb = find(e.b);
    if (ra !== rb) {
      parent[ra] = rb;
      chosen.push(e);
    } else rest.push(e);
  }
  const used: Pt[] = [];
  for (const e of edges) {
    if (!e.river || used.length >= bridges) continue;
    const mid: Pt = [(pts[e.a][0] + pts[e.b][0]) / 2, (pts[e.a][1] + pts[e.b][1]) / 2];
    if (used.some((u) => distanceKm(u[0], u[1], mid[0], mid[1]) < 40)) continue;
    used.push(mid);
    chosen.push(e);
  }
  const meanKm = chosen.length ? chosen.reduce((s, e) => s + e.km, 0) / chosen.length : 0;
  for (const e of rest) if (e.km < 1.5 * meanKm && rng.chance(extra)) chosen.push(e);
  return chosen;
}

/** Builds the whole network for the given settlements and townships. */
export function buildRoads(
  settlements: readonly Settlement[],
  hamletsOf: readonly Pt[][],
  townships: readonly Township[],
  countyGeometry: (code: string) => MultiCoords,
  relief: Relief,
  rng: Random,
): Road[] {
  const out: Road[] = [];
  // Town grids; urban settlements inside a grid get a street to its nearest node.
  const gridNodes: Pt[][] = townships.map((t) => {
    if (t.name.endsWith('街道') && !t.countySeat) return [];
    return t.countySeat
      ? townGrid(t.seat, 1.6, 0.2, countyGeometry(t.countyCode), out)
      : townGrid(t.seat, 0.5, 0.25, countyGeometry(t.countyCode), out);
  });
  const pts: Pt[] = settlements.map((s) => [s.lon, s.lat]);
  settlements.forEach((s, i) => {
    const townIdx = townships.findIndex((t) => t.code === s.parentCode);
    const seatTown = townships.findIndex((t) => t.countyCode === s.countyCode && t.countySeat);
    for (const g of [gridNodes[townIdx], gridNodes[seatTown]]) {
      if (!s.urban || s.isSeat || !g || g.length === 0) continue;
      let best: Pt | null = null;
      let bestKm = 0.3;
      for (const p of g) {
        const d = distanceKm(pts[i][0], pts[i][1], p[0], p[1]);
        if (d < bestKm) {
          bestKm = d;
          best = p;
        }
      }
      if (best && bestKm > 0 && !crossesRiver(pts[i], best)) {
        out.push({ coords: [pts[i], best], cls: 'street' });
        break;
      }
    }
    // Paths out to the settlement's other hamlets.
    for (const h of hamletsOf[i].slice(1)) {
      const line = bentLink(pts[i], h, relief, rng, false);
      if (!polylineCrossesRiver(line)) out.push({ coords: line, cls: 'path' });
    }
  });
  // Links between neighbouring settlements.
  for (const e of linkGraph(pts, delaunayEdges(pts), 3, 0.35, rng)) {
    const both = settlements[e.a].urban && settlements[e.b].urban;
    out.push({ coords: bentLink(pts[e.a], pts[e.b], relief, rng, e.river), cls: both && e.km < 1.5 ? 'street' : 'path' });
  }
  // Roads between township seats (they cross paths without junctions, as overpasses would).
  const seats: Pt[] = townships.map((t) => t.seat);
  for (const e of linkGraph(seats, delaunayEdges(seats), 4, 0.5, rng)) {
    if (e.km > 0) out.push({ coords: bentLink(seats[e.a], seats[e.b], relief, rng, e.river), cls: 'road' });
  }
  return out;
}
