// The province-scale input of issue 18: `copies` copies of the demo (public/demo, from the demo
// generator) side by side, each shifted by whole prefecture widths (5 per row) and given its own
// administrative codes (prefecture 5325 → 5325 + k), written as FlatGeobuf feature by feature
// so no layer of the province is ever held in memory at once. Ten copies: ≈ 14.5 M households in
// ≈ 2.96 M points, 13,630 communities, 43,740 facilities, 145,000 road lines.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, Geometry, Position } from 'geojson';
import { magicbytes } from 'flatgeobuf/lib/mjs/constants.js';
import { buildFeature } from 'flatgeobuf/lib/mjs/generic/feature.js';
import { buildHeader } from 'flatgeobuf/lib/mjs/generic/featurecollection.js';
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { parseGeometry } from 'flatgeobuf/lib/mjs/geojson/geometry.js';
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';

export const PROVINCE_LAYERS = ['communities', 'households', 'facilities', 'roads'] as const;
/** Shift between copies, degrees (the demo spans about 2.5° × 2.4°). */
const STEP_LON = 2.6,
  STEP_LAT = 2.4,
  PER_ROW = 5;

function shift(c: unknown, dx: number, dy: number): unknown {
  if (typeof (c as Position)[0] === 'number') {
    const p = c as Position;
    return [p[0] + dx, p[1] + dy, ...p.slice(2)];
  }
  return (c as unknown[]).map((x) => shift(x, dx, dy));
}

/** Writes `copies` shifted copies of each demo layer into `outDir` (same file names). */
export async function buildProvince(demoDir: string, outDir: string, copies = 10): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const layer of PROVINCE_LAYERS) {
    const bytes = new Uint8Array(readFileSync(join(demoDir, `${layer}.fgb`)));
    let meta: HeaderMeta | undefined;
    const features: Feature[] = [];
    for await (const f of deserialize(bytes, {
      headerMetaFn: (m) => {
        meta = m;
      },
    }))
      features.push(f as Feature);
    const out = { ...meta!, featuresCount: features.length * copies, indexNodeSize: 0, envelope: null } as HeaderMeta;
    const fd = openSync(join(outDir, `${layer}.fgb`), 'w');
    try {
      writeSync(fd, magicbytes);
      writeSync(fd, buildHeader(out, 4326));
      for (let k = 0; k < copies; k++) {
        const dx = (k % PER_ROW) * STEP_LON,
          dy = Math.floor(k / PER_ROW) * STEP_LAT;
        const prefix = String(5325 + k);
        const chunk: Uint8Array[] = [];
        let size = 0;
        for (const f of features) {
          const props: Record<string, unknown> = {};
          for (const [key, v] of Object.entries(f.properties ?? {}))
            props[key] = typeof v === 'string' && v.startsWith('5325') ? prefix + v.slice(4) : v;
          const g = f.geometry as Geometry & { coordinates: unknown };
          const b = buildFeature(parseGeometry({ type: g.type, coordinates: shift(g.coordinates, dx, dy) } as never), props as never, out);
          chunk.push(b);
          size += b.length;
          if (size > 1 << 24) {
            writeSync(fd, Buffer.concat(chunk));
            chunk.length = 0;
            size = 0;
          }
        }
        if (chunk.length) writeSync(fd, Buffer.concat(chunk));
      }
    } finally {
      closeSync(fd);
    }
    counts[layer] = features.length * copies;
  }
  return counts;
}
