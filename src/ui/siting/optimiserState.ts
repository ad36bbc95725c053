// The optimiser panel's state as a reducer (no React): its settings, the candidates and
// not-buildable areas drawn on the map, a run's progress, outcome and each proposed site's
// status; and the siting command the settings make. OptimiserPanel renders and dispatches.
import type { CoverageCommand } from '../../core/analysis/command';
import { inRange, parseNumber } from '../../core/limits';
import type { SitingCommand, SitingOutput } from '../../core/siting/command';
import { polygonSet, type Area } from './areas';

export type SiteStatus = 'open' | 'accepted' | 'rejected';
export type Goal = 'add' | 'target';

export interface OptimiserState {
  goal: Goal;
  /** New sites wanted (goal 'add'). */
  count: number;
  /** Covered share wanted, percent (goal 'target'). */
  target: number;
  /** Demand one site may serve, as typed ('' = no limit). */
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
  out: { out: SitingOutput; goal: Goal; target: number } | null;
  status: SiteStatus[];
  error: string | null;
}

export type OptimiserAction =
  | { type: 'set'; patch: Partial<Pick<OptimiserState, 'goal' | 'count' | 'target' | 'capacity' | 'useCommunities' | 'useGrid' | 'gridM'>> }
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
  goal: 'add', count: 5, target: 90, capacity: '', useCommunities: true, useGrid: true, gridM: 1000,
  drawn: [], areas: [], sketch: [], drawing: null, progress: null, out: null, status: [], error: null,
};

export function optimiserReducer(s: OptimiserState, a: OptimiserAction): OptimiserState {
  switch (a.type) {
    case 'set': return { ...s, ...a.patch };
    // Switching what to draw drops an unfinished area.
    case 'draw': return { ...s, drawing: a.mode, sketch: [] };
    case 'pick':
      return s.drawing === 'points' ? { ...s, drawn: [...s.drawn, [a.lon, a.lat]] }
        : s.drawing === 'area' ? { ...s, sketch: [...s.sketch, [a.lon, a.lat]] } : s;
    // An area needs three vertices; fewer are dropped.
    case 'finishArea': return { ...s, areas: s.sketch.length >= 3 ? [...s.areas, s.sketch] : s.areas, sketch: [], drawing: null };
    case 'clearDrawn': return { ...s, drawn: [] };
    case 'clearAreas': return { ...s, areas: [] };
    case 'started': return { ...s, error: null, out: null, status: [], drawing: null, sketch: [], progress: { done: 0, total: 0, stage: 'greedy' } };
    case 'progress': return s.progress ? { ...s, progress: { done: a.done, total: a.total, stage: a.stage } } : s;
    case 'finished':
      return { ...s, out: { out: a.out, goal: s.goal, target: s.target / 100 }, status: Array.from(a.out.gains, (): SiteStatus => 'open') };
    case 'failed': return { ...s, error: a.message };
    case 'ended': return { ...s, progress: null };
    case 'site': return { ...s, status: s.status.map((x, k) => (k === a.index ? a.status : x)) };
  }
}

/** Whether any candidates are chosen. */
export function candidatesChosen(s: OptimiserState): boolean {
  return s.useCommunities || s.useGrid || s.drawn.length > 0;
}

/** An empty capacity means none; anything else must be inside its range. */
export function capacityBad(s: OptimiserState): boolean {
  return s.goal === 'add' && s.capacity.trim() !== '' && inRange('capacity', parseNumber(s.capacity)) === null;
}

/** The siting command for `type` with the latest analysis's travel settings (null when the
 *  analysis did not run that type). */
export function sitingCommand(s: OptimiserState, type: string, cmd: CoverageCommand): SitingCommand | null {
  const spec = cmd.types.find((x) => x.code === type);
  if (!spec) return null;
  const cap = inRange('capacity', parseNumber(s.capacity));
  return {
    op: 'site', type, mode: spec.mode, speedKmh: spec.speedKmh, detour: cmd.detour, minutes: spec.minutes, demand: spec.demand,
    maxSnapM: cmd.maxSnapM, toleranceM: cmd.toleranceM,
    ...(s.goal === 'add' ? { add: s.count } : { target: s.target / 100 }),
    ...(s.goal === 'add' && cap !== null ? { capacity: cap } : {}),
    candidates: {
      communities: s.useCommunities, ...(s.useGrid ? { gridM: s.gridM } : {}),
      ...(s.drawn.length ? { points: Float64Array.from(s.drawn.flat()) } : {}),
    },
    ...(s.areas.length ? { notBuildable: polygonSet(s.areas) } : {}),
  };
}
