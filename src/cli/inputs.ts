// The inputs every analysis command shares (analyze, site): the layer files, the travel
// settings, and how a catalogue type's defaults give way to them.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CatalogueError, mergeCatalogue, parseCatalogue } from '../core/catalogue-file.ts';
import { cataloguePreset } from '../core/catalogue-presets.ts';
import {
  BUILT_IN_TYPES,
  DEFAULT_DETOUR,
  type Catalogue,
  type DemandMeasure,
  type FacilityType,
  type TravelMode,
} from '../core/catalogue.ts';
import type { Layers, TypeSpec } from '../core/analysis/command.ts';
import type { FacilityLayer } from '../core/types.ts';
import { isDemandMeasure } from '../core/coverage/demand.ts';
import { PERSONS_PER_HOUSEHOLD } from '../core/demand/census.ts';
import { inRange, parseNumber, RangeInputError, type NumberName } from '../core/limits.ts';
import {
  ACCESS_TAGS,
  areaLayer,
  areasFromFeatures,
  facilitiesFromFeatures,
  facilityLayer,
  HOUSEHOLD_DEFAULTS,
  householdLayer,
  householdsFromBuildings,
  householdsFromFeatures,
  householdsFromPopulation,
  lineLayer,
  linesFromFeatures,
  ROAD_CLASS_FIELDS,
  type DemandEstimate,
} from '../io/features.ts';
import { columnLines, columnPoints, columnPolygons } from '../io/feature-columns.ts';
import { matchFacilityType } from '../core/type-words.ts';
import { ImportError } from '../io/import-error.ts';
import { formatImportError } from '../io/messages.ts';
import type { OsmPoi } from '../io/osm.ts';
import { extentWithMargin, isOsmFile, OSM_MARGIN_M, type Extent } from '../io/osm-file.ts';
import { OSM_POI_RULES } from '../io/osm-poi-types.ts';
import { parseRoadClassTable, TRAVEL_PROFILES, type RoadClassTable, type TravelProfile } from '../core/travel/road-class.ts';
import type { AreaLayer } from '../core/types.ts';
import type { GeometryKind } from '../io/validate.ts';
import { DEFAULT_JOIN_M } from '../core/travel/graph.ts';
import { cachedNetwork } from './network-cache.ts';
import { cachedRead } from './file-cache.ts';
import { keyValues, UsageError, type Parsed } from './args.ts';
import { MAX_IMPORT_BYTES } from '../io/load.ts';
import {
  fieldsFor,
  INPUT_FLAGS,
  INPUT_USAGE,
  fromFile,
  readAhead,
  readBounded,
  readColumnsLayer,
  readLayerFile,
  readOptions,
  type ReadOptions,
} from './read.ts';

export const INPUT_SPEC = {
  communities: 'string',
  households: 'string',
  facilities: 'string',
  network: 'string',
  dem: 'string',
  townships: 'string',
  counties: 'string',
  'household-size': 'number',
  'area-per-household': 'number',
  catalogue: 'string',
  mode: 'string',
  'speed-kmh': 'number',
  detour: 'number',
  minutes: 'repeat',
  demand: 'repeat',
  cache: 'string',
  'road-class': 'string',
  'road-profile': 'string',
  profile: 'repeat',
  barriers: 'string',
  ...INPUT_FLAGS,
} as const;

export const INPUTS_USAGE = `--communities F --households F --facilities F [--network F] [--dem F]
       [--townships F] [--counties F]
       [--household-size V] [--area-per-household M2] [--catalogue FILE.json]
       [--mode straight|network|slope] [--speed-kmh V] [--detour K] [--minutes TYPE=M]...
       [--demand TYPE=FIELD]... [--cache DIR] [--road-class FIELD] [--road-profile FILE.json]
       [--profile TYPE=walk|ebike|vehicle]... [--barriers F]
${INPUT_USAGE}`;

