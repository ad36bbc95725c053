// The optimiser panel's state as a reducer (no React): its settings, the candidates and
// not-buildable areas drawn on the map, a run's progress, outcome and each proposed site's
// status; and the siting command the settings make. OptimiserPanel renders and dispatches.
import type { CoverageCommand } from '../../core/analysis/command';
import { inRange, parseNumber } from '../../core/limits';
import { DEFAULT_CAP_MINUTES, type SitingCommand, type SitingModel, type SitingOutput } from '../../core/siting/command';
import { polygonSet, type Area } from './areas';

export type SiteStatus = 'open' | 'accepted' | 'rejected';
/** What bounds a run of mclp, pmedian or pcenter: a count of new sites or money (lscp: its target). */
export type Limit = 'count' | 'budget';

export interface OptimiserState {
  /** The question asked: most covered (mclp), fewest to a target (lscp), shortest mean walk
   *  (pmedian), shortest worst walk (pcenter). */
  model: SitingModel;
  limit: Limit;
  /** New sites wanted (limit 'count'). */
  count: number;
  /** Money to spend, 万元 (limit 'budget'). */
  budget: number;
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
  /** A run's output with the settings it ran under (target share 0–1, percentile, budget when one was given). */
  out: { out: SitingOutput; target: number; percentile: number; budget?: number } | null;
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
          | 'percentile'
          | 'capMinutes'
          | 'capacity'
          | 'useCommunities'
          | 'useGrid'
          | 'gridM'
        >
      >;
    }
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
  return s.useCommunities || s.useGrid || s.drawn.length > 0;
}

/** Whether the capacity field applies: the mclp model with a count of sites. */
export function capacityApplies(s: OptimiserState): boolean {
  return s.model === 'mclp' && s.limit === 'count';
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
 *  analysis did not run that type). */
export function sitingCommand(s: OptimiserState, type: string, cmd: CoverageCommand): SitingCommand | null {
  const spec = cmd.types.find((x) => x.code === type);
  if (!spec) return null;
  const cap = inRange('capacity', parseNumber(s.capacity));
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
    ...(s.model === 'lscp' ? { target: s.target / 100 } : s.limit === 'budget' ? { budget: s.budget } : { add: s.count }),
    ...(capacityApplies(s) && cap !== null ? { capacity: cap } : {}),
    ...(s.model === 'pcenter' ? { percentile: s.percentile } : {}),
    ...(s.model === 'pmedian' || s.model === 'pcenter' ? { capMinutes: s.capMinutes } : {}),
    candidates: {
      communities: s.useCommunities,
      ...(s.useGrid ? { gridM: s.gridM } : {}),
      ...(s.drawn.length ? { points: Float64Array.from(s.drawn.flat()) } : {}),
    },
    ...(s.areas.length ? { notBuildable: polygonSet(s.areas) } : {}),
  };
}
