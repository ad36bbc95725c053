// --cache DIR: the cache file round-trips every field of a prepared network, is keyed by the
// network file (path, size, mtime) and the tolerance, and a damaged file is rebuilt rather than trusted.
// The engine memo kept with it (snaps, Dijkstras) is used by a re-run with other minutes
// (outputs byte-identical to an uncached run), and not when the network file or the road-class
// table changes.
// (That cached runs give byte-identical outputs on the demo is in demo-golden.test.ts.)
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedNetwork, type PreparedFile } from '../../src/cli/network-cache.ts';
import { cachedRead, readCache, writeCache } from '../../src/cli/file-cache.ts';
import { main } from '../../src/cli/analyze.ts';
import type { NetworkMemo } from '../../src/core/analysis/run.ts';
import { readLayerFile } from '../../src/cli/read.ts';
import { linesFromFeatures } from '../../src/io/features.ts';
import { packTree, unpackTree } from '../../src/io/typed-pack.ts';
import { prepareNetwork } from '../../src/core/travel/network.ts';
import { at } from '../core/local.ts';

/** Every field of both records, typed arrays compared by type and content. */
function expectSame(a: object, b: object): void {
  expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
  for (const [k, v] of Object.entries(a)) {
    const w = (b as Record<string, unknown>)[k];
    if (ArrayBuffer.isView(v)) {
      expect(w?.constructor, k).toBe(v.constructor);
      const bytes = (x: ArrayBufferView) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
      expect(bytes(w as ArrayBufferView).equals(bytes(v)), k).toBe(true);
    } else expect(w, k).toEqual(v);
  }
}

function expectSameFile(a: PreparedFile, b: PreparedFile): void {
  expectSame(a.lines, b.lines);
  expectSame(a.prepared.graph, b.prepared.graph);
  expectSame(a.prepared.index, b.prepared.index);
  expect(b.prepared.toleranceM).toBe(a.prepared.toleranceM);
}

const road = (pts: [number, number][]) => ({
  type: 'Feature',
  properties: {},
  geometry: { type: 'LineString', coordinates: pts.map(([x, y]) => at(x, y)) },
});
const fc = (features: object[]) => JSON.stringify({ type: 'FeatureCollection', features });

const packPrepared = (f: PreparedFile) => new Uint8Array(Buffer.concat(packTree(f, 'SCPTEST1')));
/** A reader of `b` that counts the bytes read. */
function bytesAt(b: Uint8Array) {
  const at = (position: number, length: number) => {
    at.bytes += length;
    return b.slice(position, position + length);
  };
  at.bytes = 0;
  return at;
}
const unpackPrepared = (b: Uint8Array) => unpackTree(b.length, bytesAt(b), 'SCPTEST1') as PreparedFile | null;

