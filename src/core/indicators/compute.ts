// The plan's indicators per county and for the prefecture, set against the 2025 targets.
//
// Definitions (the plan gives targets, not formulas; these are ours, stated so a reader can
// check them):
// - A community (village-level unit) HAS a type when a facility of that type lies inside it.
// - It is SERVED by a type when it has one, or — for targets with basis 'in_or_reach' and when
//   a coverage result for the type is given — when at least `reachShare` (default ½, a
//   majority) of its demand lies within the type's walking threshold.
// - Coverage indicators (service centres, canteens, day-care, fitness circle, fire stations) are
//   the share of the scope's communities (urban, rural or all) that are served.
// - Floor area per 100 households is 100 · Σ known service-centre floor area ÷ Σ households.
//   With some areas unknown the value is a lower bound: it can prove 'met' but not 'not met',
//   so it is then 'no_data' unless already ≥ target. With no area anywhere in the data: 'no_data'.
// - Walking coverage per type is the demand-weighted share within the threshold (Σ covered ÷
//   Σ demand over the group's communities), against the type's target share (a tool default).
// A county is the county of the community; facilities outside every community count nowhere.
import { BUILT_IN_TYPES, typeIndex, typeOf, type Catalogue } from '../catalogue.ts';
import { PLAN_TARGETS, type Basis, type PlanTarget, type Scope } from './targets.ts';
import { travelPhrase, type TravelProfile } from '../travel/road-class.ts';

/** Per-community coverage of one facility type (the shape of coverage/stats GroupStats). */
export interface CommunityCoverage {
  /** Demand per community (in the type's measure). */
  demand: ArrayLike<number>;
  /** Demand within the threshold per community. */
  covered: ArrayLike<number>;
  /** Gap threshold of the type, 0–1 (default: the catalogue's). */
  targetShare?: number;
  /** Threshold, minutes, and travel profile (for the label; default: the catalogue's). */
  minutes?: number;
  profile?: TravelProfile;
}

export interface IndicatorInput {
  counties: { codes: string[]; names: string[] };
  communities: {
    count: number;
    /** 1 urban-type community (社区/居委会), 0 village. */
    urban: ArrayLike<number>;
    /** County index of each community, −1 when unknown. */
    county: ArrayLike<number>;
    /** Households per community. */
    households: ArrayLike<number>;
  };
  facilities: {
    count: number;
    /** Index into `catalogue` of each facility's type. */
    type: ArrayLike<number>;
    /** The facility types (the plan's when absent). */
    catalogue?: Catalogue;
    /** Index of the community containing each facility, −1 when none. */
    community: ArrayLike<number>;
    /** Floor area, m²; NaN when unknown. */
    area: ArrayLike<number>;
  };
  /** Coverage results by catalogue code (absent types are judged on 'in' alone). */
  coverage?: Partial<Record<string, CommunityCoverage>>;
}

export type Status = 'met' | 'not_met' | 'no_data';

export interface IndicatorCell {
  /** Share 0–1, or m² per 100 households; NaN when no data. */
  value: number;
  /** Served communities (or m², or covered demand) … */
  numerator: number;
  /** … over communities in scope (or households, or demand). */
  denominator: number;
  status: Status;
  /** Service centres with unknown floor area (area indicator only). */
  missingArea?: number;
}

/** A plan target with its values per county and for the prefecture. */
export interface IndicatorRow extends Omit<PlanTarget, 'basis'> {
  /** The basis actually used ('in' when no coverage was given for an 'in_or_reach' target). */
  basis: Basis | 'walking';
  /** One cell per county, in `counties` order. */
  counties: IndicatorCell[];
  prefecture: IndicatorCell;
}

export interface IndicatorTable {
  counties: { codes: string[]; names: string[] };
  reachShare: number;
  rows: IndicatorRow[];
}

export interface IndicatorOptions {
  /** Covered share of its demand from which a community counts as within reach (0–1, default 0.5). */
  reachShare?: number;
}

const EPS = 1e-12;

function cell(numerator: number, denominator: number, target: number, scale = 1): IndicatorCell {
  if (!(denominator > 0)) return { value: NaN, numerator, denominator, status: 'no_data' };
  const value = (scale * numerator) / denominator;
  return { value, numerator, denominator, status: value >= target - EPS ? 'met' : 'not_met' };
}

/** Facilities of catalogue index `t` inside each community. */
function countIn(input: IndicatorInput, t: number): Int32Array {
  const n = new Int32Array(input.communities.count);
  const f = input.facilities;
  for (let i = 0; i < f.count; i++) if (f.type[i] === t && f.community[i] >= 0) n[f.community[i]]++;
  return n;
}

/** Sums per county and in total of a per-community quantity over communities where `keep`. */
function sums(input: IndicatorInput, x: (c: number) => number, keep: (c: number) => boolean) {
  const byCounty = new Float64Array(input.counties.codes.length);
  let total = 0;
  const { count, county } = input.communities;
  for (let c = 0; c < count; c++) {
    if (!keep(c)) continue;
    const v = x(c);
    total += v;
    if (county[c] >= 0) byCounty[county[c]] += v;
  }
  return { byCounty, total };
}

