// The user's analysis settings (per facility type: mode, speed, minutes, target share) and the
// coverage command they make. Defaults come from the catalogue.
import { BUILT_IN_TYPES, DEFAULT_DETOUR, type Catalogue } from '../core/catalogue';
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

/** Catalogue defaults, showing the elderly canteen first (the plan's headline question), or the
 *  catalogue's first type when it has none. */
export function defaultSettings(catalogue: Catalogue = BUILT_IN_TYPES): Settings {
  const type = catalogue.some((t) => t.code === 'elderly_canteen') ? 'elderly_canteen' : catalogue[0].code;
  return { type, specs: defaultSpecs(undefined, catalogue), detour: DEFAULT_DETOUR };
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

/** Whether `code` is a type of `catalogue`. */
export function isType(code: string, catalogue: Catalogue = BUILT_IN_TYPES): boolean {
  return catalogue.some((t) => t.code === code);
}

/** `s` for `catalogue`: one spec per type in catalogue order, kept where the type was there
 *  before, unless its definition changed from `previous` (the planner edited it: the new values
 *  apply), the catalogue's defaults for new types; the shown type stays while the catalogue has
 *  it. `s` itself when nothing changes. */
export function settingsFor(s: Settings, catalogue: Catalogue, previous: Catalogue = catalogue): Settings {
  const before = new Map(defaultSpecs(undefined, previous).map((d) => [d.code, JSON.stringify(d)]));
  const specs = defaultSpecs(undefined, catalogue).map((d) => {
    const edited = before.has(d.code) && before.get(d.code) !== JSON.stringify(d);
    return edited ? d : (s.specs.find((x) => x.code === d.code) ?? d);
  });
  const type = isType(s.type, catalogue) ? s.type : defaultSettings(catalogue).type;
  const same = type === s.type && specs.length === s.specs.length && specs.every((x, i) => x === s.specs[i]);
  return same ? s : { ...s, type, specs };
}

/** Settings with the road-class table `table` (the default one is kept as absent, so links and
 *  project files stay short). */
export function withRoadClasses(s: Settings, table: RoadClassTable): Settings {
  const { roadClasses: _old, ...rest } = s;
  return sameRoadClasses(table, DEFAULT_ROAD_CLASSES) ? rest : { ...rest, roadClasses: table };
}
