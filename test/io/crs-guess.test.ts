// Guessing the CRS from coordinate ranges, on hand-made coordinates and on each fixture.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crsToEpsg, fromWgs84, gk3, gk6 } from '../../src/io/crs.ts';
import { guessCrs } from '../../src/io/crs-guess.ts';
import { eachPosition } from '../../src/io/positions.ts';
import { readShapefileZip } from '../../src/io/shapefile.ts';

const IN = join(import.meta.dirname, '../fixtures/in');
const honghe = [103.38, 23.37, 102.82, 23.62, 102.42, 23.37, 103.96, 22.51];

describe('guessCrs', () => {
  it('lon/lat in Honghe: WGS84 first, GCJ-02 and BD-09 offered', () => {
    expect(guessCrs(honghe).map((c) => [c.crs.kind, c.reason])).toEqual([
      ['wgs84', 'lonlat_in_honghe'],
      ['gcj02', 'web_map_offset'],
      ['bd09', 'web_map_offset'],
    ]);
  });

  it('lat/lon swapped', () => {
    const swapped = honghe.map((_, i) => honghe[i % 2 ? i - 1 : i + 1]);
    expect(guessCrs(swapped)[0]).toMatchObject({ reason: 'latlon_swapped', swapped: true });
  });

  it('8-digit x: the prefix names the zone (3° and 6°)', () => {
    expect(guessCrs(fromWgs84(gk3(105, true))(honghe))[0]).toEqual({ crs: gk3(105, true), reason: 'gk_zone_prefix' });
    expect(guessCrs(fromWgs84(gk6(105, true))(honghe))[0]).toEqual({ crs: gk6(105, true), reason: 'gk_zone_prefix' });
  });

  it('6-digit x: the central meridian that lands in Honghe wins', () => {
    const west = [102.4, 23.4, 102.8, 23.6];
    const east = [103.9, 22.6, 104.1, 23.0];
    expect(guessCrs(fromWgs84(gk3(102))(west))[0]).toEqual({ crs: gk3(102), reason: 'gk_in_honghe' });
    expect(guessCrs(fromWgs84(gk3(105))(east))[0]).toEqual({ crs: gk3(105), reason: 'gk_in_honghe' });
  });

  it('Web Mercator metres', () => {
    expect(guessCrs(fromWgs84({ kind: 'webmercator' })(honghe))[0]).toEqual({ crs: { kind: 'webmercator' }, reason: 'webmercator_range' });
  });

  it('one stray row does not change the answer', () => {
    expect(guessCrs([...honghe, ...honghe, 103.2, 123.4])[0].crs.kind).toBe('wgs84');
  });

  it('nothing known fits: empty', () => {
    expect(guessCrs([5e9, 5e9, 6e9, 6e9])).toEqual([]);
    expect(guessCrs([NaN, NaN])).toEqual([]);
    expect(guessCrs([])).toEqual([]);
  });

  it('on each shapefile fixture, ignoring its .prj', () => {
    const expected: Record<string, number> = {
      'villages_gk102_cpg.zip': 4543,
      'villages_gk102_nocpg.zip': 4543,
      'villages_gk34_prefix.zip': 4522,
      'villages_gk105_noprj.zip': 4544,
    };
    for (const [name, code] of Object.entries(expected)) {
      const raw = readShapefileZip(new Uint8Array(readFileSync(join(IN, name))), name, { maxBytes: 1e8 });
      const xy: number[] = [];
      for (const f of raw.features) eachPosition(f.geometry, (x, y) => xy.push(x, y));
      expect(crsToEpsg(guessCrs(xy)[0].crs), name).toBe(code);
    }
  });
});
