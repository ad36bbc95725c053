// The optimiser panel's state as a reducer (no React): its settings, the candidates and
// not-buildable areas drawn on the map, a run's progress, outcome and each proposed site's
// status; and the siting command the settings make. OptimiserPanel renders and dispatches.
import type { CoverageCommand } from '../../core/analysis/command';
import { BUILT_IN_TYPES, type Catalogue } from '../../core/catalogue';
import { inRange, parseNumber } from '../../core/limits';
import {
  checkBudget,
  checkSitingCommand,
  DEFAULT_CAP_MINUTES,
  parseYears,
  type SitingCommand,
  type SitingModel,
  type SitingOutput,
} from '../../core/siting/command';
import type { CandidateFile } from '../../io/candidates';
import { polygonSet, type Area } from './areas';

export type SiteStatus = 'open' | 'accepted' | 'rejected';
/** What bounds a run of mclp, pmedian or pcenter: a count of new sites, money, or yearly budgets
 *  (a build sequence; lscp: its target). */
export type Limit = 'count' | 'budget' | 'years';

export interface OptimiserState {
  /** The question asked: most covered (mclp), fewest to a target (lscp), shortest mean walk
   *  (pmedian), shortest worst walk (pcenter). */
  model: SitingModel;
  limit: Limit;
  /** New sites wanted (limit 'count'). */
  count: number;
  /** Money to spend, 万元 (limit 'budget'). */
  budget: number;
  /** Yearly budgets as typed, YEAR:BUDGET,... (limit 'years'; the CLI's --years syntax). */
  years: string;
  /** Further types every new site also hosts (mclp: multi-service sites), and each type's weight
   *  in the objective by code (absent: 1). */
  also: string[];
  weights: Record<string, number>;
  /** Candidate points read from a file, and the field their costs come from ('' = the default
   *  costs: new build, or renovation where the file flags an existing building). */
  file: CandidateFile | null;
  costField: string;
  /** Covered share wanted, percent (lscp). */
  target: number;
  /** pcenter: the percentile of minutes minimised (P90 by default, so one farmhouse does not decide). */
  percentile: number;
  /** pmedian and pcenter: minutes at which far or unreachable demand counts. */
  capMinutes: number;
  /** Demand one site may serve, as typed ('' = no limit; mclp with a count only). */
  capacity: string;
  useCommunities: boolean;
  useGrid: boolean;
  gridM: number;
  /** Candidate points drawn on the map. */
  drawn: [number, number][];
  /** Finished not-buildable areas, and the one being drawn. */
  areas: Area[];
  sketch: Area;
  /** What map clicks draw: candidate points, vertices of a not-buildable area, or nothing. */
  drawing: 'points' | 'area' | null;
  progress: { done: number; total: number; stage: string } | null;
  /** A run's output with the settings it ran under (target share 0–1, percentile, budget or
   *  yearly budgets when given). */
  out: { out: SitingOutput; target: number; percentile: number; budget?: number; years?: string; also?: string[] } | null;
  status: SiteStatus[];
  error: string | null;
}

export type OptimiserAction =
  | {
      type: 'set';
      patch: Partial<
        Pick<
          OptimiserState,
          | 'model'
          | 'limit'
          | 'count'
          | 'budget'
          | 'target'
          | 'years'
          | 'costField'
          | 'percentile'
          | 'capMinutes'
          | 'capacity'
          | 'useCommunities'
          | 'useGrid'
          | 'gridM'
        >
      >;
    }
  | { type: 'also'; code: string; on: boolean }
  | { type: 'weight'; code: string; weight: number }
  | { type: 'file'; file: CandidateFile | null }
  | { type: 'draw'; mode: 'points' | 'area' | null }
  | { type: 'pick'; lon: number; lat: number }
  | { type: 'finishArea' }
  | { type: 'clearDrawn' }
  | { type: 'clearAreas' }
  | { type: 'started' }
  | { type: 'progress'; done: number; total: number; stage: string }
  | { type: 'finished'; out: SitingOutput }
  | { type: 'failed'; message: string }
  | { type: 'ended' }
  | { type: 'site'; index: number; status: SiteStatus };

