// Results exported back in the planner's source system read back through the importer at the
// same places: CGCS2000 3° GK (named by EPSG code) and GCJ-02 (named by label).
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { gk3, type Crs } from '../../../src/io/crs.ts';
import { toGeoJsonBytes } from '../../../src/io/export/geojson.ts';
import { loadFile } from '../../../src/io/load.ts';

interface Row {
  code: string;
  ring: number[][];
}
const rows: Row[] = [
  {
    code: '532503001001',
    ring: [
      [103.38, 23.36],
      [103.39, 23.36],
      [103.39, 23.37],
      [103.38, 23.37],
      [103.38, 23.36],
    ],
  },
  {
    code: '532528102203',
    ring: [
      [102.74, 23.11],
      [102.76, 23.11],
      [102.76, 23.13],
      [102.74, 23.11],
    ],
  },
];
const columns = [{ key: 'code', zh: '代码', en: 'code', value: (r: Row) => r.code }];
const polygon = (r: Row): Polygon => ({ type: 'Polygon', coordinates: [r.ring] });

async function roundTrip(crs: Crs) {
  const bytes = toGeoJsonBytes(rows, columns, polygon, 'zh', crs);
  const text = new TextDecoder().decode(bytes);
  return { text, loaded: await loadFile('results.geojson', bytes) };
}

describe('GeoJSON export in the source coordinate system', () => {
  it('writes CGCS2000 3° GK CM 102 in metres, named EPSG:4543, and reads back within a centimetre', async () => {
    const { text, loaded } = await roundTrip(gk3(102));
    expect(JSON.parse(text).crs).toEqual({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4543' } });
    const first = JSON.parse(text).features[0].geometry.coordinates[0][0];
    expect(first[0]).toBeGreaterThan(500000); // east of CM 102: false easting 500 km
    expect(first[1]).toBeGreaterThan(2.5e6);
    expect(loaded.crsSource).toBe('file');
    loaded.features.forEach((f, i) => {
      (f.geometry as Polygon).coordinates[0].forEach(([x, y], k) => {
        expect(Math.abs(x - rows[i].ring[k][0])).toBeLessThan(1e-7);
        expect(Math.abs(y - rows[i].ring[k][1])).toBeLessThan(1e-7);
      });
    });
    expect(loaded.features.map((f) => f.properties?.code)).toEqual(rows.map((r) => r.code));
  });

  it('writes GCJ-02 named by label and reads back within a metre', async () => {
    const { text, loaded } = await roundTrip({ kind: 'gcj02' });
    expect(JSON.parse(text).crs.properties.name).toBe('GCJ-02');
    expect(loaded.crs).toEqual({ kind: 'gcj02' });
    const [x, y] = (loaded.features[0].geometry as Polygon).coordinates[0][0];
    expect(Math.abs(x - 103.38) * 1e5).toBeLessThan(1);
    expect(Math.abs(y - 23.36) * 1.1e5).toBeLessThan(1);
  });

  it('stays RFC 7946 WGS84 without a crs member by default', () => {
    const fc = JSON.parse(new TextDecoder().decode(toGeoJsonBytes(rows, columns, polygon)));
    expect(fc.crs).toBeUndefined();
    expect(fc.features[0].geometry.coordinates[0][0]).toEqual([103.38, 23.36]);
  });
});
