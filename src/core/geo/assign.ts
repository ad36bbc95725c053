// Which area each point lies in: the one rule for placing households and facilities in
// communities. Geometry decides; a code the file gives (community_code) is only a hint, taken
// when the point really lies in that area, which spares the search for most points.
import Flatbush from 'flatbush';
import type { AreaLayer } from '../types.ts';
import { pointInFeature } from './pip.ts';

/** Index of the area containing each WGS84 point (first match in layer order), −1 when none.
 *  `claimed[i]` (optional, −1: none) is the area a file names for point i; it stands only when
 *  the point lies inside it (where areas overlap, either is a true answer), otherwise the point
 *  is placed by search like any other. */
export function assignToAreas(coords: Float64Array, areas: AreaLayer, claimed?: ArrayLike<number>): Int32Array {
  const n = coords.length / 2;
  const out = new Int32Array(n).fill(-1);
  if (areas.count === 0 || n === 0) return out;
  const set = areas.polygons;
  let index: Flatbush | null = null;
  for (let i = 0; i < n; i++) {
    const x = coords[2 * i],
      y = coords[2 * i + 1];
    const c = claimed ? claimed[i] : -1;
    if (c >= 0 && c < areas.count && pointInFeature(set, c, x, y)) {
      out[i] = c;
      continue;
    }
    index ??= buildIndex(areas);
    for (const f of index.search(x, y, x, y).sort((a, b) => a - b)) {
      if (pointInFeature(set, f, x, y)) {
        out[i] = f;
        break;
      }
    }
  }
  return out;
}

function buildIndex(areas: AreaLayer): Flatbush {
  const set = areas.polygons;
  const index = new Flatbush(areas.count);
  for (let f = 0; f < areas.count; f++) {
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    const r0 = set.polyRingStart[set.featurePolyStart[f]];
    const r1 = set.polyRingStart[set.featurePolyStart[f + 1]];
    for (let i = set.ringStart[r0]; i < set.ringStart[r1]; i++) {
      const x = set.coords[2 * i],
        y = set.coords[2 * i + 1];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    // A feature without vertices gets a box far outside WGS84 so no point ever hits it.
    if (minX > maxX) {
      minX = maxX = minY = maxY = -1e6;
    }
    index.add(minX, minY, maxX, maxY);
  }
  index.finish();
  return index;
}
