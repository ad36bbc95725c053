// The one boundary every number from a user passes: command-line flags, the shared link, the
// project file, the settings form and the count fields of imported files. Each has a finite,
// sensible range, so no loop downstream ever sees Infinity, NaN or an absurd size (a 1e308
// threshold once made the catchment grid loop forever). The README's "Limits" section lists them.

export interface NumberRange {
  min: number;
  max: number;
  /** Whole numbers only. */
  integer?: boolean;
}

export const RANGES = {
  /** Reach threshold, minutes (four hours). */
  minutes: { min: 0, max: 240 },
  /** Travel speed on the flat, km/h (a slow walker to a small vehicle). */
  speedKmh: { min: 0.5, max: 60 },
  /** Straight-line detour factor. */
  detour: { min: 1, max: 5 },
  /** Target covered share. */
  targetShare: { min: 0, max: 1 },
  /** Settled-land candidate grid for siting, metres (finer grids cost memory for no better sites). */
  gridM: { min: 100, max: 20_000 },
  /** New sites asked of the optimiser. */
  add: { min: 1, max: 1000, integer: true },
  /** Siting: money to spend (a total or one year's), in the costs' unit (万元 by default). */
  budget: { min: 0, max: 1e12 },
  /** Siting: a year of a build sequence. */
  year: { min: 1900, max: 2200, integer: true },
  /** p-center: the percentile of minutes minimised. */
  percentile: { min: 1, max: 100 },
  /** Multi-service siting: the weight of one type's covered demand. */
  weight: { min: 0, max: 1e6 },
  /** Demand one new site can serve. */
  capacity: { min: 1, max: 1e7 },
  /** A count field of one household point (households, residents, elderly…): a village total at
   *  most; below 2^24 so Float32 keeps it exact. */
  count: { min: 0, max: 1e7 },
  /** Road-class table: walking speed on a class relative to the flat (steps 0.5), and a
   *  vehicle's speed on it, km/h (0: no vehicles). */
  walkFactor: { min: 0.05, max: 2 },
  vehicleKmh: { min: 0, max: 200 },
  /** Map view in the shared link. */
  lon: { min: -180, max: 180 },
  lat: { min: -90, max: 90 },
  zoom: { min: 0, max: 22 },
} as const satisfies Record<string, NumberRange>;

export type NumberName = keyof typeof RANGES;

/** A number outside its range (or not a number): says which, the range and what was given. */
export class RangeInputError extends Error {
  constructor(
    readonly field: NumberName,
    readonly value: string,
    readonly where = '',
  ) {
    const r: NumberRange = RANGES[field];
    super(`${where || field} must be ${r.integer ? 'a whole number ' : 'a number '}from ${r.min} to ${r.max}, got ${value}`);
    this.name = 'RangeInputError';
  }
}

/** `x` as a number when it is a finite number inside `name`'s range, else null. Strings are not
 *  numbers here: callers parse text themselves (so "" and "  " never become 0). */
export function inRange(name: NumberName, x: unknown): number | null {
  const r: NumberRange = RANGES[name];
  if (typeof x !== 'number' || !Number.isFinite(x) || x < r.min || x > r.max) return null;
  if (r.integer && !Number.isInteger(x)) return null;
  return x;
}

/** `x` checked against `name`'s range; throws RangeInputError (naming `where`, default the name). */
export function checkRange(name: NumberName, x: unknown, where?: string): number {
  const v = inRange(name, x);
  if (v === null) throw new RangeInputError(name, typeof x === 'string' ? JSON.stringify(x) : String(x), where);
  return v;
}

/** A number typed as text (a form field, a URL or CLI value): null when blank or not a number. */
export function parseNumber(text: string | null | undefined): number | null {
  if (text == null || text.trim() === '') return null;
  const x = Number(text);
  return Number.isFinite(x) ? x : null;
}
