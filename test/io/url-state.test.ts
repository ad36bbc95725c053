// Issue 13: the shared link is checked at the numeric boundary; a link with 1e308 minutes no
// longer hangs whoever opens it: the default stands in and the part is reported as refused.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultSettings, specOf } from '../../src/analysis/settings';
import { RANGES } from '../../src/core/limits';
import { formatUrlState, parseUrlState } from '../../src/ui/urlState';

describe('URL state', () => {
  it('keeps a travel profile that differs from the type’s default, and refuses an unknown one', () => {
    const s = parseUrlState('?type=fire_station&fire_station=straight,15,3,0.9,ebike&fitness=network,4.5,15,1,vehicle');
    expect(specOf(s.settings, 'fire_station').profile).toBe('ebike');
    expect(specOf(s.settings, 'fitness').profile).toBe('vehicle');
    expect(s.refused).toBeUndefined();
    const q = new URLSearchParams(formatUrlState(s));
    expect(q.get('fire_station')).toBe('straight,15,3,0.9,ebike');
    expect(parseUrlState(formatUrlState(s)).settings).toEqual(s.settings);
    // The default profile is not written; an unknown one is refused (the default stands).
    expect(new URLSearchParams(formatUrlState({ ...s, settings: defaultSettings() })).has('fire_station')).toBe(false);
    const bad = parseUrlState('?fire_station=straight,15,3,0.9,car');
    expect(bad.refused).toEqual(['fire_station']);
    expect(specOf(bad.settings, 'fire_station').profile).toBe('vehicle');
  });

  it('refuses the hanging link and keeps the defaults', () => {
    const s = parseUrlState('?type=fitness&fitness=straight,4.5,1e308,1');
    expect(s.settings.type).toBe('fitness');
    expect(specOf(s.settings, 'fitness')).toEqual(specOf(defaultSettings(), 'fitness'));
    expect(s.refused).toEqual(['fitness']);
  });

  it.each([
    ['?fitness=straight,1e308,15,1', ['fitness']],
    ['?fitness=straight,4.5,-1,1', ['fitness']],
    ['?fitness=straight,4.5,15,2', ['fitness']],
    ['?fitness=walk,4.5,15,1', ['fitness']],
    ['?fitness=straight,,15,1', ['fitness']],
    ['?detour=Infinity', ['detour']],
    ['?detour=0.5', ['detour']],
    ['?type=%3Cimg%3E', ['type']],
    ['?lon=1e400&lat=23&z=9', ['view']],
    ['?lon=103&lat=23&z=99', ['view']],
  ])('refuses %s', (search, refused) => {
    const s = parseUrlState(search);
    expect(s.refused).toEqual(refused);
    expect(s.settings).toEqual(defaultSettings());
    expect(s.view).toBeUndefined();
  });

  it('accepts the ends of each range and round-trips', () => {
    const q = `?type=fire_station&detour=${RANGES.detour.max}&fitness=slope,${RANGES.speedKmh.min},${RANGES.minutes.max},0&lon=103.5&lat=23.4&z=9`;
    const s = parseUrlState(q);
    expect(s.refused).toBeUndefined();
    expect(specOf(s.settings, 'fitness')).toMatchObject({ mode: 'slope', speedKmh: 0.5, minutes: 240, targetShare: 0 });
    expect(parseUrlState(formatUrlState(s))).toEqual(s);
  });

  it('keeps the county and township in focus; a township only with its county', () => {
    const s = parseUrlState('?type=elderly_canteen&county=532503&town=532503001');
    expect([s.county, s.township]).toEqual(['532503', '532503001']);
    expect(formatUrlState(s)).toContain('county=532503&town=532503001');
    expect(parseUrlState(formatUrlState(s))).toEqual(s);
    const t = parseUrlState('?town=532503001');
    expect([t.county, t.township]).toEqual([undefined, undefined]);
    expect(parseUrlState(`?county=${'9'.repeat(65)}`).county).toBeUndefined();
  });

  it('any query string parses to settings inside every range', () => {
    const part = fc.oneof(fc.string(), fc.double().map(String), fc.constantFrom('1e308', 'NaN', '-0', 'Infinity', ''));
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom('type', 'detour', 'fitness', 'lon', 'lat', 'z', 'sel', 'lang', 'x'),
            fc.array(part, { maxLength: 5 }).map((a) => a.join(',')),
          ),
          { maxLength: 8 },
        ),
        (pairs) => {
          const s = parseUrlState(`?${new URLSearchParams(pairs).toString()}`);
          expect(s.settings.detour).toBeGreaterThanOrEqual(1);
          for (const t of s.settings.specs) {
            expect(t.minutes).toBeLessThanOrEqual(RANGES.minutes.max);
            expect(t.speedKmh).toBeLessThanOrEqual(RANGES.speedKmh.max);
            expect(t.speedKmh).toBeGreaterThanOrEqual(RANGES.speedKmh.min);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the multi-service gap view in the link', () => {
  it('keeps the known services, and reports a list with unknown entries', () => {
    expect(parseUrlState('?gaps=fire_station,fitness').multiGap).toEqual({ on: true, codes: ['fitness', 'fire_station'] });
    expect(parseUrlState('?gaps=fire_station,fitness').refused).toBeUndefined();
    const mixed = parseUrlState('?gaps=fire_station,%3Cb%3Ex%3C%2Fb%3E');
    expect(mixed.multiGap).toEqual({ on: true, codes: ['fire_station'] });
    expect(mixed.refused).toEqual(['gaps']);
    const none = parseUrlState('?gaps=bogus');
    expect(none.multiGap).toBeUndefined();
    expect(none.refused).toEqual(['gaps']);
    expect(formatUrlState({ ...parseUrlState('?gaps=fitness'), view: undefined })).toContain('gaps=fitness');
  });
});
