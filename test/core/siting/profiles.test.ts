// The optimiser and the what-if editor travel as the analysis does: each type's travel profile on
// the road-class network, and barriers in straight-line mode. Hand-made cases with values
// worked out by hand, checked against the engine's own coverage of the chosen site.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/core/analysis/run.ts';
import { defaultCommand } from '../../../src/core/analysis/command.ts';
import { typeIndex } from '../../../src/core/catalogue.ts';
import { runSiting, type SitingCommand, type SitingLayers } from '../../../src/core/siting/command.ts';
import { WhatIfSession } from '../../../src/core/siting/session.ts';
import type { Layers } from '../../../src/core/analysis/command.ts';
import { fitnessLayers, lines, pts } from '../local.ts';

/** Layers of fire-station facilities (none loaded unless given) and one household per home. */
function fireLayers(homes: Float64Array, facilities: Float64Array, network?: Layers['network']): Layers {
  const l = fitnessLayers(homes, facilities, network);
  l.facilities.type.fill(typeIndex('fire_station'));
  return l;
}

/** The optimiser's view of analysis layers. */
const siting = (l: Layers, more: Partial<SitingLayers> = {}): SitingLayers => ({ ...l, communities: l.communities.polygons, ...more });

// Three homes at the far end of a 2,000 m motorway from the candidate; the only other way is a
// 6,000 m village road round. At 60 km/h a vehicle drives the motorway in 2 minutes; a walker
// (even at that pace) may not set foot on it and needs 6 minutes round.
const road = () => {
  const net = lines([
    [
      [0, 0],
      [2000, 0],
    ],
    [
      [0, 0],
      [0, 2000],
      [2000, 2000],
      [2000, 0],
    ],
  ]);
  net.classNames = ['', 'motorway', '村道'];
  net.lineClass = Uint16Array.of(1, 2);
  return net;
};
const homes = pts([2000, 0], [2000, 0], [2000, 0]);
const siteCmd = (profile: 'walk' | 'vehicle'): SitingCommand => ({
  op: 'site',
  type: 'fire_station',
  mode: 'network',
  profile,
  speedKmh: 60,
  detour: 1.3,
  minutes: 3,
  demand: 'households',
  add: 1,
  candidates: { points: pts([0, 0]) },
});

describe('siting on the network travels by the type’s profile', () => {
  it('a vehicle site covers over the motorway what a walking one cannot', async () => {
    const layers = fireLayers(homes, new Float64Array(0), road());
    const drive = await runSiting(siting(layers), siteCmd('vehicle'));
    expect(drive.coveredBefore).toBe(0);
    expect(drive.coveredAfter).toBe(3);
    expect(Array.from(drive.gains)).toEqual([3]);
    const walk = await runSiting(siting(layers), siteCmd('walk'));
    expect(walk.coveredAfter).toBe(0);
    // The default is the catalogue's: the fire station drives.
    const { profile: _, ...noProfile } = siteCmd('vehicle');
    expect((await runSiting(siting(layers), noProfile)).coveredAfter).toBe(3);
  });

  it('agrees with the analysis of the chosen site, and the class table is the command’s', async () => {
    const layers = fireLayers(homes, pts([0, 0]), road());
    const cmd = defaultCommand(['fire_station']);
    cmd.types[0] = { ...cmd.types[0], mode: 'network', speedKmh: 60 };
    const res = await new Engine(layers).run(cmd);
    expect(Array.from(res.types[0].household.minutes)).toEqual([2, 2, 2].map((m) => Math.fround(m)));
    // A table closing the motorway to vehicles too: nobody is covered, in either.
    const roadClasses = { motorway: { walk: false, walkFactor: 1, vehicleKmh: 0 }, 村道: { walk: true, walkFactor: 1, vehicleKmh: 30 } };
    const closed = await new Engine(layers).run({ ...cmd, roadClasses });
    expect(closed.types[0].total.covered[0]).toBe(0);
    const empty = fireLayers(homes, new Float64Array(0), road());
    expect((await runSiting(siting(empty), { ...siteCmd('vehicle'), roadClasses })).coveredAfter).toBe(0);
  });

  it('an engine-prepared network for the profile gives the same answer (the worker’s path)', async () => {
    const layers = fireLayers(homes, new Float64Array(0), road());
    const engine = new Engine(layers);
    const p = engine.prepared(
      'network',
      { op: 'coverage', types: [], detour: 1.3 },
      { code: 'fire_station', profile: 'vehicle', speedKmh: 60 },
    );
    const r = await runSiting(siting(layers, { prepared: { net: p.net, homes: p.homes } }), siteCmd('vehicle'));
    expect(r.coveredAfter).toBe(3);
  });
});

