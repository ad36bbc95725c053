// The input kinds the fuzz suite mutates: every importer (GeoJSON, FlatGeobuf, zipped Shapefile,
// CSV, XLSX, population GeoTIFF, GeoPackage, File Geodatabase, MapInfo, DXF, KML, KMZ, GML,
// OpenStreetMap XML and PBF), the GeoTIFF DEM, the project file, the catalogue and road-class
// files and the shared link's query string. Each kind
// builds case i from valid seeds, and judges the outcome: a valid result (checked, not just
// returned) or the clear error its reader promises; anything else is a failure.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, Geometry } from 'geojson';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { writeArrayBuffer } from 'geotiff';
import { emptyProject, withLayer } from '../../src/analysis/project.ts';
import { ProjectFileError, projectFromJson, projectToJson } from '../../src/analysis/projectFile.ts';
import { defaultSettings } from '../../src/analysis/settings.ts';
import { CatalogueError, parseCatalogue, toFileType } from '../../src/core/catalogue-file.ts';
import { CATALOGUE_PRESETS } from '../../src/core/catalogue-presets.ts';
import { inRange } from '../../src/core/limits.ts';
import { DEFAULT_ROAD_CLASSES, parseRoadClassTable, RoadClassError } from '../../src/core/travel/road-class.ts';
import { DemError, MAX_DEM_CELLS, readGeoTiff } from '../../src/io/geotiff.ts';
import { ImportError } from '../../src/io/import-error.ts';
import { loadFile } from '../../src/io/load.ts';
import { readOsm } from '../../src/io/osm.ts';
import { formatImportError } from '../../src/io/messages.ts';
import { eachPosition } from '../../src/io/positions.ts';
import { inBox, PLAUSIBLE_BBOX } from '../../src/io/region.ts';
import { formatUrlState, parseUrlState } from '../../src/ui/urlState.ts';
import { int, mutateBytes, mutateJson, mutateText, pick, type Rand } from './mutate.ts';

export type Outcome = 'ok' | 'refused';

export interface Kind {
  name: string;
  /** Case input from the generator (deterministic for a given generator state). */
  make: (r: Rand) => Uint8Array | string;
  /** Runs one case; resolves how it ended, throws on anything but a valid result or a clear error. */
  run: (input: Uint8Array | string) => Promise<Outcome>;
}

const IN = join(import.meta.dirname, '../fixtures/in');
const fixture = (n: string) => new Uint8Array(readFileSync(join(IN, n)));
const enc = new TextEncoder();

class Unclear extends Error {}

function inRegion(g: Geometry | null, what: string): void {
  if (!g) throw new Unclear(`${what}: null geometry in a result`);
  eachPosition(g, (x, y) => {
    if (!inBox(PLAUSIBLE_BBOX, x, y)) throw new Unclear(`${what}: position ${x}, ${y} outside the plausible region in a result`);
  });
}

/** An importer's outcome: features (all checked) or an ImportError readable in both languages. */
async function importCase(name: string, bytes: Uint8Array, layer?: string): Promise<Outcome> {
  try {
    const r = await loadFile(name, bytes, { layer });
    if (!r.features.length || r.sources.length !== r.features.length) throw new Unclear('a result without features or sources');
    r.features.forEach((f: Feature, i) => inRegion(f.geometry, `feature ${i}`));
    return 'ok';
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    for (const lang of ['zh', 'en'] as const) {
      const text = formatImportError(e, lang);
      if (text.length <= name.length || /\{(detail|v)\}/.test(text)) throw new Unclear(`unclear ${lang} message: ${text}`);
    }
    return 'refused';
  }
}