function inScope(input: IndicatorInput, scope: Scope): (c: number) => boolean {
  const u = input.communities.urban;
  return scope === 'all' ? () => true : scope === 'urban' ? (c) => u[c] === 1 : (c) => u[c] !== 1;
}

function coverageRow(input: IndicatorInput, p: PlanTarget, reachShare: number): IndicatorRow {
  const t = typeIndex(p.facilityType, input.facilities.catalogue);
  const has = countIn(input, t);
  const cov = p.basis === 'in_or_reach' ? input.coverage?.[p.facilityType] : undefined;
  const served = (c: number): number => {
    if (has[c] > 0) return 1;
    if (!cov) return 0;
    const d = cov.demand[c];
    return d > 0 && cov.covered[c] >= reachShare * d - EPS ? 1 : 0;
  };
  const keep = inScope(input, p.scope);
  const num = sums(input, served, keep),
    den = sums(input, () => 1, keep);
  return {
    ...pick(p),
    basis: cov ? 'in_or_reach' : 'in',
    counties: Array.from(num.byCounty, (v, k) => cell(v, den.byCounty[k], p.target)),
    prefecture: cell(num.total, den.total, p.target),
  };
}

function areaRow(input: IndicatorInput, p: PlanTarget): IndicatorRow {
  const t = typeIndex(p.facilityType, input.facilities.catalogue);
  const nc = input.communities.count;
  const known = new Float64Array(nc),
    missing = new Int32Array(nc);
  let anyArea = false;
  const f = input.facilities;
  for (let i = 0; i < f.count; i++) {
    if (f.type[i] !== t) continue;
    const a = f.area[i];
    if (Number.isFinite(a)) anyArea = true;
    const c = f.community[i];
    if (c < 0) continue;
    if (Number.isFinite(a)) known[c] += a;
    else missing[c]++;
  }
  const all = () => true;
  const area = sums(input, (c) => known[c], all),
    hh = sums(input, (c) => input.communities.households[c], all);
  const miss = sums(input, (c) => missing[c], all);
  const judge = (a: number, h: number, m: number): IndicatorCell => {
    if (!anyArea) return { value: NaN, numerator: a, denominator: h, status: 'no_data', missingArea: m };
    const out = { ...cell(a, h, p.target, 100), missingArea: m };
    if (m > 0 && out.status === 'not_met') out.status = 'no_data';
    return out;
  };
  return {
    ...pick(p),
    basis: 'in',
    counties: Array.from(area.byCounty, (a, k) => judge(a, hh.byCounty[k], miss.byCounty[k])),
    prefecture: judge(area.total, hh.total, miss.total),
  };
}

function walkingRow(input: IndicatorInput, code: string, cov: CommunityCoverage): IndicatorRow {
  const type = typeOf(code, input.facilities.catalogue);
  const target = cov.targetShare ?? type.targetShare;
  const minutes = cov.minutes ?? type.minutes;
  const phrase = travelPhrase(minutes, cov.profile ?? type.profile);
  const all = () => true;
  const num = sums(input, (c) => cov.covered[c], all),
    den = sums(input, (c) => cov.demand[c], all);
  return {
    id: `walk_${code}`,
    zh: `${type.zh} ${phrase.zh}覆盖率`,
    en: `${type.en}: share of demand within a ${phrase.en}`,
    wording: type.source,
    source: '工具默认目标 (catalogue.ts)',
    facilityType: code,
    unit: 'share',
    target,
    scope: 'all',
    basis: 'walking',
    counties: Array.from(num.byCounty, (v, k) => cell(v, den.byCounty[k], target)),
    prefecture: cell(num.total, den.total, target),
  };
}

function pick(p: PlanTarget) {
  const { id, zh, en, wording, source, facilityType, unit, target, scope } = p;
  return { id, zh, en, wording, source, facilityType, unit, target, scope };
}

/** The plan's indicators (PLAN_TARGETS, for the types the catalogue has) and walking coverage for each type in `input.coverage`,
 *  per county and for the whole prefecture. */
export function computeIndicators(input: IndicatorInput, opts: IndicatorOptions = {}): IndicatorTable {
  const reachShare = opts.reachShare ?? 0.5;
  if (!(reachShare > 0 && reachShare <= 1)) throw new Error(`reachShare must be in (0, 1], got ${reachShare}`);
  // A catalogue without a plan target's type (a national preset) has no row for it.
  const rows = PLAN_TARGETS.filter((p) => typeIndex(p.facilityType, input.facilities.catalogue) >= 0).map((p) =>
    p.unit === 'area_per_100hh' ? areaRow(input, p) : coverageRow(input, p, reachShare),
  );
  for (const t of input.facilities.catalogue ?? BUILT_IN_TYPES) {
    const cov = input.coverage?.[t.code];
    if (cov) rows.push(walkingRow(input, t.code, cov));
  }
  return { counties: input.counties, reachShare, rows };
}
