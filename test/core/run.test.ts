import { describe, expect, it } from 'vitest';
import { Engine, type NetworkMemo } from '../../src/core/analysis/run.ts';
import { CancelledError, defaultCommand, type CoverageCommand, type Layers } from '../../src/core/analysis/command.ts';
import { BUILT_IN_TYPES } from '../../src/core/catalogue.ts';
import { changedTypes, mergeRun } from '../../src/core/analysis/rerun.ts';
import { catchment } from '../../src/core/catchments/catchment.ts';
import { DEFAULT_ROAD_CLASSES } from '../../src/core/travel/road-class.ts';
import { lines, pts } from './local.ts';

// A 2 km street grid every 200 m, households on a 100 m lattice, one facility of each type.
const streets: [number, number][][] = [];
for (let k = 0; k <= 10; k++) {
  streets.push([
    [0, k * 200],
    [2000, k * 200],
  ]);
  streets.push([
    [k * 200, 0],
    [k * 200, 2000],
  ]);
}
function layers(): Layers {
  const homeXY: [number, number][] = [];
  for (let x = 50; x < 2000; x += 100) for (let y = 50; y < 2000; y += 100) homeXY.push([x, y]);
  const n = homeXY.length,
    m = BUILT_IN_TYPES.length;
  return {
    communities: {
      count: 2,
      codes: ['a', 'b'],
      names: ['a', 'b'],
      parentCodes: ['k', 'k'],
      urban: new Uint8Array(2),
      polygons: {
        coords: new Float64Array(0),
        ringStart: new Uint32Array(1),
        polyRingStart: new Uint32Array(1),
        featurePolyStart: new Uint32Array(3),
      },
    },
    households: {
      count: n,
      coords: pts(...homeXY),
      households: new Float32Array(n).fill(2),
      elderly: Float32Array.from(homeXY, ([x]) => (x < 1000 ? 1 : 3)),
      community: Int32Array.from(homeXY, ([x]) => (x < 1000 ? 0 : 1)),
    },
    facilities: {
      count: m,
      coords: pts(...BUILT_IN_TYPES.map((_, k): [number, number] => [200 + 250 * k, 1000])),
      type: Uint8Array.from(BUILT_IN_TYPES, (_, k) => k),
      ids: [],
      names: [],
      area: new Float32Array(m),
    },
    network: lines(streets),
  };
}

