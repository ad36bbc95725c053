// Parses the big demo layers off the main thread: households.fgb (≈300 k points, 1.45 M with
// --per-household; downloaded gzipped) and roads.fgb, straight into typed arrays
// (io/load-columns.ts, no feature objects; the GeoJSON reader only when a file needs it). Returns
// core columnar layers, and later a compact display GeoJSON of the households, as transferable
// buffers so nothing is copied back.
import * as Comlink from 'comlink';
import { readFgb } from '../io/fgb';
import {
  ACCESS_TAGS,
  HOUSEHOLD_DEFAULTS,
  householdLayer,
  householdsFromFeatures,
  lineLayer,
  linesFromFeatures,
  ROAD_CLASS_FIELDS,
} from '../io/features';
import { columnAttributes, columnLines, columnPoints } from '../io/feature-columns';
import { loadColumns } from '../io/load-columns';
import { hillshadeRgba } from '../map/hillshade';
import { rgbaBmp } from '../map/bmp';
import type { AreaLayer, ElevationGrid, HouseholdLayer, LineLayer } from '../core/types';
import { readGeoTiff } from '../io/geotiff';

/** Downloads started by prefetch(), by URL, until households() takes them. */
const prefetched = new Map<string, Promise<Uint8Array>>();

// Copies kept for display() and hillshade() after the layers' own buffers have been transferred away.
let kept: { coords: Float64Array; households: Float32Array } | null = null;
let keptDem: ElevationGrid | null = null;

/** Downloads `url` chunk by chunk, reporting the fraction of Content-Length received (at most
 *  once per percent: each report re-renders the page's progress bar, on the main thread). A `.gz`
 *  file is inflated as it arrives, and the fraction counts its compressed bytes. A server that
 *  labels it Content-Encoding: gzip (sirv does, unless vite.config.ts sends it) may have the
 *  browser inflate it first; that Content-Length is not the body's, so no fraction is reported. */
