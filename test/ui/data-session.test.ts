// The loaded data's session (src/ui/dataSession.ts): one worker per data, the old one disposed
// before anything can call it, failures as state, answers for older data dropped.
import { describe, expect, it } from 'vitest';
import { DataSession, type LoadingClient } from '../../src/ui/dataSession.ts';
import type { DemoData } from '../../src/analysis/loadDemo.ts';
import type { AreaIndex } from '../../src/analysis/areaIndex.ts';
import type { LineLayer } from '../../src/core/types.ts';
import { deferred, flush, type Deferred } from './deferred.ts';

class FakeClient implements LoadingClient {
  loaded = deferred<unknown>();
  disposed = false;
  prepared: unknown[] = [];
  constructor(readonly n: number) {}
  prepareNetwork(lines: LineLayer) {
    this.prepared.push(lines);
  }
  load() {
    return this.loaded.promise;
  }
  dispose() {
    this.disposed = true;
  }
}
const data = (name: string, network = true) =>
  ({ geo: { name }, layers: { name, ...(network ? { network: { name } } : {}) } }) as unknown as DemoData;

function session() {
  const clients: FakeClient[] = [],
    feeds: { name: string; drawn: Deferred<void>; pointsFailed: (e: unknown) => void }[] = [],
    marks: string[] = [];
  const s = new DataSession<FakeClient>({
    newClient: () => {
      const c = new FakeClient(clients.length);
      clients.push(c);
      return c;
    },
    areaIndex: (l) => ({ of: (l as unknown as { name: string }).name }) as unknown as AreaIndex,
    ownLines: (l) => ({ copyOf: l }) as unknown as LineLayer,
    feed: (geo, pointsFailed) => {
      const drawn = deferred<void>();
      feeds.push({ name: (geo as unknown as { name: string }).name, drawn, pointsFailed });
      return drawn.promise;
    },
    mark: (w) => marks.push(w),
  });
  return { s, clients, feeds, marks };
}

describe('data session controller', () => {
  it('hands the data to a worker, shows it once loaded and drawn, keeping a copy of the roads', async () => {
    const { s, clients, feeds, marks } = session();
    const d = data('a');
    s.open(d);
    expect(s.state).toMatchObject({ client: null, idx: null, roads: { copyOf: { name: 'a' } }, loadError: null, mapReady: false });
    s.open(d); // same data: nothing new
    expect(clients).toHaveLength(1);
    clients[0].loaded.resolve(undefined);
    feeds[0].drawn.resolve();
    await flush();
    expect(s.state).toMatchObject({ client: clients[0], idx: { of: 'a' }, mapReady: true });
    expect(marks).toEqual(['data-loaded', 'worker-loaded', 'map-ready']);
  });

  it('starts the first data’s worker before the data comes, and disposes it with the session', () => {
    const { s, clients } = session();
    expect(clients).toHaveLength(1);
    s.dispose();
    expect(clients[0].disposed).toBe(true);
  });

  it('hands a network read early to the worker the first data will get (later ones start afresh)', () => {
    const { s, clients } = session();
    const lines = { name: 'roads' } as unknown as LineLayer;
    s.prepare(lines);
    s.open(data('a'));
    expect(clients).toHaveLength(1);
    expect(clients[0].prepared).toEqual([lines]);
    s.prepare(lines);
    s.open(data('b'));
    expect(clients[0].prepared).toHaveLength(1);
    expect(clients[1].prepared).toEqual([]);
  });

  it('disposes the old worker at once for new data and ignores its late answers', async () => {
    const { s, clients, feeds } = session();
    s.open(data('a'));
    clients[0].loaded.resolve(undefined);
    await flush();
    s.open(data('b', false));
    expect(clients[0].disposed).toBe(true);
    expect(s.state.client).toBeNull();
    expect(s.state.roads).toBeNull();
    // The previous index stays until the new worker is ready.
    expect(s.state.idx).toEqual({ of: 'a' });
    feeds[0].drawn.resolve();
    feeds[0].pointsFailed(new Error('old points'));
    await flush();
    expect(s.state.mapReady).toBe(false);
    expect(s.state.pointsError).toBeNull();
    clients[1].loaded.resolve(undefined);
    await flush();
    expect(s.state).toMatchObject({ client: clients[1], idx: { of: 'b' } });
  });

  it('reports a worker that cannot take the layers, a map that cannot draw them and household points that fail', async () => {
    const { s, clients, feeds } = session();
    s.open(data('a'));
    clients[0].loaded.reject(new Error('out of memory'));
    feeds[0].pointsFailed(new Error('HTTP 404'));
    feeds[0].drawn.reject(new Error('style not loaded'));
    await flush();
    expect(s.state).toMatchObject({
      client: null,
      loadError: 'out of memory',
      pointsError: 'HTTP 404',
      mapError: 'style not loaded',
      mapReady: false,
    });
    // New data starts with a clean slate.
    s.open(data('b'));
    expect(s.state).toMatchObject({ loadError: null, pointsError: null, mapError: null });
    s.dispose();
    expect(clients[1].disposed).toBe(true);
  });
});
