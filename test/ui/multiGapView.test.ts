import { describe, expect, it } from 'vitest';
import { BUILT_IN_TYPES } from '../../src/core/catalogue.ts';
import { DEFAULT_MULTI_GAP, missingByCode, multiGapReducer, parseMultiGap, shownMultiGap } from '../../src/ui/multiGapView.ts';
import type { CoverageResult, TypeResult } from '../../src/core/analysis/command.ts';

describe('multi-service gap view state', () => {
  it('starts off with the plan’s three services, in catalogue order', () => {
    expect(DEFAULT_MULTI_GAP).toEqual({ on: false, codes: ['elderly_daycare', 'elderly_canteen', 'fire_station'] });
    expect(multiGapReducer(DEFAULT_MULTI_GAP, { kind: 'show', on: true }).on).toBe(true);
  });

  it('adds and removes services in catalogue order, never the last, never an unknown one', () => {
    let v = multiGapReducer(DEFAULT_MULTI_GAP, { kind: 'toggleType', code: 'service_center', catalogue: BUILT_IN_TYPES });
    expect(v.codes).toEqual(['service_center', 'elderly_canteen', 'elderly_daycare', 'fire_station']);
    v = multiGapReducer(v, { kind: 'toggleType', code: 'elderly_canteen', catalogue: BUILT_IN_TYPES });
    expect(v.codes).toEqual(['service_center', 'elderly_daycare', 'fire_station']);
    v = { on: true, codes: ['fitness'] };
    expect(multiGapReducer(v, { kind: 'toggleType', code: 'fitness', catalogue: BUILT_IN_TYPES })).toBe(v);
    expect(multiGapReducer(v, { kind: 'toggleType', code: 'bogus', catalogue: BUILT_IN_TYPES })).toBe(v);
  });

  it('reads the URL list, dropping unknown codes', () => {
    expect(parseMultiGap(null)).toBeNull();
    expect(parseMultiGap('bogus,<b>')).toBeNull();
    expect(parseMultiGap('fire_station,bogus,fitness')).toEqual({ on: true, codes: ['fitness', 'fire_station'] });
  });

  it('counts only the chosen types the result holds, and maps every community', () => {
    const type = (code: string, gap: number[], minutes: number[]) =>
      ({
        code,
        minutes: 15,
        household: { minutes: Float32Array.from(minutes), facility: new Int32Array(minutes.length) },
        communities: { gap: Uint8Array.from(gap) },
      }) as unknown as TypeResult;
    const result = {
      types: [type('elderly_canteen', [1, 0], [20, 3]), type('fire_station', [1, 1], [30, 40])],
    } as unknown as CoverageResult;
    const v = { on: true, codes: ['elderly_daycare', 'elderly_canteen', 'fire_station'] };
    const g = shownMultiGap(result, v, Float32Array.of(2, 5), Int32Array.of(0, 1))!;
    expect(g.codes).toEqual(['elderly_canteen', 'fire_station']);
    expect(Array.from(g.householdsBeyond)).toEqual([2, 5]);
    expect(missingByCode(g, ['A', 'B'])).toEqual(
      new Map([
        ['A', ['elderly_canteen', 'fire_station']],
        ['B', ['fire_station']],
      ]),
    );
    expect(shownMultiGap(result, { ...v, on: false }, Float32Array.of(2, 5), Int32Array.of(0, 1))).toBeNull();
    expect(shownMultiGap(result, { on: true, codes: ['fitness'] }, Float32Array.of(2, 5), Int32Array.of(0, 1))).toBeNull();
  });
});
