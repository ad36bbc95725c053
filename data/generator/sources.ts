// Reads the real reference data copied into data/honghe/ (provenance in data/honghe/README.md).
// The generator reads nothing else: never ../shared, never the network.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, MultiPolygon } from 'geojson';

const DIR = fileURLToPath(new URL('../honghe/', import.meta.url));

export interface CountyRow {
  code: string;
  name: string;
  population: number;
  /** Census urban population where a source gives it, else null. */
  urbanPopulation: number | null;
  /** County seat, GCJ-02 degrees (converted with the product's own code). */
  seatGcj: [number, number];
  /** Name of the township holding the seat, '' when the source does not say. */
  seatTown: string;
}

export interface DivisionRow {
  code: string;
  name: string;
  parentCode: string;
  countyCode: string;
}

export interface Sources {
  counties: CountyRow[];
  /** GCJ-02 county polygons keyed by adcode. */
  gcjGeometry: Map<string, MultiPolygon>;
  townships: DivisionRow[];
  villages: DivisionRow[];
}

/** Reads one file of data/honghe as text. */
export function readReference(name: string): string {
  return readFileSync(DIR + name, 'utf8');
}

/** Parses the plain CSVs of data/honghe (quoted fields hold no commas). */
export function parseCsv(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const unquote = (s: string): string => s.replace(/^"(.*)"$/, '$1');
  const head = lines[0].split(',').map(unquote);
  return lines.slice(1).map((line) => {
    const cells = line.split(',').map(unquote);
    const row: Record<string, string> = {};
    head.forEach((h, i) => (row[h] = cells[i] ?? ''));
    return row;
  });
}

/** Loads every reference table, sorted by code so iteration order is fixed. */
export function loadSources(): Sources {
  const census = new Map(parseCsv(readReference('honghe_population_census2020.csv')).map((r) => [r.adcode, r]));
  const seats = new Map(parseCsv(readReference('honghe_county_seats.csv')).map((r) => [r.adcode, r]));
  const counties: CountyRow[] = parseCsv(readReference('honghe_counties_2023.csv')).map((r) => {
    const c = census.get(r.code);
    const s = seats.get(r.code);
    if (!c || !s) throw new Error(`reference data: county ${r.code} lacks census or seat row`);
    return {
      code: r.code,
      name: r.name,
      population: Number(c.pop_2020_resident),
      urbanPopulation: c.urban_pop_2020 ? Number(c.urban_pop_2020) : null,
      seatGcj: [Number(s.seat_lon_gcj02), Number(s.seat_lat_gcj02)],
      seatTown: s.seat_town,
    };
  });
  const fc = JSON.parse(readReference('honghe_counties_datav_full_gcj02.geojson')) as FeatureCollection;
  const gcjGeometry = new Map<string, MultiPolygon>();
  for (const f of fc.features) gcjGeometry.set(String(f.properties?.adcode), f.geometry as MultiPolygon);
  const townships = parseCsv(readReference('honghe_townships_2023.csv')).map((r) => ({
    code: r.code,
    name: r.name,
    parentCode: r.areaCode,
    countyCode: r.areaCode,
  }));
  const villages = parseCsv(readReference('honghe_villages_2023.csv')).map((r) => ({
    code: r.code,
    name: r.name,
    parentCode: r.streetCode,
    countyCode: r.areaCode,
  }));
  const byCode = (a: { code: string }, b: { code: string }): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  counties.sort(byCode);
  townships.sort(byCode);
  villages.sort(byCode);
  return { counties, gcjGeometry, townships, villages };
}
