// The benchmark city of issue 18: a jittered street grid (every block edge its own LineString,
// about 30 % of them bent by one extra vertex), households as weighted points scattered over
// the blocks, facilities of one type at random points, square communities over the whole city.
// GeoJSON out, as the peer tools (pgRouting, the Python reimplementation) read it. Deterministic
// for a seed. Parameters are named in README.md (Benchmarks).
import { Random } from '../generator/random.ts';

export interface StreetGridOptions {
  /** Road LineStrings (grid edges between neighbouring intersections); default 300,000. */
  edges: number;
  /** Household points; default 200,000. */
  households: number;
  /** Facilities of `facilityType`; default 300. */
  facilities: number;
  facilityType: string;
  /** Block side, metres; default 80. */
  blockM: number;
  /** Communities per side of the square community grid; default 20 (400 communities). */
  communitiesPerSide: number;
  /** South-west corner (WGS84), default in Mengzi (红河州蒙自市). */
  origin: [number, number];
  seed: number;
}

export const STREET_GRID_DEFAULTS: StreetGridOptions = {
  edges: 300_000,
  households: 200_000,
  facilities: 300,
  facilityType: 'elderly_canteen',
  blockM: 80,
  communitiesPerSide: 20,
  origin: [103.2, 23.2],
  seed: 18,
};

export interface StreetGrid {
  /** GeoJSON texts. */
  roads: string;
  households: string;
  facilities: string;
  communities: string;
  counts: { edges: number; segments: number; households: number; facilities: number; communities: number };
}

const M_PER_DEG = (6371008.8 * Math.PI) / 180;
const r6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** Builds the city; `o` overrides the defaults. */
export function streetGrid(o: Partial<StreetGridOptions> = {}): StreetGrid {
  const p = { ...STREET_GRID_DEFAULTS, ...o };
  const rng = new Random(p.seed);
  // An n × n grid of intersections has 2·n·(n − 1) edges.
  const n = Math.max(2, Math.ceil((1 + Math.sqrt(1 + 2 * p.edges)) / 2));
  const [lon0, lat0] = p.origin;
  const dLat = p.blockM / M_PER_DEG,
    dLon = p.blockM / (M_PER_DEG * Math.cos((lat0 * Math.PI) / 180));
  // Intersections jittered by up to a fifth of a block.
  const ix = new Float64Array(n * n),
    iy = new Float64Array(n * n);
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      ix[j * n + i] = r6(lon0 + (i + rng.range(-0.2, 0.2)) * dLon);
      iy[j * n + i] = r6(lat0 + (j + rng.range(-0.2, 0.2)) * dLat);
    }
  const roads: string[] = [];
  let segments = 0;
  const road = (a: number, b: number) => {
    if (roads.length >= p.edges) return;
    const pts = [[ix[a], iy[a]]];
    if (rng.next() < 0.3) {
      const mx = (ix[a] + ix[b]) / 2 + rng.range(-0.1, 0.1) * dLon,
        my = (iy[a] + iy[b]) / 2 + rng.range(-0.1, 0.1) * dLat;
      pts.push([r6(mx), r6(my)]);
    }
    pts.push([ix[b], iy[b]]);
    segments += pts.length - 1;
    roads.push(
      `{"type":"Feature","properties":{"id":${roads.length}},"geometry":{"type":"LineString","coordinates":${JSON.stringify(pts)}}}`,
    );
  };
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      if (i + 1 < n) road(j * n + i, j * n + i + 1);
      if (j + 1 < n) road(j * n + i, (j + 1) * n + i);
    }
  const w = (n - 1) * dLon,
    h = (n - 1) * dLat;
  const hh: string[] = [];
  for (let k = 0; k < p.households; k++) {
    const x = r6(lon0 + rng.next() * w),
      y = r6(lat0 + rng.next() * h);
    hh.push(
      `{"type":"Feature","properties":{"households":${1 + Math.floor(rng.next() * 8)}},"geometry":{"type":"Point","coordinates":[${x},${y}]}}`,
    );
  }
  const fac: string[] = [];
  for (let k = 0; k < p.facilities; k++) {
    const x = r6(lon0 + rng.next() * w),
      y = r6(lat0 + rng.next() * h);
    fac.push(
      `{"type":"Feature","properties":{"id":"F${k}","type":"${p.facilityType}"},"geometry":{"type":"Point","coordinates":[${x},${y}]}}`,
    );
  }
  // Communities a little larger than the city so every household falls in one.
  const m = p.communitiesPerSide,
    cw = (w + 2 * dLon) / m,
    ch = (h + 2 * dLat) / m;
  const com: string[] = [];
  for (let j = 0; j < m; j++)
    for (let i = 0; i < m; i++) {
      const x0 = r6(lon0 - dLon + i * cw),
        y0 = r6(lat0 - dLat + j * ch),
        x1 = r6(lon0 - dLon + (i + 1) * cw),
        y1 = r6(lat0 - dLat + (j + 1) * ch);
      const code = `G${String(j * m + i).padStart(4, '0')}`;
      com.push(
        `{"type":"Feature","properties":{"code":"${code}","name":"网格${code}","county_code":"532503"},"geometry":{"type":"Polygon","coordinates":[[[${x0},${y0}],[${x1},${y0}],[${x1},${y1}],[${x0},${y1}],[${x0},${y0}]]]}}`,
      );
    }
  const fc = (f: string[]) => `{"type":"FeatureCollection","features":[\n${f.join(',\n')}\n]}\n`;
  return {
    roads: fc(roads),
    households: fc(hh),
    facilities: fc(fac),
    communities: fc(com),
    counts: { edges: roads.length, segments, households: hh.length, facilities: fac.length, communities: com.length },
  };
}
