// What the map is fed at start-up (src/ui/mapFeed.ts): the boundaries at once, the context only
// once the first analysis is drawn, and the hillshade image is not even made before then (it
// would compete with the first analysis for the CPU).
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { feedMap } from '../../src/ui/mapFeed.ts';
import type { MapView } from '../../src/map/MapView.ts';
import type { DemoGeo } from '../../src/analysis/loadDemo.ts';
import { deferred, flush } from './deferred.ts';

const square = (code: string): FeatureCollection => ({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { code, name: code },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
            [0, 0],
          ],
        ],
      },
    },
  ],
});

describe('feedMap', () => {
  it('sets the boundaries at once and makes the hillshade image only after the first analysis is drawn', async () => {
    const calls: string[] = [];
    const view = {
      setHouseholdPoints: () => new Promise<void>(() => {}),
      setData: async (id: string) => void calls.push(`data ${id}`),
      setHillshade: async (url: string) => void calls.push(`hillshade ${url.startsWith('blob:')}`),
      idle: async () => void calls.push('idle'),
    } as unknown as MapView;
    const geo: DemoGeo = {
      counties: square('c'),
      townships: square('t'),
      communities: square('v'),
      facilities: { type: 'FeatureCollection', features: [] },
      householdsDisplay: () => Promise.resolve(new ArrayBuffer(0)),
      hillshade: {
        image: async () => {
          calls.push('image made');
          return new Blob([new Uint8Array(4)], { type: 'image/bmp' });
        },
        bounds: [0, 0, 1, 1],
      },
    };
    const shown = deferred<void>();
    const fed = feedMap(view, geo, () => {}, shown.promise);
    await flush();
    expect(calls).toEqual(['data counties', 'data communities', 'data facilities', 'data community-seats']);
    shown.resolve();
    await fed;
    expect(calls.slice(4)).toEqual([
      'data townships',
      'data county-centres',
      'data township-centres',
      'data household-agg',
      'data barriers',
      'image made',
      'hillshade true',
      'idle',
    ]);
  });
});
