// Facilities of every catalogue type with real gaps; a connected walking network; a DEM shaped
// like Honghe's relief; a manifest that describes the files actually written.
import { readFileSync } from 'node:fs';
import type { Feature, LineString, MultiPolygon, Point } from 'geojson';
import { fromArrayBuffer } from 'geotiff';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_TYPES } from '../../src/core/catalogue.ts';
import { DEMO, demoFeatures, inside } from './demo-files.ts';
import { linesFromFeatures } from '../../src/io/features.ts';
import { DEFAULT_ROAD_CLASSES, lookupClass } from '../../src/core/travel/road-class.ts';

let communities: Feature<MultiPolygon>[];
let facilities: Feature<Point>[];
let roads: Feature<LineString>[];
beforeAll(async () => {
  communities = await demoFeatures<MultiPolygon>('communities.fgb');
  facilities = await demoFeatures<Point>('facilities.fgb');
  roads = await demoFeatures<LineString>('roads.fgb');
});

describe('demo facilities', () => {
  it('has every catalogue type, each with a county where under half the communities host one', () => {
    const countyOf = new Map(communities.map((c) => [c.properties!.code as string, c.properties!.county_code as string]));
    const perCounty = new Map<string, number>();
    for (const c of communities) perCounty.set(c.properties!.county_code, (perCounty.get(c.properties!.county_code) ?? 0) + 1);
    for (const t of BUILT_IN_TYPES) {
      const of = facilities.filter((f) => f.properties!.type === t.code);
      expect(of.length, t.code).toBeGreaterThan(20);
      const hosts = new Map<string, Set<string>>();
      for (const f of of) {
        const county = countyOf.get(f.properties!.community_code)!;
        if (!hosts.has(county)) hosts.set(county, new Set());
        hosts.get(county)!.add(f.properties!.community_code);
      }
      const shares = [...perCounty].map(([county, n]) => (hosts.get(county)?.size ?? 0) / n);
      expect(Math.min(...shares), t.code).toBeLessThan(0.5);
      expect(Math.max(...shares), t.code).toBeGreaterThan(0.15);
    }
  });

  it('places each facility in its community, with unique ids, a name and a floor area', () => {
    const poly = new Map(communities.map((c) => [c.properties!.code as string, c.geometry.coordinates]));
    expect(new Set(facilities.map((f) => f.properties!.id)).size).toBe(facilities.length);
    for (const f of facilities) {
      const [x, y] = f.geometry.coordinates;
      expect(inside(x, y, poly.get(f.properties!.community_code)!)).toBe(true);
      expect(f.properties!.name.length).toBeGreaterThan(2);
      expect(f.properties!.area_m2).toBeGreaterThan(0);
    }
    // Some service centres fall below the plan's 30 m² per 100 households, most do not.
    const hh = new Map(communities.map((c) => [c.properties!.code as string, c.properties!.households as number]));
    const centres = facilities.filter((f) => f.properties!.type === 'service_center');
    const below = centres.filter((f) => f.properties!.area_m2 < (30 * hh.get(f.properties!.community_code)!) / 100).length;
    expect(below).toBeGreaterThan(0.05 * centres.length);
    expect(below).toBeLessThan(0.7 * centres.length);
  });
});

