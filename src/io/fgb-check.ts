// Structural check of FlatGeobuf bytes before handing them to the flatgeobuf library, whose
// buffer reader trusts the header: a corrupt feature count or index node size sends its
// index-size loop (calcTreeSize) round forever, and short input is not rejected. Everything the
// reader will use is bounds-checked here against the bytes actually present.
import * as flatbuffers from 'flatbuffers';
import { fromByteBuffer } from 'flatgeobuf/lib/mjs/header-meta.js';
import { calcTreeSize } from 'flatgeobuf/lib/mjs/packedrtree.js';
import { ImportError } from './import-error.ts';

const MAGIC = [0x66, 0x67, 0x62, 0x03, 0x66, 0x67, 0x62];

/** Throws an ImportError unless `bytes` is a complete, consistent FlatGeobuf file. */
export function checkFgb(bytes: Uint8Array, file: string): void {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { at: start, count } = fgbLayout(bytes, bytes.length, file);
  let at = start;
  let features = 0;
  while (at < bytes.length) {
    if (at + 4 > bytes.length) throw new ImportError('truncated', { file, feature: features, detail: 'FlatGeobuf feature' });
    const len = dv.getUint32(at, true);
    if (!fgbFeatureFits(len, at, bytes.length))
      throw new ImportError('truncated', { file, feature: features, detail: 'FlatGeobuf feature' });
    at += 4 + len;
    features++;
  }
  if (count > 0 && features !== count) throw new ImportError('truncated', { file, detail: `${features} of ${count} features` });
}

/** Whether a feature of `len` bytes (its size prefix) at `at` is whole in a file of `size` bytes. */
export const fgbFeatureFits = (len: number, at: number, size: number) => len >= 4 && at + 4 + len <= size;

/** Where the features of a FlatGeobuf file of `size` bytes start and how many the header says
 *  (0: not given), from its first bytes (`head`: at least the header, or the whole file when shorter);
 *  throws an ImportError when the header or index would not fit. */
export function fgbLayout(head: Uint8Array, size: number, file: string): { at: number; count: number } {
  if (size < 12 || head.length < 12) throw new ImportError('truncated', { file, detail: 'FlatGeobuf header' });
  if (!MAGIC.every((b, i) => head[i] === b)) throw new ImportError('malformed', { file, detail: 'not a FlatGeobuf file' });
  const headerLen = new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(8, true);
  if (headerLen < 4 || 12 + headerLen > size || 12 + headerLen > head.length)
    throw new ImportError('truncated', { file, detail: 'FlatGeobuf header' });
  let count: number, nodeSize: number;
  try {
    const meta = fromByteBuffer(new flatbuffers.ByteBuffer(head.subarray(8, 12 + headerLen)));
    count = Number(meta.featuresCount);
    nodeSize = meta.indexNodeSize;
  } catch (e) {
    throw new ImportError('malformed', { file, detail: 'FlatGeobuf header' }, e);
  }
  let at = 12 + headerLen;
  if (!Number.isSafeInteger(count) || count < 0 || count > size)
    throw new ImportError('malformed', { file, detail: 'FlatGeobuf feature count' });
  if (nodeSize > 0) {
    if (nodeSize < 2 || count === 0) throw new ImportError('malformed', { file, detail: 'FlatGeobuf index' });
    at += calcTreeSize(count, nodeSize);
  }
  return { at, count };
}
