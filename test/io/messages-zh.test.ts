// Issue 13: the details of import errors (what the readers say about a damaged file) are in
// Chinese in the Chinese UI, not only the sentence around them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/io/import-error.ts';
import { loadFile } from '../../src/io/load.ts';
import { detailText, formatImportError } from '../../src/io/messages.ts';

const zip = new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/in/villages_gk102_cpg.zip')));
const parts = unzipSync(zip);
const name = (ext: string) => Object.keys(parts).find((n) => n.endsWith(ext))!;
const withPart = (ext: string, f: (b: Uint8Array) => Uint8Array) => zipSync({ ...parts, [name(ext)]: f(parts[name(ext)]) });
const fgb = serialize({
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties: { a: 1 }, geometry: { type: 'Point', coordinates: [103.4, 23.4] } }],
} as never);
const json = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));

async function zh(file: string, bytes: Uint8Array): Promise<string> {
  try {
    await loadFile(file, bytes);
  } catch (e) {
    if (e instanceof ImportError) return formatImportError(e, 'zh');
    throw e;
  }
  throw new Error('accepted');
}

describe('import error details in Chinese', () => {
  it.each<[string, string, () => Uint8Array, string]>([
    ['a .shp cut short', 'v.zip', () => withPart('.shp', (b) => b.subarray(0, b.length - 300)), '.shp 只有'],
    ['a .dbf cut short', 'v.zip', () => withPart('.dbf', (b) => b.subarray(0, b.length - 500)), '.dbf 只有'],
    [
      'a bad .shp file code',
      'v.zip',
      () =>
        withPart('.shp', (b) => {
          const c = b.slice();
          c[3] = 0;
          return c;
        }),
      '.shp 文件标识不是 9994',
    ],
    ['a FlatGeobuf cut short', 'a.fgb', () => fgb.subarray(0, fgb.length - 10), 'FlatGeobuf 要素'],
    ['not a FlatGeobuf', 'a.fgb', () => new Uint8Array(40).fill(3), '不是 FlatGeobuf 文件'],
    ['broken JSON', 'a.geojson', () => new TextEncoder().encode('{"type": "FeatureCollection", '), 'JSON 语法错误（'],
    ['a GeoJSON of another type', 'a.geojson', () => json({ type: 'Topology' }), '不支持的 GeoJSON 类型 Topology'],
    ['a collection without features', 'a.geojson', () => json({ type: 'FeatureCollection' }), 'FeatureCollection 缺少 features 数组'],
  ])('%s', async (_, file, bytes, want) => {
    const text = await zh(file, bytes());
    expect(text).toContain(want);
    // Outside the parenthesised parser words, no English sentence is left.
    expect(text.replace(/（[^）]*）/g, '').replace(file, '')).not.toMatch(/\b(of|has|not|without|record|header|bytes|exceed|type)\b/);
  });

  it("keeps a parser library's own words inside the Chinese sentence, and English as written", () => {
    expect(detailText('zip: invalid zip data', 'zh')).toBe('zip 压缩包损坏（invalid zip data）');
    expect(detailText('zip: invalid zip data', 'en')).toBe('zip: invalid zip data');
    expect(detailText('zip: a.dbf: CRC-32 check failed', 'zh')).toBe('zip 中 a.dbf 的 CRC-32 校验失败');
  });
});
