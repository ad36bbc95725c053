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
});
