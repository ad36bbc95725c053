// Hillshade of an elevation grid as RGBA pixels, for an image source under the boundaries.
// Computed once on load; a grey ramp with transparency so the paper background shows on flats.
import type { ElevationGrid } from '../core/types';

const DEG_M = 111_320; // metres per degree of latitude

/** RGBA bytes (width·height·4) shading `grid` with light from the north-west at 45° altitude. */
export function hillshadeRgba(grid: ElevationGrid, exaggeration = 2): Uint8ClampedArray {
  const { width: w, height: h, values } = grid;
  const out = new Uint8ClampedArray(w * h * 4);
  const midLat = (grid.north - (h * grid.dy) / 2) * (Math.PI / 180);
  const cellX = grid.dx * DEG_M * Math.cos(midLat); // metres per cell east–west
  const cellY = grid.dy * DEG_M;
  const az = (315 * Math.PI) / 180;
  const alt = (45 * Math.PI) / 180;
  const at = (i: number, j: number, fallback: number) => {
    const v = values[Math.min(h - 1, Math.max(0, j)) * w + Math.min(w - 1, Math.max(0, i))];
    return Number.isNaN(v) ? fallback : v;
  };
  for (let j = 0; j < h; j++) {
    for (let i = 0; i < w; i++) {
      const z = values[j * w + i];
      const o = (j * w + i) * 4;
      if (Number.isNaN(z)) continue; // transparent
      // Horn's method would be smoother; central differences are enough at display scale.
      const dzdx = ((at(i + 1, j, z) - at(i - 1, j, z)) / (2 * cellX)) * exaggeration;
      const dzdy = ((at(i, j - 1, z) - at(i, j + 1, z)) / (2 * cellY)) * exaggeration; // north positive
      const slope = Math.atan(Math.hypot(dzdx, dzdy));
      const aspect = Math.atan2(-dzdx, -dzdy); // direction the slope faces, clockwise from north
      const shade = Math.cos(alt) * Math.sin(slope) * Math.cos(az - aspect) + Math.sin(alt) * Math.cos(slope);
      // Light slopes fade out, shadowed slopes darken: only the shadow is drawn.
      const dark = Math.max(0, Math.min(1, (Math.sin(alt) - shade) * 1.6 + 0.08));
      out[o] = 60;
      out[o + 1] = 55;
      out[o + 2] = 70;
      out[o + 3] = Math.round(dark * 200);
    }
  }
  return out;
}
