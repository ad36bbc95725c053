// Zip bombs: a few kilobytes that inflate to gigabytes would take the tab down. The central
// directory states each entry's inflated size, so the total is checked before inflating anything.
import { unzipSync } from 'fflate';
import { ImportError } from './import-error.ts';

/** Throws `too_large` if the zip's entries would inflate past `maxBytes` (nothing is inflated). */
export function checkUnzippedSize(bytes: Uint8Array, file: string, maxBytes: number): void {
  let total = 0;
  try {
    unzipSync(bytes, { filter: (f) => { total += f.originalSize; return false; } });
  } catch (e) {
    throw new ImportError('malformed', { file, detail: `zip: ${(e as Error).message}` }, e);
  }
  if (total > maxBytes) throw new ImportError('too_large', { file, detail: `${Math.round(total / 1e6)} MB unzipped` });
}
