// Road classes and who may use them. A class value comes from OSM `highway=*` or from a Chinese
// 道路等级 field; the table says whether people walk it, how much slower than on the flat they
// walk (steps, tracks), and how fast a vehicle drives it. Access tags (foot=no, access=private,
// route=ferry) are per line flags on top of the class.

import { inRange, RANGES } from '../limits.ts';

/** How a facility type's users travel on the network. */
export type TravelProfile = 'walk' | 'ebike' | 'vehicle';
export const TRAVEL_PROFILES: readonly TravelProfile[] = ['walk', 'ebike', 'vehicle'];

/** How a threshold reads for a profile: "15分钟步行", "10分钟电动自行车骑行", "3分钟车程" (never a
 *  walk for a vehicle rule). */
export function travelPhrase(minutes: number, profile: TravelProfile): { zh: string; en: string } {
  const zh = { walk: '步行', ebike: '电动自行车骑行', vehicle: '车程' }[profile];
  const en = { walk: 'walk', ebike: 'e-bike ride', vehicle: 'drive' }[profile];
  return { zh: `${minutes}分钟${zh}`, en: `${minutes}-minute ${en}` };
}

export interface RoadClass {
  /** People walk (and ride e-bikes) on it. */
  walk: boolean;
  /** Walking speed on it relative to the flat speed (steps 0.5, tracks 0.85). */
  walkFactor: number;
  /** Vehicle speed, km/h; 0 where no vehicle drives. */
  vehicleKmh: number;
}

export type RoadClassTable = Record<string, RoadClass>;

/** Lines with no class, and class values missing from the table (counted and reported). */
export const DEFAULT_ROAD_CLASS: RoadClass = { walk: true, walkFactor: 1, vehicleKmh: 30 };

const r = (walk: boolean, walkFactor: number, vehicleKmh: number): RoadClass => ({ walk, walkFactor, vehicleKmh });

// Vehicle speeds: GB 50220 / JTG B01 design speeds, lowered to what a small fire engine or
// tricycle keeps on mountain roads. Expressways (高速公路, 城市快速路) are closed to walkers and
// to e-bikes by the Road Traffic Safety Law (art. 67); railways to everyone.
export const DEFAULT_ROAD_CLASSES: RoadClassTable = {
  motorway: r(false, 1, 80),
  motorway_link: r(false, 1, 40),
  trunk: r(true, 1, 60),
  trunk_link: r(true, 1, 40),
  primary: r(true, 1, 50),
  primary_link: r(true, 1, 40),
  secondary: r(true, 1, 40),
  secondary_link: r(true, 1, 30),
  tertiary: r(true, 1, 30),
  tertiary_link: r(true, 1, 30),
  unclassified: r(true, 1, 25),
  road: r(true, 1, 25),
  residential: r(true, 1, 20),
  living_street: r(true, 1, 10),
  street: r(true, 1, 20),
  service: r(true, 1, 15),
  track: r(true, 0.85, 10),
  pedestrian: r(true, 1, 0),
  footway: r(true, 1, 0),
  path: r(true, 0.9, 0),
  cycleway: r(true, 1, 0),
  bridleway: r(true, 0.9, 0),
  steps: r(true, 0.5, 0),
  corridor: r(true, 1, 0),
  construction: r(false, 1, 0),
  proposed: r(false, 1, 0),
  raceway: r(false, 1, 0),
  bus_guideway: r(false, 1, 0),
  高速公路: r(false, 1, 80),
  城市快速路: r(false, 1, 60),
  快速路: r(false, 1, 60),
  国道: r(true, 1, 60),
  省道: r(true, 1, 50),
  县道: r(true, 1, 40),
  乡道: r(true, 1, 30),
  村道: r(true, 1, 20),
  专用公路: r(true, 1, 30),
  主干路: r(true, 1, 40),
  次干路: r(true, 1, 30),
  支路: r(true, 1, 20),
  街巷: r(true, 1, 10),
  步行道: r(true, 1, 0),
  人行道: r(true, 1, 0),
  步行街: r(true, 1, 0),
  小路: r(true, 0.9, 0),
  台阶: r(true, 0.5, 0),
  机耕道: r(true, 0.85, 10),
  铁路: r(false, 1, 0),
};

