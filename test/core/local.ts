// Hand-made fixtures drawn in metres around (103°E, 23°N), converted to WGS84 degrees.
import { M_PER_DEG } from '../../src/core/geo/distance.ts';
import { mPerDegLon } from '../../src/core/geo/project.ts';
import type { LineLayer } from '../../src/core/types.ts';

export const LON0 = 103, LAT0 = 23;
const KX = mPerDegLon(LAT0);

/** WGS84 [lon, lat] of a point x metres east and y metres north of the origin. */
export function at(x: number, y: number): [number, number] {
  return [LON0 + x / KX, LAT0 + y / M_PER_DEG];
}

/** Interleaved WGS84 coordinates of points given in metres. */
export function pts(...xy: [number, number][]): Float64Array {
  return Float64Array.from(xy.flatMap(([x, y]) => at(x, y)));
}

/** A LineLayer from polylines in metres, optional Z per vertex. */
export function lines(ls: [number, number][][], z?: number[][]): LineLayer {
  const coords: number[] = [], start = [0];
  for (const l of ls) { for (const [x, y] of l) coords.push(...at(x, y)); start.push(coords.length / 2); }
  return { coords: Float64Array.from(coords), lineStart: Uint32Array.from(start), ...(z ? { z: Float32Array.from(z.flat()) } : {}) };
}
