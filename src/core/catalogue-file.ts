// The facility catalogue as data: a planner's own types (幼儿园, 小学, 农贸市场, 养老院, 公交站…)
// added to the plan's, or the plan's defaults overridden, from a JSON file
// `{ "types": [ { "code", "zh", "en", "mode", "speed_kmh", "minutes", "target_share", "demand" } ] }`
// (optional per type: "profile" walk|ebike|vehicle, default walk; "source"; "cost_build" /
// "cost_renovate" in 万元 for siting budgets; "color" #rrggbb and "icon", one character, for the map).
// Checked whole before anything changes: a duplicate code or an impossible value names the entry.
import { BUILT_IN_TYPES, type Catalogue, type DemandMeasure, type FacilityType, type TravelMode } from './catalogue.ts';
import type { TravelProfile } from './travel/road-class.ts';

const MODES: TravelMode[] = ['straight', 'network', 'slope'];
const DEMANDS: DemandMeasure[] = ['households', 'population', 'elderly', 'infants', 'disabled'];
const PROFILES: TravelProfile[] = ['walk', 'ebike', 'vehicle'];
// Colours for added types, after the plan's seven (Tableau 10's remaining three, then others).
const EXTRA_COLOURS = ['#7f7f7f', '#bcbd22', '#1f77b4', '#aec7e8', '#ffbb78', '#98df8a', '#ff9896', '#c5b0d5', '#c49c94', '#f7b6d2'];
/** Facility type indices are stored in a Uint8Array. */
const MAX_TYPES = 255;

/** What is wrong, for a message in the user's language (the CLI prints `message`, in English). */
export type CatalogueProblem =
  | { kind: 'json' | 'shape' | 'object' | 'missing' | 'text' | 'code' | 'duplicate' | 'colour' | 'icon' }
  | { kind: 'range'; min: number; max: number; minOpen: boolean }
  | { kind: 'choice'; options: readonly string[] }
  | { kind: 'count'; max: number };

/** A catalogue file that cannot be used: what is wrong, in which entry (0-based) and field. */
export class CatalogueError extends Error {
  constructor(
    readonly entry: number | null,
    message: string,
    readonly field: string | null = null,
    readonly problem: CatalogueProblem = { kind: 'shape' },
  ) {
    super(entry === null ? message : `types[${entry}]: ${message}`);
    this.name = 'CatalogueError';
  }
}

function field(o: Record<string, unknown>, i: number, name: string): unknown {
  if (!(name in o) || o[name] === undefined || o[name] === null)
    throw new CatalogueError(i, `"${name}" is missing`, name, { kind: 'missing' });
  return o[name];
}

function number(o: Record<string, unknown>, i: number, name: string, min: number, max: number, minOpen = false): number {
  const v = field(o, i, name);
  if (typeof v !== 'number' || !Number.isFinite(v) || v > max || (minOpen ? v <= min : v < min)) {
    throw new CatalogueError(i, `"${name}" must be a number ${minOpen ? '>' : '≥'} ${min} and ≤ ${max}, got ${JSON.stringify(v)}`, name, {
      kind: 'range',
      min,
      max,
      minOpen,
    });
  }
  return v;
}

function text(o: Record<string, unknown>, i: number, name: string): string {
  const v = field(o, i, name);
  if (typeof v !== 'string' || !v.trim() || v.length > 60)
    throw new CatalogueError(i, `"${name}" must be a non-empty text of at most 60 characters`, name, { kind: 'text' });
  return v.trim();
}

function choice<T extends string>(o: Record<string, unknown>, i: number, name: string, options: readonly T[], fallback?: T): T {
  const v = o[name] ?? fallback ?? field(o, i, name);
  if (!options.includes(v as T))
    throw new CatalogueError(i, `"${name}" must be one of ${options.join(', ')}, got ${JSON.stringify(v)}`, name, {
      kind: 'choice',
      options,
    });
  return v as T;
}

/** A type as a catalogue file gives it: the colour may be left to the tool. */
export type CatalogueEntry = Omit<FacilityType, 'color'> & { color?: string };

/** One type in a catalogue file (and in a saved project), as written. */
export interface CatalogueFileType {
  code: string;
  zh: string;
  en: string;
  mode: TravelMode;
  profile?: TravelProfile;
  speed_kmh: number;
  minutes: number;
  target_share: number;
  demand: DemandMeasure;
  source?: string;
  cost_build?: number;
  cost_renovate?: number;
  color?: string;
  icon?: string;
}

function colour(o: Record<string, unknown>, i: number): string {
  const v = o.color;
  if (typeof v !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(v))
    throw new CatalogueError(i, `"color" must be a colour like "#1f77b4", got ${JSON.stringify(v)}`, 'color', { kind: 'colour' });
  return v.toLowerCase();
}

