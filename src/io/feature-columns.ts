// Features as columns: what the fast readers (geojson-columns.ts, fgb-columns.ts) make of a file
// without one object per feature. Geometry is flat like the core's PolygonSet (vertices, ring
// starts, part starts, feature starts), attributes are kept only for the fields asked for.
// Shapes: a Point or MultiPoint is one part of one ring; a LineString one part of one ring; a
// MultiLineString one part per line; a Polygon one part of its rings; a MultiPolygon one part
// per polygon. Elevations (a third coordinate) are dropped, as load.ts drops them.
import type { Crs } from './crs.ts';
import type { Attributes, LineParts } from './features.ts';
import type { PolygonSet } from '../core/types.ts';

/** Geometry type codes (FlatGeobuf's numbering); 0: no geometry. */
export const POINT = 1,
  LINESTRING = 2,
  POLYGON = 3,
  MULTIPOINT = 4,
  MULTILINESTRING = 5,
  MULTIPOLYGON = 6;

export const GEOMETRY_NAMES = ['', 'Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon'];

export interface FeatureColumns {
  count: number;
  geomType: Uint8Array;
  /** Interleaved x, y of every vertex, in the file's coordinates (WGS84 after checkColumns). */
  xy: Float64Array;
  /** Ring r spans vertices ringStart[r] … ringStart[r + 1]. */
  ringStart: Uint32Array;
  /** Part p owns rings partRingStart[p] … partRingStart[p + 1]. */
  partRingStart: Uint32Array;
  /** Feature f owns parts featurePartStart[f] … featurePartStart[f + 1]. */
  featurePartStart: Uint32Array;
  /** Value of each field asked for, per feature (undefined where the feature lacks it). */
  values: Map<string, Column>;
  /** Fields of the first feature (every one, asked for or not). */
  first: string[];
  /** The CRS the file declares (GeoJSON `crs` member), null when none. */
  declaredCrs: Crs | null;
}

/** A numeric field in typed arrays (a million features' numbers as JS array elements cost more
 *  to store than to read): feature i has num[i] where has[i] is 1, else no value. */
export interface NumberColumn {
  num: Float64Array;
  has: Uint8Array;
}

/** A text field as codes into its strings: feature i has strings[code[i] − 1], none where code[i] is 0. */
export interface StringColumn {
  code: Int32Array;
  strings: string[];
}

/** A field's values: a plain array (undefined where a feature lacks it) or a typed column. */
export type Column = unknown[] | NumberColumn | StringColumn;

/** Feature i's value of a column (undefined where it has none). */
export function columnGetter(c: Column): (i: number) => unknown {
  if (Array.isArray(c)) return (i) => c[i];
  if ('num' in c) {
    const { num, has } = c;
    return (i) => (has[i] ? num[i] : undefined);
  }
  const { code, strings } = c;
  return (i) => (code[i] ? strings[code[i] - 1] : undefined);
}

/** A growable typed array. */
export class Growable<T extends Float64Array | Uint32Array | Uint8Array | Int32Array> {
  a: T;
  n = 0;
  constructor(
    private readonly make: (n: number) => T,
    capacity = 1024,
  ) {
    this.a = make(Math.max(1, capacity));
  }
  push(v: number): void {
    if (this.n === this.a.length) this.grow(this.n + 1);
    this.a[this.n++] = v;
  }
  /** Sets element i, growing as needed (elements between stay 0). */
  put(i: number, v: number): void {
    if (i >= this.a.length) this.grow(i + 1);
    this.a[i] = v;
    if (i >= this.n) this.n = i + 1;
  }
  grow(min: number): void {
    const b = this.make(Math.max(min, this.a.length * 2));
    b.set(this.a.subarray(0, this.n) as never);
    this.a = b;
  }
  /** The filled part (or the first `length` elements, 0 past the filled part), copied to its
   *  exact length unless the array already has it (the spare capacity is freed). */
  done(length = this.n): T {
    if (length === this.a.length) return this.a;
    const b = this.make(length);
    b.set(this.a.subarray(0, Math.min(length, this.n)) as never);
    return b;
  }
}

/** The attributes of columns (features.ts converters read them as they read GeoJSON's). */
export function columnAttributes(c: FeatureColumns): Attributes {
  const get = (field: string) => {
    const v = c.values.get(field);
    if (!v) throw new Error(`field "${field}" was not read`);
    return v;
  };
  return {
    count: c.count,
    column: (field) => columnGetter(get(field)),
    has: (field) => {
      const v = columnGetter(get(field));
      for (let i = 0; i < c.count; i++) if (v(i) !== undefined) return true;
      return false;
    },
    first: c.first,
  };
}

