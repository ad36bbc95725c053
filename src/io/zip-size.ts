// Zip checks before and after inflating. Zip bombs: a few kilobytes that inflate to gigabytes
// would take the tab down, so the total the central directory states is checked before
// inflating anything, and each entry's stated size against what its compressed size allows. Damage: fflate does not check CRC-32s, so a flipped byte inside a stored
// entry would pass as data; the inflated entries are checked against the directory's CRCs.
import { unzipSync } from 'fflate';
import { ImportError } from './import-error.ts';

/** Throws `too_large` if the zip's entries would inflate past `maxBytes` (nothing is inflated). */
export function checkUnzippedSize(bytes: Uint8Array, file: string, maxBytes: number): void {
  let total = 0,
    impossible: string | null = null;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        // Deflate cannot shrink data more than 1032:1, and no entry is larger than the file: a
        // larger declared size is a lie the inflater would still allocate for.
        if (impossible === null && (f.size > bytes.length || f.originalSize > (f.compression === 0 ? f.size : 1032 * f.size + 1024)))
          impossible = f.name.slice(0, 80);
        return false;
      },
    });
  } catch (e) {
    throw new ImportError('malformed', { file, detail: `zip: ${(e as Error).message}` }, e);
  }
  if (impossible !== null)
    throw new ImportError('malformed', { file, detail: `zip: ${impossible}: declared size impossible for its compressed size` });
  if (total > maxBytes) throw new ImportError('too_large', { file, detail: `${Math.round(total / 1e6)} MB unzipped` });
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 (ISO 3309, as in zip). */
export function crc32(data: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** Entry name → CRC-32 from the central directory (names decoded as fflate decodes them). */
function directoryCrcs(bytes: Uint8Array): Map<string, number> {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  const out = new Map<string, number>();
  if (eocd < 0) return out;
  let at = dv.getUint32(eocd + 16, true);
  const count = dv.getUint16(eocd + 10, true);
  for (let k = 0; k < count && at + 46 <= bytes.length && dv.getUint32(at, true) === 0x02014b50; k++) {
    const flag = dv.getUint16(at + 8, true),
      crc = dv.getUint32(at + 16, true);
    const nameLen = dv.getUint16(at + 28, true),
      extra = dv.getUint16(at + 30, true),
      comment = dv.getUint16(at + 32, true);
    const raw = bytes.subarray(at + 46, at + 46 + nameLen);
    const name = flag & 0x800 ? new TextDecoder().decode(raw) : String.fromCharCode(...raw);
    out.set(name, crc);
    at += 46 + nameLen + extra + comment;
  }
  return out;
}

/** Throws `malformed` naming the first inflated entry whose CRC-32 differs from the directory's. */
export function checkCrcs(bytes: Uint8Array, entries: Record<string, Uint8Array>, file: string): void {
  const crcs = directoryCrcs(bytes);
  for (const [name, data] of Object.entries(entries)) {
    const want = crcs.get(name);
    if (want === undefined || crc32(data) !== want)
      throw new ImportError('malformed', { file, detail: `zip: ${name.slice(0, 80)}: CRC-32 check failed` });
  }
}
