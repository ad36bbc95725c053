// DBF reading and its text encoding: .cpg names, the language-driver byte, detection.
import { describe, expect, it } from 'vitest';
import { decodeText, detectEncoding, encodingFromCpg, encodingFromLdid } from '../../src/io/dbf-encoding.ts';
import { readDbf } from '../../src/io/dbf.ts';
import { ImportError } from '../../src/io/import-error.ts';
import { encodeGbk, writeDbf, type DbfFieldSpec } from '../fixtures/shapefile-writer.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const FIELDS: DbfFieldSpec[] = [
  { name: '名称', type: 'C', length: 20 },
  { name: 'HH', type: 'N', length: 6 },
  { name: 'AREA', type: 'N', length: 10, decimals: 2 },
];
const ROWS = [
  ['迤萨镇箐口村', 236, 12.5],
  ['蒙自市观澜社区', 2310, 3.25],
];

describe('encodings', () => {
  it('.cpg names', () => {
    expect(['UTF-8', 'utf8', '65001'].map(encodingFromCpg)).toEqual(['utf-8', 'utf-8', 'utf-8']);
    expect(['GBK', '936', 'CP936', 'GB2312', 'GB18030', ' gbk\r\n'].map(encodingFromCpg)).toEqual(Array(6).fill('gb18030'));
    expect(encodingFromCpg('88591')).toBe('windows-1252');
    expect(encodingFromCpg('KOI8-R')).toBeNull();
  });

  it('language-driver byte 0x4D is code page 936', () => {
    expect(encodingFromLdid(0x4d)).toBe('gb18030');
    expect(encodingFromLdid(0)).toBeNull();
  });

  it('detection: BOM or valid UTF-8 ⇒ UTF-8, GBK bytes ⇒ GB18030', () => {
    expect(detectEncoding(utf8('红河'))).toBe('utf-8');
    expect(detectEncoding(encodeGbk('红河哈尼族彝族自治州'))).toBe('gb18030');
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('utf-8');
    expect(decodeText(encodeGbk('箐口村'), 'gb18030')).toBe('箐口村');
  });
});

describe('readDbf', () => {
  it('GBK with the encoding given (from .cpg)', () => {
    const t = readDbf(writeDbf(FIELDS, ROWS, encodeGbk), 'a.dbf', 'gb18030');
    expect(t.encodingSource).toBe('cpg');
    expect(t.fields.map((f) => f.name)).toEqual(['名称', 'HH', 'AREA']);
    expect(t.records).toEqual([
      { 名称: '迤萨镇箐口村', HH: 236, AREA: 12.5 },
      { 名称: '蒙自市观澜社区', HH: 2310, AREA: 3.25 },
    ]);
  });

  it('GBK detected without .cpg; GBK from the header byte; UTF-8 detected', () => {
    expect(readDbf(writeDbf(FIELDS, ROWS, encodeGbk), 'a.dbf')).toMatchObject({ encoding: 'gb18030', encodingSource: 'detected' });
    expect(readDbf(writeDbf(FIELDS, ROWS, encodeGbk, 0x4d), 'a.dbf')).toMatchObject({ encoding: 'gb18030', encodingSource: 'ldid' });
    const u = readDbf(writeDbf(FIELDS, ROWS, utf8), 'a.dbf');
    expect(u.encoding).toBe('utf-8');
    // 21 UTF-8 bytes in a 20-byte field: the cut last character is dropped, not shown as �.
    expect(u.records[1]).toEqual({ 名称: '蒙自市观澜社', HH: 2310, AREA: 3.25 });
  });

  it('deleted records stay as null; blank numbers are null', () => {
    const bytes = writeDbf(FIELDS, ROWS, encodeGbk);
    const headerLen = 32 + 32 * 3 + 1;
    bytes[headerLen] = 0x2a; // delete the first record
    bytes.fill(0x20, headerLen + 37 + 1 + 20, headerLen + 37 + 1 + 26); // blank HH of the second
    const t = readDbf(bytes, 'a.dbf', 'gb18030');
    expect(t.records).toEqual([null, { 名称: '蒙自市观澜社区', HH: null, AREA: 3.25 }]);
  });

  it('truncated and malformed tables are ImportErrors', () => {
    const bytes = writeDbf(FIELDS, ROWS, encodeGbk);
    expect(() => readDbf(bytes.subarray(0, bytes.length - 20), 'a.dbf')).toThrow(ImportError);
    expect(() => readDbf(bytes.subarray(0, 10), 'a.dbf')).toThrow(expect.objectContaining({ key: 'truncated' }));
    const bad = bytes.slice();
    bad[10] = 5;
    bad[11] = 0; // record length shorter than the fields
    expect(() => readDbf(bad, 'a.dbf')).toThrow(expect.objectContaining({ key: 'malformed' }));
  });
});
