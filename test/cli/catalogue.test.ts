// The facility catalogue as data: --catalogue adds types (农贸市场, 公交站) and overrides the plan's;
// type values matching no type are skipped and counted in summary.json; a custom type runs
// through analysis, the exports and siting like the plan's own.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main as analyze } from '../../src/cli/analyze.ts';
import { main as site } from '../../src/cli/site.ts';
import { BUILT_IN_TYPES } from '../../src/core/catalogue.ts';
import { CatalogueError, mergeCatalogue, parseCatalogue } from '../../src/core/catalogue-file.ts';
import { matchFacilityType } from '../../src/core/type-words.ts';

const FX = 'test/fixtures/planner';
const dir = mkdtempSync(join(tmpdir(), 'catalogue-'));
const write = (name: string, value: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
};

const MARKET = {
  code: 'market',
  zh: '农贸市场',
  en: "Farmers' market",
  mode: 'straight',
  speed_kmh: 4,
  minutes: 10,
  target_share: 0.7,
  demand: 'population',
  cost_build: 260,
};
const CANTEEN = {
  code: 'elderly_canteen',
  zh: '老年幸福食堂',
  en: 'Elderly canteen',
  mode: 'straight',
  speed_kmh: 4.5,
  minutes: 8,
  target_share: 0.5,
  demand: 'households',
};

// The case's three facilities plus a market, a bus stop and another market.
const facilities = JSON.parse(readFileSync(join(FX, 'facilities.geojson'), 'utf8'));
const at = (lon: number, lat: number, type: string, id: string) => ({
  type: 'Feature',
  properties: { id, type },
  geometry: { type: 'Point', coordinates: [lon, lat] },
});
facilities.features.push(at(103.378, 23.366, '农贸市场', 'm1'), at(103.392, 23.365, '公交站', 'b1'), at(103.4, 23.37, 'market', 'm2'));
const facPath = write('facilities.geojson', facilities);
const base = ['--communities', join(FX, 'communities.geojson'), '--households', join(FX, 'households.geojson'), '--facilities', facPath];