function icon(o: Record<string, unknown>, i: number): string {
  const v = o.icon;
  if (typeof v !== 'string' || [...v.trim()].length !== 1)
    throw new CatalogueError(i, `"icon" must be one character, got ${JSON.stringify(v)}`, 'icon', { kind: 'icon' });
  return v.trim();
}

/** Parses and checks a catalogue file's text; the types it defines, in file order. */
export function parseCatalogue(json: string): CatalogueEntry[] {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (e) {
    throw new CatalogueError(null, `not JSON (${(e as Error).message.slice(0, 80)})`, null, { kind: 'json' });
  }
  const types = (doc as { types?: unknown } | null)?.types;
  if (!Array.isArray(types) || !types.length) throw new CatalogueError(null, 'expected { "types": [ … ] } with at least one type');
  return checkTypes(types);
}

/** Checks a catalogue's type list (a file's "types", a project's own types); the types in order. */
export function checkTypes(types: readonly unknown[]): CatalogueEntry[] {
  const seen = new Set<string>();
  return types.map((raw, i) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new CatalogueError(i, 'expected an object', null, { kind: 'object' });
    const o = raw as Record<string, unknown>;
    const code = text(o, i, 'code');
    if (!/^[a-z][a-z0-9_]*$/.test(code) || code.length > 40)
      throw new CatalogueError(i, `"code" must be lower-case letters, digits and _ (e.g. "kindergarten"), got "${code}"`, 'code', {
        kind: 'code',
      });
    if (seen.has(code)) throw new CatalogueError(i, `duplicate code "${code}"`, 'code', { kind: 'duplicate' });
    seen.add(code);
    const mode = choice(o, i, 'mode', MODES);
    const demand = choice(o, i, 'demand', DEMANDS);
    // Who travels the network: walkers unless the file says e-bike or vehicle.
    const profile = choice(o, i, 'profile', PROFILES, 'walk');
    return {
      code,
      zh: text(o, i, 'zh'),
      en: text(o, i, 'en'),
      mode,
      profile,
      speedKmh: number(o, i, 'speed_kmh', 0, 200, true),
      minutes: number(o, i, 'minutes', 0, 600, true),
      targetShare: number(o, i, 'target_share', 0, 1),
      demand,
      source: typeof o.source === 'string' ? o.source.slice(0, 300) : 'catalogue file',
      ...('cost_build' in o && o.cost_build !== undefined ? { costBuild: number(o, i, 'cost_build', 0, 1e6) } : {}),
      ...('cost_renovate' in o && o.cost_renovate !== undefined ? { costRenovate: number(o, i, 'cost_renovate', 0, 1e6) } : {}),
      ...('color' in o && o.color !== undefined ? { color: colour(o, i) } : {}),
      ...('icon' in o && o.icon !== undefined ? { icon: icon(o, i) } : {}),
    };
  });
}

/** A type as a catalogue file writes it (the inverse of checkTypes). */
export function toFileType(t: CatalogueEntry): CatalogueFileType {
  return {
    code: t.code,
    zh: t.zh,
    en: t.en,
    mode: t.mode,
    profile: t.profile,
    speed_kmh: t.speedKmh,
    minutes: t.minutes,
    target_share: t.targetShare,
    demand: t.demand,
    source: t.source,
    ...(t.costBuild !== undefined ? { cost_build: t.costBuild } : {}),
    ...(t.costRenovate !== undefined ? { cost_renovate: t.costRenovate } : {}),
    ...(t.color !== undefined ? { color: t.color } : {}),
    ...(t.icon !== undefined ? { icon: t.icon } : {}),
  };
}

/** `base` (the plan's types by default) with `entries` applied: same code → overridden in place
 *  (keeping its colour and icon unless the entry gives them), new code → appended with a colour of
 *  its own unless it gives one. */
export function mergeCatalogue(entries: CatalogueEntry[], base: Catalogue = BUILT_IN_TYPES): FacilityType[] {
  const out = base.map((t) => ({ ...t }));
  let extra = 0;
  for (const e of entries) {
    const k = out.findIndex((t) => t.code === e.code);
    if (k >= 0) out[k] = { icon: out[k].icon, ...e, color: e.color ?? out[k].color };
    else out.push({ ...e, color: e.color ?? EXTRA_COLOURS[extra++ % EXTRA_COLOURS.length] });
  }
  if (out.length > MAX_TYPES)
    throw new CatalogueError(null, `at most ${MAX_TYPES} types, got ${out.length}`, null, { kind: 'count', max: MAX_TYPES });
  return out;
}
