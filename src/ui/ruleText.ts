// A type's rule in words, for every place that shows its status: how far (the travel phrase:
// "15分钟步行", "3分钟车程"), along what and how fast, the target share and the demand it is counted
// in. A type with a vehicle profile (the micro fire station's 3 minutes) is never called walking.
import type { TypeSpec } from '../core/analysis/command';
import { profileOf } from '../core/catalogue';
import { travelPhrase } from '../core/travel/road-class';
import { fmt, pct, t, type Lang, type StringKey } from './i18n';

/** E.g. "15分钟步行（沿道路网，4.5 km/h）；目标：≥ 90% 的60岁以上老人可达" or, for the fire
 *  station, "3分钟车程（直线距离×绕行系数，15 km/h）；目标：≥ 90% 的户数可达". */
export function ruleText(lang: Lang, spec: TypeSpec): string {
  const profile = profileOf(spec);
  const mode = t(lang, ({ straight: 'ruleStraight', network: 'ruleNetwork', slope: 'ruleSlope' } as const)[spec.mode]);
  // A vehicle on the road network drives at each road class's speed, not one speed.
  const speed = profile === 'vehicle' && spec.mode !== 'straight' ? t(lang, 'ruleRoadSpeeds') : `${fmt(lang, spec.speedKmh, 1)} km/h`;
  return t(lang, 'ruleText')
    .replace('{phrase}', travelPhrase(spec.minutes, profile)[lang])
    .replace('{mode}', mode)
    .replace('{speed}', speed)
    .replace('{target}', pct(lang, spec.targetShare))
    .replace('{demand}', t(lang, `demand_${spec.demand}` as StringKey));
}