const point = (lon: number, lat: number, properties: object) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Point', coordinates: [lon, lat] },
});
const GEOJSON_SEEDS = [
  {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { code: '532501001001', name: '蒙自', households: 120 },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [103, 23],
              [103.1, 23],
              [103.1, 23.1],
              [103, 23],
            ],
          ],
        },
      },
      {
        type: 'Feature',
        properties: { code: '532501001002', name: '新安所' },
        geometry: {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [103.2, 23],
                [103.3, 23],
                [103.3, 23.1],
                [103.2, 23],
              ],
            ],
          ],
        },
      },
    ],
  },
  {
    type: 'FeatureCollection',
    features: [point(103.38, 23.37, { type: '老年食堂', id: 1 }), point(103.4, 23.4, { type: 'fitness', id: 2 })],
  },
  {
    type: 'FeatureCollection',
    crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4490' } },
    features: [point(103.38, 23.37, { elderly: 3, population: 10 }), point(103.2, 23.3, { elderly: 1 })],
  },
  {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: {},
        geometry: {
          type: 'LineString',
          coordinates: [
            [103, 23],
            [103.01, 23.01, 1500],
          ],
        },
      },
    ],
  },
];

const FGB_SEEDS = GEOJSON_SEEDS.slice(0, 3).map((fc) => serialize({ ...fc, crs: undefined } as never));

function zipMutation(r: Rand, zip: Uint8Array, text: (name: string) => boolean, others: Uint8Array[]): Uint8Array {
  if (r() < 0.35) return mutateBytes(r, zip, others);
  const parts = unzipSync(zip);
  const name = pick(r, Object.keys(parts));
  parts[name] = text(name) && r() < 0.6 ? strToU8(mutateText(r, strFromU8(parts[name]))) : mutateBytes(r, parts[name]);
  return zipSync(parts, { level: r() < 0.5 ? 0 : 6 });
}

const PLANNER = join(import.meta.dirname, '../fixtures/planner');
const planner = (n: string) => new Uint8Array(readFileSync(join(PLANNER, n)));
const plannerText = (n: string) => readFileSync(join(PLANNER, n), 'utf8');
// Issue 15's readers: a population GeoTIFF, and the formats read through GDAL or togeojson.
const POP_TIF = [planner('pop.tif'), planner('pop_nogeo.tif')];
const GPKG = planner('case.gpkg'),
  GDB = planner('case.gdb.zip'),
  MIF = planner('case_mif.zip'),
  KMZ = planner('communities.kmz');
const DXF = plannerText('communities.dxf'),
  KML = plannerText('facilities.kml'),
  GML = plannerText('households.gml');

const SHP_SEEDS = ['villages_gk102_cpg.zip', 'villages_gk102_nocpg.zip', 'villages_gk105_noprj.zip', 'villages_gk34_prefix.zip'].map(
  fixture,
);
const CSV_UTF8 = readFileSync(join(IN, 'centres_gcj02.csv'), 'utf8');
const CSV_GBK = fixture('canteens_gbk_gk102.csv');
const XLSX = fixture('canteens.xlsx');

function demSeed(width: number, height: number, base: number): Uint8Array {
  const values = Float32Array.from({ length: width * height }, (_, i) => base + (i % 7) * 3);
  return new Uint8Array(
    writeArrayBuffer(values, {
      width,
      height,
      ModelPixelScale: [0.01, 0.01, 0],
      ModelTiepoint: [0, 0, 0, 103, 24, 0],
      SampleFormat: [3],
      BitsPerSample: [32],
      GeographicTypeGeoKey: 4326,
      GTModelTypeGeoKey: 2,
      GDAL_NODATA: '-9999',
    }),
  );
}
const DEM_SEEDS = [demSeed(24, 16, 1300), demSeed(3, 50, 200)];

