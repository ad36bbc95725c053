// Synthetic elevation shaped like Honghe's real relief (no open DEM was reachable offline):
// the Ailao massif (2,000–3,000 m) south-west of the Red River, the river's deep valley falling
// from ~350 m to ~80 m at Hekou, the Mengzi–Kaiyuan–Mile–Jianshui–Shiping basins, a
// 1,500–2,000 m plateau elsewhere, and seeded smooth noise on top.
import { writeArrayBuffer } from 'geotiff';
import type { ElevationGrid } from '../../src/core/types.ts';
import { KM_PER_DEG, kmPerDegLon } from './geometry.ts';
import { Random } from './random.ts';

/** Red River (元江/红河) course, lon/lat, upstream (NW) to Hekou (SE); approximate. */
export const RED_RIVER: readonly [number, number][] = [
  [101.8, 23.72],
  [102.0, 23.6],
  [102.25, 23.45],
  [102.55, 23.32],
  [102.83, 23.215],
  [103.05, 23.02],
  [103.35, 22.85],
  [103.65, 22.68],
  [103.96, 22.505],
  [104.1, 22.42],
];
const RIVER_TOP_M = 380;
const RIVER_MOUTH_M = 76;

/** Basins: centre lon/lat, radius km, floor elevation m (county-seat plains). */
const BASINS: readonly [number, number, number, number][] = [
  [103.4, 23.38, 14, 1290], // Mengzi
  [103.26, 23.7, 12, 1060], // Kaiyuan
  [103.43, 24.38, 15, 1420], // Mile
  [102.83, 23.63, 13, 1310], // Jianshui
  [102.49, 23.7, 10, 1420], // Shiping (Yilong lake)
  [103.76, 24.53, 11, 1700], // Luxi
];

/** Position of the nearest point on the river: distance km, side (−1 south-west, +1 north-east), fraction along. */
function riverFrame(lon: number, lat: number): [number, number, number] {
  const kx = kmPerDegLon(lat);
  let best = Infinity;
  let side = 1;
  let along = 0;
  let total = 0;
  const lengths: number[] = [];
  for (let i = 0; i + 1 < RED_RIVER.length; i++) {
    const l = Math.hypot((RED_RIVER[i + 1][0] - RED_RIVER[i][0]) * kx, (RED_RIVER[i + 1][1] - RED_RIVER[i][1]) * KM_PER_DEG);
    lengths.push(l);
    total += l;
  }
  let before = 0;
  for (let i = 0; i + 1 < RED_RIVER.length; i++) {
    const ax = RED_RIVER[i][0] * kx;
    const ay = RED_RIVER[i][1] * KM_PER_DEG;
    const vx = RED_RIVER[i + 1][0] * kx - ax;
    const vy = RED_RIVER[i + 1][1] * KM_PER_DEG - ay;
    const px = lon * kx - ax;
    const py = lat * KM_PER_DEG - ay;
    const t = Math.max(0, Math.min(1, (px * vx + py * vy) / (vx * vx + vy * vy)));
    const d = Math.hypot(px - t * vx, py - t * vy);
    if (d < best) {
      best = d;
      side = vx * py - vy * px > 0 ? 1 : -1;
      along = (before + t * lengths[i]) / total;
    }
    before += lengths[i];
  }
  return [best, side, along];
}

const smooth = (t: number): number => (t <= 0 ? 0 : t >= 1 ? 1 : t * t * (3 - 2 * t));

