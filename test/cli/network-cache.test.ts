// --cache DIR: the cache file round-trips every field of a prepared network, is keyed by the
// network file (path, size, mtime) and the tolerance, and a damaged file is rebuilt rather than trusted.
// (That cached runs give byte-identical outputs on the demo is in demo-golden.test.ts.)
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedNetwork, type PreparedFile } from '../../src/cli/network-cache.ts';
import { cachedRead } from '../../src/cli/file-cache.ts';
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

const packPrepared = (f: PreparedFile) => packTree(f, 'SCPTEST1');
const unpackPrepared = (b: Uint8Array) => unpackTree(b, 'SCPTEST1') as PreparedFile | null;

describe('prepared network file', () => {
  it('round-trips lines (with Z), graph and index of the demo roads', async () => {
    const lines = linesFromFeatures(await readLayerFile('public/demo/roads.fgb', 'network', undefined, ['LineString']));
    lines.z = Float32Array.from({ length: lines.coords.length / 2 }, (_, i) => i % 7);
    const made: PreparedFile = { lines, prepared: { ...prepareNetwork(lines, 1), toleranceM: 1 } };
    const bytes = packPrepared(made);
    expectSameFile(made, unpackPrepared(bytes)!);
    // Unaligned bytes (copied, not viewed) read the same.
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expectSameFile(made, unpackPrepared(shifted.subarray(1))!);
    expect(unpackPrepared(bytes.subarray(0, bytes.length - 100))).toBeNull();
    expect(unpackPrepared(new TextEncoder().encode('{"type":"FeatureCollection"}'))).toBeNull();
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
});