/** Travel settings from the command line; absent ones fall back to the catalogue. */
export interface Settings {
  /** The facility types of this run (the plan's unless --catalogue). */
  catalogue: Catalogue;
  mode?: TravelMode;
  speedKmh?: number;
  detour: number;
  minutes: Map<string, number>;
  demand: Map<string, DemandMeasure>;
  /** For households files of population cells or building footprints. */
  estimate: DemandEstimate;
  profile: Map<string, TravelProfile>;
  /** Field holding each line's road class (else highway / 道路等级 when present). */
  roadClassField?: string;
  /** Path of a JSON road-class table replacing the default one. */
  roadProfilePath?: string;
  read: ReadOptions;
}

/** The layers read, what the inputs held (summary.json `inputs`), and the facility type values
 *  matching no catalogue type, with their counts (summary.json `skipped_facilities`). */
export interface ReadInputs {
  layers: Layers;
  inputs: Record<string, number>;
  skippedFacilities: Record<string, number>;
}

/** The run's facility types: the plan's, with `--catalogue FILE.json` adding or overriding some,
 *  or a preset's (`--catalogue gb50180`, `tdt1062`, `honghe`: core/catalogue-presets.ts). */
function readCatalogue(p: Parsed): Catalogue {
  const path = p.values.get('catalogue') as string | undefined;
  if (path === undefined) return BUILT_IN_TYPES;
  const preset = cataloguePreset(path);
  if (preset) return preset.types;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { cause: e });
  }
  try {
    return mergeCatalogue(parseCatalogue(text));
  } catch (e) {
    if (e instanceof CatalogueError) throw new Error(`${path}: ${e.message}`, { cause: e });
    throw e;
  }
}

/** A required string flag. */
export function need(p: Parsed, k: string): string {
  const v = p.values.get(k);
  if (v === undefined) throw new UsageError(`--${k} is required`);
  return String(v);
}

/** A number flag checked against its range (core/limits.ts), undefined when absent. */
export function numberFlag(p: Parsed, flag: string, name: NumberName): number | undefined {
  const v = p.values.get(flag);
  if (v === undefined) return undefined;
  if (inRange(name, v) === null) throw new UsageError(new RangeInputError(name, String(v), `--${flag}`).message);
  return v as number;
}

/** The catalogue code a flag's type names: a code, a catalogue name or any word the import
 *  dialog understands ("老年食堂", "gym"…; core/type-words.ts). */
export function typeCode(flag: string, value: string, catalogue: Catalogue): string {
  const code = matchFacilityType(value, catalogue);
  if (!code) throw new UsageError(`--${flag}: unknown facility type "${value}" (known: ${catalogue.map((t) => t.code).join(', ')})`);
  return code;
}

