import { describe, expect, it } from 'vitest';
import { computeIndicators, type IndicatorRow } from '../../../src/core/indicators/compute.ts';
import { PLAN_TARGETS } from '../../../src/core/indicators/targets.ts';
import { fixture } from './fixture.ts';

const row = (rows: IndicatorRow[], id: string) => {
  const r = rows.find((x) => x.id === id);
  if (!r) throw new Error(`no row ${id}`);
  return r;
};
/** [value, status] per county then the prefecture. */
const summary = (r: IndicatorRow) => [...r.counties, r.prefecture].map((c) => [c.value, c.status]);

describe('computeIndicators on a hand-made prefecture', () => {
  const table = computeIndicators(fixture());

  it('lists the plan rows in order, then walking coverage for the types given', () => {
    expect(table.rows.map((r) => r.id)).toEqual([...PLAN_TARGETS.map((p) => p.id), 'walk_service_center', 'walk_fitness']);
    expect(table.reachShare).toBe(0.5);
  });

  it('rural service-centre coverage: in the community or a majority within reach', () => {
    const r = row(table.rows, 'service_rural');
    expect(r.basis).toBe('in_or_reach');
    expect(r.target).toBe(0.8);
    // A: c2 (0.4) no, c3 (0.5) yes; B: c5 has one, c6 no; prefecture adds c7 (reach).
    expect(summary(r)).toEqual([
      [0.5, 'not_met'],
      [0.5, 'not_met'],
      [NaN, 'no_data'],
      [0.6, 'not_met'],
    ]);
    expect(r.prefecture).toMatchObject({ numerator: 3, denominator: 5 });
  });

  it('urban service-centre coverage', () => {
    expect(summary(row(table.rows, 'service_urban'))).toEqual([
      [1, 'met'],
      [1, 'met'],
      [NaN, 'no_data'],
      [1, 'met'],
    ]);
  });

  it('floor area per 100 households: a lower bound when areas are missing', () => {
    const r = row(table.rows, 'service_area');
    // A: 150 m² / 400 hh; B: 60 m² / 500 hh with one centre of unknown area; prefecture:
    // 210 m² / 1000 hh (the centre outside every community counts nowhere).
    expect(summary(r)).toEqual([
      [37.5, 'met'],
      [12, 'no_data'],
      [NaN, 'no_data'],
      [21, 'no_data'],
    ]);
    expect(r.counties.map((c) => c.missingArea)).toEqual([0, 1, 0]);
    expect(r.prefecture).toMatchObject({ numerator: 210, denominator: 1000, missingArea: 1 });
  });

  it('floor area: not met when complete, no data when the data has no area at all', () => {
    const input = fixture();
    (input.facilities.area as Float32Array)[2] = 0;
    expect(summary(row(computeIndicators(input).rows, 'service_area'))[1]).toEqual([12, 'not_met']);
    (input.facilities.area as Float32Array).fill(NaN);
    const r = row(computeIndicators(input).rows, 'service_area');
    expect(summary(r).map((c) => c[1])).toEqual(['no_data', 'no_data', 'no_data', 'no_data']);
  });

  it('canteens and day-care without a coverage result count facilities inside only', () => {
    const canteen = row(table.rows, 'canteen_urban');
    expect(canteen.basis).toBe('in');
    expect(summary(canteen)).toEqual([
      [0.5, 'not_met'],
      [0, 'not_met'],
      [NaN, 'no_data'],
      [1 / 3, 'not_met'],
    ]);
    expect(summary(row(table.rows, 'daycare'))).toEqual([
      [0, 'not_met'],
      [0, 'not_met'],
      [NaN, 'no_data'],
      [0, 'not_met'],
    ]);
  });

  it('fitness circle: every community, a community without demand is not reached', () => {
    expect(summary(row(table.rows, 'fitness_circle'))).toEqual([
      [0.5, 'not_met'],
      [1, 'met'],
      [NaN, 'no_data'],
      [5 / 8, 'not_met'],
    ]);
  });

  it('fire stations count only inside the village', () => {
    expect(summary(row(table.rows, 'fire_station'))).toEqual([
      [0.25, 'not_met'],
      [0, 'not_met'],
      [NaN, 'no_data'],
      [0.25, 'not_met'],
    ]);
  });

  it('walking coverage is demand-weighted against the type target', () => {
    const s = row(table.rows, 'walk_service_center');
    expect(s.zh).toBe('社区综合服务设施 15分钟步行覆盖率');
    expect(summary(s)).toEqual([
      [295 / 400, 'not_met'],
      [0.7, 'not_met'],
      [NaN, 'no_data'],
      [0.745, 'not_met'],
    ]);
    const f = row(table.rows, 'walk_fitness');
    expect(f.target).toBe(1); // catalogue default
    expect(summary(f)).toEqual([
      [0.5, 'not_met'],
      [25 / 30, 'not_met'],
      [NaN, 'no_data'],
      [45 / 70, 'not_met'],
    ]);
  });

  it('labels a vehicle or e-bike rule by its profile, not as a walk', () => {
    const base = fixture();
    const cov = base.coverage!.service_center!;
    const vehicle = computeIndicators({
      ...base,
      coverage: { fire_station: { ...cov, minutes: 3, profile: 'vehicle' }, fitness: { ...cov, minutes: 10, profile: 'ebike' } },
    });
    expect(row(vehicle.rows, 'walk_fire_station').zh).toBe('微型消防站 3分钟车程覆盖率');
    expect(row(vehicle.rows, 'walk_fire_station').en).toBe('Micro fire station: share of demand within a 3-minute drive');
    expect(row(vehicle.rows, 'walk_fitness').zh).toBe('全民健身场地设施 10分钟电动自行车骑行覆盖率');
    // Without a profile the catalogue's: fire stations drive.
    const byCatalogue = computeIndicators({ ...base, coverage: { fire_station: { ...cov, minutes: 3 } } });
    expect(row(byCatalogue.rows, 'walk_fire_station').zh).toBe('微型消防站 3分钟车程覆盖率');
  });

  it('a stricter reach share serves fewer communities', () => {
    const strict = computeIndicators(fixture(), { reachShare: 0.75 });
    // c3 (0.5) drops out; c1 (0.75) stays.
    expect(summary(row(strict.rows, 'service_rural'))[0]).toEqual([0, 'not_met']);
    expect(summary(row(strict.rows, 'service_urban'))[0]).toEqual([1, 'met']);
    expect(() => computeIndicators(fixture(), { reachShare: 0 })).toThrow(/reachShare/);
  });

  it('a target exactly reached is met', () => {
    const input = fixture();
    input.coverage!.service_center!.covered = [100, 150, 25, 25, 300, 50, 50, 0];
    // rural: c2, c3, c6 now reach ½, c5 has one, c7 none → 4/5 = 0.8, the target itself
    const r = row(computeIndicators(input).rows, 'service_rural');
    expect(r.prefecture).toMatchObject({ value: 0.8, numerator: 4, denominator: 5, status: 'met' });
  });
});
