// The synthetic areas partition the real counties: 13 counties, 139 townships, 1,363
// communities, each community inside its county, no overlaps, no holes in the cover.
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../data/generator/random.ts';
import { bbox, covered, demoFeatures, edgeDistance, inside } from './demo-files.ts';

let counties: Feature<MultiPolygon>[];
let townships: Feature<MultiPolygon>[];
let communities: Feature<MultiPolygon>[];
beforeAll(async () => {
  counties = await demoFeatures<MultiPolygon>('counties.fgb');
  townships = await demoFeatures<MultiPolygon>('townships.fgb');
  communities = await demoFeatures<MultiPolygon>('communities.fgb');
});

describe('demo areas', () => {
  it('has the real division counts and codes', () => {
    expect(counties).toHaveLength(13);
    expect(townships).toHaveLength(139);
    expect(communities).toHaveLength(1363);
    expect(communities.filter((c) => c.properties!.urban === 1)).toHaveLength(273);
    const countyCodes = new Set(counties.map((c) => c.properties!.code));
    const townCodes = new Set(townships.map((t) => t.properties!.code));
    for (const t of townships) expect(countyCodes.has(t.properties!.county_code)).toBe(true);
    for (const c of communities) {
      expect(townCodes.has(c.properties!.township_code)).toBe(true);
      expect(String(c.properties!.township_code).startsWith(c.properties!.county_code)).toBe(true);
    }
    expect(new Set(communities.map((c) => c.properties!.code)).size).toBe(1363);
  });

  it('puts every community polygon, and its settlement point, inside its county', () => {
    const byCode = new Map(counties.map((c) => [c.properties!.code as string, c.geometry.coordinates]));
    for (const c of communities) {
      const county = byCode.get(c.properties!.county_code)!;
      for (const poly of c.geometry.coordinates)
        for (const ring of poly)
          for (const [x, y] of ring) {
            expect(covered(x, y, county), `${c.properties!.code} vertex ${x},${y}`).toBe(true);
          }
      expect(inside(c.properties!.seat_lon, c.properties!.seat_lat, c.geometry.coordinates)).toBe(true);
    }
  });

  it('covers each county with its communities and its townships (area within 0.5%)', () => {
    for (const county of counties) {
      const code = county.properties!.code;
      const a = turf.area(county);
      const sumC = communities.filter((c) => c.properties!.county_code === code).reduce((s, c) => s + turf.area(c), 0);
      const sumT = townships.filter((t) => t.properties!.county_code === code).reduce((s, t) => s + turf.area(t), 0);
      expect(Math.abs(sumC / a - 1), `${code} communities`).toBeLessThan(0.005);
      expect(Math.abs(sumT / a - 1), `${code} townships`).toBeLessThan(0.005);
    }
  });

  it('has no overlaps and no gaps: a random point lies in exactly as many communities as counties', () => {
    const boxes = communities.map((c) => bbox(c.geometry.coordinates));
    const [w, s, e, n] = [101.7, 22.4, 104.3, 24.8];
    const rng = new Random(7);
    let tested = 0;
    for (let k = 0; k < 6000; k++) {
      const x = rng.range(w, e);
      const y = rng.range(s, n);
      const inCounties = counties.filter((c) => inside(x, y, c.geometry.coordinates));
      const inCommunities = communities.filter((c, i) => {
        const b = boxes[i];
        return x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3] && inside(x, y, c.geometry.coordinates);
      });
      if (inCounties.some((c) => edgeDistance(x, y, c.geometry.coordinates) < 1e-9)) continue;
      expect(inCommunities.length, `point ${x},${y}`).toBe(inCounties.length);
      if (inCounties.length === 1) {
        expect(inCommunities[0].properties!.county_code).toBe(inCounties[0].properties!.code);
        tested++;
      }
    }
    expect(tested).toBeGreaterThan(2500);
  });
});
