// The 13 real county polygons, converted from GCJ-02 (as DataV publishes them) to WGS84 with
// the product's own conversion, so the demo exercises the same code users' GCJ-02 files do.
import type { MultiPolygon } from 'geojson';
import { gcj02ToWgs84 } from '../../src/io/crs.ts';
import { areaKm2, bboxOf, type MultiCoords } from './geometry.ts';
import type { CountyRow, Sources } from './sources.ts';

export interface County extends CountyRow {
  /** WGS84 polygon coordinates. */
  geometry: MultiCoords;
  bbox: [number, number, number, number];
  areaKm2: number;
  /** County seat, WGS84 degrees. */
  seat: [number, number];
}

/** Converts every vertex of a GCJ-02 MultiPolygon to WGS84; shared vertices stay shared. */
export function multiPolygonToWgs84(geom: MultiPolygon): MultiCoords {
  return geom.coordinates.map((poly) => poly.map((ring) => ring.map(([x, y]) => gcj02ToWgs84(x, y))));
}

/** The counties to generate (all, or the listed adcodes), in code order, in WGS84. */
export function buildCounties(src: Sources, only?: readonly string[]): County[] {
  return src.counties
    .filter((c) => !only || only.includes(c.code))
    .map((c) => {
      const gcj = src.gcjGeometry.get(c.code);
      if (!gcj) throw new Error(`reference data: no polygon for county ${c.code}`);
      const geometry = multiPolygonToWgs84(gcj);
      return { ...c, geometry, bbox: bboxOf(geometry), areaKm2: areaKm2(geometry), seat: gcj02ToWgs84(...c.seatGcj) };
    });
}
