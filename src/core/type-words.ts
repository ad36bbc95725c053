// The words planners' lists use for facility types ("老年食堂", "长者饭堂", "日间照料中心",
// "Elderly canteen", "gym"…) matched onto catalogue codes: the one table the CLI's readers and
// the import dialog's value map both use.
//
// 养老服务中心/养老服务站 mean elderly day-care: a 社区养老服务中心 is where the elderly spend the
// day (日间照料, often with meals), not the general 社区综合服务设施 (党群服务中心). So the
// elderly words are tried before the generic "服务中心".
import { BUILT_IN_TYPES, type Catalogue } from './catalogue.ts';

// Checked in order: the more specific words first ("养老服务中心" before "服务中心", "child day
// care" before a plain "day care").
const SYNONYMS: [RegExp, string][] = [
  [/食堂|饭堂|餐厅|餐桌|助餐|老年餐|canteen|meal|dining/i, 'elderly_canteen'],
  [/日间照料|日照中心|照料中心|托老|养老服务|elder.*day\s*-?care|day\s*-?care.*elder/i, 'elderly_daycare'],
  [/托育|托儿|托幼|幼儿|婴幼|儿童之家|儿童|早教|child|nursery|creche|crèche/i, 'childcare'],
  [/day\s*-?care/i, 'elderly_daycare'],
  [/健身|体育|运动|球场|广场舞|fitness|sport|gym/i, 'fitness'],
  [/消防|fire/i, 'fire_station'],
  [/卫生室|卫生站|卫生服务|卫生院|医务室|诊所|health|clinic/i, 'health_station'],
  [/党群|综合服务|便民服务|服务中心|服务站|community.?(service|cent)|service\s*cent/i, 'service_center'],
];

/** The code in `catalogue` a facility-type value stands for (a code, the catalogue's Chinese or
 *  English name, or a synonym of a type the catalogue has), or null when nothing matches. */
export function matchFacilityType(value: string, catalogue: Catalogue = BUILT_IN_TYPES): string | null {
  const v = value.trim();
  if (!v) return null;
  const lower = v.toLowerCase();
  const exact = catalogue.find((t) => t.code === lower || t.zh === v || t.en.toLowerCase() === lower);
  if (exact) return exact.code;
  for (const [re, code] of SYNONYMS) if (re.test(v)) return catalogue.some((t) => t.code === code) ? code : null;
  return null;
}
