// What the map shows of the app state (src/ui/mapSync.ts): each MapView call only when its own
// inputs changed, selection and focus set again for new data, colours cleared on a failed run.
import { describe, expect, it } from 'vitest';
import { coverageShares, MapSync, type MapSyncInputs, type SyncedMap } from '../../src/ui/mapSync.ts';
import type { TypeResult } from '../../src/core/analysis/command.ts';
import type { MultiServiceGap } from '../../src/core/gaps/multi-service.ts';
import type { AreaIndex } from '../../src/analysis/areaIndex.ts';
import type { LineLayer } from '../../src/core/types.ts';
import { flush } from './deferred.ts';
import { BUILT_IN_TYPES } from '../../src/core/catalogue.ts';

function fakeMap() {
  const calls: unknown[][] = [];
  const rec =
    (name: string) =>
    async (...args: unknown[]) =>
      void calls.push([name, ...args]);
  const map = {
    setCoverage: rec('setCoverage'),
    setMissingServices: rec('setMissingServices'),
    select: rec('select'),
    setBasemapUrl: rec('setBasemapUrl'),
    focusCounty: rec('focusCounty'),
    setData: rec('setData'),
    setCatalogue: rec('setCatalogue'),
  } as unknown as SyncedMap;
  return { map, calls };
}
const idx = { places: { communities: { codes: ['c1', 'c2'] } } } as unknown as AreaIndex;
const typeResult = { communities: { share: Float32Array.of(0.5, NaN), gap: Uint8Array.of(1, 0) } } as unknown as TypeResult;
const base: MapSyncInputs = {
  catalogue: BUILT_IN_TYPES,
  data: 'd1',
  idx,
  typeResult,
  multiGap: null,
  failed: false,
  selected: 'c1',
  focusCounty: null,
  tileUrl: '',
  roads: null,
  roadsOn: false,
};

describe('map sync controller', () => {
  it('colours by covered share (null for no demand), outlines gaps, and marks the first colouring', async () => {
    expect(coverageShares(['c1', 'c2'], typeResult)).toEqual(
      new Map([
        ['c1', { share: 0.5, gap: true }],
        ['c2', { share: null, gap: false }],
      ]),
    );
    const { map, calls } = fakeMap();
    let coloured = 0;
    const s = new MapSync(
      () => map,
      () => coloured++,
    );
    s.update(base);
    await flush();
    expect(calls).toEqual([
      ['setCatalogue', BUILT_IN_TYPES],
      ['setMissingServices', null],
      ['setCoverage', coverageShares(['c1', 'c2'], typeResult)],
      ['select', 'c1'],
      ['focusCounty', null],
      ['setBasemapUrl', null],
    ]);
    expect(coloured).toBe(1);
  });

  it('calls only what changed; new data sets selection and focus again; roads are built when switched on', () => {
    const { map, calls } = fakeMap();
    const s = new MapSync(() => map);
    s.update(base);
    calls.length = 0;
    s.update({ ...base });
    expect(calls).toEqual([]);
    const own = [...BUILT_IN_TYPES];
    s.update({ ...base, catalogue: own });
    expect(calls).toEqual([['setCatalogue', own]]);
    s.update(base);
    calls.length = 0;
    s.update({ ...base, selected: 'c2', tileUrl: 'https://t/{z}/{x}/{y}.png' });
    expect(calls).toEqual([
      ['select', 'c2'],
      ['setBasemapUrl', 'https://t/{z}/{x}/{y}.png'],
    ]);
    calls.length = 0;
    s.update({ ...base, selected: 'c2', tileUrl: 'https://t/{z}/{x}/{y}.png', data: 'd2' });
    expect(calls).toEqual([
      ['select', 'c2'],
      ['focusCounty', null],
    ]);
    calls.length = 0;
    const roads: LineLayer = { coords: Float64Array.of(103, 23, 103.01, 23.01), lineStart: Uint32Array.of(0, 2) };
    const next = { ...base, selected: 'c2', tileUrl: 'https://t/{z}/{x}/{y}.png', data: 'd2', roads };
    s.update(next);
    expect(calls).toEqual([]);
    s.update({ ...next, roadsOn: true });
    expect(calls.map((c) => c.slice(0, 2))).toEqual([['setData', 'roads']]);
  });

  it('shows the multi-service gap instead of the type, and clears every colour when the run failed', () => {
    const { map, calls } = fakeMap();
    const s = new MapSync(() => map);
    const multiGap = { codes: ['fitness', 'fire_station'], missing: Uint8Array.of(2, 0), flags: Uint8Array.of(1, 1, 0, 0) };
    s.update({ ...base, multiGap: multiGap as unknown as MultiServiceGap });
    expect(calls[0][0]).toBe('setCatalogue');
    expect(calls[1]).toEqual([
      'setMissingServices',
      new Map([
        ['c1', ['fitness', 'fire_station']],
        ['c2', []],
      ]),
      2,
    ]);
    expect(calls[2]).toEqual([
      'setCoverage',
      new Map([
        ['c1', { share: null, gap: true }],
        ['c2', { share: null, gap: false }],
      ]),
    ]);
    calls.length = 0;
    s.update({ ...base, failed: true });
    expect(calls).toEqual([
      ['setMissingServices', null],
      ['setCoverage', new Map()],
    ]);
  });

  it('waits for the map', () => {
    const { map, calls } = fakeMap();
    let ready = false;
    const s = new MapSync(() => (ready ? map : null));
    s.update(base);
    ready = true;
    s.update(base);
    expect(calls.map((c) => c[0])).toEqual(['setCatalogue', 'setMissingServices', 'setCoverage', 'select', 'focusCounty', 'setBasemapUrl']);
  });
});