export const INITIAL_OPTIMISER: OptimiserState = {
  model: 'mclp',
  limit: 'count',
  count: 5,
  budget: 300,
  years: '2023:300,2024:300,2025:300',
  also: [],
  weights: {},
  file: null,
  costField: '',
  target: 90,
  percentile: 90,
  capMinutes: DEFAULT_CAP_MINUTES,
  capacity: '',
  useCommunities: true,
  useGrid: true,
  gridM: 1000,
  drawn: [],
  areas: [],
  sketch: [],
  drawing: null,
  progress: null,
  out: null,
  status: [],
  error: null,
};

export function optimiserReducer(s: OptimiserState, a: OptimiserAction): OptimiserState {
  switch (a.type) {
    case 'set':
      return { ...s, ...a.patch };
    case 'also':
      return { ...s, also: a.on ? (s.also.includes(a.code) ? s.also : [...s.also, a.code]) : s.also.filter((c) => c !== a.code) };
    case 'weight':
      return { ...s, weights: { ...s.weights, [a.code]: a.weight } };
    // A new file drops a cost field it does not have.
    case 'file':
      return { ...s, file: a.file, costField: a.file?.costFields.includes(s.costField) ? s.costField : '' };
    // Switching what to draw drops an unfinished area.
    case 'draw':
      return { ...s, drawing: a.mode, sketch: [] };
    case 'pick':
      return s.drawing === 'points'
        ? { ...s, drawn: [...s.drawn, [a.lon, a.lat]] }
        : s.drawing === 'area'
          ? { ...s, sketch: [...s.sketch, [a.lon, a.lat]] }
          : s;
    // An area needs three vertices; fewer are dropped.
    case 'finishArea':
      return { ...s, areas: s.sketch.length >= 3 ? [...s.areas, s.sketch] : s.areas, sketch: [], drawing: null };
    case 'clearDrawn':
      return { ...s, drawn: [] };
    case 'clearAreas':
      return { ...s, areas: [] };
    case 'started':
      return { ...s, error: null, out: null, status: [], drawing: null, sketch: [], progress: { done: 0, total: 0, stage: 'greedy' } };
    case 'progress':
      return s.progress ? { ...s, progress: { done: a.done, total: a.total, stage: a.stage } } : s;
    case 'finished':
      return {
        ...s,
        out: {
          out: a.out,
          target: s.target / 100,
          percentile: s.percentile,
          ...(s.model !== 'lscp' && s.limit === 'budget' ? { budget: s.budget } : {}),
          ...(a.out.years ? { years: s.years } : {}),
          ...(multiApplies(s) && s.also.length ? { also: s.also } : {}),
        },
        status: Array.from(a.out.gains, (): SiteStatus => 'open'),
      };
    case 'failed':
      return { ...s, error: a.message };
    case 'ended':
      return { ...s, progress: null };
    case 'site':
      return { ...s, status: s.status.map((x, k) => (k === a.index ? a.status : x)) };
  }
}

/** Whether any candidates are chosen. */
export function candidatesChosen(s: OptimiserState): boolean {
  return s.useCommunities || s.useGrid || s.drawn.length > 0 || !!s.file;
}

/** Whether the capacity field applies: the mclp model with one type and a count of sites. */
export function capacityApplies(s: OptimiserState): boolean {
  return s.model === 'mclp' && s.limit === 'count' && s.also.length === 0;
}

/** Whether further types may share the sites: the mclp model (the core's rule). */
export function multiApplies(s: OptimiserState): boolean {
  return s.model === 'mclp';
}

/** An empty capacity means none; anything else must be inside its range. */
export function capacityBad(s: OptimiserState): boolean {
  return capacityApplies(s) && s.capacity.trim() !== '' && inRange('capacity', parseNumber(s.capacity)) === null;
}

