// Types for the protobuf readers tiny-osmpbf 0.1 generated from the OSM schema (it ships none):
// the fields io/osm-pbf.ts reads.
declare module 'tiny-osmpbf/proto/fileformat.js' {
  import type { PbfReader as Pbf } from 'pbf';
  namespace fileformat {
    interface Blob {
      raw: Uint8Array | null;
      raw_size: number;
      zlib_data: Uint8Array | null;
      lzma_data: Uint8Array | null;
      OBSOLETE_bzip2_data: Uint8Array | null;
    }
    interface BlobHeader {
      type: string;
      datasize: number;
    }
  }
  const fileformat: {
    Blob: { read(pbf: Pbf): fileformat.Blob };
    BlobHeader: { read(pbf: Pbf): fileformat.BlobHeader };
  };
  export default fileformat;
}

declare module 'tiny-osmpbf/proto/osmformat.js' {
  import type { PbfReader as Pbf } from 'pbf';
  interface Keyed {
    id: number;
    keys: number[];
    vals: number[];
  }
  interface PrimitiveBlock {
    stringtable: { s: Uint8Array[] };
    primitivegroup: {
      nodes: (Keyed & { lat: number; lon: number })[];
      dense: { id: number[]; lat: number[]; lon: number[]; keys_vals: number[] } | null;
      ways: (Keyed & { refs: number[] })[];
    }[];
    granularity: number;
    lat_offset: number;
    lon_offset: number;
  }
  const osmformat: {
    HeaderBlock: { read(pbf: Pbf): { required_features: string[] } };
    PrimitiveBlock: { read(pbf: Pbf): PrimitiveBlock };
  };
  export default osmformat;
}
