import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Engine } from '../../../src/core/analysis/run.ts';
import type { CoverageResult, Layers, TypeSpec } from '../../../src/core/analysis/command.ts';
import { typeIndex } from '../../../src/core/catalogue.ts';
import {
  DEFAULT_GAP_TYPES,
  missingByCounty,
  missingChanges,
  missingCodes,
  multiServiceGap,
  multiServiceRows,
  rankMultiServiceGap,
  type MultiServiceGap,
} from '../../../src/core/gaps/multi-service.ts';
import { pts } from '../local.ts';

// Three communities on a line, 100 m per minute (6 km/h, detour 1), 5-minute threshold:
// A = {h0 (0 m, 2 hh), h1 (300 m, 1 hh)}, B = {h2 (1000 m, 3), h3 (1400 m, 1)}, C = {h4 (3000 m, 5)};
// A and B in county K1, C in K2. Canteen at 0 m, day-care at 1200 m, fire stations at 300 m and 3000 m.
function layers(): Layers {
  const homes = pts([0, 0], [300, 0], [1000, 0], [1400, 0], [3000, 0]);
  const fac = pts([0, 0], [1200, 0], [300, 0], [3000, 0]);
  const types = ['elderly_canteen', 'elderly_daycare', 'fire_station', 'fire_station'].map((c) => typeIndex(c));
  const empty = {
    coords: new Float64Array(0),
    ringStart: new Uint32Array(1),
    polyRingStart: new Uint32Array(1),
    featurePolyStart: new Uint32Array(4),
  };
  return {
    communities: {
      count: 3,
      codes: ['A', 'B', 'C'],
      names: ['甲', '乙', '丙'],
      parentCodes: ['', '', ''],
      urban: new Uint8Array(3),
      countyCodes: ['K1', 'K1', 'K2'],
      polygons: empty,
    },
    households: { count: 5, coords: homes, households: Float32Array.of(2, 1, 3, 1, 5), community: Int32Array.of(0, 0, 1, 1, 2) },
    facilities: {
      count: 4,
      coords: fac,
      type: Uint8Array.from(types),
      ids: ['c', 'd', 'f1', 'f2'],
      names: ['', '', '', ''],
      area: new Float32Array(4),
    },
  };
}

const spec = (code: string): TypeSpec => ({ code, mode: 'straight', speedKmh: 6, minutes: 5, targetShare: 0.9, demand: 'households' });

async function run(): Promise<{ l: Layers; res: CoverageResult; engine: Engine }> {
  const l = layers(),
    engine = new Engine(l);
  const res = await engine.run({ op: 'coverage', types: ['elderly_canteen', 'elderly_daycare', 'fire_station'].map(spec), detour: 1 });
  return { l, res, engine };
}

