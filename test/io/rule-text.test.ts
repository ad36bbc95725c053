// A type's rule in words (src/ui/ruleText.ts), as the details panel and the analysis panel show it.
import { describe, expect, it } from 'vitest';
import { BUILT_IN_TYPES } from '../../src/core/catalogue';
import { ruleText } from '../../src/ui/ruleText';

const spec = (code: string) => BUILT_IN_TYPES.find((f) => f.code === code)!;

describe('ruleText', () => {
  it('states profile, speed, minutes, target share and demand measure', () => {
    expect(ruleText('zh', spec('fitness'))).toBe('15分钟步行（沿道路网，4.5 km/h）；目标：≥ 100% 的人口可达');
    expect(ruleText('en', spec('elderly_canteen'))).toBe(
      '15-minute walk (along the road network, 4.5 km/h); target: ≥ 90% of residents 60+ reached',
    );
  });
  it('names each profile: 步行, 电动自行车, 车程 (and walk, e-bike ride, drive)', () => {
    const fit = spec('fitness');
    expect(ruleText('zh', { ...fit, profile: 'ebike', minutes: 10, speedKmh: 15 })).toBe(
      '10分钟电动自行车骑行（沿道路网，15 km/h）；目标：≥ 100% 的人口可达',
    );
    expect(ruleText('en', { ...fit, profile: 'ebike', minutes: 10, speedKmh: 15 })).toBe(
      '10-minute e-bike ride (along the road network, 15 km/h); target: ≥ 100% of residents reached',
    );
    expect(ruleText('en', spec('fire_station'))).toBe(
      '3-minute drive (straight line × detour, 15 km/h); target: ≥ 90% of households reached',
    );
    // A walking type switched to a vehicle is never called a walk.
    const driven = ruleText('zh', { ...fit, profile: 'vehicle' });
    expect(driven).toBe('15分钟车程（沿道路网，按道路等级车速）；目标：≥ 100% 的人口可达');
    expect(driven).not.toContain('步行');
  });
  it('never calls the fire station walking: its profile is a vehicle', () => {
    expect(ruleText('zh', spec('fire_station'))).toBe('3分钟车程（直线距离×绕行系数，15 km/h）；目标：≥ 90% 的户数可达');
    // On the road network a vehicle drives at each road class's speed.
    expect(ruleText('zh', { ...spec('fire_station'), mode: 'network' })).toBe(
      '3分钟车程（沿道路网，按道路等级车速）；目标：≥ 90% 的户数可达',
    );
  });
});
