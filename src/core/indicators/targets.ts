// The measurable 2025 targets of the Honghe 14th Five-Year urban–rural community service plan
// (红河州"十四五"城乡社区服务体系建设规划, 2022) that the loaded layers can check, as data.
// `wording` quotes the plan; `source` quotes the plan's section headings down to the item, as a
// reader finds it in the plan (the comments give the line in the project's seed copy,
// seed/000_42f51d61e5b3c872.txt).

/** Which village-level units an indicator counts. */
export type Scope = 'urban' | 'rural' | 'all';

/** How a community counts as having a facility type:
 *  'in' — a facility of the type lies inside the community;
 *  'in_or_reach' — inside, or the community's walking-covered share reaches the reach share. */
export type Basis = 'in' | 'in_or_reach';

export interface PlanTarget {
  id: string;
  /** The plan's indicator name (Chinese) and an English rendering. */
  zh: string;
  en: string;
  /** The plan's own words for the target. */
  wording: string;
  source: string;
  /** Catalogue code of the facility type the indicator is about. */
  facilityType: string;
  /** 'share': fraction 0–1 of communities; 'area_per_100hh': m² per 100 households. */
  unit: 'share' | 'area_per_100hh';
  /** The value is met when ≥ target. */
  target: number;
  scope: Scope;
  basis: Basis;
}

export const PLAN_TARGETS: readonly PlanTarget[] = [
  {
    id: 'service_rural',
    zh: '农村社区综合服务设施覆盖率',
    en: 'Rural community service facility coverage',
    wording: '农村社区综合服务设施覆盖率 2025年目标值 80%',
    source: '二、总体要求（四）发展目标 · 专栏1 “十四五”城乡社区服务体系建设主要发展指标 第1项', // seed l.81
    facilityType: 'service_center',
    unit: 'share',
    target: 0.8,
    scope: 'rural',
    basis: 'in_or_reach',
  },
  {
    id: 'service_urban',
    zh: '城市社区综合服务设施覆盖率',
    en: 'Urban community service facility coverage',
    wording: '城市社区综合服务设施覆盖率 2025年目标值 100%',
    source: '二、总体要求（四）发展目标 · 专栏1 “十四五”城乡社区服务体系建设主要发展指标 第2项', // seed l.89
    facilityType: 'service_center',
    unit: 'share',
    target: 1,
    scope: 'urban',
    basis: 'in_or_reach',
  },
  {
    id: 'service_area',
    zh: '每百户居民拥有社区综合服务设施面积',
    en: 'Service facility floor area per 100 households',
    wording: '每百户居民拥有社区综合服务设施面积 ≥30平方米; 原则上按照每百户居民不低于30平方米的标准配建',
    source:
      '二、总体要求（四）发展目标 · 专栏1 “十四五”城乡社区服务体系建设主要发展指标 第4项; 三、重点任务（三）补齐城乡社区服务短板 · 9．完善优化服务设施布局', // seed l.107, l.205
    facilityType: 'service_center',
    unit: 'area_per_100hh',
    target: 30,
    scope: 'all',
    basis: 'in',
  },
  {
    id: 'canteen_urban',
    zh: '城市社区老年幸福食堂',
    en: 'Elderly canteens in urban communities',
    wording: '以助餐为突破口，在城市社区全面启动建设新时代"老年幸福食堂"',
    source: '三、重点任务（二）增强城乡社区服务供给 · 专栏3 新时代新社区新生活服务质量提升行动 · 2.社区养老服务行动', // seed l.169
    facilityType: 'elderly_canteen',
    unit: 'share',
    target: 1,
    scope: 'urban',
    basis: 'in_or_reach',
  },
  // The sentence is about sub-districts (街道) and the national statistic is of urban
  // communities (城市社区日间照料机构覆盖率); villages are served by 互助养老 instead.
  {
    id: 'daycare',
    zh: '社区日间照料机构覆盖率',
    en: 'Community day-care coverage',
    wording: '社区日间照料机构覆盖率达到90%以上',
    source: '三、重点任务（二）增强城乡社区服务供给 · 专栏3 新时代新社区新生活服务质量提升行动 · 2.社区养老服务行动', // seed l.169
    facilityType: 'elderly_daycare',
    unit: 'share',
    target: 0.9,
    scope: 'urban',
    basis: 'in_or_reach',
  },
  {
    id: 'fitness_circle',
    zh: '社区"15分钟健身圈"覆盖率',
    en: '15-minute fitness circle coverage',
    wording: '统筹建设全民健身场地设施……实现社区"15分钟健身圈"全覆盖',
    source: '三、重点任务（二）增强城乡社区服务供给 · 专栏3 新时代新社区新生活服务质量提升行动 · 9.社区体育服务行动', // seed l.183
    facilityType: 'fitness',
    unit: 'share',
    target: 1,
    scope: 'all',
    basis: 'in_or_reach',
  },
  // "One per village/community": a station must be in the village, a neighbour's does not count.
  {
    id: 'fire_station',
    zh: '村（社区）微型消防站',
    en: 'Micro fire station per village/community',
    wording: '建立村（社区）微型消防站，推动完善村（社区）消防基础设施',
    source: '三、重点任务（二）增强城乡社区服务供给 · 8．服务平安建设', // seed l.163
    facilityType: 'fire_station',
    unit: 'share',
    target: 1,
    scope: 'all',
    basis: 'in',
  },
];
