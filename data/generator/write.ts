// Output encoders: FlatGeobuf with declared column types (flatgeobuf's own `serialize` guesses
// types from the first feature, which turns a nullable first value into a string column and
// every integer into a double), and a manifest with fixed number formatting.
import type { Geometry } from 'geojson';
import { magicbytes } from 'flatgeobuf/lib/mjs/constants.js';
import { ColumnType } from 'flatgeobuf/lib/mjs/flat-geobuf/column-type.js';
import { GeometryType } from 'flatgeobuf/lib/mjs/flat-geobuf/geometry-type.js';
import { buildFeature } from 'flatgeobuf/lib/mjs/generic/feature.js';
import { buildHeader } from 'flatgeobuf/lib/mjs/generic/featurecollection.js';
import { parseGeometry } from 'flatgeobuf/lib/mjs/geojson/geometry.js';
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';

export type ColumnKind = 'int' | 'double' | 'string';
export type Props = Record<string, number | string | null>;

const KIND: Record<ColumnKind, ColumnType> = { int: ColumnType.Int, double: ColumnType.Double, string: ColumnType.String };
const GEOM: Record<string, GeometryType> = {
  Point: GeometryType.Point,
  LineString: GeometryType.LineString,
  MultiPolygon: GeometryType.MultiPolygon,
};

/** Encodes features of one geometry type as FlatGeobuf (EPSG:4326, no spatial index); a column's
 *  type is a kind above or any of flatgeobuf's ColumnType values. */
export function encodeFgb(
  geometryType: 'Point' | 'LineString' | 'MultiPolygon',
  columns: readonly [string, ColumnKind | ColumnType][],
  count: number,
  feature: (i: number) => { geometry: Geometry; properties: Props },
): Uint8Array {
  const meta = {
    geometryType: GEOM[geometryType],
    columns: columns.map(([name, kind]) => ({
      name,
      type: typeof kind === 'string' ? KIND[kind] : kind,
      title: null,
      description: null,
      width: -1,
      precision: -1,
      scale: -1,
      nullable: true,
      unique: false,
      primary_key: false,
    })),
    envelope: null,
    featuresCount: count,
    indexNodeSize: 0,
    crs: null,
    title: null,
    description: null,
    metadata: null,
  } as unknown as HeaderMeta;
  const header = buildHeader(meta, 4326);
  const parts: Uint8Array[] = [];
  let size = magicbytes.length + header.length;
  for (let i = 0; i < count; i++) {
    const f = feature(i);
    const bytes = buildFeature(parseGeometry(f.geometry as never), f.properties as never, meta);
    parts.push(bytes);
    size += bytes.length;
  }
  const out = new Uint8Array(size);
  out.set(magicbytes);
  out.set(header, magicbytes.length);
  let offset = magicbytes.length + header.length;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** JSON with every non-integer number rounded to 6 decimals, so output text is stable. */
export function stableJson(value: unknown): Uint8Array {
  const text = JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(6)) : v), 2);
  return new TextEncoder().encode(text + '\n');
}
