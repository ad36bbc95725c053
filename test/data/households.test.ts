// Household points: county totals equal census population / persons per household, every
// point lies in its community's polygon, and the age/disability counts are plausible shares.
import type { Feature, MultiPolygon, Point } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { PERSONS_PER_HOUSEHOLD } from '../../src/core/demand/census.ts';
import { parseCsv, readReference } from '../../data/generator/sources.ts';
import { covered, demoFeatures } from './demo-files.ts';

let counties: Feature<MultiPolygon>[];
let communities: Feature<MultiPolygon>[];
let points: Feature<Point>[];
beforeAll(async () => {
  counties = await demoFeatures<MultiPolygon>('counties.fgb');
  communities = await demoFeatures<MultiPolygon>('communities.fgb');
  points = await demoFeatures<Point>('households.fgb');
});

describe('demo households', () => {
  it('matches the census: county population real, households = population / 3.09 rounded', () => {
    const census = new Map(parseCsv(readReference('honghe_population_census2020.csv')).map((r) => [r.adcode, Number(r.pop_2020_resident)]));
    let total = 0;
    for (const c of counties) {
      const pop = census.get(c.properties!.code)!;
      expect(c.properties!.population).toBe(pop);
      expect(c.properties!.households).toBe(Math.round(pop / PERSONS_PER_HOUSEHOLD));
      total += c.properties!.households;
    }
    expect(total).toBe(1449328);
    expect(counties.find((c) => c.properties!.code === '532503')!.properties!.urban_population).toBe(430355);
    // Unknown values are absent (FlatGeobuf stores no null), which readers see as undefined.
    expect(counties.find((c) => c.properties!.code === '532501')!.properties!.urban_population ?? null).toBeNull();
  });

  it('sums point weights to the community and county totals', () => {
    const byCommunity = new Map<string, { hh: number; pop: number }>();
    for (const p of points) {
      const q = p.properties!;
      expect(Number.isInteger(q.households) && q.households >= 1).toBe(true);
      const t = byCommunity.get(q.community_code) ?? { hh: 0, pop: 0 };
      t.hh += q.households;
      t.pop += q.population;
      byCommunity.set(q.community_code, t);
    }
    const byCounty = new Map<string, { hh: number; pop: number }>();
    for (const c of communities) {
      const t = byCommunity.get(c.properties!.code)!;
      expect(t.hh, c.properties!.code).toBe(c.properties!.households);
      expect(t.pop, c.properties!.code).toBe(c.properties!.population);
      const k = byCounty.get(c.properties!.county_code) ?? { hh: 0, pop: 0 };
      k.hh += t.hh;
      k.pop += t.pop;
      byCounty.set(c.properties!.county_code, k);
    }
    for (const c of counties) {
      expect(byCounty.get(c.properties!.code)).toEqual({ hh: c.properties!.households, pop: c.properties!.population });
    }
    const mean = 1449328 / points.length;
    expect(mean).toBeGreaterThan(4);
    expect(mean).toBeLessThan(6);
  });

  it('puts every point inside its own community polygon', () => {
    const poly = new Map(communities.map((c) => [c.properties!.code as string, c.geometry.coordinates]));
    let outside = 0;
    for (const p of points) {
      const [x, y] = p.geometry.coordinates;
      if (!covered(x, y, poly.get(p.properties!.community_code)!)) outside++;
    }
    expect(outside).toBe(0);
  });

  it('draws age and disability counts at census-like shares, villages older than towns', () => {
    const urban = new Map(communities.map((c) => [c.properties!.code as string, c.properties!.urban === 1]));
    const sum = { u: { pop: 0, old: 0 }, v: { pop: 0, old: 0 } };
    let infants = 0;
    let disabled = 0;
    let pop = 0;
    for (const p of points) {
      const q = p.properties!;
      expect(q.elderly + q.infants).toBeLessThanOrEqual(q.population);
      expect(q.disabled).toBeLessThanOrEqual(q.population);
      const s = urban.get(q.community_code) ? sum.u : sum.v;
      s.pop += q.population;
      s.old += q.elderly;
      infants += q.infants;
      disabled += q.disabled;
      pop += q.population;
    }
    const elderlyShare = (sum.u.old + sum.v.old) / pop;
    expect(elderlyShare).toBeGreaterThan(0.13);
    expect(elderlyShare).toBeLessThan(0.17);
    expect(sum.v.old / sum.v.pop).toBeGreaterThan(sum.u.old / sum.u.pop + 0.02);
    expect(infants / pop).toBeGreaterThan(0.03);
    expect(infants / pop).toBeLessThan(0.05);
    expect(disabled / pop).toBeGreaterThan(0.05);
    expect(disabled / pop).toBeLessThan(0.075);
  });
});
