// Matching the facility-type values found in planners' files ("老年食堂", "幸福食堂",
// "Elderly canteen", "elderly_canteen") onto catalogue codes, to pre-fill the value map the
// user confirms. Order matters: more specific words first ("日间照料" before "服务中心").
import { FACILITY_TYPES } from '../core/catalogue';

const SYNONYMS: [RegExp, string][] = [
  [/食堂|助餐|餐厅|饭堂|canteen|meal|dining/i, 'elderly_canteen'],
  [/日间照料|日照中心|照料中心|托老|养老服务站|day\s*-?care|daycare/i, 'elderly_daycare'],
  [/托育|托儿|幼儿|儿童之家|儿童|早教|child|nursery|creche|crèche/i, 'childcare'],
  [/健身|体育|运动|球场|广场舞|fitness|sport|gym/i, 'fitness'],
  [/消防|fire/i, 'fire_station'],
  [/卫生室|卫生服务站|卫生服务中心|卫生院|诊所|医务室|health|clinic/i, 'health_station'],
  [/党群|综合服务|便民服务|服务中心|服务站|service\s*cent/i, 'service_center'],
];

/** The catalogue code a file's type value most likely means, or null when nothing matches. */
export function matchFacilityType(value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  const exact = FACILITY_TYPES.find((t) => t.code === v.toLowerCase() || t.zh === v || t.en.toLowerCase() === v.toLowerCase());
  if (exact) return exact.code;
  for (const [re, code] of SYNONYMS) if (re.test(v)) return code;
  return null;
}
