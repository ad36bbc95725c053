// The hostile and careless inputs of issue 13, each as it was reproduced against the CLIs: a
// clear refusal (exit 2 for arguments, 1 for files) naming what is wrong and where, before any
// work where the arguments alone are wrong; never a hang, a raw errno, a formula in the CSV, a
// half-written output or a silently wrong figure.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { main as analyze } from '../../src/cli/analyze.ts';
import { main as site } from '../../src/cli/site.ts';
import { writeAtomic } from '../../src/cli/output.ts';
import { MAX_IMPORT_BYTES } from '../../src/io/load.ts';
import { MAX_DEM_CELLS } from '../../src/io/geotiff.ts';
import { checkUnzippedSize } from '../../src/io/zip-size.ts';
import { at } from '../core/local.ts';

const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
const p = (name: string) => join(dir, name);
const fcol = (features: object[]) => JSON.stringify({ type: 'FeatureCollection', features });
const pointF = (xy: number[], properties: object) => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: xy } });
const square = (x0: number, properties: object) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Polygon', coordinates: [[at(x0, 0), at(x0 + 1000, 0), at(x0 + 1000, 1000), at(x0, 1000), at(x0, 0)]] },
});
const AREAS = [
  square(0, { code: 'A', name: '=HYPERLINK("http://x","y")' }),
  square(1000, { code: 'B', name: '@SUM(1)' }),
  square(2000, { code: 'C', name: "+cmd|' /C calc'!A0" }),
  square(3000, { code: 'D', name: '-1+2' }),
];
const HOMES = [
  [100, 100],
  [1500, 500],
  [2500, 500],
  [3500, 500],
];

beforeAll(() => {
  writeFileSync(p('communities.geojson'), fcol(AREAS));
  writeFileSync(p('households.geojson'), fcol(HOMES.map(([x, y]) => pointF(at(x, y), { households: 2, elderly: 1 }))));
  writeFileSync(p('facilities.geojson'), fcol([pointF(at(100, 500), { type: 'fitness' })]));
});

const inputs = (over: Record<string, string> = {}) =>
  ['communities', 'households', 'facilities'].flatMap((k) => [`--${k}`, over[k] ?? p(`${k}.geojson`)]);

async function run(tool: typeof analyze, args: string[]): Promise<{ code: number; log: string }> {
  const log: string[] = [];
  const code = await tool(args, (s) => log.push(s));
  return { code, log: log.join('\n') };
}

describe('numbers from the command line are checked against finite ranges (no hang)', () => {
  it.each([
    [['--minutes', 'fitness=1e307'], '--minutes fitness must be a number from 0 to 240, got "1e307"'],
    [['--speed-kmh', '1e308'], '--speed-kmh must be a number from 0.5 to 60, got 1e+308'],
    [['--speed-kmh', '0'], '--speed-kmh must be a number from 0.5 to 60'],
    [['--detour', '1e300'], '--detour must be a number from 1 to 5'],
    [['--minutes', 'fitness=-1'], '--minutes fitness must be a number from 0 to 240'],
  ])('analyze %j', async (extra, message) => {
    const r = await run(analyze, [...inputs(), ...extra, '--out', p('never')]);
    expect(r.code, r.log).toBe(2);
    expect(r.log).toContain(message);
    expect(existsSync(p('never'))).toBe(false);
  });

  it.each([
    [['--add', '1', '--grid-m', '1'], '--grid-m must be a number from 100 to 20000, got 1'],
    [['--add', '1e9'], '--add must be a whole number from 1 to 1000'],
    [['--add', '1.5'], '--add must be a whole number from 1 to 1000'],
    [['--target', '0'], '--target is a share in (0, 1]'],
    [['--target', '2'], '--target must be a number from 0 to 1'],
    [['--add', '2', '--capacity', '1e39'], '--capacity must be a number from 1 to 10000000'],
  ])('site %j', async (extra, message) => {
    const r = await run(site, [...inputs(), '--type', 'fitness', ...extra, '--out', p('never')]);
    expect(r.code, r.log).toBe(2);
    expect(r.log).toContain(message);
  });
});

