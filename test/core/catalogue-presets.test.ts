// The catalogue presets (Honghe plan, GB 50180-2018, TD/T 1062-2021): each goes through the
// catalogue file's check, names its source per type, and its thresholds are the standards'
// walking distances.
import { describe, expect, it } from 'vitest';
import { BUILT_IN_TYPES } from '../../src/core/catalogue.ts';
import { checkTypes, parseCatalogue } from '../../src/core/catalogue-file.ts';
import { CATALOGUE_PRESETS, cataloguePreset, GB50180_TYPES, TDT1062_TYPES } from '../../src/core/catalogue-presets.ts';

const metres = (t: { minutes: number; speedKmh: number }) => Math.round((t.minutes * t.speedKmh * 1000) / 60);

describe('catalogue presets', () => {
  it('loads each standard through the catalogue validator, as a --catalogue file would', () => {
    for (const types of [GB50180_TYPES, TDT1062_TYPES]) {
      const parsed = parseCatalogue(JSON.stringify({ types }));
      expect(parsed.map((t) => t.code)).toEqual(types.map((t) => t.code));
      expect(checkTypes(types)).toEqual(parsed);
    }
    expect(cataloguePreset('honghe')!.types).toBe(BUILT_IN_TYPES);
    expect(CATALOGUE_PRESETS.map((p) => p.id)).toEqual(['honghe', 'gb50180', 'tdt1062']);
  });

  it('gives every standard type its source and a colour and icon of its own', () => {
    for (const [id, std] of [
      ['gb50180', 'GB 50180-2018'],
      ['tdt1062', 'TD/T 1062-2021'],
    ]) {
      const types = cataloguePreset(id)!.types;
      for (const t of types) expect(t.source).toContain(std);
      expect(new Set(types.map((t) => t.color)).size).toBe(types.length);
      expect(new Set(types.map((t) => t.icon)).size).toBe(types.length);
    }
  });

  it("GB 50180-2018: the 15-, 10- and 5-minute circles' walking distances (1000, 500, 300 m)", () => {
    const gb = cataloguePreset('gb50180')!.types;
    const byCircle = (m: number) => gb.filter((t) => t.minutes === m);
    expect(byCircle(15).map(metres)).toEqual([1000, 1000]);
    expect(byCircle(10).map(metres)).toEqual([500, 500]);
    expect(new Set(byCircle(5).map(metres))).toEqual(new Set([300]));
    expect(byCircle(15).length + byCircle(10).length + byCircle(5).length).toBe(gb.length);
    for (const t of gb) {
      expect(t.source).toContain({ 15: '十五分钟生活圈居住区', 10: '十分钟生活圈居住区', 5: '五分钟生活圈居住区' }[t.minutes]!);
      expect(t).toMatchObject({ mode: 'network', profile: 'walk' });
    }
    expect(gb.find((t) => t.code === 'kindergarten')).toMatchObject({ zh: '幼儿园', minutes: 5 });
  });

  it('TD/T 1062-2021: urban 15-minute and 5–10-minute layers, rural 乡集镇 and 村/组 layers, assumed times marked', () => {
    const td = cataloguePreset('tdt1062')!.types;
    const layer = (s: string) => td.filter((t) => t.source.includes(s)).map((t) => t.code);
    expect(layer('城镇社区生活圈 15分钟层级')).toEqual(['health_center', 'middle_school', 'elderly_daycare']);
    expect(layer('城镇社区生活圈 5～10分钟层级')).toEqual(['kindergarten', 'childcare', 'fitness']);
    expect(layer('乡村社区生活圈 乡集镇层级')).toEqual(['township_health']);
    expect(layer('乡村社区生活圈 村/组层级')).toEqual(['health_station', 'service_center']);
    for (const t of td.filter((x) => x.source.includes('乡村'))) expect(t.source).toContain('未据原文核实');
  });

  it("keeps the plan's codes for the plan's services, so a Honghe facilities file counts under a standard", () => {
    const plan = new Set(BUILT_IN_TYPES.map((t) => t.code));
    expect(
      cataloguePreset('gb50180')!
        .types.filter((t) => plan.has(t.code))
        .map((t) => t.code),
    ).toEqual(['childcare', 'service_center', 'elderly_daycare', 'health_station', 'fitness']);
  });
});
