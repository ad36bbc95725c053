// Catalogues to start from: the Honghe plan's types (catalogue.ts) and the national standards'
// living circles. A project or a CLI run (`--catalogue gb50180`) picks one; a planner's own types
// go on top (catalogue-file.ts). Each standard type says where it comes from in `source`.
//
// The standards give the circles as walking distances; a type here is "within the distance", as
// minutes at the speed that walks it in the circle's time (15 min × 4 km/h = 1000 m, the upper end
// of GB 50180-2018's 800–1000 m; 10 min × 3 km/h = 500 m; 5 min × 3.6 km/h = 300 m). Types the
// Honghe plan also has keep its codes, so its facility files (and the demo's) count under either.
// Where a facility sits in the standard's tables could not be checked against the published text
// here: `source` names the standard and its section, not a table row (see the README).
import { BUILT_IN_TYPES, type Catalogue } from './catalogue.ts';
import { checkTypes, mergeCatalogue, type CatalogueFileType } from './catalogue-file.ts';

export interface CataloguePreset {
  id: string;
  zh: string;
  en: string;
  types: Catalogue;
}

const GB = 'GB 50180-2018《城市居住区规划设计标准》';
const TD = 'TD/T 1062-2021《社区生活圈规划技术指南》';
const walk = (minutes: number, speed_kmh: number) => ({ mode: 'network' as const, profile: 'walk' as const, minutes, speed_kmh });
const circle15 = walk(15, 4),
  circle10 = walk(10, 3),
  circle5 = walk(5, 3.6);

/** GB 50180-2018: facilities of the 15-, 10- and 5-minute living-circle residential areas. */
export const GB50180_TYPES: CatalogueFileType[] = [
  {
    code: 'middle_school',
    zh: '初中',
    en: 'Middle school',
    icon: '中',
    color: '#393b79',
    ...circle15,
    target_share: 1,
    demand: 'population',
    source: `${GB} 十五分钟生活圈居住区配套设施；步行距离800～1000m（取1000m）`,
  },
  {
    code: 'health_center',
    zh: '社区卫生服务中心',
    en: 'Community health centre',
    icon: '卫',
    color: '#17becf',
    ...circle15,
    target_share: 1,
    demand: 'population',
    source: `${GB} 十五分钟生活圈居住区配套设施；步行距离800～1000m（取1000m）`,
  },
  {
    code: 'primary_school',
    zh: '小学',
    en: 'Primary school',
    icon: '小',
    color: '#5254a3',
    ...circle10,
    target_share: 1,
    demand: 'population',
    source: `${GB} 十分钟生活圈居住区配套设施；步行距离500m`,
  },
  {
    code: 'market',
    zh: '菜市场',
    en: 'Food market',
    icon: '菜',
    color: '#8c6d31',
    ...circle10,
    target_share: 1,
    demand: 'households',
    source: `${GB} 十分钟生活圈居住区配套设施；步行距离500m`,
  },
  {
    code: 'kindergarten',
    zh: '幼儿园',
    en: 'Kindergarten',
    icon: '幼',
    color: '#e7ba52',
    ...circle5,
    target_share: 1,
    demand: 'population',
    source: `${GB} 五分钟生活圈居住区配套设施；步行距离300m`,
  },
  {
    code: 'childcare',
    zh: '托儿所',
    en: 'Nursery',
    icon: '童',
    color: '#e377c2',
    ...circle5,
    target_share: 1,
    demand: 'infants',
    source: `${GB} 五分钟生活圈居住区配套设施；步行距离300m`,
  },
  {
    code: 'service_center',
    zh: '社区服务站',
    en: 'Community service station',
    icon: '服',
    color: '#d62728',
    ...circle5,
    target_share: 1,
    demand: 'households',
    source: `${GB} 五分钟生活圈居住区配套设施；步行距离300m`,
  },
  {
    code: 'elderly_daycare',
    zh: '老年人日间照料中心',
    en: 'Elderly day-care centre',
    icon: '老',
    color: '#9467bd',
    ...circle5,
    target_share: 1,
    demand: 'elderly',
    source: `${GB} 五分钟生活圈居住区配套设施；步行距离300m`,
  },
  {
    code: 'health_station',
    zh: '社区卫生服务站',
    en: 'Community health station',
    icon: '医',
    color: '#9edae5',
    ...circle5,
    target_share: 1,
    demand: 'population',
    source: `${GB} 五分钟生活圈居住区配套设施；步行距离300m`,
  },
  {
    code: 'fitness',
    zh: '室外综合健身场地',
    en: 'Outdoor fitness ground',
    icon: '健',
    color: '#2ca02c',
    ...circle5,
    target_share: 1,
    demand: 'population',
    source: `${GB} 五分钟生活圈居住区配套设施；步行距离300m`,
  },
];

