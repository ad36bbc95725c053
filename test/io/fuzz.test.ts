// Corrupt input to every importer: random bytes, truncations and byte flips of real fixtures.
// Each run must end (no hang: inputs are bounded) in a result or an ImportError whose message
// exists in both languages — never another exception.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/io/import-error.ts';
import { loadFile } from '../../src/io/load.ts';
import { formatImportError } from '../../src/io/messages.ts';

const IN = join(import.meta.dirname, '../fixtures/in');
const fixture = (n: string) => new Uint8Array(readFileSync(join(IN, n)));
const planner = (n: string) => new Uint8Array(readFileSync(join(IN, '../planner', n)));
const fgb = serialize({
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties: { name: '蒙自', n: 3 }, geometry: { type: 'Point', coordinates: [103.38, 23.37] } }],
} as never);
const geojson = new TextEncoder().encode(
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { name: '蒙自' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [103, 23],
              [103.1, 23],
              [103.1, 23.1],
              [103, 23],
            ],
          ],
        },
      },
    ],
  }),
);

const SAMPLES: [string, Uint8Array][] = [
  ['a.geojson', geojson],
  ['a.fgb', fgb],
  ['villages.zip', fixture('villages_gk102_cpg.zip')],
  ['centres.csv', fixture('centres_gcj02.csv')],
  ['gbk.csv', fixture('canteens_gbk_gk102.csv')],
  ['canteens.xlsx', fixture('canteens.xlsx')],
  ['pop.tif', planner('pop.tif')],
  // Through GDAL (gdal3.js) and @tmcw/togeojson.
  ['case.gpkg', planner('case.gpkg')],
  ['case.gdb.zip', planner('case.gdb.zip')],
  ['case_tab.zip', planner('case_tab.zip')],
  ['communities.dxf', planner('communities.dxf')],
  ['households.gml', planner('households.gml')],
  ['facilities.kml', planner('facilities.kml')],
  ['communities.kmz', planner('communities.kmz')],
];
/** Formats read through GDAL's WebAssembly: fewer runs (each opens the file in GDAL). */
const GDAL = /\.(gpkg|gdb\.zip|dxf|gml)$|_tab\.zip$/;

async function mustEndCleanly(name: string, bytes: Uint8Array): Promise<void> {
  try {
    const r = await loadFile(name, bytes);
    expect(Array.isArray(r.features)).toBe(true);
  } catch (e) {
    if (!(e instanceof ImportError)) throw new Error(`${name}: not an ImportError: ${(e as Error)?.stack ?? e}`, { cause: e });
    for (const lang of ['zh', 'en'] as const) {
      const text = formatImportError(e, lang);
      expect(text.length).toBeGreaterThan(name.length);
      expect(text).not.toMatch(/\{(detail|v)\}/); // every placeholder filled
    }
  }
}

const flips = (len: number) =>
  fc.array(fc.tuple(fc.nat({ max: len - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 });
function flipped(bytes: Uint8Array, changes: [number, number][]): Uint8Array {
  const out = bytes.slice();
  for (const [i, v] of changes) out[i] = v;
  return out;
}

describe.each(SAMPLES)('fuzz %s', (name, good) => {
  const runs = name.endsWith('.xlsx') ? 40 : GDAL.test(name) ? 25 : 150;

  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), (b) => mustEndCleanly(name, b)),
      { numRuns: runs },
    );
  });

  it('the file cut short anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: good.length }), (n) => mustEndCleanly(name, good.subarray(0, n))),
      { numRuns: runs },
    );
  });

  it('bytes overwritten', async () => {
    await fc.assert(
      fc.asyncProperty(flips(good.length), (ch) => mustEndCleanly(name, flipped(good, ch))),
      { numRuns: runs },
    );
  });
});

describe('fuzz inside a valid zip (the .shp and .dbf themselves)', () => {
  const parts = unzipSync(fixture('villages_gk102_nocpg.zip'));
  for (const part of ['villages_gk102_nocpg.shp', 'villages_gk102_nocpg.dbf', 'villages_gk102_nocpg.prj']) {
    it(`${part}: overwritten and truncated`, async () => {
      const good = parts[part];
      await fc.assert(
        fc.asyncProperty(flips(good.length), fc.nat({ max: good.length }), async (ch, cut) => {
          await mustEndCleanly('v.zip', zipSync({ ...parts, [part]: flipped(good, ch) }));
          await mustEndCleanly('v.zip', zipSync({ ...parts, [part]: good.subarray(0, cut) }));
        }),
        { numRuns: 150 },
      );
    });
  }

  it('FlatGeobuf magic followed by garbage', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), (b) => {
        const bytes = new Uint8Array(8 + b.length);
        bytes.set([0x66, 0x67, 0x62, 0x03, 0x66, 0x67, 0x62, 0x00]);
        bytes.set(b, 8);
        return mustEndCleanly('x.fgb', bytes);
      }),
      { numRuns: 150 },
    );
  });
});
