// What an OpenStreetMap import is, without its parsers (which load only with a file, io/osm.ts):
// the file names taken, and the extent a network is clipped to (the communities' plus a margin),
// for the CLI and the app alike.
import { searchBox } from '../core/geo/distance.ts';

/** West, south, east, north, WGS84 degrees. */
export type Extent = [number, number, number, number];

/** OSM roads are kept this far beyond the communities' extent, metres: a walk or drive that
 *  starts inside may leave it on the way to a facility. */
export const OSM_MARGIN_M = 5000;

/** True for the names of OSM files the reader takes. */
export function isOsmFile(name: string): boolean {
  return /\.osm(\.pbf)?$|\.pbf$/i.test(name);
}

/** The extent of interleaved lon/lat `coords` grown by `marginM` metres on every side (null
 *  when there are none). */
export function extentWithMargin(coords: ArrayLike<number>, marginM = OSM_MARGIN_M): Extent | null {
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  for (let k = 0; k + 1 < coords.length; k += 2) {
    w = Math.min(w, coords[k]);
    e = Math.max(e, coords[k]);
    s = Math.min(s, coords[k + 1]);
    n = Math.max(n, coords[k + 1]);
  }
  if (!(w <= e)) return null;
  const { dLon, dLat } = searchBox(Math.abs(s) > Math.abs(n) ? s : n, marginM);
  return [w - dLon, s - dLat, e + dLon, n + dLat];
}
