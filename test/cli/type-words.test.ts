// One table of facility-type words (core/type-words.ts), and both ways in: the CLI reading a
// facility file and the import dialog's value map (guessMapping → canonicalFeatures) turn the
// same words into the same catalogue codes.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature } from 'geojson';
import { guessMapping, canonicalFeatures, fieldsOf } from '../../src/analysis/project';
import { main } from '../../src/cli/analyze.ts';
import { BUILT_IN_TYPES } from '../../src/core/catalogue.ts';
import { matchFacilityType } from '../../src/core/type-words.ts';
import { at } from '../core/local.ts';

// Planners' words and the code each means; the first copies disagreed on 养老服务中心 (an
// elderly day-care centre, not the general service centre) and the CLI refused 社区餐厅, 托儿所, gym.
const WORDS: [string, string][] = [
  ['养老服务中心', 'elderly_daycare'],
  ['社区养老服务站', 'elderly_daycare'],
  ['社区餐厅', 'elderly_canteen'],
  ['托儿所', 'childcare'],
  ['gym', 'fitness'],
  ['老年食堂', 'elderly_canteen'],
  ['长者饭堂', 'elderly_canteen'],
  ['社区日间照料中心', 'elderly_daycare'],
  ['Elderly day care', 'elderly_daycare'],
  ['child day care', 'childcare'],
  ['儿童之家', 'childcare'],
  ['全民健身广场', 'fitness'],
  ['微型消防站', 'fire_station'],
  ['村卫生室', 'health_station'],
  ['社区卫生服务站', 'health_station'],
  ['党群服务中心', 'service_center'],
  ['Community service centre', 'service_center'],
  ['elderly_canteen', 'elderly_canteen'],
  ['FITNESS', 'fitness'],
  ['托育服务/儿童之家', 'childcare'],
];
const point = (i: number, properties: Record<string, unknown>): Feature => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Point', coordinates: at(100 + 10 * i, 100) },
});
const facilities = WORDS.map(([w], i) => point(i, { 编号: `f${i}`, 设施类型: w }));
/** Facilities per catalogue code that the words should give. */
const want = Object.fromEntries(BUILT_IN_TYPES.map((t) => [t.code, WORDS.filter(([, c]) => c === t.code).length]));

describe('facility-type words', () => {
  it('match the expected codes; unknown words match nothing', () => {
    expect(WORDS.map(([w]) => [w, matchFacilityType(w)])).toEqual(WORDS);
    expect(matchFacilityType('菜市场')).toBeNull();
    expect(matchFacilityType('  ')).toBeNull();
  });

  it("are read the same by the import dialog's value map", () => {
    const mapping = guessMapping('facilities', fieldsOf(facilities), facilities);
    expect(mapping.type).toBe('设施类型');
    const fc = canonicalFeatures({ role: 'facilities', file: 'f.geojson', crs: { kind: 'wgs84' } as never, mapping, features: facilities });
    expect(fc.features.map((f) => f.properties?.type)).toEqual(WORDS.map(([, c]) => c));
  });

  it('are read the same by the CLI', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'type-words-'));
    const file = (name: string, features: object[]) => {
      writeFileSync(join(dir, name), JSON.stringify({ type: 'FeatureCollection', features }));
      return join(dir, name);
    };
    const square = {
      type: 'Feature',
      properties: { code: 'A', name: '甲社区' },
      geometry: { type: 'Polygon', coordinates: [[at(0, 0), at(1000, 0), at(1000, 1000), at(0, 1000), at(0, 0)]] },
    };
    const log: string[] = [];
    const code = await main(
      [
        '--communities',
        file('c.geojson', [square]),
        '--households',
        file('h.geojson', [point(0, { households: 1 })]),
        '--facilities',
        file('f.geojson', facilities),
        '--field',
        'facilities.type=设施类型',
        '--out',
        join(dir, 'out'),
      ],
      (s) => log.push(s),
    );
    expect(code, log.join('\n')).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
    const got = Object.fromEntries(BUILT_IN_TYPES.map((t) => [t.code, summary.types[t.code]?.facilities ?? 0]));
    expect(got).toEqual(want);
  });
});
