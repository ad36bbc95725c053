// The walking-time surface controller (src/ui/timeSurface.ts): shown only while on, stale
// answers dropped with their image released, a failure removes the surface and is reported.
import { describe, expect, it } from 'vitest';
import { TimeSurface, type SurfaceClient, type TimeSurfaceInputs } from '../../src/ui/timeSurface.ts';
import type { SurfaceOut } from '../../workers/analysis.worker.ts';
import { deferred, flush, type Deferred } from './deferred.ts';

const out = (code: string, grid = true) =>
  ({
    code,
    threshold: 15,
    capMinutes: 60,
    minutes: new Float32Array(1),
    grid: grid ? { width: 1, height: 1 } : undefined,
  }) as unknown as SurfaceOut;
function fakes() {
  let current = 1;
  const asked: { code: string; answer: Deferred<SurfaceOut> }[] = [];
  const client: SurfaceClient = {
    surface: (code) => {
      const answer = deferred<SurfaceOut>();
      asked.push({ code, answer });
      return answer.promise;
    },
    isCurrent: (id) => id === current,
  };
  const shownOnMap: (string | null)[] = [],
    revoked: string[] = [],
    told: string[] = [];
  let images = 0;
  const s = new TimeSurface({
    map: () => ({ setTimeSurface: async (url: string | null) => void shownOnMap.push(url) }),
    image: async (o) => ({ url: `blob:${o.code}#${++images}`, bounds: [0, 0, 1, 1] }),
    revoke: (u) => revoked.push(u),
    shown: (o) => told.push(o.code),
  });
  return { s, client, asked, shownOnMap, revoked, told, newRun: () => ++current };
}

describe('walking-time surface controller', () => {
  it('draws the shown type’s surface with its ramp, and removes it when switched off', async () => {
    const f = fakes();
    const base: TimeSurfaceInputs = { client: f.client, done: { runId: 1 }, on: true, type: 'fitness', actions: [] };
    f.s.update(base);
    expect(f.asked.map((a) => a.code)).toEqual(['fitness']);
    f.asked[0].answer.resolve(out('fitness'));
    await flush();
    expect(f.shownOnMap).toEqual(['blob:fitness#1']);
    expect(f.s.state).toEqual({ ramp: { threshold: 15, cap: 60 }, error: null });
    expect(f.told).toEqual(['fitness']);
    f.s.update(base); // same inputs: nothing asked again
    f.s.update({ ...base, on: false });
    expect(f.asked).toHaveLength(1);
    expect(f.shownOnMap).toEqual(['blob:fitness#1', null]);
    expect(f.s.state).toEqual({ ramp: null, error: null });
  });

  it('drops an answer for an older type or run, releasing an image made too late', async () => {
    const f = fakes();
    const base: TimeSurfaceInputs = { client: f.client, done: { runId: 1 }, on: true, type: 'fitness', actions: [] };
    f.s.update(base);
    f.s.update({ ...base, type: 'fire_station' });
    f.asked[0].answer.resolve(out('fitness'));
    await flush();
    expect(f.shownOnMap).toEqual([]);
    // The image is made, then a newer run starts before it is shown.
    const pending = f.asked[1];
    f.newRun();
    pending.answer.resolve(out('fire_station'));
    await flush();
    expect(f.shownOnMap).toEqual([]);
    expect(f.s.state.ramp).toBeNull();
  });

  it('removes the surface and says which type failed; a surface with no grid shows none', async () => {
    const f = fakes();
    const base: TimeSurfaceInputs = { client: f.client, done: { runId: 1 }, on: true, type: 'fitness', actions: [] };
    f.s.update(base);
    f.asked[0].answer.resolve(out('fitness'));
    await flush();
    f.s.update({ ...base, type: 'elderly_canteen' });
    f.asked[1].answer.reject(new Error('no network'));
    await flush();
    expect(f.shownOnMap).toEqual(['blob:fitness#1', null]);
    expect(f.s.state).toEqual({ ramp: null, error: { code: 'elderly_canteen', message: 'no network' } });
    f.s.update({ ...base, type: 'fire_station' });
    f.asked[2].answer.resolve(out('fire_station', false));
    await flush();
    expect(f.shownOnMap).toEqual(['blob:fitness#1', null, null]);
    expect(f.s.state).toEqual({ ramp: null, error: null });
  });
});
