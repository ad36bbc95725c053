// Local planar coordinates (metres) around a reference latitude: an equirectangular projection
// that is accurate to well under 1% over a few kilometres, which is all snapping and grids need.
import { M_PER_DEG } from './distance.ts';

/** Metres per degree of longitude at latitude `lat` (degrees). */
export function mPerDegLon(lat: number): number {
  return M_PER_DEG * Math.cos((lat * Math.PI) / 180);
}

/** Squared planar distance (m²) from point p to segment a–b, all in WGS84 degrees, measured in the
 *  local projection centred on p; `out[0]` receives the position along the segment (0 at a, 1 at b). */
export function pointSegmentDist2(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  kx: number,
  out: Float64Array,
): number {
  const ux = (ax - px) * kx,
    uy = (ay - py) * M_PER_DEG;
  const vx = (bx - px) * kx,
    vy = (by - py) * M_PER_DEG;
  const dx = vx - ux,
    dy = vy - uy;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? -(ux * dx + uy * dy) / len2 : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  out[0] = t;
  const cx = ux + t * dx,
    cy = uy + t * dy;
  return cx * cx + cy * cy;
}
