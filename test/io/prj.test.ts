// .prj WKT as written by ArcGIS, QGIS/GDAL and Chinese survey software.
import { describe, expect, it } from 'vitest';
import { gk3, gk6 } from '../../src/io/crs.ts';
import { crsFromWkt } from '../../src/io/prj.ts';

const GEOG =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const esri = (name: string, fe: number, cm: number, k = 1, proj = 'Gauss_Kruger', geog = GEOG) =>
  `PROJCS["${name}",${geog},PROJECTION["${proj}"],PARAMETER["False_Easting",${fe}],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${cm}],PARAMETER["Scale_Factor",${k}],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;

describe('crsFromWkt', () => {
  it('ArcGIS 3° GK names, with and without zone prefix', () => {
    expect(crsFromWkt(esri('CGCS2000_3_Degree_GK_CM_102E', 500000, 102)).crs).toEqual(gk3(102));
    expect(crsFromWkt(esri('CGCS2000_3_Degree_GK_Zone_35', 35500000, 105)).crs).toEqual(gk3(105, true));
  });

  it('ArcGIS 6° GK names', () => {
    expect(crsFromWkt(esri('CGCS2000_GK_CM_105E', 500000, 105)).crs).toEqual(gk6(105));
    expect(crsFromWkt(esri('CGCS2000_GK_Zone_18', 18500000, 105)).crs).toEqual(gk6(105, true));
  });

  it('an EPSG authority on the outer object decides', () => {
    const wkt =
      'PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 105E",GEOGCS["China Geodetic Coordinate System 2000",AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],AUTHORITY["EPSG","4544"]]';
    expect(crsFromWkt(wkt).crs).toEqual(gk3(105));
  });

  it('WKT2 ID', () => {
    expect(
      crsFromWkt('PROJCRS["CGCS2000 / 3-degree Gauss-Kruger zone 34",BASEGEOGCRS["China Geodetic Coordinate System 2000"],ID["EPSG",4522]]')
        .crs,
    ).toEqual(gk3(102, true));
  });

  it('geographic systems and Web Mercator', () => {
    expect(crsFromWkt(GEOG).crs).toEqual({ kind: 'cgcs2000' });
    expect(crsFromWkt('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]]]').crs).toEqual({
      kind: 'wgs84',
    });
    expect(
      crsFromWkt('PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984"],PROJECTION["Mercator_Auxiliary_Sphere"]]').crs,
    ).toEqual({ kind: 'webmercator' });
  });

  it('refuses what it cannot convert exactly, saying which system', () => {
    // Xi'an-80 and Beijing-54 are read now (test/io/old-datums.test.ts); another datum is not.
    const tokyo = esri(
      'Tokyo_GK',
      500000,
      102,
      1,
      'Gauss_Kruger',
      'GEOGCS["GCS_Tokyo",DATUM["D_Tokyo",SPHEROID["Bessel_1841",6377397.155,299.1528128]]]',
    );
    expect(crsFromWkt(tokyo)).toEqual({ crs: null, detail: 'Tokyo_GK' });
    expect(crsFromWkt(esri('UTM_like', 500000, 105, 0.9996, 'Transverse_Mercator')).crs).toBeNull();
    expect(crsFromWkt(esri('odd_cm', 500000, 104)).crs).toBeNull();
    expect(crsFromWkt('garbage').crs).toBeNull();
  });
});