// A river along y = 100 between a candidate at the origin and two homes north of it; one home
// south. Straight line, 15 km/h, detour 1.3, 3 minutes: reach 577 m.
describe('siting and what-if in straight-line mode respect barriers', () => {
  const river = lines([
    [
      [-1000, 100],
      [1000, 100],
    ],
  ]);
  const hh = pts([0, 200], [0, 250], [0, -200]);
  const cmd: SitingCommand = {
    op: 'site',
    type: 'fire_station',
    mode: 'straight',
    speedKmh: 15,
    detour: 1.3,
    minutes: 3,
    demand: 'households',
    add: 1,
    // A at the origin (south bank); C 500 m north (north bank: the two north homes within reach).
    candidates: { points: pts([0, 0], [0, 500]) },
  };

  it('without the river the origin covers all three; with it, the north site wins with two', async () => {
    const open = await runSiting(siting(fireLayers(hh, new Float64Array(0))), cmd);
    expect(Array.from(open.coords)).toEqual(Array.from(pts([0, 0])));
    expect(open.coveredAfter).toBe(3);
    const layers = { ...fireLayers(hh, new Float64Array(0)), barriers: river };
    const blocked = await runSiting(siting(layers), cmd);
    expect(Array.from(blocked.coords)).toEqual(Array.from(pts([0, 500])));
    expect(blocked.coveredAfter).toBe(2);
  });

  it('p-median times cross no barrier: the analysis’s minutes of the chosen site', async () => {
    const layers = { ...fireLayers(hh, new Float64Array(0)), barriers: river };
    const r = await runSiting(siting(layers), { ...cmd, model: 'pmedian', capMinutes: 60 });
    // The origin: 2 north homes blocked (capped at 60), south 200 m → 1.04 min; the north
    // site: 300 m and 250 m (1.56, 1.3 min), south home blocked → 60. Mean 40.35 vs 20.95.
    expect(Array.from(r.coords)).toEqual(Array.from(pts([0, 500])));
    const withSite = { ...fireLayers(hh, pts([0, 500])), barriers: river };
    const cov = await new Engine(withSite).run({
      ...defaultCommand(['fire_station']),
      types: [{ ...defaultCommand(['fire_station']).types[0], speedKmh: 15, minutes: 3 }],
      detour: 1.3,
    });
    const m = Array.from(cov.types[0].household.minutes);
    expect(m[2]).toBe(Infinity);
    expect(r.objectiveAfter).toBeCloseTo((m[0] + m[1] + 60) / 3, 4);
  });

  it('a what-if site at the origin reaches only the south home', () => {
    const layers = { ...fireLayers(hh, new Float64Array(0)), barriers: river };
    const spec = { ...defaultCommand(['fire_station']).types[0], mode: 'straight' as const, speedKmh: 15, minutes: 3 };
    const s = new WhatIfSession(new Engine(layers), spec, { op: 'coverage', types: [spec], detour: 1.3 });
    const [lon, lat] = pts([0, 0]);
    expect(s.edit({ op: 'add', lon, lat }).total.householdsCovered).toBe(1);
    const [lon2, lat2] = pts([0, 500]);
    expect(s.edit({ op: 'add', lon: lon2, lat: lat2 }).total.householdsCovered).toBe(3);
  });
});
