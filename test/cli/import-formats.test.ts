// The CLI reads every format the app imports: a GBK shapefile in CGCS2000 3° GK, a GCJ-02 CSV
// with Chinese headers, an XLSX facility list whose types are Chinese words.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/analyze.ts';
import { wgs84ToGcj02 } from '../../src/io/crs.ts';
import { matchFacilityType } from '../../src/core/type-words.ts';

const dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
const fx = (f: string) => join('test/fixtures/in', f);
// Metres east of a WGS84 point → lon/lat (local, exact enough at 2 km for a 1 km threshold).
const east = (lon: number, lat: number, m: number): [number, number] => [lon + m / (111320 * Math.cos((lat * Math.PI) / 180)), lat];

describe('analyze on imported formats', () => {
  it('maps fields, converts GCJ-02 and GK, and matches Chinese type values', async () => {
    // Canteen 1 of canteens.xlsx stands at 103.3841E 23.3702N, canteen 4 at 102.4208E 23.3735N.
    const homes: [[number, number], number][] = [
      [east(103.3841, 23.3702, 500), 3], // 5 min away: covered
      [east(103.3841, 23.3702, 2000), 5], // 20 min: not covered
      [east(102.4208, 23.3735, -400), 7], // 4 min: covered
    ];
    const csv = [
      '编号,经度,纬度,户数',
      ...homes.map(([p, h], i) => {
        const [x, y] = wgs84ToGcj02(p[0], p[1]);
        return `${i + 1},${x.toFixed(7)},${y.toFixed(7)},${h}`;
      }),
    ].join('\n');
    writeFileSync(join(dir, 'homes.csv'), csv);
    const out = join(dir, 'out');
    const log: string[] = [];
    const code = await main(
      [
        '--communities',
        fx('villages_gk102_cpg.zip'),
        '--households',
        join(dir, 'homes.csv'),
        '--facilities',
        fx('canteens.xlsx'),
        '--crs',
        'households=gcj02',
        '--field',
        'communities.code=CODE',
        '--field',
        'communities.name=NAME',
        '--field',
        'households.households=户数',
        '--field',
        'facilities.type=类型',
        '--field',
        'facilities.name=名称',
        '--speed-kmh',
        '6',
        '--detour',
        '1',
        '--minutes',
        'elderly_canteen=10',
        '--demand',
        'elderly_canteen=households',
        '--out',
        out,
      ],
      (s) => log.push(s),
    );
    expect(code, log.join('\n')).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.inputs).toEqual({ communities: 6, household_points: 3, facilities: 5 });
    expect(summary.types.elderly_canteen).toMatchObject({ households: 15, covered: 10, facilities: 5 });
    const rows = readFileSync(join(out, 'communities.csv'), 'utf8').split('\n');
    expect(rows[1]).toMatch(/^532503001001,蒙自市观澜社区,/);
    // The xlsx has three bad rows (empty, "待定", Beijing): each reported by row and field.
    expect(log.some((s) => s.includes('canteens.xlsx: skipped row 9, field "经度"'))).toBe(true);
  });

  it('rejects an unknown --crs name as a usage error', async () => {
    const log: string[] = [];
    const code = await main(
      ['--communities', 'a', '--households', 'b', '--facilities', 'c', '--crs', 'households=mars', '--out', dir],
      (s) => log.push(s),
    );
    expect(code).toBe(2);
    expect(log.join('\n')).toContain('--crs: unknown coordinate system "households=mars"');
  });

  it("matches planners' facility-type words onto catalogue codes", () => {
    expect(matchFacilityType('老年食堂')).toBe('elderly_canteen');
    expect(matchFacilityType('长者饭堂')).toBe('elderly_canteen');
    expect(matchFacilityType('社区日间照料中心')).toBe('elderly_daycare');
    expect(matchFacilityType('儿童之家')).toBe('childcare');
    expect(matchFacilityType('全民健身广场')).toBe('fitness');
    expect(matchFacilityType('微型消防站')).toBe('fire_station');
    expect(matchFacilityType('村卫生室')).toBe('health_station');
    expect(matchFacilityType('社区卫生服务站')).toBe('health_station');
    expect(matchFacilityType('党群服务中心')).toBe('service_center');
    expect(matchFacilityType('fitness')).toBe('fitness');
    expect(matchFacilityType('菜市场')).toBeNull();
  });
});
