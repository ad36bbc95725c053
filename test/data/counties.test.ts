// The real county polygons go through the product's own GCJ-02 → WGS84 conversion and must
// land within a few metres of the reference WGS84 copy (converted independently).
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { multiPolygonToWgs84 } from '../../data/generator/counties.ts';
import { distanceKm } from '../../data/generator/geometry.ts';
import { readReference } from '../../data/generator/sources.ts';

const gcj = JSON.parse(readReference('honghe_counties_datav_full_gcj02.geojson')) as FeatureCollection<MultiPolygon>;
const ref = JSON.parse(readReference('honghe_counties_datav_full_wgs84.geojson')) as FeatureCollection<MultiPolygon>;

describe('county polygons GCJ-02 → WGS84', () => {
  it('matches the reference WGS84 copy within 2 m at every one of the 4,127 vertices', () => {
    let worst = 0;
    let n = 0;
    gcj.features.forEach((f, i) => {
      expect(ref.features[i].properties!.adcode).toBe(f.properties!.adcode);
      const got = multiPolygonToWgs84(f.geometry);
      const want = ref.features[i].geometry.coordinates;
      got.forEach((poly, p) =>
        poly.forEach((ring, r) =>
          ring.forEach(([x, y], v) => {
            const [wx, wy] = want[p][r][v];
            worst = Math.max(worst, distanceKm(x, y, wx, wy) * 1000);
            n++;
          }),
        ),
      );
    });
    expect(n).toBe(4127);
    expect(worst).toBeLessThan(2);
  });

  it('moves every vertex by the GCJ-02 offset (~0.15–0.4 km), not zero', () => {
    const [x, y] = gcj.features[0].geometry.coordinates[0][0][0];
    const [wx, wy] = multiPolygonToWgs84(gcj.features[0].geometry)[0][0][0];
    const km = distanceKm(x, y, wx, wy);
    expect(km).toBeGreaterThan(0.15);
    expect(km).toBeLessThan(0.5);
  });
});
