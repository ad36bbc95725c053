// Per-feature checks after reading: geometry present and of the wanted kind, coordinates finite,
// in range for degrees, near Yunnan after conversion, ids unique. Bad features are skipped and
// reported; the caller decides when too little is left.
import type { Feature } from 'geojson';
import { pointToWgs84, type Crs } from './crs.ts';
import type { Skip } from './import-error.ts';
import { eachPosition, isWellFormed, mapPositions } from './positions.ts';
import { inBox, PLAUSIBLE_BBOX, REGION_BBOX } from './region.ts';

/** Base geometry kinds a caller may require (Multi* and the plain type both count). */
export type GeometryKind = 'Point' | 'LineString' | 'Polygon';

export interface ValidateOptions {
  crs: Crs;
  /** Accept only these kinds; any kind when absent. */
  geometry?: GeometryKind[];
  /** Skip features with a position outside China + 1° (default true); count those kept
   *  outside the project's region (Yunnan + 1°). */
  regionCheck: boolean;
  /** Property holding a unique id; later duplicates are skipped. Null: no check. */
  idField: string | null;
  /** The caller hands `features` over (a reader's fresh objects): each entry is cleared once
   *  checked and its properties object moves to the output instead of being copied, so the
   *  input and its checked copies are never all in memory at once (millions of points). */
  handOver?: boolean;
  /** Where to report feature i: a table row or a feature index. */
  where: (i: number) => { row?: number; feature?: number };
}

const GEOGRAPHIC = new Set(['wgs84', 'cgcs2000', 'gcj02', 'bd09']);
export const ID_FIELDS = ['id', 'ID', 'Id', 'code', 'CODE', 'Code', '编号', '编码', '代码'];

/** The id field to check for duplicates: the first conventional id name present in the features. */
export function defaultIdField(features: Feature[]): string | null {
  const first = features.find((f) => f.properties)?.properties;
  return first ? (ID_FIELDS.find((k) => k in first) ?? null) : null;
}

function baseKind(type: string): string {
  return type.replace(/^Multi/, '');
}

/** Kept features with a position outside the project's region: how many, and the first such position. */
export interface FarFromRegion {
  count: number;
  first: string;
}

/** The valid features converted to WGS84 (new objects; inputs untouched unless handed over), their indices in the
 *  input (`kept`), the skipped ones, and those kept although far from the project's region. */
export function validateFeatures(
  features: Feature[],
  o: ValidateOptions,
): { features: Feature[]; skipped: Skip[]; kept: number[]; far: FarFromRegion } {
  const toWgs = pointToWgs84(o.crs);
  const geographic = GEOGRAPHIC.has(o.crs.kind);
  const out: Feature[] = [];
  const skipped: Skip[] = [];
  const kept: number[] = [];
  const seen = new Set<string>();
  const far: FarFromRegion = { count: 0, first: '' };
  features.forEach((f, i) => {
    if (o.handOver) (features as (Feature | undefined)[])[i] = undefined;
    const at = o.where(i);
    const g = f.geometry;
    if (!g) {
      skipped.push({ ...at, reason: 'null_geometry' });
      return;
    }
    if (!isWellFormed(g)) {
      skipped.push({ ...at, reason: 'malformed_geometry' });
      return;
    }
    if (o.geometry && (g.type === 'GeometryCollection' || !o.geometry.includes(baseKind(g.type) as GeometryKind))) {
      skipped.push({ ...at, reason: 'wrong_geometry', value: g.type });
      return;
    }
    let problem: Skip | null = null;
    eachPosition(g, (x, y) => {
      if (problem) return;
      if (!Number.isFinite(x) || !Number.isFinite(y)) problem = { ...at, reason: 'nan', value: `${x}, ${y}` };
      else if (geographic && (Math.abs(x) > 180 || Math.abs(y) > 90)) problem = { ...at, reason: 'out_of_range', value: `${x}, ${y}` };
    });
    if (problem) {
      skipped.push(problem);
      return;
    }
    const geometry = mapPositions(g, toWgs);
    let farAt = '';
    eachPosition(geometry, (lon, lat) => {
      if (problem) return;
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) problem = { ...at, reason: 'out_of_range' };
      else if (o.regionCheck && !inBox(PLAUSIBLE_BBOX, lon, lat))
        problem = { ...at, reason: 'outside_region', value: `${lon.toFixed(4)}, ${lat.toFixed(4)}` };
      else if (o.regionCheck && !farAt && !inBox(REGION_BBOX, lon, lat)) farAt = `${lon.toFixed(4)}, ${lat.toFixed(4)}`;
    });
    if (problem) {
      skipped.push(problem);
      return;
    }
    if (o.idField) {
      const v = f.properties?.[o.idField];
      if (v !== null && v !== undefined && v !== '') {
        const key = String(v);
        if (seen.has(key)) {
          skipped.push({ ...at, field: o.idField, reason: 'duplicate_id', value: key.slice(0, 40) });
          return;
        }
        seen.add(key);
      }
    }
    if (farAt && far.count++ === 0) far.first = farAt;
    const copy: Feature = {
      type: 'Feature',
      properties: o.handOver && f.properties ? f.properties : { ...(f.properties ?? {}) },
      geometry,
    };
    if (f.id !== undefined) copy.id = f.id;
    out.push(copy);
    kept.push(i);
  });
  return { features: out, skipped, kept, far };
}