/** The minutes cap of pmedian and pcenter must reach the type's threshold (the core's rule). */
export function capBelowThreshold(s: OptimiserState, minutes: number | undefined): boolean {
  return (s.model === 'pmedian' || s.model === 'pcenter') && minutes !== undefined && s.capMinutes < minutes;
}

/** The siting command for `type` with the latest analysis's travel settings (null when the
 *  analysis did not run that type). Further types come with their own analysed settings (types
 *  the analysis did not run are left out). Throws the core's SitingInputError on yearly budgets
 *  that do not parse. */
export function sitingCommand(s: OptimiserState, type: string, cmd: CoverageCommand): SitingCommand | null {
  const spec = cmd.types.find((x) => x.code === type);
  if (!spec) return null;
  const cap = inRange('capacity', parseNumber(s.capacity));
  const also = multiApplies(s)
    ? s.also.flatMap((code) => {
        const t = code !== type ? cmd.types.find((x) => x.code === code) : undefined;
        return t ? [{ type: code, profile: t.profile, speedKmh: t.speedKmh, minutes: t.minutes, demand: t.demand }] : [];
      })
    : [];
  const limit =
    s.model === 'lscp'
      ? { target: s.target / 100 }
      : s.limit === 'budget'
        ? { budget: s.budget }
        : s.limit === 'years'
          ? { years: parseYears(s.years) }
          : { add: s.count };
  // Drawn points first, then the file's; costs and the existing-building flag only from the file.
  const file = s.file;
  const nDrawn = s.drawn.length;
  const points = [...s.drawn.flat(), ...(file ? Array.from(file.points) : [])];
  const fileCost = file && s.costField ? file.costs[s.costField] : undefined;
  return {
    op: 'site',
    type,
    mode: spec.mode,
    profile: spec.profile,
    speedKmh: spec.speedKmh,
    detour: cmd.detour,
    minutes: spec.minutes,
    demand: spec.demand,
    maxSnapM: cmd.maxSnapM,
    toleranceM: cmd.toleranceM,
    ...(cmd.roadClasses ? { roadClasses: cmd.roadClasses } : {}),
    model: s.model,
    ...limit,
    ...(capacityApplies(s) && cap !== null ? { capacity: cap } : {}),
    ...(also.length ? { also, weights: [type, ...also.map((a) => a.type)].map((c) => s.weights[c] ?? 1) } : {}),
    ...(s.model === 'pcenter' ? { percentile: s.percentile } : {}),
    ...(s.model === 'pmedian' || s.model === 'pcenter' ? { capMinutes: s.capMinutes } : {}),
    candidates: {
      communities: s.useCommunities,
      ...(s.useGrid ? { gridM: s.gridM } : {}),
      ...(points.length ? { points: Float64Array.from(points) } : {}),
      ...(file
        ? {
            pointRenovate: Uint8Array.from({ length: points.length / 2 }, (_, i) => (i < nDrawn ? 0 : file.renovate[i - nDrawn])),
            ...(fileCost
              ? { pointCost: Float64Array.from({ length: points.length / 2 }, (_, i) => (i < nDrawn ? NaN : fileCost[i - nDrawn])) }
              : {}),
          }
        : {}),
    },
    ...(s.areas.length ? { notBuildable: polygonSet(s.areas) } : {}),
  };
}

/** What is wrong with the settings, by the core's own checks (the CLI's): yearly budgets that do
 *  not parse or do not increase, money below every candidate's cost, and the rest of
 *  checkSitingCommand. Null when a run may start. */
export function sitingProblem(s: OptimiserState, type: string, cmd: CoverageCommand, catalogue: Catalogue = BUILT_IN_TYPES): Error | null {
  try {
    const c = sitingCommand(s, type, cmd);
    if (c) {
      checkSitingCommand(c, catalogue);
      checkBudget(c, undefined, catalogue);
    }
    return null;
  } catch (e) {
    return e as Error;
  }
}
