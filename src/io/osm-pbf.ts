// OpenStreetMap PBF files (.osm.pbf) to nodes and ways, in Node and the browser alike: the
// blocks are decoded by the protobuf readers tiny-osmpbf generated from the OSM schema
// (tiny-osmpbf/proto, over pbf) and inflated by fflate (which refuses damaged streams; tiny-inflate loops forever on some). tiny-osmpbf's own loop is not used:
// it needs Node's `Buffer` and assigns an undeclared variable, which a browser bundle (strict
// mode) refuses. Relations are skipped (roads and POIs need none).
import { PbfReader } from 'pbf';
import { unzlibSync } from 'fflate';
import fileformat from 'tiny-osmpbf/proto/fileformat.js';
import osmformat from 'tiny-osmpbf/proto/osmformat.js';

type Tags = Record<string, string>;

export interface PbfHandlers {
  node: (id: number, lon: number, lat: number, tags: Tags | undefined) => void;
  way: (id: number, refs: number[], tags: Tags) => void;
}

const SUPPORTED = new Set(['OsmSchema-V0.6', 'DenseNodes', 'HistoricalInformation']);

/** The format's limits (OSM wiki, PBF format): a block header under 64 KiB, a blob under 32 MiB. */
const MAX_HEADER = 64 * 1024,
  MAX_BLOB = 32 * 1024 * 1024;

/** pbf's reader, refusing to read past its buffer: a damaged length would otherwise make it read
 *  `undefined` bytes for as long as the length says (billions of steps: a hang). */
class Pbf extends PbfReader {
  override readVarint(isSigned?: boolean): number {
    if (this.pos >= this.length) throw new Error(`a protobuf field runs past its block (byte ${this.pos})`);
    return super.readVarint(isSigned);
  }
  override readPackedEnd(): number {
    const end = super.readPackedEnd();
    if (end > this.length) throw new Error(`a packed protobuf field runs past its block (byte ${this.pos})`);
    return end;
  }
}

/** A blob's bytes: stored raw or zlib-deflated (the 2-byte zlib header skipped). */
function blobBytes(blob: fileformat.Blob): Uint8Array {
  if (blob.raw) return blob.raw;
  if (blob.zlib_data) {
    if (!(blob.raw_size > 0 && blob.raw_size <= MAX_BLOB)) throw new Error(`bad block raw size ${blob.raw_size}`);
    const out = unzlibSync(blob.zlib_data, { out: new Uint8Array(blob.raw_size) });
    if (out.length !== blob.raw_size) throw new Error(`a block inflates to ${out.length} bytes, not the ${blob.raw_size} it declares`);
    return out;
  }
  throw new Error(`unsupported blob compression (${blob.lzma_data ? 'lzma' : blob.OBSOLETE_bzip2_data ? 'bzip2' : 'empty'})`);
}

/** Calls `on` for every node and way of `bytes`; throws an Error saying what is wrong. */
export function readPbf(bytes: Uint8Array, on: PbfHandlers): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder();
  let pos = 0;
  while (pos < bytes.length) {
    if (pos + 4 > bytes.length) throw new Error(`truncated at byte ${pos}`);
    const headerLen = view.getInt32(pos, false);
    pos += 4;
    if (headerLen <= 0 || headerLen > MAX_HEADER || pos + headerLen > bytes.length) throw new Error(`bad block header at byte ${pos - 4}`);
    const header = fileformat.BlobHeader.read(new Pbf(bytes.subarray(pos, pos + headerLen)));
    pos += headerLen;
    if (header.datasize <= 0 || header.datasize > MAX_BLOB || pos + header.datasize > bytes.length)
      throw new Error(`bad block size at byte ${pos}`);
    const data = blobBytes(fileformat.Blob.read(new Pbf(bytes.subarray(pos, pos + header.datasize))));
    pos += header.datasize;
    if (header.type === 'OSMHeader') {
      const missing = osmformat.HeaderBlock.read(new Pbf(data)).required_features.filter((f) => !SUPPORTED.has(f));
      if (missing.length) throw new Error(`unsupported required features: ${missing.join(', ')}`);
      continue;
    }
    if (header.type !== 'OSMData') continue;
    const block = osmformat.PrimitiveBlock.read(new Pbf(data));
    const s = block.stringtable.s.map((b) => decoder.decode(b));
    // Coordinates: nanodegrees = offset + granularity × stored value.
    const gran = block.granularity || 100;
    const lon = (v: number) => 1e-9 * (block.lon_offset + gran * v),
      lat = (v: number) => 1e-9 * (block.lat_offset + gran * v);
    const tags = (keys: number[], vals: number[]): Tags => {
      const t: Tags = {};
      for (let k = 0; k < keys.length; k++) t[s[keys[k]]] = s[vals[k]];
      return t;
    };
    for (const g of block.primitivegroup) {
      for (const n of g.nodes) on.node(n.id, lon(n.lon), lat(n.lat), n.keys.length ? tags(n.keys, n.vals) : undefined);
      if (g.dense) {
        const d = g.dense,
          kv = d.keys_vals;
        let id = 0,
          la = 0,
          lo = 0,
          j = 0;
        for (let i = 0; i < d.id.length; i++) {
          id += d.id[i];
          la += d.lat[i];
          lo += d.lon[i];
          let t: Tags | undefined;
          if (kv.length) {
            while (j < kv.length && kv[j] !== 0) {
              (t ??= {})[s[kv[j]]] = s[kv[j + 1]];
              j += 2;
            }
            j++;
          }
          on.node(id, lon(lo), lat(la), t);
        }
      }
      for (const w of g.ways) {
        const refs: number[] = [];
        let ref = 0;
        for (const r of w.refs) refs.push((ref += r));
        on.way(w.id, refs, tags(w.keys, w.vals));
      }
    }
  }
}