/** Line flags from access tags. */
export const NO_FOOT = 1,
  NO_VEHICLE = 2,
  FERRY = 4;

const DENY = new Set(['no', 'private']);
const ALLOW = new Set(['yes', 'designated', 'permissive', 'destination']);

/** Access flags of a line from its tags (OSM keys; GeoJSON exports of OSM keep them). */
export function accessFlags(tags: Record<string, unknown>): number {
  const v = (k: string) => (typeof tags[k] === 'string' ? (tags[k] as string).trim().toLowerCase() : '');
  const closed = DENY.has(v('access'));
  let flags = 0;
  if (DENY.has(v('foot')) || (closed && !ALLOW.has(v('foot')))) flags |= NO_FOOT;
  const motor = v('motor_vehicle') || v('vehicle');
  if (DENY.has(motor) || (closed && !ALLOW.has(motor))) flags |= NO_VEHICLE;
  if (v('route') === 'ferry') flags |= FERRY;
  return flags;
}

/** The table's row for a class value (trimmed; OSM values case-insensitive); undefined when the
 *  table has none. */
export function lookupClass(table: RoadClassTable, value: string): RoadClass | undefined {
  const k = value.trim();
  return Object.hasOwn(table, k) ? table[k] : Object.hasOwn(table, k.toLowerCase()) ? table[k.toLowerCase()] : undefined;
}

/** What is wrong with a road-class table: the table itself, a row (`cls`), or one of a row's
 *  fields; `value` is what was given. The message is English (CLI); the app words it from the
 *  fields (ui/roadClassText.ts). */
export class RoadClassError extends Error {
  constructor(
    readonly problem: 'table' | 'name' | 'row' | 'walk' | 'walkFactor' | 'vehicleKmh',
    readonly cls = '',
    readonly value = '',
  ) {
    const at = `road-class table: "${cls}": `;
    const r = problem === 'walkFactor' || problem === 'vehicleKmh' ? RANGES[problem] : null;
    super(
      problem === 'table'
        ? 'road-class table: expected an object { "class": { "walk", "walkFactor", "vehicleKmh" } }'
        : problem === 'name'
          ? `road-class table: a class name must have 1 to ${MAX_CLASS_NAME} characters, got "${cls.slice(0, 80)}"`
          : problem === 'row'
            ? `${at}expected an object`
            : problem === 'walk'
              ? `${at}walk must be true or false`
              : `${at}${problem} must be a number from ${r!.min} to ${r!.max}, got ${value}`,
    );
    this.name = 'RoadClassError';
  }
}

/** Longest class name, and most classes, a table may have. */
export const MAX_CLASS_NAME = 64;
export const MAX_CLASSES = 1000;

/** Checks a user's class table: the one check for the CLI's --road-profile file, the settings
 *  dialog and the project file. Throws a RoadClassError naming the bad entry. */
export function parseRoadClassTable(json: unknown): RoadClassTable {
  if (!json || typeof json !== 'object' || Array.isArray(json) || Object.keys(json).length > MAX_CLASSES) throw new RoadClassError('table');
  const out: RoadClassTable = {};
  for (const [key, row] of Object.entries(json as Record<string, unknown>)) {
    const k = key.trim();
    if (!k || k.length > MAX_CLASS_NAME) throw new RoadClassError('name', key);
    const o = row as Record<string, unknown> | null;
    if (!o || typeof o !== 'object' || Array.isArray(o)) throw new RoadClassError('row', k);
    if (typeof o.walk !== 'boolean') throw new RoadClassError('walk', k, JSON.stringify(o.walk) ?? 'nothing');
    const walkFactor = inRange('walkFactor', o.walkFactor ?? 1),
      vehicleKmh = inRange('vehicleKmh', o.vehicleKmh ?? 0);
    if (walkFactor === null) throw new RoadClassError('walkFactor', k, JSON.stringify(o.walkFactor));
    if (vehicleKmh === null) throw new RoadClassError('vehicleKmh', k, JSON.stringify(o.vehicleKmh));
    out[k] = { walk: o.walk, walkFactor, vehicleKmh };
  }
  return out;
}