/** Validates the shared settings flags (before any file is read). */
export function readSettings(p: Parsed): Settings {
  const catalogue = readCatalogue(p);
  const { values, repeats } = p;
  const mode = values.get('mode') as TravelMode | undefined;
  if (mode !== undefined && !['straight', 'network', 'slope'].includes(mode))
    throw new UsageError(`--mode must be straight, network or slope, got "${mode}"`);
  if ((mode === 'network' || mode === 'slope') && !values.has('network')) throw new UsageError(`--mode ${mode} needs --network`);
  const speedKmh = numberFlag(p, 'speed-kmh', 'speedKmh');
  const detour = numberFlag(p, 'detour', 'detour') ?? DEFAULT_DETOUR;
  const minutes = new Map(
    keyValues(repeats.get('minutes'), 'minutes').map(([k, v]) => {
      const code = typeCode('minutes', k, catalogue);
      const m = inRange('minutes', parseNumber(v));
      if (m === null) throw new UsageError(new RangeInputError('minutes', JSON.stringify(v), `--minutes ${k}`).message);
      return [code, m];
    }),
  );
  const demand = new Map(
    keyValues(repeats.get('demand'), 'demand').map(([k, v]) => {
      const code = typeCode('demand', k, catalogue);
      if (!isDemandMeasure(v))
        throw new UsageError(`--demand ${k}: unknown measure "${v}" (households, population, elderly, infants, disabled)`);
      return [code, v as DemandMeasure];
    }),
  );
  const householdSize = values.get('household-size') as number | undefined;
  if (householdSize !== undefined && !(householdSize > 0)) throw new UsageError(`--household-size must be > 0, got ${householdSize}`);
  const areaPerHouseholdM2 = values.get('area-per-household') as number | undefined;
  if (areaPerHouseholdM2 !== undefined && !(areaPerHouseholdM2 > 0))
    throw new UsageError(`--area-per-household must be > 0 m², got ${areaPerHouseholdM2}`);
  const profile = new Map(
    keyValues(repeats.get('profile'), 'profile').map(([k, v]) => {
      const code = typeCode('profile', k, catalogue);
      if (!TRAVEL_PROFILES.includes(v as TravelProfile))
        throw new UsageError(`--profile ${k}: expected walk, ebike or vehicle, got "${v}"`);
      return [code, v as TravelProfile];
    }),
  );
  return {
    catalogue,
    mode,
    speedKmh,
    detour,
    minutes,
    demand,
    profile,
    estimate: { householdSize, areaPerHouseholdM2 },
    read: readOptions(p),
    roadClassField: values.get('road-class') as string | undefined,
    roadProfilePath: values.get('road-profile') as string | undefined,
  };
}

/** The road-class table of --road-profile, undefined for the default one. */
export async function readRoadClasses(s: Settings): Promise<RoadClassTable | undefined> {
  const path = s.roadProfilePath;
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new Error(`${path}: cannot read (${(e as NodeJS.ErrnoException).code})`, { cause: e });
  }
  try {
    return parseRoadClassTable(JSON.parse(text));
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`, { cause: e });
  }
}

/** The communities' extent plus the OSM margin (their polygons always hold vertices). */
function extentOf(a: AreaLayer): Extent {
  return extentWithMargin(a.polygons.coords, OSM_MARGIN_M)!;
}

/** Facilities from the tagged points (and building outlines) of an OSM file within `extent`,
 *  by the tag-to-type table (io/osm-poi-types.ts), which is printed with its counts for
 *  confirmation. */
async function osmFacilities(
  path: string,
  extent: Extent,
  log: (s: string) => void,
  catalogue: Catalogue,
  skipped: Map<string, number>,
): Promise<FacilityLayer> {
  const bytes = await readBounded(path, MAX_IMPORT_BYTES);
  let pois: OsmPoi[];
  try {
    const { readOsm } = await import('../io/osm.ts');
    pois = readOsm(basename(path), new Uint8Array(bytes), { extent, pois: true, roads: false }).pois;
  } catch (e) {
    if (e instanceof ImportError) throw new Error(`${path}: ${formatImportError(e, 'en')}`, { cause: e });
    throw e;
  }
  if (pois.length === 0)
    throw new Error(
      `${path}: no facility tags (${OSM_POI_RULES.map((r) => `${r.key}=${r.values === '*' ? '*' : r.values.join('|')}`).join(', ')}) within the communities' extent`,
    );
  const byTag = new Map<string, number>();
  for (const p of pois) byTag.set(`${p.tag} → ${p.type}`, (byTag.get(`${p.tag} → ${p.type}`) ?? 0) + 1);
  log(`${path}: ${pois.length} facilities from OpenStreetMap tags:`);
  for (const [k, n] of [...byTag].sort()) log(`  ${k}: ${n}`);
  return facilitiesFromFeatures(
    {
      type: 'FeatureCollection',
      features: pois.map((p) => ({
        type: 'Feature',
        properties: { type: p.type, id: p.id, name: p.name },
        geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      })),
    },
    {},
    undefined,
    skipped,
    catalogue,
  );
}

