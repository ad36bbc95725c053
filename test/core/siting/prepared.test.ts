// The worker hands the optimiser the engine's cached network and home attachments; the answer
// must be the one the optimiser gets building them itself.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/core/analysis/run.ts';
import { runSiting, type SitingCommand } from '../../../src/core/siting/command.ts';
import { fitnessLayers, lines, pts } from '../local.ts';

describe('siting on a prepared network', () => {
  it('chooses the same sites with the same gains as from the raw lines', async () => {
    // A 3 × 3 street grid of 1 km blocks, homes along it, one fitness site at a corner.
    const grid: [number, number][][] = [];
    for (let k = 0; k <= 3000; k += 1000) {
      grid.push([
        [0, k],
        [3000, k],
      ]);
      grid.push([
        [k, 0],
        [k, 3000],
      ]);
    }
    const homes = pts(...Array.from({ length: 40 }, (_, i): [number, number] => [(i * 377) % 3000, 1000 * (i % 4)]));
    const layers = fitnessLayers(homes, pts([0, 0]), lines(grid));
    const cmd: SitingCommand = {
      op: 'site',
      type: 'fitness',
      mode: 'network',
      speedKmh: 4.5,
      detour: 1.3,
      minutes: 10,
      demand: 'households',
      add: 3,
      candidates: { points: pts([1500, 1000], [500, 2000], [2500, 3000], [3000, 1500], [1000, 0]) },
    };
    const raw = await runSiting({ households: layers.households, facilities: layers.facilities, network: layers.network }, cmd);
    const engine = new Engine(layers);
    const p = engine.prepared('network', { op: 'coverage', types: [], detour: 1.3 });
    const prepared = { net: p.net, homes: p.homes };
    const cached = await runSiting({ households: layers.households, facilities: layers.facilities, prepared }, cmd);
    expect(Array.from(cached.gains)).toEqual(Array.from(raw.gains));
    expect(Array.from(cached.coords)).toEqual(Array.from(raw.coords));
    expect(cached.coveredAfter).toBe(raw.coveredAfter);
    expect(raw.gains[0]).toBeGreaterThan(0);
  });
});
