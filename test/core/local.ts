// Hand-made fixtures drawn in metres around (103°E, 23°N), converted to WGS84 degrees.
import { M_PER_DEG } from '../../src/core/geo/distance.ts';
import { mPerDegLon } from '../../src/core/geo/project.ts';
import type { LineLayer } from '../../src/core/types.ts';
import type { Layers } from '../../src/core/analysis/command.ts';
import { typeIndex } from '../../src/core/catalogue.ts';

export const LON0 = 103,
  LAT0 = 23;
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
  const coords: number[] = [],
    start = [0];
  for (const l of ls) {
    for (const [x, y] of l) coords.push(...at(x, y));
    start.push(coords.length / 2);
  }
  return { coords: Float64Array.from(coords), lineStart: Uint32Array.from(start), ...(z ? { z: Float32Array.from(z.flat()) } : {}) };
}

/** Polylines in metres: `lanes` (two-point lines a→b), then a street grid every `step` metres
 *  over `size` × `size` from the origin, a west–east and a south–north street per step. */
export function streets(step: number, size: number, lanes: [number, number, number, number][] = []): [number, number][][] {
  const out: [number, number][][] = lanes.map(([ax, ay, bx, by]) => [
    [ax, ay],
    [bx, by],
  ]);
  for (let k = 0; k <= size / step; k++)
    out.push(
      [
        [0, k * step],
        [size, k * step],
      ],
      [
        [k * step, 0],
        [k * step, size],
      ],
    );
  return out;
}

const oneCommunity = {
  count: 1,
  codes: ['c'],
  names: ['c'],
  parentCodes: [''],
  urban: new Uint8Array(1),
  polygons: {
    coords: new Float64Array(0),
    ringStart: new Uint32Array(1),
    polyRingStart: new Uint32Array(1),
    featurePolyStart: new Uint32Array(2),
  },
};

/** Layers of one household per point in `homes` and fitness sites at `facilities` (one community). */
export function fitnessLayers(homes: Float64Array, facilities: Float64Array, network?: LineLayer): Layers {
  const n = homes.length / 2,
    m = facilities.length / 2;
  return {
    communities: oneCommunity,
    households: { count: n, coords: homes, households: new Float32Array(n).fill(1), community: new Int32Array(n) },
    facilities: {
      count: m,
      coords: facilities,
      type: new Uint8Array(m).fill(typeIndex('fitness')),
      ids: [],
      names: [],
      area: new Float32Array(m),
    },
    ...(network ? { network } : {}),
  };
}
