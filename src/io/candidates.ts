// Candidate sites from a planner's file of points: where they are, whether each is an existing
// building to renovate (`existing_building`: 1/true/yes/是, the lower default cost) and the cost
// fields a budget can use. The CLI's --candidates/--cost-field and the app's optimiser read it here.
import type { FeatureCollection } from 'geojson';
import { RANGES } from '../core/limits.ts';
import { FeatureError } from './features.ts';

export interface CandidateFile {
  name: string;
  /** Interleaved WGS84 lon,lat. */
  points: Float64Array;
  /** 1 where the point is an existing building (renovation), else 0. */
  renovate: Uint8Array;
  /** Fields holding a cost on every point (a number from 0 to the budget range's maximum), and
   *  their values by field. */
  costFields: string[];
  costs: Record<string, Float64Array>;
}

const costOf = (v: unknown): number => {
  const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return x >= 0 && x <= RANGES.budget.max ? x : NaN;
};

const isExisting = (v: unknown) =>
  ['1', 'true', 'yes', '是'].includes(
    String(v ?? '')
      .trim()
      .toLowerCase(),
  );

/** The points of `fc` (every feature must be a Point), their flags and every usable cost field. */
export function candidateFile(name: string, fc: FeatureCollection): CandidateFile {
  const points: number[] = [],
    renovate: number[] = [],
    fields = new Map<string, number[]>();
  fc.features.forEach((f, i) => {
    if (f.geometry?.type !== 'Point')
      throw new FeatureError('candidates', i, `expected a Point geometry, got ${f.geometry ? f.geometry.type : 'null'}`);
    points.push(...f.geometry.coordinates.slice(0, 2));
    const props = f.properties ?? {};
    renovate.push(isExisting(props.existing_building) ? 1 : 0);
    for (const k of Object.keys(props)) if (k !== 'existing_building' && !fields.has(k)) fields.set(k, []);
  });
  const costs: Record<string, Float64Array> = {};
  for (const k of fields.keys()) {
    const v = Float64Array.from(fc.features, (f) => costOf(f.properties?.[k]));
    if (v.every((x) => !Number.isNaN(x))) costs[k] = v;
  }
  return { name, points: Float64Array.from(points), renovate: Uint8Array.from(renovate), costFields: Object.keys(costs), costs };
}

/** The siting command's candidates from `fc`, with the cost of each point from `costField`
 *  (required on every feature when named: a bad value is a FeatureError naming the feature). */
export function candidatesOf(
  fc: FeatureCollection,
  costField?: string,
): { points: Float64Array; pointRenovate: Uint8Array; pointCost?: Float64Array } {
  const file = candidateFile('candidates', fc);
  if (costField === undefined) return { points: file.points, pointRenovate: file.renovate };
  const cost = Float64Array.from(fc.features, (f, i) => {
    const v = f.properties?.[costField],
      x = costOf(v);
    if (Number.isNaN(x))
      throw new FeatureError(
        'candidates',
        i,
        `field "${costField}": expected a cost from 0 to ${RANGES.budget.max}, got ${JSON.stringify(v ?? null)}`,
      );
    return x;
  });
  return { points: file.points, pointRenovate: file.renovate, pointCost: cost };
}