describe('output', () => {
  it("neutralises formulas in communities.csv as the app's CSV export does", async () => {
    const r = await run(analyze, [...inputs(), '--out', p('csv')]);
    expect(r.code, r.log).toBe(0);
    const names = readFileSync(p('csv/communities.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.slice(2, l.indexOf(',', 3) + 30));
    expect(names[0].startsWith(`"'=HYPERLINK(""http://x"",""y"")"`)).toBe(true);
    expect(names[1].startsWith("'@SUM(1),")).toBe(true);
    expect(names[2].startsWith("'+cmd|' /C calc'!A0,")).toBe(true);
    expect(names[3].startsWith("'-1+2,")).toBe(true);
  });

  it('refuses --out naming an existing file, or empty, before reading any input', async () => {
    writeFileSync(p('a-file'), 'keep me');
    // Inputs that do not exist: the --out error must come first.
    const missing = inputs({ communities: p('nope.geojson') });
    let r = await run(analyze, [...missing, '--out', p('a-file')]);
    expect(r.code).toBe(2);
    expect(r.log).toContain(`--out ${p('a-file')} is an existing file, not a folder`);
    expect(readFileSync(p('a-file'), 'utf8')).toBe('keep me');
    r = await run(analyze, [...missing, '--out', '']);
    expect(r.code).toBe(2);
    expect(r.log).toContain('--out must name a folder, got an empty string');
    r = await run(site, [...missing, '--type', 'fitness', '--add', '1', '--out', p('a-file')]);
    expect(r.code).toBe(2);
    expect(r.log).not.toMatch(/EEXIST|ENOENT/);
  });

  it('writes every file atomically: a reader polling during the run sees nothing or the whole file', async () => {
    const out = p('atomic');
    let done = false,
      reads = 0;
    const poll = (async () => {
      while (!done) {
        for (const f of ['summary.json', 'catchments.geojson']) {
          const text = await readFile(join(out, f), 'utf8').catch(() => null);
          if (text !== null) {
            JSON.parse(text);
            reads++;
          }
        }
        await new Promise((r) => setImmediate(r));
      }
    })();
    for (let k = 0; k < 5; k++) expect((await run(analyze, [...inputs(), '--out', out])).code).toBe(0);
    done = true;
    await poll;
    expect(reads).toBeGreaterThan(0);
    // Every output in place, no temporary file left behind.
    const files = readdirSync(out);
    expect(files).toEqual(expect.arrayContaining(['catchments.geojson', 'communities.csv', 'summary.json']));
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writeAtomic replaces a file whole and leaves no temporary file on failure', () => {
    const f = p('w/x.json');
    mkdirSync(p('w'));
    writeAtomic(f, '{"a":1}');
    writeAtomic(f, '{"a":2}');
    expect(readFileSync(f, 'utf8')).toBe('{"a":2}');
    expect(() => writeAtomic(p('w/missing/y.json'), 'x')).toThrow(/y\.json: cannot write \(ENOENT\)/);
    expect(readdirSync(p('w'))).toEqual(['x.json']);
  });
});

describe('memory is bounded before reading', () => {
  it('refuses a device such as /dev/zero without reading it', async () => {
    const r = await run(analyze, [...inputs({ communities: '/dev/zero' }), '--out', p('o')]);
    expect(r.code).toBe(1);
    expect(r.log).toContain('/dev/zero: not a regular file');
  });

  it('refuses a road network that is a device or a FIFO, though road files are read ahead', async () => {
    const fifo = p('roads.fifo');
    execFileSync('mkfifo', [fifo]);
    for (const roads of ['/dev/zero', fifo]) {
      const r = await run(analyze, [...inputs(), '--network', roads, '--out', p('o')]);
      expect(r.code).toBe(1);
      expect(r.log).toContain(`${roads}: not a regular file`);
    }
  });

  it('refuses a road network over the import limit from its size alone (not read ahead)', async () => {
    const big = p('big-roads.geojson');
    writeFileSync(big, '');
    truncateSync(big, MAX_IMPORT_BYTES + 1);
    const before = process.memoryUsage().rss;
    const r = await run(analyze, [...inputs(), '--network', big, '--out', p('o')]);
    expect(r.code).toBe(1);
    expect(r.log).toContain(`${big}: file big-roads.geojson: File too large`);
    expect(process.memoryUsage().rss - before).toBeLessThan(200e6);
  });

  it('refuses a file over the import limit from its size alone, naming the limit', async () => {
    const big = p('big.geojson');
    writeFileSync(big, '');
    truncateSync(big, MAX_IMPORT_BYTES + 1); // sparse: costs no disk, would cost 500 MB to read
    const before = process.memoryUsage().rss;
    const r = await run(analyze, [...inputs({ households: big }), '--out', p('o')]);
    expect(r.code).toBe(1);
    expect(r.log).toContain(`${big}: file ${'big.geojson'}: File too large: over the import limit (524 MB > 524 MB)`);
    expect(r.log).not.toContain('browser');
    expect(process.memoryUsage().rss - before).toBeLessThan(200e6);
  });

  it('refuses a DEM declaring more cells than the limit before decoding any', async () => {
    const dem = p('huge.tif');
    writeFileSync(dem, declaredSize(16000, 16000));
    const r = await run(analyze, [...inputs(), '--dem', dem, '--out', p('o')]);
    expect(r.code).toBe(1);
    expect(r.log).toContain(
      `${dem}: the DEM declares 16000 × 16000 cells, more than the limit of ${MAX_DEM_CELLS.toLocaleString('en')} cells`,
    );
  });

  it('refuses a zip entry declaring more than its compressed size can hold, before inflating it', async () => {
    const shp = readFileSync(join(import.meta.dirname, '../fixtures/in/villages_gk102_cpg.zip'));
    const z = new Uint8Array(shp);
    // Central directory entries: make the first one claim 400 MB uncompressed.
    const dv = new DataView(z.buffer, z.byteOffset);
    const cd = indexOf(z, Uint8Array.of(0x50, 0x4b, 0x01, 0x02));
    dv.setUint32(cd + 24, 400e6, true);
    writeFileSync(p('liar.zip'), z);
    const before = process.memoryUsage().arrayBuffers;
    const r = await run(analyze, [...inputs({ communities: p('liar.zip') }), '--out', p('o')]);
    expect(r.code).toBe(1);
    expect(r.log).toMatch(/zip: .*: declared size impossible for its compressed size/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(100e6);
    // The same lie from an entry with an empty name (a mutated workbook did this).
    const noName = zipSync({ '': new Uint8Array(1000) });
    const at = indexOf(noName, Uint8Array.of(0x50, 0x4b, 0x01, 0x02));
    new DataView(noName.buffer).setUint32(at + 24, 400e6, true);
    expect(() => checkUnzippedSize(noName, 'x.xlsx', MAX_IMPORT_BYTES)).toThrow(/zip: : declared size impossible/);
  });

  it('refuses a DEM whose strips are a fraction of a row (geotiff looped over 1e45 strips)', async () => {
    const b = new Uint8Array(geoTiff(15, 7));
    const dv = new DataView(b.buffer);
    const le = b[0] === 0x49,
      ifd = dv.getUint32(4, le);
    for (let k = 0; k < dv.getUint16(ifd, le); k++) {
      const e = ifd + 2 + 12 * k;
      if (dv.getUint16(e, le) === 278) {
        dv.setUint16(e + 2, 11, le);
        dv.setUint32(e + 8, 7, le);
      } // RowsPerStrip: FLOAT 9.8e-45
    }
    writeFileSync(p('strips.tif'), b);
    const r = await run(analyze, [...inputs(), '--dem', p('strips.tif'), '--out', p('o')]);
    expect(r.code).toBe(1);
    expect(r.log).toMatch(/strips\.tif: the DEM declares blocks of 15 × 9\.8\d*e-45 cells/);
  });

  it('says what is wrong with a damaged DEM in words', async () => {
    const good = new Uint8Array(geoTiff(40, 30));
    for (const [name, bytes] of [
      ['cut.tif', good.subarray(0, good.length - 500)],
      ['junk.tif', new Uint8Array(64).fill(7)],
    ] as const) {
      writeFileSync(p(name), bytes);
      const r = await run(analyze, [...inputs(), '--dem', p(name), '--out', p('o')]);
      expect(r.code, r.log).toBe(1);
      expect(r.log).toMatch(new RegExp(`${name}: the DEM( is not a readable GeoTIFF|'s cells cannot be decoded| holds)`));
      expect(r.log).not.toMatch(/^analyze: [^:]*: (Offset|RangeError|Invalid typed array)/m);
    }
  });
});

let files = 0;
/** A households file of `rows` (features), under a fresh name. */
function households(rows: object[]): string {
  const f = p(`hh${files++}.geojson`);
  writeFileSync(f, fcol(rows));
  return f;
}

describe('no silently wrong numbers from input files', () => {
  it.each([
    [{ households: 2, elderly: -3 }, 'field "elderly" must be a count from 0 to 10000000, got -3'],
    [{ households: 2, population: -1 }, 'field "population" must be a count from 0 to 10000000, got -1'],
    [{ households: 1e39 }, 'field "households" must be a count from 0 to 10000000, got 1e+39'],
  ])('refuses a bad count %j naming the file, the feature as the file numbers it, and the field', async (props, message) => {
    // Feature 0 has no geometry and is skipped: the bad one is feature 2 of the file, not 1.
    const f = households([
      { type: 'Feature', properties: {}, geometry: null },
      pointF(at(100, 100), { households: 1 }),
      pointF(at(200, 100), props),
    ]);
    const r = await run(analyze, [...inputs({ households: f }), '--out', p('o')]);
    expect(r.code, r.log).toBe(1);
    expect(r.log).toContain(`${f}: feature 2: ${message}`);
  });

  it('numbers CSV rows as the file does (header = row 1)', async () => {
    const f = p('hh.csv');
    const [x1, y1] = at(100, 100),
      [x2, y2] = at(200, 100);
    writeFileSync(f, `lon,lat,households\n,,3\n${x1},${y1},2\n${x2},${y2},-4\n`);
    const r = await run(analyze, [...inputs({ households: f }), '--out', p('o')]);
    expect(r.code, r.log).toBe(1);
    expect(r.log).toContain(`${f}: row 4: field "households" must be a count from 0 to 10000000, got -4`);
  });

  it('warns about households outside every community and refuses when all are', async () => {
    const some = households([pointF(at(100, 100), {}), pointF(at(100, 5000), {}), pointF(at(200, 6000), {})]);
    let r = await run(analyze, [...inputs({ households: some }), '--out', p('some')]);
    expect(r.code, r.log).toBe(0);
    expect(r.log).toContain(`${some}: warning: 2 of 3 household points lie outside every community`);
    const all = households([pointF(at(100, 5000), {}), pointF(at(200, 6000), {})]);
    r = await run(analyze, [...inputs({ households: all }), '--out', p('all')]);
    expect(r.code).toBe(1);
    expect(r.log).toContain(`${all}: none of the 2 household points lies inside a community`);
    expect(existsSync(p('all/summary.json'))).toBe(false);
  });

  it('reports duplicate community codes even when the file has an id field', async () => {
    const f = p('dup.geojson');
    writeFileSync(f, fcol([square(0, { id: 1, code: 'A', name: 'a' }), square(1000, { id: 2, code: 'A', name: 'b' })]));
    const r = await run(analyze, [...inputs({ communities: f }), '--out', p('dup')]);
    expect(r.log).toContain(`${f}: skipped feature 1, field "code": duplicate id ("A")`);
    const csv = readFileSync(p('dup/communities.csv'), 'utf8').trim().split('\n');
    expect(csv.length).toBe(2); // header + community A once
  });
});

describe('smaller defects', () => {
  it('refuses an unknown --encoding', async () => {
    const r = await run(analyze, [...inputs(), '--encoding', 'klingon', '--out', p('o')]);
    expect(r.code).toBe(2);
    expect(r.log).toContain('--encoding: unknown text encoding "klingon"');
  });

  it('keeps the reason when no row could be imported', async () => {
    const f = households([{ type: 'Feature', properties: {}, geometry: null }, pointF([10, 10], {})]);
    const r = await run(analyze, [...inputs({ households: f }), '--out', p('o')]);
    expect(r.code).toBe(1);
    expect(r.log).toContain('No row or feature could be imported (2 skipped); e.g. feature 0: no geometry');
  });

  it('refuses a zip (Shapefile, workbook) whose entry fails its CRC-32', async () => {
    const good = readFileSync(join(import.meta.dirname, '../fixtures/in/villages_gk102_cpg.zip'));
    const { unzipSync } = await import('fflate');
    const parts = unzipSync(new Uint8Array(good));
    const stored = zipSync(parts, { level: 0 });
    // Flip one byte of the stored .dbf data (past its local header): the directory CRC no longer matches.
    const dbfName = Object.keys(parts).find((n) => n.endsWith('.dbf'))!;
    const at = indexOf(stored, parts[dbfName].subarray(0, 64)) + 40;
    stored[at] ^= 0xff;
    writeFileSync(p('crc.zip'), stored);
    const r = await run(analyze, [...inputs({ communities: p('crc.zip') }), '--out', p('o')]);
    expect(r.code).toBe(1);
    expect(r.log).toContain(`zip: ${dbfName}: CRC-32 check failed`);
    // A workbook is a zip too.
    const xparts = unzipSync(new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/in/canteens.xlsx'))));
    const sheet = Object.keys(xparts).find((n) => n.includes('worksheets/sheet'))!;
    const xstored = zipSync(xparts, { level: 0 });
    xstored[indexOf(xstored, xparts[sheet].subarray(0, 64)) + 50] ^= 0x01;
    writeFileSync(p('crc.xlsx'), xstored);
    const x = await run(analyze, [...inputs({ facilities: p('crc.xlsx') }), '--out', p('o')]);
    expect(x.code).toBe(1);
    expect(x.log).toContain(`zip: ${sheet}: CRC-32 check failed`);
  });
});

function indexOf(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  throw new Error('not found');
}

function geoTiff(width: number, height: number): ArrayBuffer {
  return writeArrayBuffer(new Float32Array(width * height).fill(1500), {
    width,
    height,
    ModelPixelScale: [0.01, 0.01, 0],
    ModelTiepoint: [0, 0, 0, 103, 24, 0],
    SampleFormat: [3],
    BitsPerSample: [32],
    GeographicTypeGeoKey: 4326,
    GTModelTypeGeoKey: 2,
  });
}

/** A 1 × 1 GeoTIFF whose ImageWidth/ImageLength tags are rewritten to declare `w` × `h` cells. */
function declaredSize(w: number, h: number): Uint8Array {
  const b = new Uint8Array(geoTiff(1, 1));
  const dv = new DataView(b.buffer);
  const le = b[0] === 0x49;
  const ifd = dv.getUint32(4, le),
    n = dv.getUint16(ifd, le);
  for (let k = 0; k < n; k++) {
    const e = ifd + 2 + 12 * k,
      tag = dv.getUint16(e, le),
      type = dv.getUint16(e + 2, le);
    if (tag !== 256 && tag !== 257) continue;
    const v = tag === 256 ? w : h;
    if (type === 3) dv.setUint16(e + 8, v, le);
    else dv.setUint32(e + 8, v, le);
  }
  return b;
}
