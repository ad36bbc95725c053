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
  it('never calls the fire station walking: its profile is a vehicle', () => {
    expect(ruleText('zh', spec('fire_station'))).toBe('3分钟车程（直线距离×绕行系数，15 km/h）；目标：≥ 90% 的户数可达');
    // On the road network a vehicle drives at each road class's speed.
    expect(ruleText('zh', { ...spec('fire_station'), mode: 'network' })).toBe(
      '3分钟车程（沿道路网，按道路等级车速）；目标：≥ 90% 的户数可达',
    );
  });
});