/** Whether every feature's geometry is of a kind in `kinds` (Multi* counts as its base kind). */
export function allOfKinds(c: FeatureColumns, kinds: string[]): boolean {
  const ok = new Uint8Array(7);
  GEOMETRY_NAMES.forEach((name, t) => {
    if (t > 0 && kinds.includes(name.replace(/^Multi/, ''))) ok[t] = 1;
  });
  for (let f = 0; f < c.count; f++) if (!ok[c.geomType[f]]) return false;
  return true;
}

/** Point features' coordinates (a MultiPoint of one point counts as one); null when a feature is
 *  anything else. */
export function columnPoints(c: FeatureColumns): Float64Array | null {
  if (c.xy.length !== 2 * c.count) return null;
  for (let f = 0; f < c.count; f++) {
    const t = c.geomType[f];
    if (t !== POINT && t !== MULTIPOINT) return null;
    if (c.ringStart[c.partRingStart[c.featurePartStart[f]]] !== f) return null;
  }
  return c.xy;
}

/** Polygon/MultiPolygon features as one PolygonSet; null when a feature is anything else. */
export function columnPolygons(c: FeatureColumns): PolygonSet | null {
  for (let f = 0; f < c.count; f++) if (c.geomType[f] !== POLYGON && c.geomType[f] !== MULTIPOLYGON) return null;
  return { coords: c.xy, ringStart: c.ringStart, polyRingStart: c.partRingStart, featurePolyStart: c.featurePartStart };
}

/** LineString/MultiLineString features' lines; null when a feature is anything else. */
export function columnLines(c: FeatureColumns): LineParts | null {
  for (let f = 0; f < c.count; f++) if (c.geomType[f] !== LINESTRING && c.geomType[f] !== MULTILINESTRING) return null;
  // Each part of a line feature is one ring, so lines are rings.
  const featureLineStart = new Uint32Array(c.count + 1);
  for (let f = 0; f <= c.count; f++) featureLineStart[f] = c.partRingStart[c.featurePartStart[f]];
  return { coords: c.xy, lineStart: c.ringStart, featureLineStart };
}

/** What a reader fills, feature by feature. */
export class ColumnsBuilder {
  readonly xy: Growable<Float64Array>;
  readonly ringStart: Growable<Uint32Array>;
  readonly partRingStart: Growable<Uint32Array>;
  readonly featurePartStart: Growable<Uint32Array>;
  readonly geomType: Growable<Uint8Array>;
  /** Fields filled as plain arrays (by index), and those filled as typed columns. */
  readonly values = new Map<string, unknown[]>();
  readonly typed = new Map<string, NumberColumn | StringColumn>();
  first: string[] = [];
  count = 0;

  /** `features`: how many features the file says it has (0: unknown), to size the arrays once. */
  constructor(wanted: Iterable<string>, features = 0) {
    const f64 = (n: number) => new Float64Array(n),
      u32 = (n: number) => new Uint32Array(n);
    // Every feature has at least one vertex, ring and part.
    this.xy = new Growable(f64, 2 * features || 1024);
    this.ringStart = new Growable(u32, features + 1 || 1024);
    this.partRingStart = new Growable(u32, features + 1 || 1024);
    this.featurePartStart = new Growable(u32, features + 1 || 1024);
    this.geomType = new Growable((n) => new Uint8Array(n), features || 1024);
    for (const f of wanted) this.values.set(f, []);
    this.ringStart.push(0);
    this.partRingStart.push(0);
    this.featurePartStart.push(0);
  }
  vertex(x: number, y: number): void {
    const v = this.xy;
    if (v.n + 2 > v.a.length) v.grow(v.n + 2);
    v.a[v.n++] = x;
    v.a[v.n++] = y;
  }
  endRing(): void {
    this.ringStart.push(this.xy.n / 2);
  }
  endPart(): void {
    this.partRingStart.push(this.ringStart.n - 1);
  }
  endFeature(type: number): void {
    this.featurePartStart.push(this.partRingStart.n - 1);
    this.geomType.push(type);
    this.count++;
  }
  done(declaredCrs: Crs | null): FeatureColumns {
    return {
      count: this.count,
      geomType: this.geomType.done(),
      xy: this.xy.done(),
      ringStart: this.ringStart.done(),
      partRingStart: this.partRingStart.done(),
      featurePartStart: this.featurePartStart.done(),
      values: new Map<string, Column>([...this.values, ...this.typed]),
      first: this.first,
      declaredCrs,
    };
  }
}
