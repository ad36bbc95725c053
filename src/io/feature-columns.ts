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
  values: Map<string, unknown[]>;
  /** Fields of the first feature (every one, asked for or not). */
  first: string[];
  /** The CRS the file declares (GeoJSON `crs` member), null when none. */
  declaredCrs: Crs | null;
}

/** A growable typed array. */
export class Growable<T extends Float64Array | Uint32Array | Uint8Array> {
  a: T;
  n = 0;
  constructor(private readonly make: (n: number) => T) {
    this.a = make(1024);
  }
  push(v: number): void {
    if (this.n === this.a.length) this.grow(this.n + 1);
    this.a[this.n++] = v;
  }
  grow(min: number): void {
    const b = this.make(Math.max(min, this.a.length * 2));
    b.set(this.a.subarray(0, this.n) as never);
    this.a = b;
  }
  /** The filled part, copied to its exact length (the spare capacity is freed). */
  done(): T {
    return this.a.slice(0, this.n) as T;
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
    column: (field) => {
      const v = get(field);
      return (i) => v[i];
    },
    has: (field) => {
      const v = get(field);
      for (let i = 0; i < c.count; i++) if (v[i] !== undefined) return true;
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
  readonly xy = new Growable((n) => new Float64Array(n));
  readonly ringStart = new Growable((n) => new Uint32Array(n));
  readonly partRingStart = new Growable((n) => new Uint32Array(n));
  readonly featurePartStart = new Growable((n) => new Uint32Array(n));
  readonly geomType = new Growable((n) => new Uint8Array(n));
  readonly values = new Map<string, unknown[]>();
  first: string[] = [];
  count = 0;

  constructor(wanted: Iterable<string>) {
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
      values: this.values,
      first: this.first,
      declaredCrs,
    };
  }
}