// TD/T 1062-2021: towns in two layers (15 minutes; 5–10 minutes, here 10), villages in two
// (乡集镇; 村/组). The guide's rural times could not be checked here: the village layer takes
// the plan's 15-minute walk, the township-seat layer 30 minutes by e-bike, both marked so.
const RURAL_ASSUMED = '（时间为本工具取值，未据原文核实）';
export const TDT1062_TYPES: CatalogueFileType[] = [
  {
    code: 'health_center',
    zh: '社区卫生服务中心',
    en: 'Community health centre',
    icon: '卫',
    color: '#17becf',
    ...walk(15, 4),
    target_share: 1,
    demand: 'population',
    source: `${TD} 城镇社区生活圈 15分钟层级`,
  },
  {
    code: 'middle_school',
    zh: '初中',
    en: 'Middle school',
    icon: '中',
    color: '#393b79',
    ...walk(15, 4),
    target_share: 1,
    demand: 'population',
    source: `${TD} 城镇社区生活圈 15分钟层级`,
  },
  {
    code: 'elderly_daycare',
    zh: '社区养老服务设施',
    en: 'Community elderly care',
    icon: '老',
    color: '#9467bd',
    ...walk(15, 4),
    target_share: 1,
    demand: 'elderly',
    source: `${TD} 城镇社区生活圈 15分钟层级`,
  },
  {
    code: 'kindergarten',
    zh: '幼儿园',
    en: 'Kindergarten',
    icon: '幼',
    color: '#e7ba52',
    ...walk(10, 3),
    target_share: 1,
    demand: 'population',
    source: `${TD} 城镇社区生活圈 5～10分钟层级（取10分钟）`,
  },
  {
    code: 'childcare',
    zh: '托育设施',
    en: 'Childcare',
    icon: '童',
    color: '#e377c2',
    ...walk(10, 3),
    target_share: 1,
    demand: 'infants',
    source: `${TD} 城镇社区生活圈 5～10分钟层级（取10分钟）`,
  },
  {
    code: 'fitness',
    zh: '社区体育设施',
    en: 'Community sports ground',
    icon: '健',
    color: '#2ca02c',
    ...walk(10, 3),
    target_share: 1,
    demand: 'population',
    source: `${TD} 城镇社区生活圈 5～10分钟层级（取10分钟）`,
  },
  {
    code: 'township_health',
    zh: '乡镇卫生院',
    en: 'Township health centre',
    icon: '院',
    color: '#1f77b4',
    mode: 'network',
    profile: 'ebike',
    minutes: 30,
    speed_kmh: 15,
    target_share: 0.9,
    demand: 'population',
    source: `${TD} 乡村社区生活圈 乡集镇层级${RURAL_ASSUMED}`,
  },
  {
    code: 'health_station',
    zh: '村卫生室',
    en: 'Village clinic',
    icon: '医',
    color: '#9edae5',
    ...walk(15, 4.5),
    target_share: 0.9,
    demand: 'population',
    source: `${TD} 乡村社区生活圈 村/组层级${RURAL_ASSUMED}`,
  },
  {
    code: 'service_center',
    zh: '村级综合服务设施',
    en: 'Village service centre',
    icon: '服',
    color: '#d62728',
    ...walk(15, 4.5),
    target_share: 0.9,
    demand: 'households',
    source: `${TD} 乡村社区生活圈 村/组层级${RURAL_ASSUMED}`,
  },
];

/** A standard's types through the catalogue file's check (as a --catalogue file would be). */
const standard = (types: CatalogueFileType[]): Catalogue => Object.freeze(mergeCatalogue(checkTypes(types), []));

export const CATALOGUE_PRESETS: readonly CataloguePreset[] = [
  {
    id: 'honghe',
    zh: '红河州“十四五”城乡社区服务体系建设规划',
    en: 'Honghe 14th Five-Year community services plan',
    types: BUILT_IN_TYPES,
  },
  {
    id: 'gb50180',
    zh: 'GB 50180-2018 城市居住区规划设计标准（5/10/15分钟生活圈）',
    en: 'GB 50180-2018 residential area standard (5/10/15-minute living circles)',
    types: standard(GB50180_TYPES),
  },
  {
    id: 'tdt1062',
    zh: 'TD/T 1062-2021 社区生活圈规划技术指南（城镇、乡村）',
    en: 'TD/T 1062-2021 community living circle guide (urban, rural)',
    types: standard(TDT1062_TYPES),
  },
];

/** The preset named `id`, or undefined. */
export function cataloguePreset(id: string): CataloguePreset | undefined {
  return CATALOGUE_PRESETS.find((p) => p.id === id);
}