function projectSeed(): unknown {
  const hh: Feature = { type: 'Feature', properties: { 户数: 3, 老人: 1 }, geometry: { type: 'Point', coordinates: [103.38, 23.37] } };
  const fac: Feature = {
    type: 'Feature',
    properties: { 名称: '食堂', 类型: '老年食堂' },
    geometry: { type: 'Point', coordinates: [103.4, 23.4] },
  };
  const area: Feature = {
    type: 'Feature',
    properties: { code: '532501001001', name: '甲社区' },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [103.3, 23.3],
          [103.4, 23.3],
          [103.4, 23.4],
          [103.3, 23.3],
        ],
      ],
    },
  };
  let p = withLayer(emptyProject(), {
    role: 'households',
    file: 'hh.csv',
    crs: { kind: 'wgs84' },
    mapping: { role: 'households', households: '户数', elderly: '老人' },
    features: [hh],
  });
  p = withLayer(p, {
    role: 'facilities',
    file: '食堂.xlsx',
    crs: { kind: 'gk', cm: 102, falseEasting: 34500000, zoneWidth: 3 },
    mapping: { role: 'facilities', name: '名称', type: '类型', typeValues: { 老年食堂: 'elderly_canteen' } },
    features: [fac],
  });
  p = withLayer(p, {
    role: 'communities',
    file: 'c.geojson',
    crs: { kind: 'wgs84' },
    mapping: { role: 'communities', code: 'code', name: 'name' },
    features: [area],
  });
  const edits = {
    type: 'elderly_canteen',
    edits: [
      { op: 'add', lon: 103.41, lat: 23.39 },
      { op: 'move', id: 0, lon: 103.42, lat: 23.38 },
      { op: 'delete', id: 0 },
    ],
  };
  return JSON.parse(projectToJson({ ...p, settings: defaultSettings(), edits: edits as never }));
}
const PROJECT = projectSeed();

const URL_SEEDS = [
  formatUrlState({ lang: 'en', settings: defaultSettings(), selected: '532501001001', view: { lon: 103.4, lat: 23.4, zoom: 9 } }),
  '?type=fitness&fitness=straight,4.5,15,1&detour=1.3&lon=103.38&lat=23.37&z=10',
  '?type=elderly_canteen&elderly_canteen=network,4.5,30,0.9&fire_station=straight,15,3,0.9&sel=A',
];
const URL_KEYS = ['type', 'detour', 'lon', 'lat', 'z', 'sel', 'lang', 'fitness', 'elderly_canteen', 'fire_station', 'health_station'];

function checkSettingsInRange(s: { detour: number; specs: { speedKmh: number; minutes: number; targetShare: number }[] }): void {
  if (inRange('detour', s.detour) === null) throw new Unclear(`detour ${s.detour} out of range in a result`);
  for (const t of s.specs) {
    if (
      inRange('speedKmh', t.speedKmh) === null ||
      inRange('minutes', t.minutes) === null ||
      inRange('targetShare', t.targetShare) === null
    ) {
      throw new Unclear(`spec ${JSON.stringify(t)} out of range in a result`);
    }
  }
}

// Issue 14's and 15's readers: OpenStreetMap files, catalogue files and road-class tables.
const OSM_DIR = join(import.meta.dirname, '../fixtures/osm');
const OSM_XML = readFileSync(join(OSM_DIR, 'scenarios.osm'), 'utf8'),
  OSM_PBF = [
    new Uint8Array(readFileSync(join(OSM_DIR, 'scenarios.osm.pbf'))),
    new Uint8Array(readFileSync(join(OSM_DIR, 'demo-roads.osm.pbf'))),
  ];
const CATALOGUE_DOC = { types: CATALOGUE_PRESETS.find((p) => p.id === 'gb50180')!.types.map((t) => toFileType(t)) };

/** An OSM file's outcome: a consistent network (finite positions, lines of 2+ vertices) with its
 *  POIs, or an ImportError readable in both languages. */
function osmCase(name: string, bytes: Uint8Array): Outcome {
  try {
    const { lines, pois } = readOsm(name, bytes, { pois: true });
    const n = lines.coords.length / 2;
    for (let l = 0; l + 1 < lines.lineStart.length; l++) {
      if (lines.lineStart[l + 1] - lines.lineStart[l] < 2) throw new Unclear(`line ${l} with fewer than 2 vertices`);
    }
    if (lines.lineStart[lines.lineStart.length - 1] !== n) throw new Unclear('lineStart does not end at the vertex count');
    if (!lines.coords.every(Number.isFinite)) throw new Unclear('a non-finite position');
    if (!pois.every((p) => Number.isFinite(p.lon) && Number.isFinite(p.lat))) throw new Unclear('a non-finite POI');
    return 'ok';
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    for (const lang of ['zh', 'en'] as const) {
      const text = formatImportError(e, lang);
      if (text.length <= name.length || /\{(detail|v)\}/.test(text)) throw new Unclear(`unclear ${lang} message: ${text}`);
    }
    return 'refused';
  }
}

