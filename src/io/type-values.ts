// Facility-type values as planners' lists write them ("老年食堂", "长者饭堂", "日间照料中心"…)
// matched onto catalogue codes. Used to pre-fill the importer's value map and by the CLI.
import { FACILITY_TYPES, typeIndex } from '../core/catalogue.ts';

// Checked in order: the more specific words first ("社区卫生服务站" before "服务").
const SYNONYMS: [RegExp, string][] = [
  [/食堂|饭堂|餐桌|助餐|老年餐|canteen|meal/i, 'elderly_canteen'],
  [/日间照料|日照|托老|养老服务|day-?care.*elder|elder.*day-?care|elderly.?daycare/i, 'elderly_daycare'],
  [/托育|托幼|幼儿|儿童之家|婴幼|child/i, 'childcare'],
  [/健身|体育|运动|球场|广场舞|fitness|sport/i, 'fitness'],
  [/消防|fire/i, 'fire_station'],
  [/卫生室|卫生站|卫生服务|医务室|诊所|卫生院|health|clinic/i, 'health_station'],
  [/党群|综合服务|便民服务|服务中心|服务站|community.?(service|cent)/i, 'service_center'],
];

/** The catalogue code a facility-type value stands for, or null when nothing matches. */
export function matchFacilityType(value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  if (typeIndex(v) >= 0) return v;
  const exact = FACILITY_TYPES.find((t) => t.zh === v || t.en.toLowerCase() === v.toLowerCase());
  if (exact) return exact.code;
  for (const [re, code] of SYNONYMS) if (re.test(v)) return code;
  return null;
}