describe('multi-service gap', () => {
  it('counts each community’s missing services by each type’s own rule', async () => {
    const { l, res, engine } = await run();
    const g = multiServiceGap(res, DEFAULT_GAP_TYPES, l.households.households, l.households.community);
    expect(g.codes).toEqual(['elderly_daycare', 'elderly_canteen', 'fire_station']);
    expect(Array.from(g.missing)).toEqual([1, 2, 2]);
    expect(missingCodes(g, 0)).toEqual(['elderly_daycare']);
    expect(missingCodes(g, 1)).toEqual(['elderly_canteen', 'fire_station']);
    expect(missingCodes(g, 2)).toEqual(['elderly_daycare', 'elderly_canteen']);
    // Households beyond at least one chosen service: all of them here.
    expect(Array.from(g.householdsBeyond)).toEqual([3, 4, 5]);
    // Two missing each for B and C; C has more households beyond reach.
    expect(Array.from(rankMultiServiceGap(g))).toEqual([2, 1, 0]);
    expect(Array.from(rankMultiServiceGap(g, (c) => engine.regions.countyOf[c] === 0))).toEqual([1, 0]);
    const k1 = engine.regions.counties.codes.indexOf('K1'),
      k2 = engine.regions.counties.codes.indexOf('K2');
    const byCounty = missingByCounty(g, engine.regions.countyOf, 2);
    expect(Array.from(byCounty.subarray(k1 * 4, k1 * 4 + 4))).toEqual([0, 1, 1, 0]);
    expect(Array.from(byCounty.subarray(k2 * 4, k2 * 4 + 4))).toEqual([0, 0, 1, 0]);
    const rows = multiServiceRows(g, l.communities, engine.regions, rankMultiServiceGap(g));
    expect(rows[0]).toEqual({
      index: 2,
      code: 'C',
      name: '丙',
      county: 'K2',
      township: '', // no townships layer
      missingCount: 2,
      missing: ['elderly_daycare', 'elderly_canteen'],
      gaps: [1, 1, 0],
      householdsBeyond: 5,
    });
    // With townships, each row names its community's (the exports' 乡镇 column).
    const withTowns = {
      ...engine.regions,
      townships: { codes: ['T1', 'T2'], names: ['一镇', '二乡'], county: Int32Array.of(k1, k2) },
      townshipOf: Int32Array.of(0, -1, 1),
    };
    expect(multiServiceRows(g, l.communities, withTowns).map((r) => [r.code, r.county, r.township])).toEqual([
      ['A', 'K1', '一镇'],
      ['B', 'K1', ''],
      ['C', 'K2', '二乡'],
    ]);
  });

  it('counts only the chosen types', async () => {
    const { l, res } = await run();
    const g = multiServiceGap(res, ['fire_station'], l.households.households, l.households.community);
    expect(Array.from(g.missing)).toEqual([0, 1, 0]);
    // B: h2 at 700 m and h3 at 1100 m from the nearer fire station.
    expect(Array.from(g.householdsBeyond)).toEqual([0, 4, 0]);
    expect(Array.from(rankMultiServiceGap(g))).toEqual([1]);
  });

  it('lists the communities whose missing count changes between two gaps', () => {
    const gap = (missing: number[]): MultiServiceGap => ({
      codes: ['a', 'b'],
      communityCount: missing.length,
      missing: Uint8Array.from(missing),
      flags: new Uint8Array(missing.length * 2),
      householdsBeyond: new Float64Array(missing.length),
    });
    expect(missingChanges(gap([2, 1, 0, 2]), gap([1, 1, 1, 0]))).toEqual([
      { index: 0, before: 2, after: 1 },
      { index: 2, before: 0, after: 1 },
      { index: 3, before: 2, after: 0 },
    ]);
    expect(() => missingChanges(gap([1]), { ...gap([1]), codes: ['a'] })).toThrow('cannot be compared');
  });

  it('refuses a type the result does not hold', async () => {
    const { l, res } = await run();
    expect(() => multiServiceGap(res, ['fitness'], l.households.households, l.households.community)).toThrow(
      'type "fitness" was not analysed',
    );
  });

  it('ranks exactly the communities that miss a service, most missing then most households beyond first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 50 })), { minLength: 1, maxLength: 40 }),
        (cs) => {
          const flags = new Uint8Array(cs.length * 3);
          cs.forEach(([m], c) => {
            for (let t = 0; t < m; t++) flags[c * 3 + t] = 1;
          });
          const g: MultiServiceGap = {
            codes: ['a', 'b', 'c'],
            communityCount: cs.length,
            flags,
            missing: Uint8Array.from(cs.map(([m]) => m)),
            householdsBeyond: Float64Array.from(cs.map(([, h]) => h)),
          };
          const order = Array.from(rankMultiServiceGap(g));
          expect(order.sort((a, b) => a - b)).toEqual(cs.map((_, i) => i).filter((i) => cs[i][0] > 0));
          const ranked = rankMultiServiceGap(g);
          for (let k = 1; k < ranked.length; k++) {
            const [a, b] = [cs[ranked[k - 1]], cs[ranked[k]]];
            expect(a[0] > b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && ranked[k - 1] < ranked[k])))).toBe(true);
          }
          const hist = missingByCounty(g, new Int32Array(cs.length), 1);
          expect(Array.from(hist)).toEqual([0, 1, 2, 3].map((m) => cs.filter(([x]) => x === m).length));
        },
      ),
    );
  });
});