/** Whether two tables say the same for every class. */
export function sameRoadClasses(a: RoadClassTable, b: RoadClassTable): boolean {
  const ka = Object.keys(a);
  return (
    ka.length === Object.keys(b).length &&
    ka.every(
      (k) => Object.hasOwn(b, k) && a[k].walk === b[k].walk && a[k].walkFactor === b[k].walkFactor && a[k].vehicleKmh === b[k].vehicleKmh,
    )
  );
}

/** Why edges were left out of a profile's network. */
export interface DroppedEdges {
  /** The class is not walkable (walk, e-bike) or not driven (vehicle). */
  byClass: number;
  /** foot=no, access=no|private (and the vehicle equivalents). */
  byAccess: number;
  /** route=ferry. */
  ferry: number;
}

/** Per-edge speed of a profile relative to the type's speed (0: not usable), the drop counts, the
 *  edge count of each class value missing from the table, and whether every edge has factor 1
 *  (then the edge lengths are the costs as they are).
 *  - walk, ebike: walkable classes at walkFactor × the type's speed;
 *  - vehicle: driven classes at their vehicle speed, capped at the type's speed (its vehicle's
 *    top speed), so the factor is min(1, vehicleKmh / speedKmh). */
export function profileFactors(
  edgeClass: Uint16Array,
  edgeFlags: Uint8Array,
  classNames: readonly string[],
  table: RoadClassTable,
  profile: TravelProfile,
  speedKmh: number,
): { factor: Float64Array; dropped: DroppedEdges; unknown: Record<string, number>; uniform: boolean } {
  // The factor is a class's, so it is looked up once per class, not per edge (a run's first
  // pass over hundreds of thousands of edges is not yet optimised code).
  const k = classNames.length,
    classFactor = new Float64Array(k),
    known = new Uint8Array(k),
    perClass = new Uint32Array(k),
    firstEdge = new Uint32Array(k);
  classNames.forEach((name, c) => {
    const found = name === '' ? DEFAULT_ROAD_CLASS : lookupClass(table, name);
    const row = found ?? DEFAULT_ROAD_CLASS;
    known[c] = found ? 1 : 0;
    classFactor[c] =
      profile === 'vehicle' ? (row.vehicleKmh > 0 ? Math.min(1, row.vehicleKmh / speedKmh) : 0) : row.walk ? row.walkFactor : 0;
  });
  const m = edgeClass.length,
    factor = new Float64Array(m);
  const dropped: DroppedEdges = { byClass: 0, byAccess: 0, ferry: 0 };
  const deny = profile === 'vehicle' ? NO_VEHICLE : NO_FOOT;
  for (let e = 0; e < m; e++) {
    const c = edgeClass[e],
      flags = edgeFlags[e];
    if (perClass[c]++ === 0) firstEdge[c] = e;
    if (flags & FERRY) {
      dropped.ferry++;
      continue;
    }
    if (flags & deny) {
      dropped.byAccess++;
      continue;
    }
    const f = classFactor[c];
    if (f > 0) factor[e] = f;
    else dropped.byClass++;
  }
  let uniform = dropped.byClass + dropped.byAccess + dropped.ferry === 0;
  const missing: number[] = [];
  for (let c = 0; c < k; c++) {
    if (perClass[c] === 0) continue;
    if (!known[c]) missing.push(c);
    if (classFactor[c] !== 1) uniform = false;
  }
  // Listed in the order the edges first show them, as the messages and summary always have.
  const unknown: Record<string, number> = {};
  for (const c of missing.sort((a, b) => firstEdge[a] - firstEdge[b])) unknown[classNames[c]] = (unknown[classNames[c]] ?? 0) + perClass[c];
  return { factor, dropped, unknown, uniform };
}