async function fetchBytes(url: string, onProgress: (fraction: number) => void): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new Error(`${url}: HTTP ${res.status}`);
  const total = res.headers.get('content-encoding') ? 0 : Number(res.headers.get('content-length')) || 0;
  let received = 0,
    percent = -1;
  const counted = res.body.pipeThrough(
    new TransformStream<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>({
      transform(chunk, out) {
        received += chunk.length;
        const now = total ? Math.floor((100 * received) / total) : percent;
        if (now > percent) {
          percent = now;
          onProgress(received / total);
        }
        out.enqueue(chunk);
      },
    }),
  );
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    const reader = (url.endsWith('.gz') ? await inflated(counted) : counted).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } catch (e) {
    // A cut connection or a damaged .gz: say which file.
    throw new Error(`${url}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

/** `body` inflated if it starts as gzip data (1f 8b), else as it is: whether the browser inflated
 *  a `.gz` sent with Content-Encoding: gzip shows in the bytes, not reliably in the headers. */
async function inflated(body: ReadableStream<Uint8Array<ArrayBuffer>>): Promise<ReadableStream<Uint8Array>> {
  const reader = body.getReader();
  const head: Uint8Array<ArrayBuffer>[] = [];
  for (let n = 0; n < 2;) {
    const r = await reader.read();
    if (r.done) break;
    head.push(r.value);
    n += r.value.length;
  }
  const whole = new ReadableStream<Uint8Array<ArrayBuffer>>({
    start(c) {
      for (const h of head) c.enqueue(h);
    },
    async pull(c) {
      const r = await reader.read();
      if (r.done) c.close();
      else c.enqueue(r.value);
    },
    cancel: (why) => reader.cancel(why),
  });
  const first = head.flatMap((h) => [...h.subarray(0, 2)]);
  return first[0] === 0x1f && first[1] === 0x8b ? whole.pipeThrough(new DecompressionStream('gzip')) : whole;
}

/** The buffers of every typed array among `arrays`, for Comlink.transfer. */
const buffersOf = (arrays: (ArrayBufferView | undefined)[]) =>
  arrays.filter((a): a is ArrayBufferView => !!a).map((a) => a.buffer as ArrayBuffer);

/** More points than this are merged into cells for display (one GeoJSON feature each). */
const DISPLAY_MAX_POINTS = 400_000;
const CELL_DEG = 0.0005; // ≈ 50 m

/** Households summed per CELL_DEG cell, at the weighted centre of each cell: [lon, lat, h]. */
function mergeToCells(coords: Float64Array, households: Float32Array): [number, number, number][] {
  const cells = new Map<number, [number, number, number]>();
  for (let i = 0; i < households.length; i++) {
    const lon = coords[2 * i],
      lat = coords[2 * i + 1],
      w = households[i] || 1;
    const key = Math.floor(lon / CELL_DEG) * 1e6 + Math.floor(lat / CELL_DEG);
    const c = cells.get(key);
    if (c) {
      c[0] += lon * w;
      c[1] += lat * w;
      c[2] += w;
    } else cells.set(key, [lon * w, lat * w, w]);
  }
  return [...cells.values()].map(([x, y, w]) => [x / w, y / w, w]);
}

const api = {
  /** Starts downloading households at `url` before the communities they need are known
   *  (households() then takes the bytes); reports the download's fraction. */
  prefetch(url: string, onProgress: (fraction: number) => void): void {
    const bytes = fetchBytes(url, onProgress);
    bytes.catch(() => undefined); // households() reports the failure
    prefetched.set(url, bytes);
  },

  /** Downloads households from `url` (or takes prefetch()'s download) with progress (0–1: first
   *  half download, second half parsing); points are placed in `communities` by geometry (their
   *  community_code only spares the search; core/geo/assign.ts). Parsing whole bytes is several
   *  times faster than parsing feature by feature off the HTTP stream. */
  async households(url: string, communities: AreaLayer, onProgress: (fraction: number) => void): Promise<HouseholdLayer> {
    const ahead = prefetched.get(url);
    prefetched.delete(url);
    const bytes = await (ahead ?? fetchBytes(url, (f) => onProgress(0.5 * f)));
    const c = loadColumns(url, bytes, { geometry: ['Point'], fields: Object.values(HOUSEHOLD_DEFAULTS) });
    const coords = c && columnPoints(c.columns);
    const layer =
      c && coords
        ? householdLayer(coords, columnAttributes(c.columns), communities)
        : householdsFromFeatures(
            await readFgb(bytes, (read, total) => onProgress(0.5 + (total ? 0.5 * (read / total) : 0)), 20_000, url),
            communities,
          );
    kept = { coords: layer.coords.slice(), households: layer.households.slice() };
    return Comlink.transfer(
      layer,
      buffersOf([layer.coords, layer.households, layer.population, layer.elderly, layer.infants, layer.disabled, layer.community]),
    );
  },

  /** UTF-8 GeoJSON of the last households' points (5 decimals ≈ 1 m) as one MultiPoint feature,
   *  for the map; built after households() so the analysis need not wait for it. One feature
   *  instead of one per point writes, parses and tiles several times faster (the map styles every
   *  point alike). Beyond DISPLAY_MAX_POINTS (e.g. --per-household data) points merge into ≈ 50 m cells. */
  display(): ArrayBuffer {
    if (!kept) throw new Error('display() before households()');
    const { coords, households } = kept;
    kept = null;
    const cells = households.length > DISPLAY_MAX_POINTS ? mergeToCells(coords, households) : null;
    const parts: string[] = [];
    const add = (lon: number, lat: number) => parts.push(`[${lon.toFixed(5)},${lat.toFixed(5)}]`);
    if (cells) for (const [lon, lat] of cells) add(lon, lat);
    else for (let i = 0; i < households.length; i++) add(coords[2 * i], coords[2 * i + 1]);
    const json = new TextEncoder().encode(
      `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"MultiPoint","coordinates":[${parts.join(',')}]}}]}`,
    ).buffer as ArrayBuffer;
    return Comlink.transfer(json, [json]);
  },

  /** The elevation grid of a GeoTIFF at `url` (undefined when the file is missing); a copy stays
   *  for hillshade(). */
  async elevation(url: string): Promise<ElevationGrid | undefined> {
    const res = await fetch(url);
    if (!res.ok) return undefined;
    const grid = await readGeoTiff(await res.arrayBuffer());
    keptDem = { ...grid, values: grid.values.slice() };
    return Comlink.transfer(grid, [grid.values.buffer as ArrayBuffer]);
  },

  /** The hillshade of the last elevation() grid as an image for the map, made when first asked
   *  for (after the first analysis is drawn: it is not needed before). A BMP: the browser decodes
   *  it to the same pixels as a PNG, and nothing is encoded. */
  hillshade(): Blob {
    if (!keptDem) throw new Error('hillshade() before elevation()');
    const g = keptDem;
    keptDem = null;
    return new Blob([rgbaBmp(hillshadeRgba(g), g.width, g.height)], { type: 'image/bmp' });
  },

  /** Reads a line layer (the walking network) from `url`. */
  async lines(url: string): Promise<LineLayer> {
    const bytes = await fetchBytes(url, () => {});
    const c = loadColumns(url, bytes, { geometry: ['LineString'], fields: [...ROAD_CLASS_FIELDS, ...ACCESS_TAGS] });
    const parts = c && columnLines(c.columns);
    const layer =
      c && parts ? lineLayer(parts, columnAttributes(c.columns)) : linesFromFeatures(await readFgb(bytes, undefined, undefined, url));
    return Comlink.transfer(layer, buffersOf([layer.coords, layer.lineStart, layer.z]));
  },
};

export type LayersWorker = typeof api;
Comlink.expose(api);
