// The analysis worker's API, called in-process: Comlink is replaced by a stub that captures the
// exposed object and records which buffers a result would transfer.
import { describe, expect, it, vi } from 'vitest';
import type { Layers } from '../../src/core/analysis/command.ts';
import { defaultCommand } from '../../src/core/analysis/command.ts';
import { typeIndex } from '../../src/core/catalogue.ts';
import { lines, pts } from './local.ts';
import type { Api } from '../../workers/analysis.worker.ts';

const exposed: { api?: unknown } = {};
const transferred: ArrayBuffer[][] = [];
vi.mock('comlink', () => ({
  expose: (api: unknown) => {
    exposed.api = api;
  },
  transfer: <T>(value: T, buffers: ArrayBuffer[]) => {
    transferred.push(buffers);
    return value;
  },
}));

function layers(): Layers {
  const homes = pts([0, 50], [500, 50], [1500, 50], [0, 3000]);
  return {
    communities: {
      count: 1,
      codes: ['c'],
      names: ['c'],
      parentCodes: ['k'],
      urban: new Uint8Array(1),
      polygons: {
        coords: new Float64Array(0),
        ringStart: new Uint32Array(1),
        polyRingStart: new Uint32Array(1),
        featurePolyStart: new Uint32Array(2),
      },
    },
    households: { count: 4, coords: homes, households: Float32Array.from([1, 2, 3, 4]), community: new Int32Array(4) },
    facilities: {
      count: 1,
      coords: pts([0, 0]),
      type: Uint8Array.from([typeIndex('fitness')]),
      ids: ['f'],
      names: ['f'],
      area: new Float32Array(1),
    },
    network: lines([
      [
        [0, 0],
        [2000, 0],
      ],
    ]),
  };
}

await import('../../workers/analysis.worker.ts');
const api = exposed.api as Api;

describe('analysis worker API', () => {
  it('loads layers once and re-runs with new parameters', async () => {
    expect(api.load(layers())).toMatchObject({
      households: 4,
      facilities: 1,
      communities: 1,
      counties: 1,
      hasNetwork: true,
      hasElevation: false,
    });
    const progress: string[] = [];
    const cmd = defaultCommand(['fitness']);
    const r1 = await api.run(
      cmd,
      (_f, stage) => {
        progress.push(stage);
      },
      7,
    );
    // 50 m onto the road, then along it at 75 m/min; the last home is 3 km from any road.
    const m = r1.types[0].household.minutes;
    [50 / 75, 550 / 75, 1550 / 75].forEach((want, i) => expect(m[i]).toBeCloseTo(want, 3));
    expect(m[3]).toBe(Infinity);
    expect(progress).toContain('type:fitness');
    expect(progress[progress.length - 1]).toBe('done');
    // Every result array is handed over as a transferable buffer.
    expect(transferred.at(-1)).toContain(r1.types[0].household.minutes.buffer);
    cmd.types[0].minutes = 25;
    const r2 = await api.run(cmd);
    expect(r2.types[0].total.householdsCovered[0]).toBe(6);
  });

  it('cancels a run by id', async () => {
    api.load(layers());
    const run = api.run(defaultCommand(), undefined, 42);
    api.cancel(42);
    await expect(run).rejects.toMatchObject({ name: 'CancelledError' });
  });

  it('returns a service-circle polygon with the last run parameters', async () => {
    api.load(layers());
    const cmd = defaultCommand(['fitness']);
    cmd.types[0].minutes = 5;
    await api.run(cmd);
    const f = await api.catchments('fitness');
    expect(f.geometry.type).toBe('MultiPolygon');
    expect(f.properties).toMatchObject({ type: 'fitness', minutes: 5, mode: 'network' });
    expect(f.geometry.coordinates.length).toBeGreaterThan(0);
  });

  it('runs a p-center siting command on the network (P50 of minutes, homes 1–3 on the road, the 4th unreachable)', async () => {
    api.load(layers());
    // Minutes 0.67, 7.33, 20.67 and unreachable (at the 60-minute cap), weights 1, 2, 3, 4: the
    // P50 is the 20.67 of the third home. A site at 1,500 m brings it to 0.67 and the P50 to
    // 7.33; one at 200 m only helps the second home.
    const r = await api.site({
      op: 'site',
      type: 'fitness',
      mode: 'network',
      speedKmh: 4.5,
      detour: 1.3,
      minutes: 15,
      demand: 'households',
      model: 'pcenter',
      percentile: 50,
      add: 1,
      candidates: { points: pts([200, 0], [1500, 0]) },
    });
    expect(Array.from(r.coords)).toEqual(Array.from(pts([1500, 0])));
    expect(r.objectiveBefore).toBeCloseTo(1550 / 75, 3);
    expect(r.objectiveAfter).toBeCloseTo(550 / 75, 3);
  });
});