async function run(cli: typeof analyze, args: string[]) {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}`),
    log: string[] = [];
  const code = await cli([...args, '--out', out], (s) => log.push(s));
  return { code, log: log.join('\n'), out };
}

describe('catalogue files', () => {
  it("parse: adds new codes after the plan's (with a colour), overrides same codes in place", () => {
    const types = mergeCatalogue(parseCatalogue(JSON.stringify({ types: [MARKET, CANTEEN] })));
    expect(types.map((t) => t.code)).toEqual([...BUILT_IN_TYPES.map((t) => t.code), 'market']);
    const canteen = types.find((t) => t.code === 'elderly_canteen')!;
    expect(canteen).toMatchObject({ minutes: 8, targetShare: 0.5, demand: 'households', mode: 'straight', color: BUILT_IN_TYPES[1].color });
    expect(types.at(-1)).toMatchObject({
      code: 'market',
      zh: '农贸市场',
      speedKmh: 4,
      minutes: 10,
      targetShare: 0.7,
      demand: 'population',
      color: '#7f7f7f',
    });
  });

  it('refuses duplicate codes and impossible values, naming the entry', () => {
    const bad = (types: unknown[], msg: string) => {
      expect(() => parseCatalogue(JSON.stringify({ types }))).toThrow(CatalogueError);
      expect(() => parseCatalogue(JSON.stringify({ types }))).toThrow(msg);
    };
    bad([MARKET, MARKET], 'types[1]: duplicate code "market"');
    bad([{ ...MARKET, minutes: -5 }], 'types[0]: "minutes" must be a number > 0 and ≤ 600, got -5');
    bad([{ ...MARKET, target_share: 1.5 }], '"target_share" must be a number ≥ 0 and ≤ 1');
    bad([{ ...MARKET, speed_kmh: 0 }], '"speed_kmh" must be a number > 0');
    bad([{ ...MARKET, mode: 'fly' }], '"mode" must be one of straight, network, slope');
    bad([{ ...MARKET, demand: 'cars' }], '"demand" must be one of');
    bad([{ ...MARKET, code: 'Bus Stop' }], '"code" must be lower-case letters');
    bad([{ ...MARKET, zh: undefined }], '"zh" is missing');
    expect(() => parseCatalogue('{"types": []}')).toThrow('at least one type');
    expect(() => parseCatalogue('nope')).toThrow('not JSON');
  });

  it("makes a type's own names type words of that catalogue only", () => {
    const withMarket = mergeCatalogue(parseCatalogue(JSON.stringify({ types: [MARKET] })));
    expect(matchFacilityType('农贸市场', withMarket)).toBe('market');
    expect(matchFacilityType("Farmers' market", withMarket)).toBe('market');
    expect(matchFacilityType('农贸市场')).toBeNull();
    expect(BUILT_IN_TYPES.map((t) => t.code)).not.toContain('market');
  });

  it('takes an optional colour and icon, checked', () => {
    const [t] = mergeCatalogue(parseCatalogue(JSON.stringify({ types: [{ ...MARKET, color: '#12AB34', icon: '市' }] }))).slice(-1);
    expect(t).toMatchObject({ code: 'market', color: '#12ab34', icon: '市' });
    expect(() => parseCatalogue(JSON.stringify({ types: [{ ...MARKET, color: 'red' }] }))).toThrow('types[0]: "color" must be a colour');
    expect(() => parseCatalogue(JSON.stringify({ types: [{ ...MARKET, icon: '农贸' }] }))).toThrow(
      'types[0]: "icon" must be one character',
    );
  });
});

describe('analyze and site with a catalogue', () => {
  it('without it: unknown type values are skipped and counted, the run goes on', async () => {
    const r = await run(analyze, base);
    expect(r.code, r.log).toBe(0);
    const summary = JSON.parse(readFileSync(join(r.out, 'summary.json'), 'utf8'));
    expect(summary.skipped_facilities).toEqual({ 农贸市场: 1, 公交站: 1, market: 1 });
    expect(summary.inputs.facilities).toBe(3);
    expect(r.log).toContain('skipped 1 facilities of type "公交站"');
  });

  it("with it: the market is a type like the plan's, analysed, exported and sited; the canteen override applies", async () => {
    const cat = write('catalogue.json', { types: [MARKET, CANTEEN] });
    const r = await run(analyze, [...base, '--catalogue', cat]);
    expect(r.code, r.log).toBe(0);
    const summary = JSON.parse(readFileSync(join(r.out, 'summary.json'), 'utf8'));
    expect(summary.skipped_facilities).toEqual({ 公交站: 1 });
    expect(summary.types.market).toMatchObject({
      facilities: 2,
      minutes: 10,
      mode: 'straight',
      speed_kmh: 4,
      target_share: 0.7,
      demand: 'population',
    });
    expect(summary.types.elderly_canteen).toMatchObject({ minutes: 8, target_share: 0.5, demand: 'households' });
    expect(readFileSync(join(r.out, 'communities.csv'), 'utf8').split('\n')[0]).toContain('market_share,market_p90_min,market_gap');
    const catchments = JSON.parse(readFileSync(join(r.out, 'catchments.geojson'), 'utf8'));
    expect(catchments.features.find((f: { properties: { type: string } }) => f.properties.type === 'market').properties.zh).toBe(
      '农贸市场',
    );
    const s = await run(site, [...base, '--catalogue', cat, '--type', 'market', '--add', '1']);
    expect(s.code, s.log).toBe(0);
    const sites = JSON.parse(readFileSync(join(s.out, 'sites.json'), 'utf8'));
    expect(sites).toMatchObject({ type: 'market', minutes: 10, existing: 2 });
    expect(sites.sites).toHaveLength(1);
    expect(sites.sites[0].cost).toBe(260); // the catalogue's cost_build
    // The catalogue is the run's value, not the process's: a later run without it has no market.
    const again = await run(analyze, base);
    expect(JSON.parse(readFileSync(join(again.out, 'summary.json'), 'utf8')).skipped_facilities).toEqual({
      农贸市场: 1,
      公交站: 1,
      market: 1,
    });
  });

  it("--catalogue gb50180: the standard's types; 幼儿园 rows are kindergartens, analysed at 300 m and sited; types it lacks are skipped", async () => {
    const withKg = write('kg.geojson', {
      ...facilities,
      features: [...facilities.features, at(103.3735, 23.364, '幼儿园', 'k1'), at(103.379, 23.366, '幼儿园', 'k2')],
    });
    const args = [...base.slice(0, 4), '--facilities', withKg, '--catalogue', 'gb50180'];
    const r = await run(analyze, args);
    expect(r.code, r.log).toBe(0);
    const summary = JSON.parse(readFileSync(join(r.out, 'summary.json'), 'utf8'));
    // The canteen, 农贸市场 (GB's is 菜市场) and the bus stop are not GB 50180 types; the health
    // station, childcare and the "market" code are.
    expect(summary.skipped_facilities).toEqual({ elderly_canteen: 1, 农贸市场: 1, 公交站: 1 });
    expect(Object.keys(summary.types).sort()).toEqual(['childcare', 'health_station', 'kindergarten', 'market']);
    // Without a network the types run straight-line, at the standard's minutes and speed.
    expect(summary.types.kindergarten).toMatchObject({ facilities: 2, minutes: 5, speed_kmh: 3.6, mode: 'straight', target_share: 1 });
    const s = await run(site, [...args, '--type', '幼儿园', '--add', '1']);
    expect(s.code, s.log).toBe(0);
    const sites = JSON.parse(readFileSync(join(s.out, 'sites.json'), 'utf8'));
    expect(sites).toMatchObject({ type: 'kindergarten', minutes: 5, existing: 2 });
    expect(sites.sites).toHaveLength(1);
    // A standard's type has no cost: a budget asks for one.
    const b = await run(site, [...args, '--type', 'kindergarten', '--budget', '100']);
    expect(b.code).toBe(1);
    expect(b.log).toContain('no default cost for facility type "kindergarten"');
  });

  it('refuses a bad catalogue or a facilities file with no known type, naming the file', async () => {
    const dup = write('dup.json', { types: [MARKET, MARKET] });
    const r = await run(analyze, [...base, '--catalogue', dup]);
    expect(r.code).toBe(1);
    expect(r.log).toContain(`${dup}: types[1]: duplicate code "market"`);
    const none = write('none.geojson', { type: 'FeatureCollection', features: [at(103.378, 23.366, '公交站', 'b1')] });
    const n = await run(analyze, [...base.slice(0, 4), '--facilities', none]);
    expect(n.code).toBe(1);
    expect(n.log).toContain('no value of field "type" is a facility type ("公交站"');
  });
});
