// Beijing-54 and Xi'an-80 Gauss–Krüger files: read with the user's seven parameters, or with the
// published approximation and a visible warning. Expected positions come from PROJ 9 (Debian's
// cs2cs), an implementation independent of proj4js:
//   echo "640090 2585071" | cs2cs -f %.9f +proj=tmerc +lat_0=0 +lon_0=102 +k=1 +x_0=500000 +y_0=0 \
//     +ellps=krass|IAU76 +towgs84=… +units=m +to EPSG:4326
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  APPROX_TOWGS84,
  crsFromEpsg,
  crsLabel,
  crsToEpsg,
  gk3,
  gk6,
  parseCrsName,
  pointFromWgs84,
  pointToWgs84,
  type Crs,
} from '../../src/io/crs.ts';
import { loadFile } from '../../src/io/load.ts';
import { formatWarning } from '../../src/io/messages.ts';
import { crsFromWkt } from '../../src/io/prj.ts';

const X = 640090,
  Y = 2585071;
const EPSG_15919 = [15.53, -113.82, -41.38, 0, 0, 0.814, -0.38];

describe("Beijing-54 and Xi'an-80 Gauss–Krüger", () => {
  it("converts as PROJ does: approximate Beijing-54, seven parameters, Xi'an-80 ellipsoid only", () => {
    const cases: [Crs, number, number][] = [
      [gk3(102, false, 'beijing54'), 103.370172993, 23.359475226],
      [{ ...gk3(102, false, 'beijing54'), towgs84: EPSG_15919 } as Crs, 103.370309904, 23.35967291],
      [gk3(102, false, 'xian80'), 103.370000753, 23.359993421],
    ];
    for (const [crs, lon, lat] of cases) {
      const [x, y] = pointToWgs84(crs)(X, Y);
      expect(x, crsLabel(crs)).toBeCloseTo(lon, 8); // 1e-8° ≈ 1 mm
      expect(y, crsLabel(crs)).toBeCloseTo(lat, 8);
    }
    // The datum matters here: the same numbers on CGCS2000 land ≈ 55 m away.
    const [cx, cy] = pointToWgs84(gk3(102))(X, Y);
    expect(Math.hypot((cx - 103.370172993) * 102200, (cy - 23.359475226) * 110700)).toBeGreaterThan(30);
  });

  it('round-trips through the seven-parameter conversion to a millimetre', () => {
    const crs = { ...gk6(105, true, 'xian80'), towgs84: [24, -123, -94, 0.02, -0.25, -0.13, 1.1] } as Crs;
    fc.assert(
      fc.property(fc.double({ min: 102, max: 108, noNaN: true }), fc.double({ min: 21.1, max: 29.3, noNaN: true }), (lon, lat) => {
        const [x, y] = pointFromWgs84(crs)(lon, lat);
        const [lon2, lat2] = pointToWgs84(crs)(x, y);
        expect(Math.abs(lon2 - lon) * 1e5).toBeLessThan(1e-3);
        expect(Math.abs(lat2 - lat) * 1e5).toBeLessThan(1e-3);
      }),
    );
  });

  it('knows their EPSG codes both ways (3° and 6°, zone prefix or not)', () => {
    const codes: [number, Crs][] = [
      [2431, gk3(102, false, 'beijing54')],
      [2410, gk3(102, true, 'beijing54')],
      [21477, gk6(99, false, 'beijing54')],
      [21418, gk6(105, true, 'beijing54')],
      [2379, gk3(102, false, 'xian80')],
      [2358, gk3(102, true, 'xian80')],
      [2342, gk6(99, false, 'xian80')],
      [2332, gk6(105, true, 'xian80')],
      [4543, gk3(102)],
    ];
    for (const [code, crs] of codes) {
      expect(crsFromEpsg(code), String(code)).toEqual(crs);
      expect(crsToEpsg(crs), String(code)).toBe(code);
    }
  });

  it('parses names with seven parameters and refuses impossible ones', () => {
    expect(parseCrsName('bj54:gk3:102')).toEqual(gk3(102, false, 'beijing54'));
    expect(parseCrsName('xian80:gk6:105:prefix')).toEqual(gk6(105, true, 'xian80'));
    expect(parseCrsName(`bj54:gk3:102+towgs84=${EPSG_15919.join(',')}`)).toEqual({ ...gk3(102, false, 'beijing54'), towgs84: EPSG_15919 });
    expect(parseCrsName('bj54:gk3:102+towgs84=1,2,3')).toBeNull(); // three numbers are not seven
    expect(parseCrsName('bj54:gk3:102+towgs84=5000,0,0,0,0,0,0')).toBeNull(); // a 5 km shift is no datum shift
    expect(parseCrsName('gk3:102+towgs84=1,2,3,0,0,0,0')).toBeNull(); // CGCS2000 needs none
  });

  it('reads them from ESRI .prj text by name and ellipsoid', () => {
    const bj =
      'PROJCS["Beijing_1954_3_Degree_GK_CM_102E",GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",102.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    expect(crsFromWkt(bj).crs).toEqual(gk3(102, false, 'beijing54'));
    const xa = bj.replace(/Beijing_1954/g, 'Xian_1980').replace('Krasovsky_1940",6378245.0,298.3', 'Xian_1980",6378140.0,298.257');
    expect(crsFromWkt(xa).crs).toEqual(gk3(102, false, 'xian80'));
  });

  it('warns of the approximation, and not once the user gives the seven parameters', async () => {
    const fcText = JSON.stringify({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2431' } },
      features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [X, Y] } }],
    });
    const bytes = new TextEncoder().encode(fcText);
    const approx = await loadFile('bj54.geojson', bytes);
    const w = approx.report.warnings.find((x) => x.key === 'datum_approximate');
    expect(w).toBeDefined();
    expect(formatWarning(w!, 'zh')).toContain('Beijing-54 3° GK CM 102°E (EPSG:2431) 按公开的近似参数换算到 WGS84');
    expect(APPROX_TOWGS84.beijing54).toEqual([15.8, -154.4, -82.3, 0, 0, 0, 0]);
    const exact = await loadFile('bj54.geojson', bytes, { crs: { ...gk3(102, false, 'beijing54'), towgs84: EPSG_15919 } as Crs });
    expect(exact.report.warnings.some((x) => x.key === 'datum_approximate')).toBe(false);
    const p = exact.features[0].geometry as GeoJSON.Point;
    expect(p.coordinates[0]).toBeCloseTo(103.370309904, 8);
  });
});
