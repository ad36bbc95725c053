// FlatGeobuf reading: streamed feature by feature so the UI can show progress on large layers
// (households) instead of waiting for one huge JSON parse.
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { Feature, FeatureCollection } from 'geojson';

/** Called every `every` features with the count read so far and the header's total (0 if unknown). */
export type FgbProgress = (read: number, total: number) => void;

/** Reads a FlatGeobuf file (bytes or a byte stream) into a GeoJSON FeatureCollection. */
export async function readFgb(
  input: Uint8Array | ReadableStream<Uint8Array>,
  onProgress?: FgbProgress,
  every = 5000,
): Promise<FeatureCollection> {
  let total = 0;
  const features: Feature[] = [];
  try {
    const iter = deserialize(input, { headerMetaFn: (meta) => { total = meta.featuresCount; } });
    for await (const f of iter) {
      features.push(f as Feature);
      if (onProgress && features.length % every === 0) onProgress(features.length, total);
    }
  } catch (e) {
    throw new Error(`FlatGeobuf: ${(e as Error).message} (after ${features.length} features)`);
  }
  onProgress?.(features.length, total);
  return { type: 'FeatureCollection', features };
}
