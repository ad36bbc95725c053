// The serializable analysis command and its result: the UI (through the worker), the CLI and the
// tests all run the same command through the same core (mapshaper's habit).
import { BUILT_IN_TYPES, DEFAULT_DETOUR, type Catalogue, type DemandMeasure, type TravelMode } from '../catalogue.ts';
import type { AreaLayer, ElevationGrid, FacilityLayer, HouseholdLayer, LineLayer } from '../types.ts';
import type { GroupStats } from '../coverage/stats.ts';
import type { PreparedNetwork } from '../travel/network.ts';
import type { DroppedEdges, RoadClassTable, TravelProfile } from '../travel/road-class.ts';

/** One facility type's parameters for a run. */
export interface TypeSpec {
  /** Catalogue code. */
  code: string;
  mode: TravelMode;
  /** Walk, e-bike or vehicle (default: the catalogue's, see profileOf). */
  profile?: TravelProfile;
  /** Speed on the flat, km/h (a vehicle's top speed). */
  speedKmh: number;
  /** Reach threshold, minutes. */
  minutes: number;
  /** Gap when covered share < this (0–1). */
  targetShare: number;
  demand: DemandMeasure;
}

export interface CoverageCommand {
  op: 'coverage';
  types: TypeSpec[];
  /** Straight-line detour factor (≥ 1). */
  detour: number;
  /** Largest walk from a point to the network, metres (default travel/snap DEFAULT_MAX_SNAP_M). */
  maxSnapM?: number;
  /** Vertices closer than this are one network node, metres (default 1). */
  toleranceM?: number;
  /** Road-class table (default travel/road-class DEFAULT_ROAD_CLASSES). */
  roadClasses?: RoadClassTable;
}

/** Everything a run reads; the worker keeps it between runs. */
export interface Layers {
  households: HouseholdLayer;
  facilities: FacilityLayer;
  communities: AreaLayer;
  townships?: AreaLayer;
  counties?: AreaLayer;
  network?: LineLayer;
  /** Lines a straight path may not cross (rivers, railways, expressways): straight-line mode. */
  barriers?: LineLayer;
  /** The network's graph and index when already built (the CLI's --cache); used when its
   *  tolerance is the command's. */
  preparedNetwork?: PreparedNetwork;
  dem?: ElevationGrid;
}

/** One type's figures, with the parameters it ran with. */
export interface TypeResult extends TypeSpec {
  /** The measure actually counted ('households' when the requested one is missing from the data). */
  demand: DemandMeasure;
  /** The measure the command asked for, when it had to fall back. */
  demandRequested?: DemandMeasure;
  profile: TravelProfile;
  /** Network modes: edges this type's profile may not use, and why. */
  droppedEdges?: DroppedEdges;
  facilityCount: number;
  /** Per household point: minutes to the nearest facility (Infinity: unreachable) and which. */
  household: { minutes: Float32Array; facility: Int32Array };
  communities: GroupStats;
  counties: GroupStats;
  /** One group: the whole study area. */
  total: GroupStats;
}

export interface CoverageResult {
  types: TypeResult[];
  counties: { codes: string[]; names: string[] };
  /** Household points not attached to the network (beyond maxSnapM), per network mode used. */
  unattached: Record<string, number>;
  /** Facilities not attached to the network (no household can reach them), per network mode
   *  (walking) or mode:profile ('network:vehicle'). */
  unattachedFacilities: Record<string, number>;
  /** Network edges per road-class value missing from the class table (treated as walkable at
   *  the default speed). */
  unknownRoadClasses?: Record<string, number>;
}

/** Type specs with the catalogue defaults for `codes` (all types when omitted). */
export function defaultSpecs(codes?: string[], catalogue: Catalogue = BUILT_IN_TYPES): TypeSpec[] {
  return catalogue
    .filter((t) => !codes || codes.includes(t.code))
    .map((t) => ({
      code: t.code,
      mode: t.mode,
      profile: t.profile,
      speedKmh: t.speedKmh,
      minutes: t.minutes,
      targetShare: t.targetShare,
      demand: t.demand,
    }));
}

/** A coverage command with catalogue defaults. */
export function defaultCommand(codes?: string[], catalogue: Catalogue = BUILT_IN_TYPES): CoverageCommand {
  return { op: 'coverage', types: defaultSpecs(codes, catalogue), detour: DEFAULT_DETOUR };
}

/** Thrown by a run whose signal was cancelled. */
export class CancelledError extends Error {
  constructor() {
    super('analysis cancelled');
    this.name = 'CancelledError';
  }
}
