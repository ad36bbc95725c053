// CRS conversions: EPSG table, names, and round trips (property tests over Yunnan) checked
// against the independent Krüger-series oracle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  crsFromEpsg,
  crsLabel,
  crsToEpsg,
  fromWgs84,
  gk3,
  gk6,
  parseCrsName,
  pointFromWgs84,
  sameCrs,
  toWgs84,
  type Crs,
} from '../../src/io/crs.ts';
import { distanceM, tmForward } from '../fixtures/tm-oracle.ts';

const yunnan = fc.tuple(fc.double({ min: 97.5, max: 106.2, noNaN: true }), fc.double({ min: 21.1, max: 29.3, noNaN: true }));

describe('EPSG codes', () => {
  it('maps the CGCS2000 Gauss–Krüger ranges to zones exactly', () => {
    expect(crsFromEpsg(4543)).toEqual({ kind: 'gk', cm: 102, zoneWidth: 3, falseEasting: 500000 });
    expect(crsFromEpsg(4544)).toEqual({ kind: 'gk', cm: 105, zoneWidth: 3, falseEasting: 500000 });
    expect(crsFromEpsg(4522)).toEqual({ kind: 'gk', cm: 102, zoneWidth: 3, falseEasting: 34500000 });
    expect(crsFromEpsg(4523)).toEqual({ kind: 'gk', cm: 105, zoneWidth: 3, falseEasting: 35500000 });
    expect(crsFromEpsg(4513)).toEqual({ kind: 'gk', cm: 75, zoneWidth: 3, falseEasting: 25500000 });
    expect(crsFromEpsg(4554)).toEqual({ kind: 'gk', cm: 135, zoneWidth: 3, falseEasting: 500000 });
    expect(crsFromEpsg(4496)).toEqual({ kind: 'gk', cm: 105, zoneWidth: 6, falseEasting: 18500000 });
    expect(crsFromEpsg(4491)).toEqual({ kind: 'gk', cm: 75, zoneWidth: 6, falseEasting: 13500000 });
    expect(crsFromEpsg(4507)).toEqual({ kind: 'gk', cm: 105, zoneWidth: 6, falseEasting: 500000 });
    expect(crsFromEpsg(4326)).toEqual({ kind: 'wgs84' });
    expect(crsFromEpsg(4490)).toEqual({ kind: 'cgcs2000' });
    expect(crsFromEpsg(3857)).toEqual({ kind: 'webmercator' });
    expect(crsFromEpsg(32648)).toBeNull();
  });

  it('crsToEpsg inverts crsFromEpsg over every supported code', () => {
    for (const code of [4326, 4490, 3857, ...Array.from({ length: 4554 - 4491 + 1 }, (_, i) => 4491 + i)]) {
      expect(crsToEpsg(crsFromEpsg(code)!)).toBe(code);
    }
    expect(crsToEpsg({ kind: 'gcj02' })).toBeNull();
    expect(crsToEpsg({ kind: 'gk', cm: 102, zoneWidth: 3, falseEasting: 400000 })).toBeNull();
  });

  it('parses command-line and GeoJSON names', () => {
    expect(parseCrsName('EPSG:4543')).toEqual(gk3(102));
    expect(parseCrsName('urn:ogc:def:crs:EPSG::4522')).toEqual(gk3(102, true));
    expect(parseCrsName('urn:ogc:def:crs:OGC:1.3:CRS84')).toEqual({ kind: 'wgs84' });
    expect(parseCrsName('gk3:105:prefix')).toEqual(gk3(105, true));
    expect(parseCrsName('gk6:105')).toEqual(gk6(105));
    expect(parseCrsName('GCJ-02')).toEqual({ kind: 'gcj02' });
    expect(parseCrsName('bd09')).toEqual({ kind: 'bd09' });
    expect(parseCrsName('gk3:104')).toBeNull();
    expect(parseCrsName('EPSG:2000')).toBeNull();
    expect(parseCrsName('mars')).toBeNull();
  });

  it('labels name the system and its EPSG code', () => {
    expect(crsLabel(gk3(102))).toBe('CGCS2000 3° GK CM 102°E (EPSG:4543)');
    expect(crsLabel(gk3(105, true))).toBe('CGCS2000 3° GK CM 105°E zone 35 (EPSG:4523)');
    expect(crsLabel({ kind: 'gcj02' })).toBe('GCJ-02');
    expect(sameCrs(gk3(102), gk3(102, true))).toBe(false);
  });
});

