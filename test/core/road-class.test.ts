import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  accessFlags,
  DEFAULT_ROAD_CLASS,
  DEFAULT_ROAD_CLASSES,
  FERRY,
  lookupClass,
  NO_FOOT,
  NO_VEHICLE,
  parseRoadClassTable,
  profileFactors,
  type RoadClassTable,
  type TravelProfile,
} from '../../src/core/travel/road-class.ts';
import { BUILT_IN_TYPES, profileOf, typeIndex } from '../../src/core/catalogue.ts';
import { Engine } from '../../src/core/analysis/run.ts';
import { defaultCommand } from '../../src/core/analysis/command.ts';
import { fitnessLayers, lines, pts } from './local.ts';

describe('access tags', () => {
  it('reads foot, access, vehicle and ferry tags as OSM means them', () => {
    expect(accessFlags({ highway: 'primary' })).toBe(0);
    expect(accessFlags({ foot: 'no' })).toBe(NO_FOOT);
    expect(accessFlags({ access: 'private' })).toBe(NO_FOOT | NO_VEHICLE);
    // An explicit foot=yes opens a closed way to walkers only.
    expect(accessFlags({ access: 'no', foot: 'yes' })).toBe(NO_VEHICLE);
    expect(accessFlags({ motor_vehicle: 'no' })).toBe(NO_VEHICLE);
    expect(accessFlags({ route: 'ferry' })).toBe(FERRY);
  });
});

describe('road-class table files', () => {
  it('accepts a table and names the bad entry otherwise', () => {
    expect(parseRoadClassTable({ 村道: { walk: true, walkFactor: 0.9, vehicleKmh: 15 } })).toEqual({
      村道: { walk: true, walkFactor: 0.9, vehicleKmh: 15 },
    });
    expect(parseRoadClassTable({ 步道: { walk: true } })).toEqual({ 步道: { walk: true, walkFactor: 1, vehicleKmh: 0 } });
    expect(() => parseRoadClassTable([])).toThrow('expected an object');
    expect(() => parseRoadClassTable({ 村道: { walk: 'yes' } })).toThrow('"村道": walk must be true or false');
    expect(() => parseRoadClassTable({ 村道: { walk: true, walkFactor: 0 } })).toThrow('"村道": walkFactor');
    expect(() => parseRoadClassTable({ 村道: { walk: true, vehicleKmh: -1 } })).toThrow('"村道": vehicleKmh');
  });
});

describe('travel profiles of the types', () => {
  it('micro fire stations drive, the others walk', () => {
    expect(BUILT_IN_TYPES.filter((t) => t.profile === 'vehicle').map((t) => t.code)).toEqual(['fire_station']);
    expect(profileOf({ code: 'fire_station' })).toBe('vehicle');
    expect(profileOf({ code: 'fire_station', profile: 'ebike' })).toBe('ebike');
  });

  it('a run reports each type’s profile, the edges it may not use and the unknown classes', async () => {
    // A motorway straight to the site (1,000 m) and a 2,000 m village road round it.
    const net = lines([
      [
        [0, 0],
        [1000, 0],
      ],
      [
        [0, 0],
        [0, 500],
        [1000, 500],
        [1000, 0],
      ],
      [
        [0, 0],
        [-100, 0],
      ],
    ]);
    net.classNames = ['', '高速公路', '村道', '田埂'];
    net.lineClass = Uint16Array.of(1, 2, 3);
    const layers = fitnessLayers(pts([-100, 0]), pts([1000, 0], [1000, 0]), net);
    layers.facilities.type[1] = typeIndex('fire_station');
    const cmd = defaultCommand(['fitness', 'fire_station']);
    for (const t of cmd.types) t.mode = 'network';
    cmd.types[1].speedKmh = 60;
    const res = await new Engine(layers).run(cmd);
    const [fit, fire] = res.types;
    expect(fit.profile).toBe('walk');
    expect(fit.droppedEdges).toEqual({ byClass: 1, byAccess: 0, ferry: 0 });
    expect(fit.household.minutes[0]).toBeCloseTo(2100 / 75, 1);
    expect(fire.profile).toBe('vehicle');
    expect(fire.droppedEdges).toEqual({ byClass: 0, byAccess: 0, ferry: 0 });
    // 1,000 m on the motorway at 60 km/h and 100 m on the 田埂 (unknown: default 30 km/h).
    expect(fire.household.minutes[0]).toBeCloseTo(1 + 0.2, 2);
    expect(res.unknownRoadClasses).toEqual({ 田埂: 1 });
    expect(res.unattached).toEqual({ network: 0, 'network:vehicle': 0 });
  });
});

describe('profileFactors', () => {
  /** The rule edge by edge, as written before it looked factors up per class. */
  function oracle(
    edgeClass: Uint16Array,
    edgeFlags: Uint8Array,
    names: string[],
    table: RoadClassTable,
    profile: TravelProfile,
    kmh: number,
  ) {
    const factor = new Float64Array(edgeClass.length);
    const dropped = { byClass: 0, byAccess: 0, ferry: 0 };
    const unknown: Record<string, number> = {};
    for (let e = 0; e < edgeClass.length; e++) {
      const name = names[edgeClass[e]];
      let row = name === '' ? DEFAULT_ROAD_CLASS : lookupClass(table, name);
      if (!row) {
        unknown[name] = (unknown[name] ?? 0) + 1;
        row = DEFAULT_ROAD_CLASS;
      }
      if (edgeFlags[e] & FERRY) dropped.ferry++;
      else if (edgeFlags[e] & (profile === 'vehicle' ? NO_VEHICLE : NO_FOOT)) dropped.byAccess++;
      else {
        const f = profile === 'vehicle' ? (row.vehicleKmh > 0 ? Math.min(1, row.vehicleKmh / kmh) : 0) : row.walk ? row.walkFactor : 0;
        if (f > 0) factor[e] = f;
        else dropped.byClass++;
      }
    }
    return { factor, dropped, unknown, uniform: !factor.some((f) => f !== 1) };
  }

  it('gives each edge its class factor, counts drops and unknown classes in first-seen order, as edge by edge', () => {
    const pool = ['', 'footway', 'steps', 'motorway', 'track', '田埂', 'mystery', 'residential'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(pool.length - 1), fc.constantFrom(0, 0, 0, NO_FOOT, NO_VEHICLE, FERRY)), { maxLength: 60 }),
        fc.constantFrom<TravelProfile>('walk', 'ebike', 'vehicle'),
        fc.constantFrom(4.5, 15, 40),
        fc.boolean(),
        (edges, profile, kmh, builtIn) => {
          // Class indices in a shuffled order, so first-seen order differs from index order.
          const names = [...pool].reverse();
          const edgeClass = Uint16Array.from(edges, ([c]) => c),
            edgeFlags = Uint8Array.from(edges, ([, f]) => f);
          const table = builtIn ? DEFAULT_ROAD_CLASSES : { footway: { walk: true, walkFactor: 1, vehicleKmh: 0 } };
          const got = profileFactors(edgeClass, edgeFlags, names, table, profile, kmh);
          const want = oracle(edgeClass, edgeFlags, names, table, profile, kmh);
          expect(got).toEqual(want);
          expect(Object.keys(got.unknown)).toEqual(Object.keys(want.unknown));
        },
      ),
      { numRuns: 300 },
    );
  });
});
