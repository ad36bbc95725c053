// Text encodings of DBF and CSV files from Chinese desktop software: ArcGIS and Excel on Chinese
// Windows write GBK (code page 936) unless told otherwise; newer tools write UTF-8.
// GB18030 is a superset of GBK, so one decoder reads both.

/** Encoding labels we decode with (WHATWG TextDecoder names). */
export type TextEncodingName = 'utf-8' | 'gb18030' | 'windows-1252';

/** The encoding named by a .cpg file ("UTF-8", "GBK", "936", …), or null if not recognised. */
export function encodingFromCpg(cpg: string): TextEncodingName | null {
  const s = cpg
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
  if (s === 'utf8' || s === '65001') return 'utf-8';
  if (['gbk', '936', 'cp936', 'gb2312', 'gb18030', '54936', 'ansi936', 'windows936'].includes(s)) return 'gb18030';
  if (['1252', 'cp1252', 'windows1252', '88591', 'iso88591', 'latin1'].includes(s)) return 'windows-1252';
  return null;
}

/** The encoding a DBF header's language-driver byte (offset 29) declares, or null if none we trust. */
export function encodingFromLdid(ldid: number): TextEncodingName | null {
  if (ldid === 0x4d || ldid === 0x7a) return 'gb18030'; // 936 Chinese (PRC) in dBASE / ArcGIS
  return null;
}

/** Whether bytes are valid UTF-8 (pure ASCII counts as UTF-8). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Detects the encoding of text bytes: a UTF-8 BOM or valid UTF-8 ⇒ UTF-8, else GB18030. */
export function detectEncoding(bytes: Uint8Array): TextEncodingName {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  return isValidUtf8(bytes) ? 'utf-8' : 'gb18030';
}

/** Decodes bytes as `encoding`, dropping a UTF-8 BOM; malformed sequences become U+FFFD. */
export function decodeText(bytes: Uint8Array, encoding: TextEncodingName): string {
  return new TextDecoder(encoding, { ignoreBOM: false }).decode(bytes);
}