describe('Gauss–Krüger through proj4 agrees with the Krüger-series oracle', () => {
  it('forward within 1 mm anywhere in Yunnan, 3° zones at CM 99/102/105/108, with and without prefix', () => {
    fc.assert(
      fc.property(yunnan, fc.constantFrom(99, 102, 105, 108), fc.boolean(), ([lon, lat], cm, prefixed) => {
        const crs = gk3(cm, prefixed);
        const fe = (crs as Extract<Crs, { kind: 'gk' }>).falseEasting;
        const [e, n] = pointFromWgs84(crs)(lon, lat);
        const [oe, on] = tmForward(lon, lat, cm, fe);
        expect(Math.hypot(e - oe, n - on)).toBeLessThan(1e-3);
      }),
    );
  });

  it('Mengzi seat (103.382968E 23.369348N) in CM 102: the oracle value', () => {
    const [e, n] = pointFromWgs84(gk3(102))(103.382968, 23.369348);
    const [oe, on] = tmForward(103.382968, 23.369348, 102, 500000);
    expect(e).toBeCloseTo(oe, 3);
    expect(n).toBeCloseTo(on, 3);
    expect(e).toBeGreaterThan(640000); // about 141 km east of the central meridian
    expect(e).toBeLessThan(642000);
  });
});

describe('round trips', () => {
  const systems: Crs[] = [gk3(102), gk3(105), gk3(102, true), gk6(105), gk6(99, true), { kind: 'webmercator' }, { kind: 'cgcs2000' }];
  it('WGS84 → projected → WGS84 stays within 1 mm (array converters)', () => {
    fc.assert(
      fc.property(fc.array(yunnan, { minLength: 1, maxLength: 20 }), fc.constantFrom(...systems), (pts, crs) => {
        const lonlat = Float64Array.from(pts.flat());
        const back = toWgs84(crs)(fromWgs84(crs)(lonlat));
        for (let i = 0; i < pts.length; i++) {
          expect(distanceM([lonlat[2 * i], lonlat[2 * i + 1]], [back[2 * i], back[2 * i + 1]])).toBeLessThan(1e-3);
        }
      }),
    );
  });

  it('WGS84 → GCJ-02 / BD-09 → WGS84 stays within 1 m', () => {
    fc.assert(
      fc.property(yunnan, fc.constantFrom<Crs>({ kind: 'gcj02' }, { kind: 'bd09' }), ([lon, lat], crs) => {
        const back = toWgs84(crs)(fromWgs84(crs)([lon, lat]));
        expect(distanceM([lon, lat], [back[0], back[1]])).toBeLessThan(1);
      }),
    );
  });

  it('GCJ-02 offset in Honghe is a few hundred metres (not a no-op)', () => {
    const g = fromWgs84({ kind: 'gcj02' })([103.382968, 23.369348]);
    const d = distanceM([103.382968, 23.369348], [g[0], g[1]]);
    expect(d).toBeGreaterThan(200);
    expect(d).toBeLessThan(500);
  });

  it('Web Mercator: the antimeridian is x = 20037508.34 m', () => {
    expect(fromWgs84({ kind: 'webmercator' })([180, 0])[0]).toBeCloseTo(20037508.34, 1);
  });

  it('non-finite input gives NaN, not an exception', () => {
    const out = toWgs84(gk3(102))([NaN, 2600000, Infinity, 1]);
    expect([...out].every(Number.isNaN)).toBe(true);
  });
});
