// The service circles controller (src/ui/serviceCircles.ts): fetched when switched on for the
// current run, stale answers dropped, a failure clears the circle and is reported.
import { describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import { ServiceCircles, type CatchmentClient, type ServiceCirclesInputs } from '../../src/ui/serviceCircles.ts';
import type { FacilityAction } from '../../src/core/scenario/scenario.ts';
import { deferred, flush, type Deferred } from './deferred.ts';

const poly = (n: number): Feature<MultiPolygon> => ({
  type: 'Feature',
  properties: { n },
  geometry: { type: 'MultiPolygon', coordinates: [] },
});
function fakes() {
  let current = 1;
  const asked: { code: string; actions: readonly FacilityAction[]; answer: Deferred<Feature<MultiPolygon>> }[] = [];
  const client: CatchmentClient = {
    catchment: (code, _spec, actions = []) => {
      const answer = deferred<Feature<MultiPolygon>>();
      asked.push({ code, actions, answer });
      return answer.promise;
    },
    isCurrent: (id) => id === current,
  };
  const drawn: [string, FeatureCollection | string][] = [];
  const map = { setData: async (id: string, d: FeatureCollection | string) => void drawn.push([id, d]) };
  return { client, asked, drawn, map, newRun: () => ++current };
}
const OFF = { 'catchment-service': false, 'catchment-fitness': false };
// The app passes the shown actions memoised: the same array until they change.
const NONE: FacilityAction[] = [];

describe('service circles controller', () => {
  it('asks for nothing until switched on and a result exists, then draws the answer', async () => {
    const f = fakes();
    const c = new ServiceCircles(() => f.map);
    const base: ServiceCirclesInputs = { client: f.client, done: null, on: { ...OFF, 'catchment-service': true }, actions: NONE };
    c.update(base);
    c.update({ ...base, on: OFF, done: { runId: 1 } });
    expect(f.asked).toHaveLength(0);
    c.update({ ...base, done: { runId: 1 } });
    expect(f.asked.map((a) => a.code)).toEqual(['service_center']);
    f.asked[0].answer.resolve(poly(1));
    await flush();
    expect(f.drawn).toEqual([['catchment-service', { type: 'FeatureCollection', features: [poly(1)] }]]);
    expect(c.state).toEqual({});
  });

  it('asks again only for the circle whose inputs moved, and drops an answer for an older run or older actions', async () => {
    const f = fakes();
    const c = new ServiceCircles(() => f.map);
    const done1 = { runId: 1 };
    const both = { 'catchment-service': true, 'catchment-fitness': true };
    c.update({ client: f.client, done: done1, on: { ...OFF, 'catchment-service': true }, actions: NONE });
    c.update({ client: f.client, done: done1, on: both, actions: NONE });
    expect(f.asked.map((a) => a.code)).toEqual(['service_center', 'fitness']);
    // The scenario's actions change: both asked again; the first answers are now stale.
    const moved: FacilityAction[] = [{ action: 'remove', id: 'f1' }];
    c.update({ client: f.client, done: done1, on: both, actions: moved });
    expect(f.asked.map((a) => a.actions)).toEqual([NONE, NONE, moved, moved]);
    f.asked[0].answer.resolve(poly(0));
    f.asked[1].answer.resolve(poly(1));
    await flush();
    expect(f.drawn).toEqual([]);
    // A newer run started in the worker: the answer is not current either.
    f.newRun();
    f.asked[2].answer.resolve(poly(2));
    await flush();
    expect(f.drawn).toEqual([]);
  });

  it('clears the circle and reports the type on failure; switching it off or a later success clears the report', async () => {
    const f = fakes();
    const c = new ServiceCircles(() => f.map);
    const on = { ...OFF, 'catchment-fitness': true };
    const done = { runId: 1 };
    c.update({ client: f.client, done, on, actions: NONE });
    f.asked[0].answer.reject(new Error('worker crashed'));
    await flush();
    expect(f.drawn).toEqual([['catchment-fitness', { type: 'FeatureCollection', features: [] }]]);
    expect(c.state).toEqual({ 'catchment-fitness': { code: 'fitness', message: 'worker crashed' } });
    c.update({ client: f.client, done, on: OFF, actions: NONE });
    expect(c.state).toEqual({});
    c.update({ client: f.client, done, on, actions: NONE });
    f.asked[1].answer.reject(new Error('again'));
    await flush();
    expect(c.state['catchment-fitness']?.message).toBe('again');
    const done2 = { runId: 2 };
    f.newRun();
    c.update({ client: f.client, done: done2, on, actions: NONE });
    f.asked[2].answer.resolve(poly(2));
    await flush();
    expect(c.state).toEqual({});
  });

  it('drops a failure that arrives after newer inputs', async () => {
    const f = fakes();
    const c = new ServiceCircles(() => f.map);
    const on = { ...OFF, 'catchment-service': true };
    c.update({ client: f.client, done: { runId: 1 }, on, actions: NONE });
    c.dispose();
    f.asked[0].answer.reject(new Error('late'));
    await flush();
    expect(c.state).toEqual({});
    expect(f.drawn).toEqual([]);
  });
});
