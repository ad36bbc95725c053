// dBASE III/IV table reader for Shapefile attributes, written by hand because the text encoding
// must be chosen per file (.cpg, language driver byte, or detection) and every length in the
// header must be checked against the bytes actually present (truncated downloads are common).
import { decodeText, detectEncoding, encodingFromLdid, type TextEncodingName } from './dbf-encoding.ts';
import { ImportError } from './import-error.ts';

export interface DbfField {
  name: string;
  type: string;
  length: number;
  decimals: number;
  offset: number;
}

export interface DbfTable {
  fields: DbfField[];
  /** One object per record, deleted records included as null (keeps shape/record pairing). */
  records: (Record<string, string | number | boolean | null> | null)[];
  encoding: TextEncodingName;
  /** How the encoding was chosen. */
  encodingSource: 'cpg' | 'ldid' | 'detected';
}

function textBytes(bytes: Uint8Array, fields: DbfField[], headerLen: number, recLen: number, n: number): Uint8Array {
  // The bytes of all names and character fields, joined: what encoding detection looks at.
  const parts: Uint8Array[] = [bytes.subarray(32, headerLen)];
  const charFields = fields.filter((f) => f.type === 'C');
  for (let r = 0; r < n && charFields.length; r++) {
    const base = headerLen + r * recLen;
    for (const f of charFields)
      parts.push(withoutCutTail(bytes.subarray(base + f.offset, base + f.offset + f.length)), new Uint8Array([0x20]));
  }
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function trimField(s: string): string {
  // A UTF-8 writer may cut a character at the field width: drop the broken tail.
  return s
    .replace(/\0.*$/s, '')
    .replace(/\ufffd+$/, '')
    .trim();
}

/** Bytes of one field without a multi-byte UTF-8 character cut off at its end. */
function withoutCutTail(b: Uint8Array): Uint8Array {
  let end = b.length;
  while (end > 0 && (b[end - 1] === 0x20 || b[end - 1] === 0)) end--;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const c = b[end - back];
    if ((c & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    if (need > back) end -= back;
    break;
  }
  return b.subarray(0, end);
}

/** Reads a .dbf; `encoding` (from a .cpg) wins over the header byte and detection. */
export function readDbf(bytes: Uint8Array, file: string, encoding?: TextEncodingName | null): DbfTable {
  if (bytes.length < 32) throw new ImportError('truncated', { file, detail: '.dbf header' });
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = dv.getUint32(4, true);
  const headerLen = dv.getUint16(8, true);
  const recLen = dv.getUint16(10, true);
  if (headerLen < 33 || headerLen > bytes.length || recLen < 1) throw new ImportError('malformed', { file, detail: '.dbf header' });
  const fieldBytes: { name: Uint8Array; type: string; length: number; decimals: number; offset: number }[] = [];
  let offset = 1; // byte 0 of a record is the deletion flag
  for (let p = 32; p + 32 <= headerLen && bytes[p] !== 0x0d; p += 32) {
    const nameEnd = bytes.subarray(p, p + 11).indexOf(0);
    const name = bytes.subarray(p, nameEnd < 0 ? p + 11 : p + nameEnd);
    const f = { name, type: String.fromCharCode(bytes[p + 11]).toUpperCase(), length: bytes[p + 16], decimals: bytes[p + 17], offset };
    offset += f.length;
    fieldBytes.push(f);
  }
  if (offset > recLen) throw new ImportError('malformed', { file, detail: '.dbf field lengths exceed record length' });
  const available = Math.floor((bytes.length - headerLen) / recLen);
  if (available < n) throw new ImportError('truncated', { file, detail: `.dbf has ${available} of ${n} records` });
  const rawFields = fieldBytes.map((f) => ({ ...f, name: '' }));
  let enc: TextEncodingName;
  let source: DbfTable['encodingSource'];
  if (encoding) {
    enc = encoding;
    source = 'cpg';
  } else if (encodingFromLdid(bytes[29])) {
    enc = encodingFromLdid(bytes[29])!;
    source = 'ldid';
  } else {
    enc = detectEncoding(textBytes(bytes, rawFields, headerLen, recLen, Math.min(n, 5000)));
    source = 'detected';
  }
  const seen = new Set<string>();
  const fields: DbfField[] = fieldBytes.map((f, i) => {
    let name = trimField(decodeText(f.name, enc)) || `field${i + 1}`;
    while (seen.has(name)) name += '_';
    seen.add(name);
    return { name, type: f.type, length: f.length, decimals: f.decimals, offset: f.offset };
  });
  const decoder = new TextDecoder(enc);
  const latin = new TextDecoder('windows-1252');
  const records: DbfTable['records'] = [];
  for (let r = 0; r < n; r++) {
    const base = headerLen + r * recLen;
    if (bytes[base] === 0x2a) {
      records.push(null);
      continue;
    } // '*' = deleted
    const rec: Record<string, string | number | boolean | null> = {};
    for (const f of fields) {
      const raw = bytes.subarray(base + f.offset, base + f.offset + f.length);
      if (f.type === 'C' || f.type === 'M') {
        rec[f.name] = trimField(decoder.decode(raw));
        continue;
      }
      const s = trimField(latin.decode(raw));
      if (f.type === 'N' || f.type === 'F') {
        const v = s === '' || /^\*+$/.test(s) ? null : Number(s);
        rec[f.name] = v !== null && Number.isFinite(v) ? v : null;
      } else if (f.type === 'L') rec[f.name] = /^[YyTt]$/.test(s) ? true : /^[NnFf]$/.test(s) ? false : null;
      else if (f.type === 'D') rec[f.name] = /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6)}` : null;
      else rec[f.name] = s === '' ? null : s;
    }
    records.push(rec);
  }
  return { fields, records, encoding: enc, encodingSource: source };
}
