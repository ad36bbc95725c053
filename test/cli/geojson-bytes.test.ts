// geoJsonBytes (src/cli/output.ts) writes exactly JSON.stringify's UTF-8 bytes, whatever the
// features hold: Chinese names, numbers of every kind, null geometry, no features at all.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { geoJsonBytes } from '../../src/cli/output.ts';

type Fc = Parameters<typeof geoJsonBytes>[0];
const same = (x: Fc) => expect(geoJsonBytes(x).equals(Buffer.from(JSON.stringify(x)))).toBe(true);

describe('geoJsonBytes', () => {
  it('equals JSON.stringify on a hand-made collection', () => {
    same({ type: 'FeatureCollection', features: [] });
    same({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { type: 'elderly_canteen', zh: '老年食堂', minutes: 15 },
          geometry: {
            type: 'MultiPolygon',
            coordinates: [
              [
                [
                  [103.1, 23.5],
                  [103.2, 23.5],
                  [103.1, 23.6],
                  [103.1, 23.5],
                ],
              ],
            ],
          },
        },
        { type: 'Feature', properties: {}, geometry: null },
      ],
    });
  });

  it('equals JSON.stringify on random collections', () => {
    const num = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.constant(-0), fc.constant(1e-7));
    const feature = fc.record({
      type: fc.constant('Feature' as const),
      properties: fc.dictionary(fc.string(), fc.oneof(fc.string(), num, fc.constant(null))),
      geometry: fc.oneof(fc.constant(null), fc.record({ type: fc.constant('MultiPoint'), coordinates: fc.array(fc.tuple(num, num)) })),
    });
    fc.assert(
      fc.property(fc.array(feature, { maxLength: 5 }), (features) => {
        same({ type: 'FeatureCollection', features });
      }),
    );
  });
});
