// The optimiser panel's reducer and the siting command its settings make (src/ui/siting/optimiserState.ts).
import { describe, expect, it } from 'vitest';
import { defaultCommand } from '../../src/core/analysis/command';
import { SitingInputError, type SitingOutput } from '../../src/core/siting/command';
import type { CandidateFile } from '../../src/io/candidates';
import {
  candidatesChosen,
  capacityBad,
  capBelowThreshold,
  INITIAL_OPTIMISER,
  optimiserReducer,
  sitingCommand,
  sitingProblem,
  type OptimiserAction,
} from '../../src/ui/siting/optimiserState';

const run = (...actions: OptimiserAction[]) => actions.reduce(optimiserReducer, INITIAL_OPTIMISER);
const output = { gains: Float64Array.of(40, 5), coords: Float64Array.of(103, 23, 103.1, 23.1) } as SitingOutput;

describe('optimiser state', () => {
  it('draws candidate points and areas (an area needs three vertices) only in the matching mode', () => {
    const s = run(
      { type: 'pick', lon: 1, lat: 1 }, // not drawing: ignored
      { type: 'draw', mode: 'points' },
      { type: 'pick', lon: 103, lat: 23 },
      { type: 'draw', mode: 'area' },
      { type: 'pick', lon: 0, lat: 0 },
      { type: 'pick', lon: 1, lat: 0 },
      { type: 'finishArea' },
      { type: 'draw', mode: 'area' },
      { type: 'pick', lon: 0, lat: 0 },
      { type: 'pick', lon: 1, lat: 0 },
      { type: 'pick', lon: 1, lat: 1 },
      { type: 'finishArea' },
    );
    expect(s.drawn).toEqual([[103, 23]]);
    expect(s.areas).toEqual([
      [
        [0, 0],
        [1, 0],
        [1, 1],
      ],
    ]);
    expect(s).toMatchObject({ sketch: [], drawing: null });
    expect(run({ type: 'draw', mode: 'area' }, { type: 'pick', lon: 0, lat: 0 }, { type: 'draw', mode: 'points' }).sketch).toEqual([]);
  });

  it('follows a run: progress only while running, every site open, then accepted or rejected', () => {
    expect(run({ type: 'progress', done: 1, total: 2, stage: 'greedy' }).progress).toBeNull();
    const s = run(
      { type: 'set', patch: { model: 'lscp', target: 80 } },
      { type: 'started' },
      { type: 'progress', done: 3, total: 10, stage: 'improve' },
      { type: 'finished', out: output },
      { type: 'ended' },
      { type: 'site', index: 1, status: 'rejected' },
    );
    expect(s.progress).toBeNull();
    expect(s.out).toEqual({ out: output, target: 0.8, percentile: 90 });
    expect(s.status).toEqual(['open', 'rejected']);
    const failed = run({ type: 'started' }, { type: 'failed', message: 'worker gone' }, { type: 'ended' });
    expect(failed).toMatchObject({ error: 'worker gone', progress: null, out: null });
    expect(optimiserReducer(failed, { type: 'started' }).error).toBeNull();
  });

  it("makes the siting command from the settings and the analysis' travel settings", () => {
    const cmd = defaultCommand();
    const s = run(
      { type: 'set', patch: { count: 3, capacity: '200', useGrid: false } },
      { type: 'draw', mode: 'points' },
      { type: 'pick', lon: 103, lat: 23 },
    );
    const c = sitingCommand(s, 'fitness', cmd)!;
    const spec = cmd.types.find((t) => t.code === 'fitness')!;
    expect(c).toMatchObject({
      op: 'site',
      type: 'fitness',
      model: 'mclp',
      mode: spec.mode,
      minutes: spec.minutes,
      demand: spec.demand,
      add: 3,
      capacity: 200,
    });
    expect(c.percentile).toBeUndefined();
    expect(c.capMinutes).toBeUndefined();
    expect(c.candidates).toEqual({ communities: true, points: Float64Array.of(103, 23) });
    expect(c.notBuildable).toBeUndefined();
    const t = sitingCommand(run({ type: 'set', patch: { model: 'lscp', target: 95, capacity: '200', limit: 'budget' } }), 'fitness', cmd)!;
    expect(t).toMatchObject({ model: 'lscp', target: 0.95 });
    expect(t.budget).toBeUndefined();
    expect(t.add).toBeUndefined();
    expect(t.capacity).toBeUndefined();
    expect(sitingCommand(s, 'fitness', { ...cmd, types: [] })).toBeNull();
  });

  it('needs some candidates and a capacity in range (empty: none)', () => {
    expect(candidatesChosen(INITIAL_OPTIMISER)).toBe(true);
    expect(candidatesChosen(run({ type: 'set', patch: { useCommunities: false, useGrid: false } }))).toBe(false);
    expect(capacityBad(run({ type: 'set', patch: { capacity: '' } }))).toBe(false);
    expect(capacityBad(run({ type: 'set', patch: { capacity: '-5' } }))).toBe(true);
    expect(capacityBad(run({ type: 'set', patch: { capacity: '-5', model: 'lscp' } }))).toBe(false);
    expect(capacityBad(run({ type: 'set', patch: { capacity: '-5', model: 'pcenter' } }))).toBe(false);
    expect(capacityBad(run({ type: 'set', patch: { capacity: '-5', limit: 'budget' } }))).toBe(false);
  });

  it('asks p-center for P90 under a 60-minute cap by default; p-median for the cap only; budget replaces the count', () => {
    const cmd = defaultCommand();
    const pc = sitingCommand(run({ type: 'set', patch: { model: 'pcenter', capacity: '200' } }), 'elderly_canteen', cmd)!;
    expect(pc).toMatchObject({ model: 'pcenter', add: 5, percentile: 90, capMinutes: 60 });
    expect(pc.capacity).toBeUndefined();
    const pm = sitingCommand(
      run({ type: 'set', patch: { model: 'pmedian', capMinutes: 240, percentile: 50, limit: 'budget', budget: 450 } }),
      'elderly_canteen',
      cmd,
    )!;
    expect(pm).toMatchObject({ model: 'pmedian', budget: 450, capMinutes: 240 });
    expect(pm.add).toBeUndefined();
    expect(pm.percentile).toBeUndefined();
    const max = sitingCommand(
      run({ type: 'set', patch: { model: 'pcenter', percentile: 100, limit: 'count', count: 2 } }),
      'elderly_canteen',
      cmd,
    )!;
    expect(max).toMatchObject({ add: 2, percentile: 100 });
    expect(max.budget).toBeUndefined();
  });

  it('keeps the budget of a run with its output, and none for a count or lscp', () => {
    const finished = (...a: OptimiserAction[]) => run(...a, { type: 'started' }, { type: 'finished', out: output }).out!;
    expect(finished({ type: 'set', patch: { limit: 'budget', budget: 450, model: 'pmedian' } })).toMatchObject({ budget: 450 });
    expect(finished({ type: 'set', patch: { limit: 'count', budget: 450 } }).budget).toBeUndefined();
    expect(finished({ type: 'set', patch: { limit: 'budget', model: 'lscp' } }).budget).toBeUndefined();
    expect(finished({ type: 'set', patch: { model: 'pcenter', percentile: 75 } }).percentile).toBe(75);
  });

  it("flags a minutes cap below the type's threshold, for p-median and p-center only", () => {
    const low = run({ type: 'set', patch: { model: 'pcenter', capMinutes: 10 } });
    expect(capBelowThreshold(low, 15)).toBe(true);
    expect(capBelowThreshold(low, 10)).toBe(false);
    expect(capBelowThreshold(low, undefined)).toBe(false);
    expect(capBelowThreshold(optimiserReducer(low, { type: 'set', patch: { model: 'pmedian' } }), 15)).toBe(true);
    expect(capBelowThreshold(optimiserReducer(low, { type: 'set', patch: { model: 'mclp' } }), 15)).toBe(false);
  });

  it('multi-service sites: each chosen analysed type with its own travel settings and weight (default 1), mclp only', () => {
    const cmd = defaultCommand();
    const s = run(
      { type: 'also', code: 'childcare', on: true },
      { type: 'also', code: 'elderly_daycare', on: true },
      { type: 'also', code: 'elderly_daycare', on: true }, // twice: once
      { type: 'also', code: 'not_analysed', on: true },
      { type: 'weight', code: 'childcare', weight: 2 },
      { type: 'set', patch: { capacity: '200' } },
    );
    expect(s.also).toEqual(['childcare', 'elderly_daycare', 'not_analysed']);
    const c = sitingCommand(s, 'elderly_canteen', cmd)!;
    const child = cmd.types.find((t) => t.code === 'childcare')!;
    expect(c.also).toEqual([
      { type: 'childcare', profile: child.profile, speedKmh: child.speedKmh, minutes: child.minutes, demand: child.demand },
      expect.objectContaining({ type: 'elderly_daycare' }),
    ]);
    expect(c.weights).toEqual([1, 2, 1]);
    // Capacity is for one type only; other models site one type.
    expect(c.capacity).toBeUndefined();
    expect(capacityBad(run({ type: 'also', code: 'childcare', on: true }, { type: 'set', patch: { capacity: '-5' } }))).toBe(false);
    expect(sitingCommand(optimiserReducer(s, { type: 'set', patch: { model: 'pmedian' } }), 'elderly_canteen', cmd)!.also).toBeUndefined();
    const off = optimiserReducer(s, { type: 'also', code: 'childcare', on: false });
    expect(off.also).toEqual(['elderly_daycare', 'not_analysed']);
    expect(sitingProblem(s, 'elderly_canteen', cmd)).toBeNull();
  });

  it('yearly budgets: parsed by the core, and refused before a run when out of order, malformed or below every cost', () => {
    const cmd = defaultCommand();
    const years = (text: string, patch = {}) => run({ type: 'set', patch: { model: 'pmedian', limit: 'years', years: text, ...patch } });
    const c = sitingCommand(years('2023:300, 2024:250,2025:300'), 'elderly_canteen', cmd)!;
    expect(c.years).toEqual([
      { year: 2023, budget: 300 },
      { year: 2024, budget: 250 },
      { year: 2025, budget: 300 },
    ]);
    expect(c.add).toBeUndefined();
    expect(c.budget).toBeUndefined();
    const problem = (text: string, patch = {}) => sitingProblem(years(text, patch), 'elderly_canteen', cmd) as SitingInputError;
    expect(problem('2024:300,2023:300')).toMatchObject({ code: 'yearsOrder', values: { year: 2023, before: 2024 } });
    expect(problem('2024:300,2024:300').code).toBe('yearsOrder');
    expect(problem('2023:300,soon')).toMatchObject({ code: 'yearsSyntax', values: { item: 'soon' } });
    // A canteen costs 120 (new build) at the centroids and grid points: 50 a year buys nothing by 2024.
    expect(problem('2023:50,2024:50')).toMatchObject({ code: 'budgetBelowCost', values: { budget: 100, cheapest: 120 } });
    expect(problem('2023:50,2024:70')).toBeNull();
    // A renovation candidate from a file costs 30: then 50 buys one.
    const file: CandidateFile = {
      name: 'c.geojson',
      points: Float64Array.of(103.4, 23.4, 103.5, 23.5),
      renovate: Uint8Array.of(1, 0),
      costFields: ['cost'],
      costs: { cost: Float64Array.of(80, 5) },
    };
    expect(problem('2023:50,2024:50', { file })).toBeNull();
    const budget = run({ type: 'set', patch: { limit: 'budget', budget: 20 } }, { type: 'file', file });
    expect(sitingProblem(budget, 'elderly_canteen', cmd)).toMatchObject({ code: 'budgetBelowCost', values: { cheapest: 30 } });
    // With the file's cost field, the cheapest is the file's 5.
    const costed = optimiserReducer(budget, { type: 'set', patch: { costField: 'cost' } });
    expect(sitingProblem(costed, 'elderly_canteen', cmd)).toBeNull();
    const fc = sitingCommand(optimiserReducer(costed, { type: 'draw', mode: 'points' }), 'elderly_canteen', cmd)!;
    expect(fc.candidates).toMatchObject({
      points: Float64Array.of(103.4, 23.4, 103.5, 23.5),
      pointCost: Float64Array.of(80, 5),
      pointRenovate: Uint8Array.of(1, 0),
    });
    // Drawn points come first, at the default cost; a file without the field drops it.
    const drawn = run(
      { type: 'draw', mode: 'points' },
      { type: 'pick', lon: 1, lat: 2 },
      { type: 'file', file },
      { type: 'set', patch: { costField: 'cost' } },
    );
    expect(sitingCommand(drawn, 'elderly_canteen', cmd)!.candidates).toMatchObject({
      points: Float64Array.of(1, 2, 103.4, 23.4, 103.5, 23.5),
      pointCost: Float64Array.of(NaN, 80, 5),
      pointRenovate: Uint8Array.of(0, 1, 0),
    });
    expect(optimiserReducer(drawn, { type: 'file', file: { ...file, costFields: [], costs: {} } }).costField).toBe('');
    expect(candidatesChosen(run({ type: 'set', patch: { useCommunities: false, useGrid: false } }, { type: 'file', file }))).toBe(true);
  });

  it('keeps the yearly budgets and the further types of a run with its output', () => {
    const finished = (...a: OptimiserAction[]) =>
      run(...a, { type: 'started' }, { type: 'finished', out: { ...output, years: Int32Array.of(2023, 2024) } }).out!;
    expect(finished({ type: 'set', patch: { limit: 'years', years: '2023:300,2024:300' } })).toMatchObject({ years: '2023:300,2024:300' });
    expect(finished({ type: 'also', code: 'childcare', on: true })).toMatchObject({ also: ['childcare'] });
    expect(finished({ type: 'also', code: 'childcare', on: true }, { type: 'set', patch: { model: 'pmedian' } }).also).toBeUndefined();
  });
});
