// The user's analysis settings (per facility type: mode, speed, minutes, target share) and the
// coverage command they make. Defaults come from the catalogue.
import { DEFAULT_DETOUR, FACILITY_TYPES } from '../core/catalogue';
import { defaultSpecs, type CoverageCommand, type TypeSpec } from '../core/analysis/command';
import { DEFAULT_ROAD_CLASSES, sameRoadClasses, type RoadClassTable } from '../core/travel/road-class';

export interface Settings {
  /** Catalogue code of the type the map colours and the gap list ranks. */
  type: string;
  /** One spec per catalogue type, in catalogue order. */
  specs: TypeSpec[];
  /** Straight-line detour factor (≥ 1). */
  detour: number;
  /** The road-class table edited in the settings (absent: the default one). */
  roadClasses?: RoadClassTable;
}

/** Catalogue defaults, showing the elderly canteen first (the plan's headline question). */
export function defaultSettings(): Settings {
  return { type: 'elderly_canteen', specs: defaultSpecs(), detour: DEFAULT_DETOUR };
}

/** The coverage command for every type. */
export function toCommand(s: Settings): CoverageCommand {
  return {
    op: 'coverage',
    types: s.specs.map((t) => ({ ...t })),
    detour: s.detour,
    ...(s.roadClasses ? { roadClasses: s.roadClasses } : {}),
  };
}

/** The spec of `code` (throws for an unknown code). */
export function specOf(s: Settings, code: string): TypeSpec {
  const spec = s.specs.find((t) => t.code === code);
  if (!spec) throw new Error(`unknown facility type "${code}"`);
  return spec;
}

/** Settings with one field of one type's spec changed. */
export function withSpec(s: Settings, code: string, patch: Partial<Omit<TypeSpec, 'code'>>): Settings {
  return { ...s, specs: s.specs.map((t) => (t.code === code ? { ...t, ...patch } : t)) };
}

/** Whether `code` is a catalogue type. */
export function isType(code: string): boolean {
  return FACILITY_TYPES.some((t) => t.code === code);
}

/** Settings with the road-class table `table` (the default one is kept as absent, so links and
 *  project files stay short). */
export function withRoadClasses(s: Settings, table: RoadClassTable): Settings {
  const { roadClasses: _old, ...rest } = s;
  return sameRoadClasses(table, DEFAULT_ROAD_CLASSES) ? rest : { ...rest, roadClasses: table };
}