describe('analysis engine', () => {
  it('reports progress from 0 to 1 and covers every type of the command', async () => {
    const engine = new Engine(layers());
    const seen: number[] = [];
    const res = await engine.run(defaultCommand(), { onProgress: (f) => seen.push(f) });
    expect(res.types.map((t) => t.code)).toEqual(BUILT_IN_TYPES.map((t) => t.code));
    expect(seen[0]).toBe(0);
    expect(seen[seen.length - 1]).toBe(1);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1])).toBe(true);
    expect(res.counties.codes).toEqual(['k']);
  });

  it('stops at the next chunk when cancelled', async () => {
    const engine = new Engine(layers());
    const signal = { cancelled: false };
    const run = engine.run(defaultCommand(), {
      signal,
      onProgress: (f) => {
        if (f > 0.2) signal.cancelled = true;
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
  });

  it('re-runs from its caches with the same answers as a fresh engine', async () => {
    const cached = new Engine(layers());
    await cached.run(defaultCommand());
    const cmd = defaultCommand();
    for (const t of cmd.types) {
      t.minutes = 7;
      t.speedKmh = 3.5;
    }
    const again = await cached.run(cmd);
    const fresh = await new Engine(layers()).run(cmd);
    again.types.forEach((t, k) => {
      expect(t.household.minutes).toEqual(fresh.types[k].household.minutes);
      expect(t.communities.covered).toEqual(fresh.types[k].communities.covered);
    });
  });

  it('runs only the types asked for, with the whole command’s counts', async () => {
    const cmd = defaultCommand();
    const full = await new Engine(layers()).run(cmd);
    const part = await new Engine(layers()).run(cmd, { types: new Set(['fitness', 'elderly_canteen']) });
    // In the command's order, whichever order they were asked in.
    expect(part.types.map((t) => t.code)).toEqual(cmd.types.map((t) => t.code).filter((c) => c === 'fitness' || c === 'elderly_canteen'));
    expect(part.types).toEqual(full.types.filter((t) => t.code === 'fitness' || t.code === 'elderly_canteen'));
    expect({ ...part, types: [] }).toEqual({ ...full, types: [] });
  });

  it('completes a run of the shown type alone with a run of the rest: equal to one full run', async () => {
    const cmd = defaultCommand();
    const engine = new Engine(layers());
    const first = await engine.run({ ...cmd, types: cmd.types.filter((t) => t.code === 'elderly_canteen') });
    const rest = await engine.run(cmd, {
      types: changedTypes({ ...cmd, types: cmd.types.filter((t) => t.code === 'elderly_canteen') }, cmd)!,
    });
    expect(rest.types.map((t) => t.code)).not.toContain('elderly_canteen');
    expect(mergeRun(cmd, first, rest)).toEqual(await new Engine(layers()).run(cmd));
  });

  it('re-runs only the type whose threshold changed: equal to a full run of the new command', async () => {
    const cmd = defaultCommand();
    const engine = new Engine(layers());
    const before = await engine.run(cmd);
    const next = defaultCommand();
    next.types[1].minutes = 7;
    const changed = changedTypes(cmd, next)!;
    expect([...changed]).toEqual([next.types[1].code]);
    const merged = mergeRun(next, before, await engine.run(next, { types: changed }));
    expect(merged).toEqual(await new Engine(layers()).run(next));
    // The unchanged types are the earlier run's own arrays, not copies.
    expect(merged.types[0].household.minutes).toBe(before.types[0].household.minutes);
  });

  it('keeps each type’s times (keepTimes): later runs equal a fresh engine’s, whatever changed', async () => {
    const engine = new Engine(layers());
    const keep = { keepTimes: true };
    const first = await engine.run(defaultCommand(), keep);
    // The result's arrays are copies: a receiver may take them (the worker transfers them).
    for (const t of first.types) t.household.minutes.fill(-1);
    const steps: ((t: ReturnType<typeof defaultCommand>['types'][number]) => void)[] = [
      (t) => ((t.minutes = 7), (t.targetShare = 0.5)),
      (t) => (t.speedKmh = 3),
      (t) => (t.mode = t.mode === 'straight' ? 'network' : 'straight'),
      (t) => (t.demand = 'elderly'),
    ];
    const cmd = defaultCommand();
    for (const change of steps) {
      cmd.types.forEach(change);
      expect(await engine.run(cmd, keep)).toEqual(await new Engine(layers()).run(cmd));
    }
    const wider = { ...cmd, detour: cmd.detour + 0.3 };
    expect(await engine.run(wider, keep)).toEqual(await new Engine(layers()).run(wider));
  });

  it('runs every type again when a setting they share changes, or with no earlier command', () => {
    const cmd = defaultCommand();
    expect(changedTypes(null, cmd)).toBeNull();
    expect(changedTypes(cmd, { ...cmd, detour: cmd.detour + 0.1 })).toBeNull();
    expect(changedTypes(cmd, { ...cmd, maxSnapM: 50 })).toBeNull();
    expect(changedTypes(cmd, defaultCommand())).toEqual(new Set());
    // A type the earlier command lacked runs.
    expect(changedTypes(defaultCommand(['fitness']), defaultCommand(['fitness', 'elderly_canteen']))).toEqual(new Set(['elderly_canteen']));
  });

  it('leaves its input layers unchanged', async () => {
    const l = layers();
    const before = structuredClone(l);
    const engine = new Engine(l);
    await engine.run(defaultCommand());
    expect(l).toEqual(before);
  });

  it('rejects a network mode without a network and an unknown type', async () => {
    const l = layers();
    delete l.network;
    await expect(new Engine(l).run(defaultCommand(['service_center']))).rejects.toThrow(/network mode needs a network layer/);
    const cmd = defaultCommand(['fitness']);
    cmd.types[0].code = 'gym';
    await expect(new Engine(layers()).run(cmd)).rejects.toThrow(/unknown facility type "gym"/);
  });
});

describe("the engine memo (the CLI's --cache)", () => {
  const cmd = () => {
    const c = defaultCommand();
    return { ...c, types: c.types.map((t) => ({ ...t, mode: 'network' as const })) };
  };
  /** Every type's household minutes and facility, unattached counts, and service circles. */
  async function outcome(engine: Engine, c: CoverageCommand = cmd()) {
    const res = await engine.run(c);
    return {
      types: res.types.map((t) => [t.code, Array.from(t.household.minutes), Array.from(t.household.facility)]),
      unattached: res.unattached,
      unattachedFacilities: res.unattachedFacilities,
      circles: c.types.map((t) => catchment(engine, t, c, 50)),
    };
  }
  // The same streets joined at every crossing (one line per block), so paths run between streets.
  const blocks: [number, number][][] = [];
  for (let k = 0; k <= 10; k++)
    for (let j = 0; j < 10; j++)
      blocks.push(
        [
          [j * 200, k * 200],
          [(j + 1) * 200, k * 200],
        ],
        [
          [k * 200, j * 200],
          [k * 200, (j + 1) * 200],
        ],
      );
  const joined = (): Layers => ({ ...layers(), network: lines(blocks) });
  const copy = (r: Record<string, NetworkMemo>) => structuredClone(r);

  it('records what snapping and routing found, and an engine given it gives the same results', async () => {
    const fresh = await outcome(new Engine(joined()));
    const record: Record<string, NetworkMemo> = {};
    const first = new Engine(joined(), record);
    expect(await outcome(first)).toEqual(fresh);
    const found = first.memoFound()!;
    // Per network use (walking, and driving for the vehicle types): homes, facilities and cells
    // snapped, and a Dijkstra per type travelling it.
    const entries = Object.values(found);
    expect(Object.keys(fresh.unattached)).toEqual(['network', 'network:vehicle']);
    expect(entries.length).toBe(2);
    for (const e of entries) {
      expect(e.homes!.edge.length).toBe(joined().households.count);
      expect(e.facilities!.edge.length).toBe(joined().facilities.count);
      expect(Object.values(e.cells!).reduce((n, s) => n + s.n, 0)).toBeGreaterThan(0);
    }
    expect(entries.flatMap((e) => Object.keys(e.paths!)).sort()).toEqual(BUILT_IN_TYPES.map((t) => t.code).sort());
    expect(await outcome(new Engine(joined(), copy(found)))).toEqual(fresh);
    expect(new Engine(joined()).memoFound()).toBeUndefined();
  });

  it('snaps the households once for the network and slope modes, which share an edge index and snap limit', async () => {
    // Walking in network mode for some types and slope mode for the others; both cost the same
    // graph with the same index (no road dropped), so a household's nearest edge is the same.
    const c = cmd();
    const mixed = {
      ...c,
      types: c.types.map((t, k) => ({ ...t, profile: 'walk' as const, mode: k % 2 ? ('slope' as const) : ('network' as const) })),
    };
    const found: Record<string, NetworkMemo> = {};
    const engine = new Engine(joined(), found);
    expect(await outcome(engine, mixed)).toEqual(await outcome(new Engine(joined()), mixed));
    const entries = Object.entries(engine.memoFound()!);
    expect(entries.map(([k]) => k.split('|').pop()).sort()).toEqual(['network:500', 'slope:500']);
    // One snapping: both networks hold the very same arrays; the facilities are snapped per network.
    expect(entries[0][1].homes).toBe(entries[1][1].homes);
    expect(entries[0][1].facilities).not.toBe(entries[1][1].facilities);
  });

  it('uses the kept snaps and Dijkstras instead of finding them (and only under the same network key)', async () => {
    const first = new Engine(joined(), {});
    await outcome(first);
    // Kept Dijkstras that reach no node: every household attached, but only those on a
    // facility's own street reach it.
    // (Without the kept times, which would stand in for snaps and Dijkstras: next test.)
    const found = copy(first.memoFound()!);
    for (const s of Object.values(found)) delete s.times;
    const noPaths = copy(found);
    for (const s of Object.values(noPaths)) for (const p of Object.values(s.paths!)) p.dist.fill(Infinity);
    const unreached = await outcome(new Engine(joined(), noPaths));
    expect(unreached.unattached).toEqual({ network: 0, 'network:vehicle': 0 });
    const reached = (o: typeof unreached) => o.types.map(([, minutes]) => (minutes as number[]).filter(Number.isFinite).length);
    const all = reached(await outcome(new Engine(joined())));
    expect(all.every((n) => n === joined().households.count)).toBe(true);
    reached(unreached).forEach((n, k) => expect(n).toBeLessThan(all[k] / 4));
    // Kept snaps that put every household off the network.
    const doctored = copy(found);
    for (const s of Object.values(doctored)) s.homes!.edge.fill(-1);
    const n = joined().households.count;
    const used = await outcome(new Engine(joined(), doctored));
    expect(used.unattached).toEqual({ network: n, 'network:vehicle': n });
    expect(used.types.every(([, minutes]) => (minutes as number[]).every((m) => m === Infinity))).toBe(true);
    // Another class table decides other edges: the doctored snaps are not used.
    const table = { ...DEFAULT_ROAD_CLASSES, alley: { walk: true, walkFactor: 1, vehicleKmh: 10 } };
    const other = { ...cmd(), roadClasses: table };
    expect(await outcome(new Engine(joined(), copy(doctored)), other)).toEqual(await outcome(new Engine(joined()), other));
    // Snaps of another number of points (other households) are not used either.
    for (const s of Object.values(doctored)) s.homes = { edge: Int32Array.of(-1), t: Float64Array.of(0), legM: Float64Array.of(0) };
    expect((await outcome(new Engine(joined(), doctored))).unattached).toEqual({ network: 0, 'network:vehicle': 0 });
  });

  it('keeps each type’s household times with their sorted order, so other minutes only count again', async () => {
    const at = (minutes: number, speedKmh?: number) => {
      const c = cmd();
      return { ...c, types: c.types.map((t) => ({ ...t, minutes, ...(speedKmh ? { speedKmh } : {}) })) };
    };
    const figures = async (engine: Engine, c: ReturnType<typeof at>) =>
      (await engine.run(c)).types.map((t) => [t.code, t.communities, t.counties, t.total, Array.from(t.household.minutes)]);
    const record: Record<string, NetworkMemo> = {};
    await new Engine(joined(), record).run(at(10));
    const kept = Object.values(record).flatMap((e) => Object.entries(e.times ?? {}));
    expect(kept.map(([code]) => code).sort()).toEqual(BUILT_IN_TYPES.map((t) => t.code).sort());
    for (const [, t] of kept) {
      expect(t.minutes.length).toBe(joined().households.count);
      // The order sorts the times (ties by index).
      for (let k = 1; k < t.order.length; k++) {
        const a = t.minutes[t.order[k - 1]],
          b = t.minutes[t.order[k]];
        expect(a < b || (a === b && t.order[k - 1] < t.order[k])).toBe(true);
      }
    }
    // Other minutes from the kept times: the figures of a fresh engine.
    expect(await figures(new Engine(joined(), copy(record)), at(4))).toEqual(await figures(new Engine(joined()), at(4)));
    // The kept times are what is used: doctored, they show.
    const doctored = copy(record);
    for (const e of Object.values(doctored)) for (const t of Object.values(e.times ?? {})) t.minutes.fill(1);
    const used = await figures(new Engine(joined(), doctored), at(4));
    expect(used.every(([, , , , minutes]) => (minutes as number[]).every((m) => m === 1))).toBe(true);
    // Found for another speed they are not used, and the new times replace them: one set per
    // type on each network (a vehicle's network is costed per top speed: a new one).
    const other = copy(doctored);
    expect(await figures(new Engine(joined(), other), at(4, 3))).toEqual(await figures(new Engine(joined()), at(4, 3)));
    const speeds = (walking: boolean) =>
      Object.entries(other)
        .filter(([k]) => k.includes('@') !== walking)
        .flatMap(([, e]) => Object.values(e.times ?? {}).map((t) => JSON.parse(t.key)[0].speedKmh));
    expect(speeds(true).length).toBeGreaterThan(0);
    expect(speeds(true).every((v) => v === 3)).toBe(true);
    expect(speeds(false).filter((v) => v === 3).length + speeds(true).length).toBe(kept.length);
  });
});
