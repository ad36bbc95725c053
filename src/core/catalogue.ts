// The facility types the Honghe 14th Five-Year community-services plan names, with the
// defaults the tool starts from. Every default is user-editable; sources are given per field.
import type { TravelProfile } from './travel/road-class.ts';

export type TravelMode = 'straight' | 'network' | 'slope';
/** Which resident count a type's coverage is measured in (issue 8). */
export type DemandMeasure = 'households' | 'population' | 'elderly' | 'infants' | 'disabled';

export interface FacilityType {
  code: string;
  zh: string;
  en: string;
  /** Marker colour on the map and in charts. */
  color: string;
  /** One character drawn on the type's map icon (as planners abbreviate it: 服/餐/老…); the
   *  first character of the Chinese name when absent. */
  icon?: string;
  mode: TravelMode;
  /** Who travels: on foot, by e-bike, or by vehicle at road-class speeds (network modes). */
  profile: TravelProfile;
  /** Travel speed on the flat, km/h (for a vehicle: its top speed). */
  speedKmh: number;
  /** Reach threshold, minutes. */
  minutes: number;
  /** A community is a gap when its covered share of demand is below this (0–1). */
  targetShare: number;
  demand: DemandMeasure;
  /** Where the defaults come from (plan section or standard). */
  source: string;
  /** Default cost of a new site / a renovated building, 万元 (catalogue files; the plan's types
   *  have theirs in siting/costs.ts). */
  costBuild?: number;
  costRenovate?: number;
}

// Walking 4.5 km/h: PLAN.md "about 4.5–5 km/h on the flat"; the lower end, because the
// users of canteens and day-care are elderly. 15 minutes: the plan's 15分钟便民服务圈.
export const BUILT_IN_TYPES: readonly FacilityType[] = Object.freeze([
  {
    code: 'service_center',
    zh: '社区综合服务设施',
    en: 'Community service centre',
    color: '#d62728',
    icon: '服',
    mode: 'network',
    profile: 'walk',
    speedKmh: 4.5,
    minutes: 15,
    targetShare: 0.8,
    demand: 'households',
    source: '规划: 城市社区综合服务设施覆盖率100%, 农村80% (2025); 15分钟便民服务圈',
  },
  {
    code: 'elderly_canteen',
    zh: '老年幸福食堂',
    en: 'Elderly canteen',
    color: '#ff7f0e',
    icon: '餐',
    mode: 'network',
    profile: 'walk',
    speedKmh: 4.5,
    minutes: 15,
    targetShare: 0.9,
    demand: 'elderly',
    source: '规划: 城市社区老年幸福食堂全面启动建设, 农村老年幸福餐桌',
  },
  {
    code: 'elderly_daycare',
    zh: '社区日间照料机构',
    en: 'Elderly day-care',
    color: '#9467bd',
    icon: '老',
    mode: 'network',
    profile: 'walk',
    speedKmh: 4.5,
    minutes: 15,
    targetShare: 0.9,
    demand: 'elderly',
    source: '规划: 社区日间照料机构覆盖率≥90%',
  },
  {
    code: 'childcare',
    zh: '托育服务/儿童之家',
    en: 'Childcare',
    color: '#e377c2',
    icon: '童',
    mode: 'network',
    profile: 'walk',
    speedKmh: 4.5,
    minutes: 15,
    targetShare: 0.8,
    demand: 'infants',
    source: '规划: 社区综合服务设施具备托育功能, 儿童之家普遍建立',
  },
  {
    code: 'fitness',
    zh: '全民健身场地设施',
    en: 'Fitness site',
    color: '#2ca02c',
    icon: '健',
    mode: 'network',
    profile: 'walk',
    speedKmh: 4.5,
    minutes: 15,
    targetShare: 1.0,
    demand: 'population',
    source: '规划: 社区"15分钟健身圈"全覆盖',
  },
  // 1分钟响应、3分钟到场: about 3 minutes to arrive by small vehicle (≈15 km/h, electric
  // tricycle) along the straight line × detour factor, or on drivable roads in network modes.
  {
    code: 'fire_station',
    zh: '微型消防站',
    en: 'Micro fire station',
    color: '#8c564b',
    icon: '消',
    mode: 'straight',
    profile: 'vehicle',
    speedKmh: 15,
    minutes: 3,
    targetShare: 0.9,
    demand: 'households',
    source: '规划: 村(社区)微型消防站, 1分钟响应、3分钟到场',
  },
  // Mountain villages: a health station is reached on foot up and down hill, so slope-aware.
  {
    code: 'health_station',
    zh: '村卫生室/社区卫生服务站',
    en: 'Health station',
    color: '#17becf',
    icon: '医',
    mode: 'slope',
    profile: 'walk',
    speedKmh: 4.5,
    minutes: 15,
    targetShare: 0.8,
    demand: 'population',
    source: '规划: 村卫生室/社区卫生服务站, 与养老设施邻近',
  },
]);

/** A list of facility types: the plan's (BUILT_IN_TYPES), a preset's, or either with a planner's
 *  own types (catalogue-file.ts). It is a value handed to whatever needs it, never a process-wide
 *  setting; a FacilityLayer carries the one its type indices refer to. */
export type Catalogue = readonly FacilityType[];

/** Straight-line mode multiplies great-circle distance by this to approximate walking paths. */
export const DEFAULT_DETOUR = 1.3;

/** A type's travel profile: the one set for it, else its catalogue default, else walking. */
export function profileOf(spec: { code: string; profile?: TravelProfile }, catalogue: Catalogue = BUILT_IN_TYPES): TravelProfile {
  return spec.profile ?? catalogue.find((t) => t.code === spec.code)?.profile ?? 'walk';
}

/** The character on a type's map icon. */
export function iconChar(t: Pick<FacilityType, 'icon' | 'zh'>): string {
  return t.icon || t.zh.charAt(0);
}

/** Catalogue index of a type code, −1 when unknown. */
export function typeIndex(code: string, catalogue: Catalogue = BUILT_IN_TYPES): number {
  return catalogue.findIndex((t) => t.code === code);
}

/** The type of `code` in `catalogue` (throws for an unknown code). */
export function typeOf(code: string, catalogue: Catalogue = BUILT_IN_TYPES): FacilityType {
  const t = catalogue.find((x) => x.code === code);
  if (!t) throw new Error(`unknown facility type "${code}"`);
  return t;
}

export interface Preset {
  id: string;
  zh: string;
  en: string;
  types: string[];
  minutes: number;
}

/** The plan's named service circles. */
export const PRESETS: readonly Preset[] = [
  { id: 'service_circle_15', zh: '15分钟便民服务圈', en: '15-minute convenience service circle', types: ['service_center'], minutes: 15 },
  { id: 'fitness_circle_15', zh: '15分钟健身圈', en: '15-minute fitness circle', types: ['fitness'], minutes: 15 },
];