export const KINDS: Kind[] = [
  {
    name: 'geojson',
    make: (r) => {
      const seed = pick(r, GEOJSON_SEEDS);
      const x = r();
      if (x < 0.45) return enc.encode(mutateText(r, JSON.stringify(seed)));
      if (x < 0.9) return enc.encode(JSON.stringify(mutateJson(r, seed)));
      return mutateBytes(r, enc.encode(JSON.stringify(seed)));
    },
    run: (b) => importCase('a.geojson', b as Uint8Array),
  },
  {
    name: 'fgb',
    make: (r) => {
      if (r() < 0.1)
        return Uint8Array.from([0x66, 0x67, 0x62, 0x03, 0x66, 0x67, 0x62, 0x00, ...Array.from({ length: int(r, 512) }, () => int(r, 256))]);
      return mutateBytes(r, pick(r, FGB_SEEDS), FGB_SEEDS);
    },
    run: (b) => importCase('a.fgb', b as Uint8Array),
  },
  {
    name: 'shapefile',
    make: (r) => zipMutation(r, pick(r, SHP_SEEDS), (n) => /\.(prj|cpg)$/i.test(n), SHP_SEEDS),
    run: (b) => importCase('villages.zip', b as Uint8Array),
  },
  {
    name: 'csv',
    make: (r) => (r() < 0.7 ? enc.encode(mutateText(r, CSV_UTF8)) : mutateBytes(r, CSV_GBK)),
    run: (b) => importCase('points.csv', b as Uint8Array),
  },
  {
    name: 'xlsx',
    make: (r) => zipMutation(r, XLSX, (n) => n.endsWith('.xml') || n.endsWith('.rels'), []),
    run: (b) => importCase('canteens.xlsx', b as Uint8Array),
  },
  {
    name: 'poptif',
    make: (r) => mutateBytes(r, pick(r, POP_TIF), POP_TIF),
    run: (b) => importCase('pop.tif', b as Uint8Array),
  },
  // The case's files hold three layers: one is asked for, so the mutations reach its features.
  { name: 'gpkg', make: (r) => mutateBytes(r, GPKG), run: (b) => importCase('case.gpkg', b as Uint8Array, 'households') },
  {
    name: 'filegdb',
    make: (r) => zipMutation(r, GDB, () => false, []),
    run: (b) => importCase('case.gdb.zip', b as Uint8Array, 'communities'),
  },
  {
    name: 'mapinfo',
    make: (r) => zipMutation(r, MIF, (n) => /\.mi[fd]$/i.test(n), []),
    run: (b) => importCase('case_mif.zip', b as Uint8Array),
  },
  { name: 'dxf', make: (r) => enc.encode(mutateText(r, DXF)), run: (b) => importCase('drawing.dxf', b as Uint8Array) },
  { name: 'kml', make: (r) => enc.encode(mutateText(r, KML)), run: (b) => importCase('points.kml', b as Uint8Array) },
  { name: 'kmz', make: (r) => zipMutation(r, KMZ, (n) => n.endsWith('.kml'), []), run: (b) => importCase('areas.kmz', b as Uint8Array) },
  { name: 'gml', make: (r) => enc.encode(mutateText(r, GML)), run: (b) => importCase('points.gml', b as Uint8Array) },
  { name: 'osm', make: (r) => enc.encode(mutateText(r, OSM_XML)), run: async (b) => osmCase('roads.osm', b as Uint8Array) },
  { name: 'osmpbf', make: (r) => mutateBytes(r, pick(r, OSM_PBF), OSM_PBF), run: async (b) => osmCase('roads.osm.pbf', b as Uint8Array) },
  {
    name: 'catalogue',
    make: (r) =>
      r() < 0.75
        ? JSON.stringify(mutateJson(r, r() < 0.3 ? mutateJson(r, CATALOGUE_DOC) : CATALOGUE_DOC))
        : mutateText(r, JSON.stringify(CATALOGUE_DOC)),
    run: async (text) => {
      try {
        for (const t of parseCatalogue(text as string)) {
          if (!(t.speedKmh > 0 && t.speedKmh <= 200 && t.minutes > 0 && t.minutes <= 600 && t.targetShare >= 0 && t.targetShare <= 1))
            throw new Unclear(`type "${t.code}" kept with a value out of range`);
        }
        return 'ok';
      } catch (e) {
        if (e instanceof CatalogueError && e.message.length > 10) return 'refused';
        throw e;
      }
    },
  },
  {
    name: 'roadclasses',
    make: (r) =>
      r() < 0.75
        ? JSON.stringify(mutateJson(r, r() < 0.3 ? mutateJson(r, DEFAULT_ROAD_CLASSES) : DEFAULT_ROAD_CLASSES))
        : mutateText(r, JSON.stringify(DEFAULT_ROAD_CLASSES)),
    run: async (text) => {
      let json: unknown;
      try {
        json = JSON.parse(text as string);
      } catch {
        return 'refused'; // the CLI and the dialog refuse non-JSON before the table check
      }
      try {
        for (const [k, c] of Object.entries(parseRoadClassTable(json))) {
          if (inRange('walkFactor', c.walkFactor) === null || inRange('vehicleKmh', c.vehicleKmh) === null)
            throw new Unclear(`class "${k}" kept with a value out of range`);
        }
        return 'ok';
      } catch (e) {
        if (e instanceof RoadClassError) return 'refused';
        throw e;
      }
    },
  },
  {
    name: 'dem',
    make: (r) => mutateBytes(r, pick(r, DEM_SEEDS), DEM_SEEDS),
    run: async (b) => {
      try {
        const g = await readGeoTiff(b as Uint8Array);
        if (g.values.length !== g.width * g.height || g.width * g.height > MAX_DEM_CELLS || !(g.dx > 0 && g.dy > 0)) {
          throw new Unclear(`an inconsistent grid ${g.width}×${g.height}`);
        }
        return 'ok';
      } catch (e) {
        if (e instanceof DemError) return 'refused';
        throw e;
      }
    },
  },
  {
    name: 'project',
    make: (r) =>
      r() < 0.75 ? JSON.stringify(mutateJson(r, r() < 0.3 ? mutateJson(r, PROJECT) : PROJECT)) : mutateText(r, JSON.stringify(PROJECT)),
    run: async (text) => {
      try {
        const p = projectFromJson(text as string);
        if (p.settings) checkSettingsInRange(p.settings);
        for (const l of Object.values(p.layers)) l!.features.forEach((f, i) => inRegion(f.geometry, `${l!.role} feature ${i}`));
        return 'ok';
      } catch (e) {
        if (e instanceof ProjectFileError && e.detail.length > 0) return 'refused';
        throw e;
      }
    },
  },
  {
    name: 'url',
    make: (r) => {
      if (r() < 0.6) return mutateText(r, pick(r, URL_SEEDS));
      const q = new URLSearchParams();
      for (let k = 0, n = 1 + int(r, 6); k < n; k++)
        q.append(pick(r, URL_KEYS), mutateText(r, pick(r, ['straight,4.5,15,1', '1.3', '103.4', 'fitness', '9'])));
      return `?${q}`;
    },
    run: async (search) => {
      const s = parseUrlState(search as string);
      checkSettingsInRange(s.settings);
      if (s.view && [inRange('lon', s.view.lon), inRange('lat', s.view.lat), inRange('zoom', s.view.zoom)].includes(null))
        throw new Unclear('view out of range');
      return s.refused ? 'refused' : 'ok';
    },
  },
];