/** Seeded value noise on a lattice, summed over octaves (result roughly in [−1, 1]). */
class Noise {
  private readonly table = new Float32Array(4096);
  constructor(rng: Random) {
    for (let i = 0; i < this.table.length; i++) this.table[i] = rng.range(-1, 1);
  }
  private lattice(i: number, j: number): number {
    const h = Math.imul(i, 374761393) + Math.imul(j, 668265263);
    return this.table[(Math.imul(h ^ (h >>> 13), 1274126177) >>> 20) & 4095];
  }
  private value(x: number, y: number): number {
    const i = Math.floor(x);
    const j = Math.floor(y);
    const u = smooth(x - i);
    const v = smooth(y - j);
    const a = this.lattice(i, j) + (this.lattice(i + 1, j) - this.lattice(i, j)) * u;
    const b = this.lattice(i, j + 1) + (this.lattice(i + 1, j + 1) - this.lattice(i, j + 1)) * u;
    return a + (b - a) * v;
  }
  /** Fractal noise at (x, y) in lattice units of the largest octave. */
  fbm(x: number, y: number, octaves: number): number {
    let sum = 0;
    let amp = 0.5;
    let f = 1;
    for (let o = 0; o < octaves; o++) {
      sum += amp * this.value(x * f + o * 17.3, y * f - o * 9.1);
      amp *= 0.5;
      f *= 2.03;
    }
    return sum;
  }
}

/** The elevation model: a deterministic function of position for one seed. */
export class Relief {
  private readonly noise: Noise;
  constructor(seed: number) {
    this.noise = new Noise(new Random(seed, 7));
  }

  /** Elevation at a WGS84 point, metres. */
  elevation(lon: number, lat: number): number {
    const [dRiver, side, along] = riverFrame(lon, lat);
    // Plateau falling gently from the north-east (Luxi, ~1,900 m) towards the river.
    let h = 1650 + 180 * (lat - 23.5) + 60 * (lon - 103);
    // Ailao massif south-west of the river; Gejiu–Pingbian highlands on the other bank.
    if (side < 0) h += 950 * smooth(dRiver / 28);
    else h += 350 * smooth(dRiver / 20) * smooth((24.0 - lat) / 0.6);
    const rugged = 0.5 + smooth((h - 1300) / 1200);
    h += 650 * rugged * this.noise.fbm(lon * 9, lat * 9, 7);
    for (const [bx, by, r, floor] of BASINS) {
      const d = Math.hypot((lon - bx) * kmPerDegLon(lat), (lat - by) * KM_PER_DEG);
      const w = Math.exp(-((d / r) ** 4));
      h = h * (1 - w) + (floor + 25 * this.noise.fbm(lon * 40, lat * 40, 2)) * w;
    }
    // The river valley: a deep V whose floor falls downstream.
    const floor = RIVER_TOP_M + (RIVER_MOUTH_M - RIVER_TOP_M) * along;
    const v = 1 - Math.exp(-((dRiver / 11) ** 1.6));
    h = floor + Math.max(0, h - floor) * v;
    return Math.max(floor, h);
  }

  /** Samples the model on a north-up grid covering bbox [w, s, e, n] with square cells of `cell` degrees. */
  grid(bbox: readonly number[], cell: number): ElevationGrid {
    const [w, s, e, n] = bbox;
    const width = Math.ceil((e - w) / cell);
    const height = Math.ceil((n - s) / cell);
    const values = new Float32Array(width * height);
    for (let j = 0; j < height; j++) {
      const lat = n - (j + 0.5) * cell;
      for (let i = 0; i < width; i++) values[j * width + i] = this.elevation(w + (i + 0.5) * cell, lat);
    }
    return { width, height, west: w, north: n, dx: cell, dy: cell, values };
  }
}

/** Encodes a grid as a single-band Float32 GeoTIFF in EPSG:4326 (pixel-is-area, north-up). */
export function geoTiff(grid: ElevationGrid): Uint8Array {
  const buf = writeArrayBuffer(grid.values, {
    width: grid.width,
    height: grid.height,
    BitsPerSample: [32],
    SampleFormat: [3],
    SamplesPerPixel: 1,
    PhotometricInterpretation: 1,
    ModelPixelScale: [grid.dx, grid.dy, 0],
    ModelTiepoint: [0, 0, 0, grid.west, grid.north, 0],
    GeographicTypeGeoKey: 4326,
    GeogCitationGeoKey: 'WGS 84',
    GTModelTypeGeoKey: 2,
    GTRasterTypeGeoKey: 1,
    GDAL_NODATA: '-9999',
  } as Parameters<typeof writeArrayBuffer>[1]);
  return new Uint8Array(buf);
}
