import { describe, expect, it } from 'vitest';
import type { Point, Polygon } from 'geojson';
import { readFgb } from '../../../src/io/fgb.ts';
import { toFgbBytes } from '../../../src/io/export/fgb.ts';
import { toGeoJsonBytes } from '../../../src/io/export/geojson.ts';
import type { SiteRow } from '../../../src/core/siting/site-rows.ts';
import { siteColumns } from '../../../src/io/export/tables.ts';
import type { ColumnSpec } from '../../../src/io/export/columns.ts';

const sites: SiteRow[] = [
  {
    rank: 1,
    type: 'fitness',
    lon: 103.123456789,
    lat: 23.987654321,
    countyName: '蒙自市',
    communityCode: '532503001001',
    communityName: '文澜社区',
    added: 420,
    measure: 'households',
    shareAfter: 0.5,
  },
  {
    rank: 2,
    type: 'fitness',
    lon: 103.2,
    lat: 23.1,
    countyName: '',
    communityCode: '',
    communityName: '',
    added: 80,
    measure: 'households',
    shareAfter: NaN,
  },
];
const point = (s: SiteRow): Point => ({ type: 'Point', coordinates: [s.lon, s.lat] });

describe('toGeoJsonBytes', () => {
  it('writes a FeatureCollection with column keys, nulls for missing numbers, 7-decimal coordinates', () => {
    const fc = JSON.parse(new TextDecoder().decode(toGeoJsonBytes(sites, siteColumns(), point)));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(2);
    expect(fc.features[0].geometry).toEqual({ type: 'Point', coordinates: [103.1234568, 23.9876543] });
    expect(fc.features[0].properties).toEqual({
      rank: 1,
      type: '全民健身场地设施',
      county: '蒙自市',
      community: '文澜社区',
      lon: 103.123457,
      lat: 23.987654,
      added: 420,
      measure: '户',
      share_after: 0.5,
    });
    expect(fc.features[1].properties.share_after).toBeNull();
    expect(fc.features[1].properties.county).toBe('');
  });

  it('leaves out rows without geometry', () => {
    const fc = JSON.parse(new TextDecoder().decode(toGeoJsonBytes(sites, siteColumns(), (s) => (s.rank === 2 ? null : point(s)), 'en')));
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0].properties.type).toBe('Fitness site');
  });
});

describe('toFgbBytes', () => {
  it('round-trips points through readFgb', async () => {
    const back = await readFgb(toFgbBytes(sites, siteColumns(), point));
    expect(back.features).toHaveLength(2);
    expect(back.features[0].geometry).toEqual({ type: 'Point', coordinates: [103.123456789, 23.987654321] });
    expect(back.features[0].properties).toEqual({
      rank: 1,
      type: '全民健身场地设施',
      county: '蒙自市',
      community: '文澜社区',
      lon: 103.123457,
      lat: 23.987654,
      added: 420,
      measure: '户',
      share_after: 0.5,
    });
    expect(back.features[1].properties!.share_after).toBeNaN();
  });

  it('round-trips polygons with a text column that is missing in the first row', async () => {
    type R = { name: string | null; share: number; ring: number[][] };
    const cols: ColumnSpec<R>[] = [
      { key: 'name', zh: '名称', en: 'name', value: (r) => r.name },
      { key: 'share', zh: '覆盖率', en: 'share', value: (r) => r.share, format: 'percent' },
    ];
    const rows: R[] = [
      {
        name: null,
        share: NaN,
        ring: [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      },
      {
        name: '新寨',
        share: 0.25,
        ring: [
          [2, 2],
          [3, 2],
          [3, 3],
          [2, 2],
        ],
      },
    ];
    const poly = (r: R): Polygon => ({ type: 'Polygon', coordinates: [r.ring] });
    const back = await readFgb(toFgbBytes(rows, cols, poly));
    expect(back.features.map((f) => (f.geometry as Polygon).coordinates)).toEqual([[rows[0].ring], [rows[1].ring]]);
    expect(back.features[0].properties!.name).toBeUndefined();
    expect(back.features[0].properties!.share).toBeNaN();
    expect(back.features[1].properties).toEqual({ name: '新寨', share: 0.25 });
  });

  it('refuses an export with no geometry', () => {
    expect(() => toFgbBytes(sites, siteColumns(), () => null)).toThrow(/no feature/);
  });
});