describe('prepared network file', () => {
  it('round-trips lines (with Z), graph and index of the demo roads', async () => {
    const lines = linesFromFeatures(await readLayerFile('public/demo/roads.fgb', 'network', undefined, ['LineString']));
    lines.z = Float32Array.from({ length: lines.coords.length / 2 }, (_, i) => i % 7);
    const made: PreparedFile = { lines, prepared: { ...prepareNetwork(lines, 1), toleranceM: 1 } };
    const bytes = packPrepared(made);
    expectSameFile(made, unpackPrepared(bytes)!);
    expect(unpackPrepared(bytes.subarray(0, bytes.length - 100))).toBeNull();
    expect(unpackPrepared(new TextEncoder().encode('{"type":"FeatureCollection"}'))).toBeNull();
  });

  it('reads each array when first used, once, and takes what is assigned instead', async () => {
    const lines = linesFromFeatures(await readLayerFile('public/demo/roads.fgb', 'network', undefined, ['LineString']));
    const made: PreparedFile = { lines, prepared: { ...prepareNetwork(lines, 1), toleranceM: 1 } };
    const bytes = packPrepared(made),
      at = bytesAt(bytes);
    const got = unpackTree(bytes.length, at, 'SCPTEST1') as PreparedFile;
    const head = at.bytes;
    expect(head).toBeLessThan(4096);
    expect(got.prepared.graph.edgeCount).toBe(made.prepared.graph.edgeCount);
    expect(at.bytes).toBe(head);
    expect(got.prepared.graph.edgeLen).toEqual(made.prepared.graph.edgeLen);
    expect(at.bytes).toBe(head + made.prepared.graph.edgeLen.byteLength);
    expect(got.prepared.graph.edgeLen).toBe(got.prepared.graph.edgeLen);
    expect(at.bytes).toBe(head + made.prepared.graph.edgeLen.byteLength);
    const mine = new Float64Array(2);
    got.lines.coords = mine;
    expect(got.lines.coords).toBe(mine);
    expect(at.bytes).toBe(head + made.prepared.graph.edgeLen.byteLength);
    // Written back whole: the arrays not read yet are read for it.
    expectSameFile({ ...made, lines: { ...made.lines, coords: mine } }, unpackPrepared(packPrepared(got))!);
    // Told once when no array is left to read: each read, or replaced before it was.
    let told = 0;
    const watched = unpackTree(bytes.length, bytesAt(bytes), 'SCPTEST1', () => told++) as PreparedFile;
    watched.lines.coords = mine;
    packTree(watched.prepared, 'SCPTEST1');
    expect(told).toBe(0);
    packTree(watched.lines, 'SCPTEST1');
    expect(told).toBe(1);
    packPrepared(watched);
    expect(told).toBe(1);
    expect(unpackTree(bytes.length, bytesAt(bytes), 'SCPTEST1', () => told++)).not.toBeNull();
    expect(told).toBe(1);
    // A file cut short after its record was read fails loudly on use, never gives zeros.
    const cut = unpackTree(bytes.length, (p, n) => bytes.slice(p, Math.min(p + n, 4096)), 'SCPTEST1') as PreparedFile;
    expect(() => cut.prepared.graph.edgeU).toThrow('cut short');
  });

  it('writes an array held in several places once, and reads it back once as one array', () => {
    const snaps = Float64Array.from({ length: 1000 }, (_, i) => i / 7),
      other = Float64Array.from(snaps);
    const shared = new Uint8Array(Buffer.concat(packTree({ a: { homes: snaps }, b: { homes: snaps }, c: other }, 'SCPTEST1')));
    // Two arrays' bytes and a short header, where three distinct arrays take three.
    expect(shared.length).toBeLessThan(2 * snaps.byteLength + 1000);
    const apart = packTree({ a: { homes: snaps }, b: { homes: Float64Array.from(snaps) }, c: other }, 'SCPTEST1');
    expect(Buffer.concat(apart).length).toBeGreaterThan(3 * snaps.byteLength);
    const at = bytesAt(shared);
    const got = unpackTree(shared.length, at, 'SCPTEST1') as { a: { homes: Float64Array }; b: { homes: Float64Array }; c: Float64Array };
    const head = at.bytes;
    expect(got.a.homes).toEqual(snaps);
    expect(got.b.homes).toBe(got.a.homes);
    expect(at.bytes).toBe(head + snaps.byteLength);
    expect(got.c).toEqual(other);
    expect(got.c).not.toBe(got.a.homes);
  });

  it('is reused for the same network file and tolerance, rebuilt otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netcache-')),
      cache = join(dir, 'cache'),
      net = join(dir, 'roads.geojson');
    writeFileSync(
      net,
      fc([
        road([
          [0, 0],
          [1000, 0],
        ]),
        road([
          [1000, 0],
          [1000, 800],
        ]),
      ]),
    );
    let reads = 0;
    const get = (tol = 1) =>
      cachedNetwork(
        net,
        cache,
        tol,
        { crs: undefined },
        async () => {
          reads++;
          return linesFromFeatures(await readLayerFile(net, 'network', undefined, ['LineString']));
        },
        () => {},
      );
    const first = await get();
    expect(reads).toBe(1);
    expect(first.prepared.graph.edgeCount).toBe(2);
    expectSameFile(first, await get());
    expect(reads).toBe(1);
    // Another tolerance is another graph.
    await get(5);
    expect(reads).toBe(2);
    // A changed network file is a different key.
    writeFileSync(
      net,
      fc([
        road([
          [0, 0],
          [1000, 0],
          [2000, 0],
        ]),
      ]),
    );
    const changed = await get();
    expect(reads).toBe(3);
    expect(changed.prepared.graph.edgeCount).toBe(2);
    expect(changed.lines.coords.length).toBe(6);
    // A damaged cache file is rebuilt (and rewritten whole).
    const files = readdirSync(cache).filter((f) => f.startsWith('network-') && f.endsWith('.scp'));
    expect(files.length).toBe(3);
    for (const f of files) writeFileSync(join(cache, f), readFileSync(join(cache, f)).subarray(0, 40));
    expectSameFile(changed, await get());
    expect(reads).toBe(4);
    expectSameFile(changed, await get());
    expect(reads).toBe(4);
  });
});

