import { describe, expect, it } from 'vitest';
import { attach, costNetwork, networkTimes, prepareNetwork } from '../../src/core/travel/network.ts';
import { DEFAULT_ROAD_CLASSES, type TravelProfile } from '../../src/core/travel/road-class.ts';
import { straightTimes } from '../../src/core/travel/straight.ts';
import { haversineM } from '../../src/core/geo/distance.ts';
import { at, lines, pts } from './local.ts';

const SPEED = 4.5,
  MPM = 75; // 4.5 km/h = 75 m/min

// A river along y = 0 with one bridge at x = 1000. Roads: south bank y = −100, north bank
// y = +100 (x 0…2000), the bridge, a spur from the north road's east end up to y = 700 and west
// to a dead end at x = 400, and a road on an island at x 5000…5500 that joins nothing.
const river = lines([
  [
    [0, -100],
    [1000, -100],
    [2000, -100],
  ],
  [
    [0, 100],
    [1000, 100],
    [2000, 100],
  ],
  [
    [1000, -100],
    [1000, 100],
  ],
  [
    [2000, 100],
    [2000, 700],
    [400, 700],
  ],
  [
    [5000, -100],
    [5500, -100],
  ],
]);
const facility = pts([0, 110]);
const homes = pts(
  [0, -110], // 0: across the river, 220 m away as the crow flies
  [400, 710], // 1: at the dead end, 721 m away as the crow flies
  [200, 95], // 2: on the facility's own road
  [5200, -90], // 3: on the island road
  [3000, 1500], // 4: 800 m from any road: beyond the snap limit
);

function run() {
  const base = prepareNetwork(river);
  const net = costNetwork(base, river, false);
  return networkTimes(net, attach(net, homes), attach(net, facility), Int32Array.from([0]), SPEED);
}

describe('network travel on hand-made networks', () => {
  it('crosses the river only by the bridge', () => {
    const r = run();
    // 10 m leg + 1000 m to the bridge + 200 m bridge + 1000 m back + 10 m leg.
    expect(r.minutes[0]).toBeCloseTo(2220 / MPM, 2);
    const straight = straightTimes(homes, facility, Int32Array.from([0]), SPEED, 1.3);
    expect(straight.minutes[0]).toBeCloseTo((220 * 1.3) / MPM, 2);
  });

  it('walks out of a dead end the long way round', () => {
    // 10 + 1600 west segment + 600 spur + 2000 north road + 10.
    expect(run().minutes[1]).toBeCloseTo(4220 / MPM, 2);
  });

  it('reaches a facility on the same edge without passing a node', () => {
    expect(run().minutes[2]).toBeCloseTo(215 / MPM, 2);
  });

  it('reports a disconnected part and a far-off home as unreachable (Infinity, −1)', () => {
    const r = run();
    expect([r.minutes[3], r.minutes[4]]).toEqual([Infinity, Infinity]);
    expect([r.facility[3], r.facility[4]]).toEqual([-1, -1]);
    expect(r.facility[0]).toBe(0);
  });
});

describe('slope-aware travel (Tobler, directed)', () => {
  // One 1000 m road rising 100 m from A (x = 0) to B (x = 1000): slope s = 100 / length.
  const road = lines(
    [
      [
        [0, 0],
        [1000, 0],
      ],
    ],
    [[0, 100]],
  );
  const [ax, ay] = at(0, 0),
    [bx, by] = at(1000, 0);
  const len = haversineM(ax, ay, bx, by);
  const s = 100 / len;
  const tobler = (x: number) => 6 * Math.exp(-3.5 * Math.abs(x + 0.05));
  const minutesAt = (slope: number) => len / ((((SPEED * tobler(slope)) / tobler(0)) * 1000) / 60);

  function times(home: Float64Array, fac: Float64Array) {
    const net = costNetwork(prepareNetwork(road), road, true);
    return networkTimes(net, attach(net, home), attach(net, fac), Int32Array.from([0]), SPEED).minutes[0];
  }

  it('uphill takes longer than downhill, each by Tobler exactly', () => {
    const up = times(pts([0, 0]), pts([1000, 0]));
    const down = times(pts([1000, 0]), pts([0, 0]));
    expect(up).toBeCloseTo(minutesAt(s), 4); // ≈ 18.93 min
    expect(down).toBeCloseTo(minutesAt(-s), 4); // ≈ 13.33 min: a 10% descent is Tobler's flat pace
    expect(up).toBeGreaterThan(down + 5);
  });

  it('an e-bike slows uphill by Tobler too, at its own flat speed; a vehicle ignores the slope', () => {
    const run = (profile: TravelProfile, from: number, to: number) => {
      const net = costNetwork(prepareNetwork(road), road, true, undefined, undefined, {
        profile,
        speedKmh: 15,
        roadClasses: DEFAULT_ROAD_CLASSES,
      });
      return networkTimes(net, attach(net, pts([from, 0])), attach(net, pts([to, 0])), Int32Array.from([0]), 15).minutes[0];
    };
    const ebikeAt = (slope: number) => len / ((((15 * tobler(slope)) / tobler(0)) * 1000) / 60);
    expect(run('ebike', 0, 1000)).toBeCloseTo(ebikeAt(s), 4);
    expect(run('ebike', 1000, 0)).toBeCloseTo(ebikeAt(-s), 4);
    // 15 km/h = 250 m/min both ways: the default class allows 30 km/h, the type's 15 is kept.
    expect(run('vehicle', 0, 1000)).toBeCloseTo(len / 250, 4);
    expect(run('vehicle', 1000, 0)).toBeCloseTo(len / 250, 4);
  });

  it('takes elevations from a DEM (a plane rising 10 m per 100 m eastward)', () => {
    // Cells 0.001° wide; elevation = 10 m per 100 m of easting at the cell centres, so bilinear
    // sampling is exact along the road.
    const [lon0, lat0] = at(-500, 0),
      w = 40,
      h = 3,
      d = 0.001;
    const mPerCell = haversineM(lon0, lat0, lon0 + d, lat0);
    const values = new Float32Array(w * h);
    for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) values[j * w + i] = (i * mPerCell) / 10;
    const dem = { width: w, height: h, west: lon0 - d / 2, north: lat0 + 1.5 * d, dx: d, dy: d, values };
    const flat = lines([
      [
        [0, 0],
        [1000, 0],
      ],
    ]);
    const net = costNetwork(prepareNetwork(flat), flat, true, dem);
    const run = (from: number, to: number) =>
      networkTimes(net, attach(net, pts([from, 0])), attach(net, pts([to, 0])), Int32Array.from([0]), SPEED).minutes[0];
    const rise = (i: number) => (((at(i, 0)[0] - lon0) / d) * mPerCell) / 10;
    const slope = (rise(1000) - rise(0)) / len;
    expect(slope).toBeCloseTo(0.1, 2);
    expect(run(0, 1000)).toBeCloseTo(minutesAt(slope), 3);
    expect(run(1000, 0)).toBeCloseTo(minutesAt(-slope), 3);
  });

  it('equals the flat network time on a level road', () => {
    const flat = lines(
      [
        [
          [0, 0],
          [1000, 0],
        ],
      ],
      [[50, 50]],
    );
    const net = costNetwork(prepareNetwork(flat), flat, true);
    const t = networkTimes(net, attach(net, pts([0, 0])), attach(net, pts([1000, 0])), Int32Array.from([0]), SPEED).minutes[0];
    expect(t).toBeCloseTo(len / MPM, 4);
  });
});
