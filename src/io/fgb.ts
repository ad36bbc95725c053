// FlatGeobuf reading: streamed feature by feature so the UI can show progress on large layers
// (households) instead of waiting for one huge JSON parse. Bytes already in memory are read by a
// plain loop over the library's own feature decoder (the same features, ids and properties as
// its async iterator, without one promise per feature); byte streams use the iterator.
import * as flatbuffers from 'flatbuffers';
import { magicbytes, SIZE_PREFIX_LEN } from 'flatgeobuf/lib/mjs/constants.js';
import { Feature as FgbFeature } from 'flatgeobuf/lib/mjs/flat-geobuf/feature.js';
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { fromFeature } from 'flatgeobuf/lib/mjs/geojson/feature.js';
import { fromByteBuffer } from 'flatgeobuf/lib/mjs/header-meta.js';
import { calcTreeSize } from 'flatgeobuf/lib/mjs/packedrtree.js';
import type { Feature, FeatureCollection } from 'geojson';
import { checkFgb } from './fgb-check.ts';

/** Called every `every` features with the count read so far and the header's total (0 if unknown). */
export type FgbProgress = (read: number, total: number) => void;

/** Reads a FlatGeobuf file (bytes or a byte stream) into a GeoJSON FeatureCollection. Bytes are
 *  checked whole first (fgb-check.ts: the library's reader trusts the header, and loops forever on
 *  short or corrupt input); a failed check throws its ImportError, naming `file`. */
export async function readFgb(
  input: Uint8Array | ReadableStream<Uint8Array>,
  onProgress?: FgbProgress,
  every = 5000,
  file = 'FlatGeobuf',
): Promise<FeatureCollection> {
  if (input instanceof Uint8Array) checkFgb(input, file);
  let total = 0;
  const features: Feature[] = [];
  try {
    if (input instanceof Uint8Array) {
      total = readFgbBytes(input, features, onProgress, every);
    } else {
      const iter = deserialize(input, {
        headerMetaFn: (meta) => {
          total = meta.featuresCount;
        },
      });
      for await (const f of iter) {
        features.push(f as Feature);
        if (onProgress && features.length % every === 0) onProgress(features.length, total);
      }
    }
  } catch (e) {
    throw new Error(`FlatGeobuf: ${(e as Error).message} (after ${features.length} features)`, { cause: e });
  }
  onProgress?.(features.length, total);
  return { type: 'FeatureCollection', features };
}

/** The library's buffer deserializer as a synchronous loop; returns the header's feature count. */
function readFgbBytes(bytes: Uint8Array, out: Feature[], onProgress: FgbProgress | undefined, every: number): number {
  const bb = new flatbuffers.ByteBuffer(bytes);
  const headerLength = bb.readUint32(magicbytes.length);
  bb.setPosition(magicbytes.length);
  const header = fromByteBuffer(bb);
  let offset = magicbytes.length + SIZE_PREFIX_LEN + headerLength;
  if (header.indexNodeSize > 0) offset += calcTreeSize(header.featuresCount, header.indexNodeSize);
  while (offset < bb.capacity()) {
    const length = bb.readUint32(offset);
    bb.setPosition(offset);
    out.push(fromFeature(out.length, FgbFeature.getSizePrefixedRootAsFeature(bb), header) as Feature);
    if (onProgress && out.length % every === 0) onProgress(out.length, header.featuresCount);
    offset += SIZE_PREFIX_LEN + length;
  }
  return header.featuresCount;
}