/** The layers that come from files alone (communities, households, facilities, townships,
 *  counties), what they held, and the facility type values matching no type. */
async function readBaseLayers(p: Parsed, s: Settings, log: (s: string) => void): Promise<ReadInputs> {
  const read = (path: string, layer: string, geometry: GeometryKind[]) => readLayerFile(path, layer, s.read, geometry, log);
  // The large layers go straight from GeoJSON or FlatGeobuf into columns when the file is clean
  // (io/load-columns.ts); anything else, and any file with a problem, through readLayerFile.
  const areaFields = fieldsFor(s.read, 'communities');
  const commPath = need(p, 'communities');
  // Community codes are the unique key (households are placed by them), whatever id field the file has.
  const communities =
    (await readColumnsLayer(
      commPath,
      'communities',
      s.read,
      ['Polygon'],
      ['code', 'name', 'county_code', 'urban', 'township_code', 'parent_code', ...Object.values(areaFields)],
      (c, a) => {
        const polygons = columnPolygons(c);
        return polygons && areaLayer(polygons, a, areaFields, 'communities');
      },
      log,
      areaFields.code ?? 'code',
    )) ??
    fromFile(await readLayerFile(commPath, 'communities', s.read, ['Polygon'], log, areaFields.code ?? 'code'), (fc) =>
      areasFromFeatures(fc, areaFields, 'communities'),
    );
  const hhPath = need(p, 'households');
  const hhFields = fieldsFor(s.read, 'households');
  const fastHouseholds = await readColumnsLayer(
    hhPath,
    'households',
    s.read,
    ['Point'],
    Object.values({ ...HOUSEHOLD_DEFAULTS, ...hhFields }),
    (c, a) => {
      const coords = columnPoints(c);
      return coords && householdLayer(coords, a, communities, hhFields);
    },
    log,
  );
  const hh = fastHouseholds ? null : await read(hhPath, 'households', ['Point', 'Polygon']);
  const buildings = !!hh?.features.some((f) => f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon');
  const households =
    fastHouseholds ??
    fromFile(hh!, (fc) =>
      hh!.raster
        ? householdsFromPopulation(fc, communities, hhFields, s.estimate)
        : buildings
          ? householdsFromBuildings(fc, communities, hhFields, s.estimate)
          : householdsFromFeatures(fc, communities, hhFields),
    );
  const skipped = new Map<string, number>();
  const facPath = need(p, 'facilities');
  const facFields = fieldsFor(s.read, 'facilities');
  const facilities = isOsmFile(facPath)
    ? await osmFacilities(facPath, extentOf(communities), log, s.catalogue, skipped)
    : ((await readColumnsLayer(
        facPath,
        'facilities',
        s.read,
        ['Point'],
        ['type', 'id', 'name', 'area_m2', ...Object.values(facFields)],
        (c, a) => {
          const coords = columnPoints(c);
          return coords && facilityLayer(coords, a, facFields, undefined, skipped, s.catalogue);
        },
        log,
      )) ??
      fromFile(await read(facPath, 'facilities', ['Point']), (fc) =>
        facilitiesFromFeatures(fc, facFields, undefined, skipped, s.catalogue),
      ));
  for (const [value, n] of skipped)
    log(`${facPath}: skipped ${n} facilities of type "${value}" (no such type in the catalogue; add it with --catalogue)`);
  const layers: Layers = { communities, households, facilities };
  // Township and county polygons name the regions (community → township → county, core/coverage/regions.ts).
  for (const level of ['townships', 'counties'] as const) {
    const path = p.values.get(level) as string | undefined;
    if (path)
      layers[level] = fromFile(await read(path, level, ['Polygon']), (fc) => areasFromFeatures(fc, fieldsFor(s.read, level), level));
  }
  const outside = households.community.reduce((n, c) => n + (c < 0 ? 1 : 0), 0);
  if (outside === households.count) {
    throw new Error(
      `${need(p, 'households')}: none of the ${households.count} household points lies inside a community of ${need(p, 'communities')} (coordinate systems differ, or the files cover different places)`,
    );
  }
  if (outside > 0)
    log(
      `${need(p, 'households')}: warning: ${outside} of ${households.count} household points lie outside every community; they count in the totals but in no community`,
    );
  const inputs: Record<string, number> = {
    communities: communities.count,
    household_points: households.count,
    facilities: facilities.count,
  };
  if (hh?.raster) Object.assign(inputs, { raster_cells: hh.raster.cells, raster_population: hh.raster.population });
  if (buildings) inputs.buildings = households.count;
  if (hh?.raster || buildings) inputs.household_size = s.estimate.householdSize ?? PERSONS_PER_HOUSEHOLD;
  return { layers, inputs, skippedFacilities: Object.fromEntries(skipped) };
}

/** Reads the layer files named by the flags into core layers. Households may be points, a
 *  population raster (cells → points) or building footprints (polygons → centroids). With
 *  --cache DIR the layers read from files alone, and the prepared network, are kept in DIR. */
export async function readLayers(p: Parsed, s: Settings, log: (s: string) => void): Promise<ReadInputs & { cacheKey?: CacheKey }> {
  const cacheDir = p.values.get('cache') as string | undefined;
  const files = ['communities', 'households', 'facilities', 'townships', 'counties'].flatMap((k) => {
    const v = p.values.get(k) as string | undefined;
    return v === undefined ? [] : [v];
  });
  const catalogue = p.values.get('catalogue') as string | undefined;
  const layersKey: CacheKey = {
    files: catalogue === undefined ? files : [...files, catalogue],
    // Which file is which layer, how they are read, and the facility types they are matched to.
    options: { files, read: readOptionsKey(s.read), estimate: s.estimate, types: s.catalogue },
  };
  const netPath = p.values.get('network') as string | undefined,
    demPath = p.values.get('dem') as string | undefined;
  // Uncached, the road file is read while the base layers are parsed (a cache hit would not need it).
  if (netPath && !cacheDir) readAhead(netPath);
  const base = cacheDir
    ? await cachedRead(
        cacheDir,
        'layers',
        layersKey.files,
        layersKey.options,
        (log) => readBaseLayers(p, s, log),
        log,
        (r) => !!r.layers?.households?.coords && !!r.layers.communities && !!r.layers.facilities,
      )
    : await readBaseLayers(p, s, log);
  const { layers, inputs } = base;
  const { communities } = layers;
  const read = (path: string, layer: string, geometry: GeometryKind[], log: (s: string) => void) =>
    readLayerFile(path, layer, s.read, geometry, log);
  const how = {
    crs: s.read.crs.get('network') ?? s.read.crs.get(''),
    encoding: s.read.encoding,
    fields: fieldsFor(s.read, 'network'),
    roadClass: s.roadClassField,
  };
  if (netPath && isOsmFile(netPath)) {
    // OSM: clipped to the communities (not cached: the clip depends on them).
    const bytes = await readBounded(netPath, MAX_IMPORT_BYTES);
    try {
      const { readOsm } = await import('../io/osm.ts');
      const osm = readOsm(basename(netPath), new Uint8Array(bytes), { extent: extentOf(communities) });
      log(`${netPath}: ${osm.waysInside} of ${osm.ways} roads within the communities' extent + ${OSM_MARGIN_M / 1000} km`);
      layers.network = osm.lines;
    } catch (e) {
      if (e instanceof ImportError) throw new Error(`${netPath}: ${formatImportError(e, 'en')}`, { cause: e });
      throw e;
    }
  } else if (netPath) {
    const readNetwork = async (log: (s: string) => void) =>
      (await readColumnsLayer(
        netPath,
        'network',
        s.read,
        ['LineString'],
        [s.roadClassField, ...ROAD_CLASS_FIELDS, ...ACCESS_TAGS],
        (c, a) => {
          const lines = columnLines(c);
          return lines && lineLayer(lines, a, s.roadClassField);
        },
        log,
      )) ?? fromFile(await read(netPath, 'network', ['LineString'], log), (fc) => linesFromFeatures(fc, s.roadClassField));
    if (cacheDir) {
      const c = await cachedNetwork(netPath, cacheDir, DEFAULT_JOIN_M, how, readNetwork, log);
      layers.network = c.lines;
      layers.preparedNetwork = c.prepared;
    } else layers.network = await readNetwork(log);
  }
  const barPath = p.values.get('barriers') as string | undefined;
  if (barPath) {
    layers.barriers = fromFile(await read(barPath, 'barriers', ['LineString'], log), (fc) => linesFromFeatures(fc));
    inputs.barrier_lines = layers.barriers.lineStart.length - 1;
  }
  if (demPath) {
    const bytes = await readBounded(demPath, MAX_IMPORT_BYTES);
    try {
      const { readGeoTiff } = await import('../io/geotiff.ts');
      layers.dem = await readGeoTiff(new Uint8Array(bytes));
    } catch (e) {
      throw new Error(`${demPath}: ${(e as Error).message}`, { cause: e });
    }
  }
  if (s.mode === 'slope' && !canSlope(layers)) throw new UsageError('--mode slope needs --dem or a network with Z values');
  if (!cacheDir) return base;
  // What the points, the network, its slopes and the barriers were read from: the key of what
  // the engine finds on them (snaps, Dijkstras, household times).
  const cacheKey = netPath
    ? {
        files: [...layersKey.files, netPath, ...(demPath ? [demPath] : []), ...(barPath ? [barPath] : [])],
        options: { layers: layersKey.options, network: how, toleranceM: DEFAULT_JOIN_M, dem: !!demPath, barriers: !!barPath },
      }
    : layersKey;
  return { ...base, cacheKey };
}

/** The files and options a cached record was made from. */
export interface CacheKey {
  files: string[];
  options: unknown;
}

/** The read options as a cache key (their maps as entry lists). */
function readOptionsKey(o: ReadOptions): unknown {
  return { ...o, crs: [...o.crs], fields: [...o.fields].map(([k, v]) => [k, [...v]]), layers: [...o.layers] };
}

function canSlope(layers: Layers): boolean {
  return !!layers.network && (!!layers.dem || !!layers.network.z);
}

/** A type's run parameters: the flags where given, else the catalogue. Without a network every
 *  type runs straight-line; slope falls back to network without elevations. */
export function typeSpec(t: FacilityType, s: Settings, layers: Layers): TypeSpec {
  let mode: TravelMode = s.mode ?? (layers.network ? t.mode : 'straight');
  if (mode === 'slope' && !canSlope(layers)) mode = 'network';
  return {
    code: t.code,
    mode,
    speedKmh: s.speedKmh ?? t.speedKmh,
    minutes: s.minutes.get(t.code) ?? t.minutes,
    targetShare: t.targetShare,
    demand: s.demand.get(t.code) ?? t.demand,
    profile: s.profile.get(t.code) ?? t.profile,
  };
}

/** Types analysed: those with facilities in any of `facilities`, plus any named in --minutes,
 *  --demand or `also`. */
export function analysedTypes(
  s: Settings,
  layers: Layers,
  facilities: FacilityLayer[] = [layers.facilities],
  also: string[] = [],
): TypeSpec[] {
  const present = new Set<number>(facilities.flatMap((f) => Array.from(f.type)));
  return s.catalogue
    .filter((t, i) => present.has(i) || s.minutes.has(t.code) || s.demand.has(t.code) || also.includes(t.code))
    .map((t) => typeSpec(t, s, layers));
}