describe('cached reading of input files', () => {
  it('reads once per files and options, replays what the reading printed, and rebuilds a damaged file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'filecache-')),
      cache = join(dir, 'cache'),
      input = join(dir, 'households.geojson');
    writeFileSync(input, 'one');
    let reads = 0;
    const get = (options: unknown = { a: 1 }) => {
      const printed: string[] = [];
      return cachedRead(
        cache,
        'layers',
        [input],
        options,
        async (log) => {
          reads++;
          log(`read ${reads}`);
          return { coords: Float64Array.of(1.5, NaN, -0.25), names: ['甲', ''], count: 2 };
        },
        (s) => printed.push(s),
      ).then((value) => ({ value, printed }));
    };
    const first = await get();
    expect(reads).toBe(1);
    const again = await get();
    expect(reads).toBe(1);
    expect(again.printed).toEqual(['read 1']);
    expect(Array.from(again.value.coords)).toEqual([1.5, NaN, -0.25]);
    expect(again.value.coords).toBeInstanceOf(Float64Array);
    expect({ ...again.value, coords: null }).toEqual({ ...first.value, coords: null });
    await get({ a: 2 });
    expect(reads).toBe(2);
    writeFileSync(input, 'other'); // another size (and time): another key
    await get();
    expect(reads).toBe(3);
    for (const f of readdirSync(cache)) writeFileSync(join(cache, f), readFileSync(join(cache, f)).subarray(0, 30));
    await get();
    expect(reads).toBe(4);
    await get();
    expect(reads).toBe(4);
  });

  it('only warns when the cache cannot be written, and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'filecache-')),
      input = join(dir, 'households.geojson'),
      blocker = join(dir, 'cache');
    writeFileSync(input, 'one');
    writeFileSync(blocker, 'a file where the cache folder would be');
    const printed: string[] = [];
    const read = (cache: string, n: number) => {
      printed.length = 0;
      return cachedRead(
        cache,
        'layers',
        [input],
        {},
        async () => ({ n }),
        (s) => printed.push(s),
      );
    };
    expect(await read(join(blocker, 'sub'), 1)).toEqual({ n: 1 });
    expect(printed).toEqual([`warning: cannot write the cache in ${join(blocker, 'sub')} (ENOTDIR); continuing without it`]);
    // The record's name taken by a folder: the rename fails and the temporary file is removed.
    const cache = join(dir, 'ok');
    await read(cache, 2);
    const [name] = readdirSync(cache);
    rmSync(join(cache, name));
    mkdirSync(join(cache, name));
    writeFileSync(join(cache, name, 'inside'), '');
    expect(await read(cache, 3)).toEqual({ n: 3 });
    expect(printed).toEqual([`warning: cannot write the cache in ${cache} (EISDIR); continuing without it`]);
    expect(readdirSync(cache)).toEqual([name]);
  });
});

