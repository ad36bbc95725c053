// readFgb's synchronous loop over bytes gives exactly the library's async iterator's features
// (ids, geometries of every kind in the demo, properties), with progress along the way.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { readFgb } from '../../src/io/fgb.ts';

describe('readFgb on bytes', () => {
  for (const name of ['communities.fgb', 'facilities.fgb', 'roads.fgb', 'counties.fgb']) {
    it(`equals the library's iterator on the demo's ${name}`, async () => {
      const bytes = new Uint8Array(readFileSync(`public/demo/${name}`));
      const want: unknown[] = [];
      for await (const f of deserialize(bytes, {})) want.push(f);
      const seen: number[] = [];
      const got = await readFgb(bytes, (n) => seen.push(n), 1000);
      expect(got.features).toEqual(want);
      expect(seen.at(-1)).toBe(want.length);
      expect(seen.length).toBe(Math.floor(want.length / 1000) + 1);
    });
  }

  // The library's reader loops forever on some of these: an empty households download hung the
  // app's loading this way. The check before it refuses them.
  it('refuses empty, short and cut-off bytes, naming the file', async () => {
    const whole = new Uint8Array(readFileSync('public/demo/counties.fgb'));
    for (const bytes of [new Uint8Array(0), whole.subarray(0, 2), whole.subarray(0, 20), whole.subarray(0, whole.length - 7)])
      await expect(readFgb(bytes, undefined, undefined, 'demo/x.fgb')).rejects.toMatchObject({
        name: 'ImportError',
        key: 'truncated',
        params: { file: 'demo/x.fgb' },
      });
  });
});
