// The facility catalogue as data: a planner's own types (幼儿园, 小学, 农贸市场, 养老院, 公交站…)
// added to the plan's, or the plan's defaults overridden, from a JSON file
// `{ "types": [ { "code", "zh", "en", "mode", "speed_kmh", "minutes", "target_share", "demand" } ] }`
// (optional per type: "profile" walk|ebike|vehicle, default walk; "source"; "cost_build" /
// "cost_renovate" in 万元 for siting budgets).
// Checked whole before anything changes: a duplicate code or an impossible value names the entry.
import { BUILT_IN_TYPES, FACILITY_TYPES, type DemandMeasure, type FacilityType, type TravelMode } from './catalogue.ts';
import type { TravelProfile } from './travel/road-class.ts';

const MODES: TravelMode[] = ['straight', 'network', 'slope'];
const DEMANDS: DemandMeasure[] = ['households', 'population', 'elderly', 'infants', 'disabled'];
const PROFILES: TravelProfile[] = ['walk', 'ebike', 'vehicle'];
// Colours for added types, after the plan's seven (Tableau 10's remaining three, then others).
const EXTRA_COLOURS = ['#7f7f7f', '#bcbd22', '#1f77b4', '#aec7e8', '#ffbb78', '#98df8a', '#ff9896', '#c5b0d5', '#c49c94', '#f7b6d2'];
/** Facility type indices are stored in a Uint8Array. */
const MAX_TYPES = 255;

/** A catalogue file that cannot be used: what is wrong and in which entry (0-based). */
export class CatalogueError extends Error {
  constructor(
    readonly entry: number | null,
    readonly problem: string,
  ) {
    super(entry === null ? problem : `types[${entry}]: ${problem}`);
    this.name = 'CatalogueError';
  }
}

function field(o: Record<string, unknown>, i: number, name: string): unknown {
  if (!(name in o)) throw new CatalogueError(i, `"${name}" is missing`);
  return o[name];
}

function number(o: Record<string, unknown>, i: number, name: string, min: number, max: number, minOpen = false): number {
  const v = field(o, i, name);
  if (typeof v !== 'number' || !Number.isFinite(v) || v > max || (minOpen ? v <= min : v < min)) {
    throw new CatalogueError(i, `"${name}" must be a number ${minOpen ? '>' : '≥'} ${min} and ≤ ${max}, got ${JSON.stringify(v)}`);
  }
  return v;
}

function text(o: Record<string, unknown>, i: number, name: string): string {
  const v = field(o, i, name);
  if (typeof v !== 'string' || !v.trim() || v.length > 60)
    throw new CatalogueError(i, `"${name}" must be a non-empty text of at most 60 characters`);
  return v.trim();
}

/** Parses and checks a catalogue file's text; the types it defines, in file order. */
export function parseCatalogue(json: string): Omit<FacilityType, 'color'>[] {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (e) {
    throw new CatalogueError(null, `not JSON (${(e as Error).message.slice(0, 80)})`);
  }
  const types = (doc as { types?: unknown } | null)?.types;
  if (!Array.isArray(types) || !types.length) throw new CatalogueError(null, 'expected { "types": [ … ] } with at least one type');
  const seen = new Set<string>();
  return types.map((raw, i) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new CatalogueError(i, 'expected an object');
    const o = raw as Record<string, unknown>;
    const code = text(o, i, 'code');
    if (!/^[a-z][a-z0-9_]*$/.test(code) || code.length > 40)
      throw new CatalogueError(i, `"code" must be lower-case letters, digits and _ (e.g. "kindergarten"), got "${code}"`);
    if (seen.has(code)) throw new CatalogueError(i, `duplicate code "${code}"`);
    seen.add(code);
    const mode = field(o, i, 'mode');
    if (!MODES.includes(mode as TravelMode))
      throw new CatalogueError(i, `"mode" must be one of ${MODES.join(', ')}, got ${JSON.stringify(mode)}`);
    const demand = field(o, i, 'demand');
    if (!DEMANDS.includes(demand as DemandMeasure))
      throw new CatalogueError(i, `"demand" must be one of ${DEMANDS.join(', ')}, got ${JSON.stringify(demand)}`);
    // Who travels the network: walkers unless the file says e-bike or vehicle.
    const profile = o.profile ?? 'walk';
    if (!PROFILES.includes(profile as TravelProfile))
      throw new CatalogueError(i, `"profile" must be one of ${PROFILES.join(', ')}, got ${JSON.stringify(profile)}`);
    return {
      code,
      zh: text(o, i, 'zh'),
      en: text(o, i, 'en'),
      mode: mode as TravelMode,
      profile: profile as TravelProfile,
      speedKmh: number(o, i, 'speed_kmh', 0, 200, true),
      minutes: number(o, i, 'minutes', 0, 600, true),
      targetShare: number(o, i, 'target_share', 0, 1),
      demand: demand as DemandMeasure,
      source: typeof o.source === 'string' ? o.source.slice(0, 200) : 'catalogue file',
      ...('cost_build' in o ? { costBuild: number(o, i, 'cost_build', 0, 1e6) } : {}),
      ...('cost_renovate' in o ? { costRenovate: number(o, i, 'cost_renovate', 0, 1e6) } : {}),
    };
  });
}

/** The plan's types with `entries` applied: same code → overridden in place (keeping its colour),
 *  new code → appended with a colour of its own. */
export function mergeCatalogue(entries: Omit<FacilityType, 'color'>[], base: readonly FacilityType[] = BUILT_IN_TYPES): FacilityType[] {
  const out = base.map((t) => ({ ...t }));
  let extra = 0;
  for (const e of entries) {
    const k = out.findIndex((t) => t.code === e.code);
    if (k >= 0) out[k] = { ...e, color: out[k].color };
    else out.push({ ...e, color: EXTRA_COLOURS[extra++ % EXTRA_COLOURS.length] });
  }
  if (out.length > MAX_TYPES) throw new CatalogueError(null, `at most ${MAX_TYPES} types, got ${out.length}`);
  return out;
}

/** Makes `types` the catalogue every part of this process reads (FACILITY_TYPES, typeIndex, the
 *  type words); the CLI calls it once per run, with the plan's types when no file is given. */
export function useCatalogue(types: readonly FacilityType[]): void {
  const live = FACILITY_TYPES as FacilityType[];
  live.splice(0, live.length, ...types.map((t) => ({ ...t })));
}