describe('the kept engine memo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'snapcache-')),
    cache = join(dir, 'cache');
  const f = {
    communities: join(dir, 'communities.geojson'),
    households: join(dir, 'households.geojson'),
    facilities: join(dir, 'facilities.geojson'),
    network: join(dir, 'roads.geojson'),
    table: join(dir, 'table.json'),
  };
  const point = (x: number, y: number, properties: object = {}) => ({
    type: 'Feature',
    properties,
    geometry: { type: 'Point', coordinates: at(x, y) },
  });
  const ring = [at(-500, -500), at(2500, -500), at(2500, 2500), at(-500, 2500), at(-500, -500)];
  writeFileSync(
    f.communities,
    fc([{ type: 'Feature', properties: { code: 'A', name: '甲' }, geometry: { type: 'Polygon', coordinates: [ring] } }]),
  );
  // Homes along a main road and a loop road; the fitness site on the loop.
  writeFileSync(
    f.households,
    fc([point(2000, 10, { households: 3 }), point(1000, 20, { households: 2 }), point(10, 1500, { households: 1 })]),
  );
  writeFileSync(f.facilities, fc([point(0, 1000, { id: 'x', type: 'fitness' })]));
  const roads = (extra: object[] = []) =>
    fc([
      {
        ...road([
          [0, 0],
          [2000, 0],
        ]),
        properties: { highway: 'primary' },
      },
      {
        ...road([
          [0, 0],
          [0, 2000],
          [2000, 2000],
          [2000, 0],
        ]),
        properties: { highway: 'residential' },
      },
      ...extra,
    ]);
  writeFileSync(f.network, roads());
  // Main roads closed to walkers: the homes on them snap to the loop instead.
  writeFileSync(f.table, JSON.stringify({ primary: { walk: false, vehicleKmh: 60 }, residential: { walk: true, vehicleKmh: 30 } }));
  const OUTPUTS = ['summary.json', 'communities.csv', 'gaps.csv', 'indicators.json', 'catchments.geojson'];
  const args = (minutes: number, more: string[] = []) => [
    ...['--communities', f.communities, '--households', f.households, '--facilities', f.facilities, '--network', f.network],
    ...['--mode', 'network', '--speed-kmh', '6', '--minutes', `fitness=${minutes}`, ...more],
  ];
  let runs = 0;
  async function analyze(a: string[]): Promise<Record<string, string>> {
    const out = join(dir, `out-${runs++}`),
      log: string[] = [];
    const code = await main([...a, '--out', out], (s) => log.push(s));
    expect(code, log.join('\n')).toBe(0);
    return Object.fromEntries(OUTPUTS.map((o) => [o, readFileSync(join(out, o), 'utf8')]));
  }
  const memoFiles = () => readdirSync(cache).filter((n) => n.startsWith('memo-') && n.endsWith('.scp'));

  it('a re-run with other minutes reads them and writes what an uncached run writes', async () => {
    const plain = await analyze(args(25));
    await analyze(args(15, ['--cache', cache]));
    expect(memoFiles().length).toBe(1);
    expect(await analyze(args(25, ['--cache', cache]))).toEqual(plain);
    expect(memoFiles().length).toBe(1);
  });

  it('keep the times found at another speed in place of the earlier ones', async () => {
    const file = join(cache, memoFiles()[0]);
    const at5 = args(20).map((a) => (a === '6' ? '5' : a));
    const plain = await analyze(at5);
    expect(await analyze([...at5, '--cache', cache])).toEqual(plain);
    const speeds = () =>
      Object.values(readCache<Record<string, NetworkMemo>>(file)!.value).flatMap((e) =>
        Object.values(e.times ?? {}).map((t) => JSON.parse(t.key)[0].speedKmh),
      );
    expect(speeds()).toEqual([5]);
    expect(await analyze([...at5, '--cache', cache])).toEqual(plain);
    await analyze(args(20, ['--cache', cache]));
    expect(speeds()).toEqual([6]);
  });

  it('are what the re-run uses, but not on another network file or class table', async () => {
    // Kept snaps that put every home off the network: a run that uses them says so.
    const file = join(cache, memoFiles()[0]);
    const kept = readCache<Record<string, NetworkMemo>>(file)!.value;
    for (const s of Object.values(kept)) s.homes!.edge.fill(-1);
    writeCache(file, kept, [], () => {});
    const doctored = JSON.parse((await analyze(args(25, ['--cache', cache])))['summary.json']);
    expect(doctored.unattached_households).toEqual({ network: 3 });
    // Another class table: other snaps under another key of the same file.
    const table = ['--road-profile', f.table];
    const closed = await analyze(args(25, table));
    // (The home in the middle of the main road is 1 km from the loop, too far to walk on.)
    expect(JSON.parse(closed['summary.json']).unattached_households).toEqual({ network: 1 });
    expect(await analyze(args(25, [...table, '--cache', cache]))).toEqual(closed);
    // Another network file: another cache file.
    writeFileSync(
      f.network,
      roads([
        {
          ...road([
            [1000, 0],
            [1000, 2000],
          ]),
          properties: { highway: 'residential' },
        },
      ]),
    );
    const plain = await analyze(args(25));
    expect(await analyze(args(25, ['--cache', cache]))).toEqual(plain);
    expect(memoFiles().length).toBe(2);
  });

  it('are found again when the barriers file changes (straight-line times cross none)', async () => {
    const river = join(dir, 'river.geojson');
    const riverAt = (x: number) =>
      writeFileSync(
        river,
        fc([{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [at(x, -1000), at(x, 3000)] } }]),
      );
    const straight = (minutes: number, more: string[] = []) =>
      args(minutes, ['--barriers', river, ...more]).map((a) => (a === 'network' ? 'straight' : a));
    riverAt(5000);
    const far = await analyze(straight(30, ['--cache', cache]));
    expect(await analyze(straight(30, ['--cache', cache]))).toEqual(far);
    // The river moved between the two farther homes and the site: they no longer reach it.
    riverAt(500);
    const between = await analyze(straight(30));
    expect(JSON.parse(between['summary.json']).types.fitness.unreachable).toBe(5);
    expect(between).not.toEqual(far);
    expect(await analyze(straight(30, ['--cache', cache]))).toEqual(between);
  });
});