describe('demo walking network', () => {
  it('uses the three classes and stays within a few hundred thousand vertices', () => {
    const classes = new Set(roads.map((r) => r.properties!.class));
    expect([...classes].sort()).toEqual(['path', 'road', 'street']);
    const vertices = roads.reduce((s, r) => s + r.geometry.coordinates.length, 0);
    expect(vertices).toBeLessThan(400_000);
    for (const r of roads) expect(r.geometry.coordinates.length).toBeGreaterThanOrEqual(2);
  });

  it('reads as road classes of the class table (paths walked at 0.9, not driven; none unknown)', () => {
    const lines = linesFromFeatures({ type: 'FeatureCollection', features: roads });
    expect([...lines.classNames!].sort()).toEqual(['', 'path', 'road', 'street']);
    expect(lines.classNames!.filter((c) => c && !lookupClass(DEFAULT_ROAD_CLASSES, c))).toEqual([]);
    expect(lookupClass(DEFAULT_ROAD_CLASSES, 'path')).toEqual({ walk: true, walkFactor: 0.9, vehicleKmh: 0 });
    const pathIndex = lines.classNames!.indexOf('path');
    expect(Array.from(lines.lineClass!).filter((c) => c === pathIndex).length).toBe(
      roads.filter((r) => r.properties!.class === 'path').length,
    );
  });

  it('joins lines at exact shared end vertices into one main network reaching most settlements', () => {
    const id = new Map<string, number>();
    const key = (p: number[]): number => {
      const k = `${p[0]},${p[1]}`;
      if (!id.has(k)) id.set(k, id.size);
      return id.get(k)!;
    };
    const ends = roads.map((r) => [key(r.geometry.coordinates[0]), key(r.geometry.coordinates.at(-1)!)]);
    const parent = Array.from({ length: id.size }, (_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
    for (const [a, b] of ends) parent[find(a)] = find(b);
    const sizes = new Map<number, number>();
    for (const [a] of ends) sizes.set(find(a), (sizes.get(find(a)) ?? 0) + 1);
    const main = [...sizes].sort((x, y) => y[1] - x[1])[0][0];
    const seatsOnMain = communities.filter((c) => {
      const k = id.get(`${c.properties!.seat_lon},${c.properties!.seat_lat}`);
      return k !== undefined && find(k) === main;
    }).length;
    expect(seatsOnMain / communities.length).toBeGreaterThan(0.95);
  });
});

describe('demo DEM', () => {
  it('is a Float32 EPSG:4326 GeoTIFF over the prefecture with Honghe-like relief', async () => {
    const bytes = readFileSync(DEMO + 'dem.tif');
    const image = await (await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length))).getImage();
    expect(image.getGeoKeys()?.GeographicTypeGeoKey).toBe(4326);
    expect(image.getSampleFormat()).toBe(3);
    expect(image.getBitsPerSample()).toBe(32);
    const [w, s, e, n] = image.getBoundingBox();
    expect(w).toBeLessThan(101.8);
    expect(s).toBeLessThan(22.45);
    expect(e).toBeGreaterThan(104.28);
    expect(n).toBeGreaterThan(24.76);
    const [dx] = image.getResolution();
    expect(dx).toBeGreaterThanOrEqual(0.002);
    expect(dx).toBeLessThanOrEqual(0.004);
    const values = (await image.readRasters())[0] as Float32Array;
    const at = (lon: number, lat: number): number => values[Math.floor((n - lat) / dx) * image.getWidth() + Math.floor((lon - w) / dx)];
    expect(at(103.96, 22.51)).toBeLessThan(300); // Hekou, Red River
    expect(at(103.38, 23.37)).toBeGreaterThan(1100); // Mengzi basin
    expect(at(103.38, 23.37)).toBeLessThan(1450);
    expect(at(102.75, 22.95)).toBeGreaterThan(1800); // Ailao massif, Yuanyang/Lüchun
    expect(Math.max(...values.filter((_, i) => i % 7 === 0))).toBeLessThan(3300);
  });
});

describe('demo manifest', () => {
  it('records the seed, the counts and the byte size of every file', () => {
    const m = JSON.parse(readFileSync(DEMO + 'manifest.json', 'utf8'));
    expect(Number.isInteger(m.seed)).toBe(true);
    expect(m.counts).toMatchObject({ counties: 13, townships: 139, communities: 1363 });
    expect(m.counts.facilities).toBe(facilities.length);
    for (const name of ['counties.fgb', 'townships.fgb', 'communities.fgb', 'households.fgb', 'facilities.fgb', 'roads.fgb', 'dem.tif']) {
      expect(m.sizes[name], name).toBe(readFileSync(DEMO + name).length);
    }
    expect(Object.keys(m.synthetic)).toContain('households.fgb');
  });
});
