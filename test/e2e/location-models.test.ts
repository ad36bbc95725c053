// The optimiser's p-center in real Chromium: service centres in straight mode, 5 sites minimising
// the largest minutes under a 240-minute cap, all set through the UI. The page shows the largest
// minutes and the farthest-off community's P90 minutes before and after; they are exactly what
// the core computes in node for the same command, and the worst community's minutes drop.
// (At the default 60-minute cap every type's worst community sits at the cap, before and after.)
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FeatureCollection, Point } from 'geojson';
import { openApp, openSession, type Session } from './browser';
import { demoEngine } from './engine';
import { defaultCommand } from '../../src/core/analysis/command';
import { runSiting, type SitingCommand, type SitingLayers } from '../../src/core/siting/command';
import type { Engine } from '../../src/core/analysis/run';
import { INITIAL_OPTIMISER, optimiserReducer, sitingCommand } from '../../src/ui/siting/optimiserState';

let s: Session;
let engine: Engine;
const TYPE = 'service_center';

const figuresCurrent = (run: string | null) =>
  s.page.waitForFunction(
    (run) => {
      const el = document.querySelector<HTMLElement>('[data-testid="figures"]');
      return el?.dataset.state === 'current' && el.dataset.run !== run;
    },
    run,
    { timeout: 120_000 },
  );

describe('p-center in the optimiser, in Chromium', () => {
  beforeAll(async () => {
    engine = await demoEngine();
    s = await openSession();
    await openApp(s.page, `${inject('baseUrl')}?type=${TYPE}&lang=zh`);
    await figuresCurrent(null);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('offers the four models, P90 and a 60-minute cap by default for p-center', async () => {
    for (const m of ['mclp', 'lscp', 'pmedian', 'pcenter']) await expect(s.page.getByTestId(`opt-model-${m}`).count()).resolves.toBe(1);
    await s.page.getByTestId('opt-model-pcenter').check();
    expect(await s.page.getByTestId('opt-percentile').inputValue()).toBe('90');
    expect(await s.page.getByTestId('opt-cap-minutes').inputValue()).toBe('60');
    // Out-of-range values are refused at the boundary, with the reason shown.
    await s.page.getByTestId('opt-percentile').fill('0');
    await expect(s.page.getByTestId('opt-percentile-error').count()).resolves.toBe(1);
    await s.page.getByTestId('opt-cap-minutes').fill('5');
    await expect(s.page.getByTestId('opt-cap-low').count()).resolves.toBe(1);
    expect(await s.page.getByTestId('opt-run').isDisabled()).toBe(true);
    await s.page.getByTestId('opt-limit-budget').check();
    await s.page.getByTestId('opt-budget').fill('-1');
    await expect(s.page.getByTestId('opt-budget-error').count()).resolves.toBe(1);
    expect(await s.page.getByTestId('opt-count').isDisabled()).toBe(true);
  });

  it("5 sites minimising the largest minutes (straight, 240-minute cap) cut the worst community's minutes as the core does", async () => {
    const run0 = await s.page.getByTestId('figures').getAttribute('data-run');
    await s.page.getByTestId('mode-select').selectOption('straight');
    await figuresCurrent(run0);
    await s.page.getByTestId('opt-percentile').fill('100');
    await s.page.getByTestId('opt-cap-minutes').fill('240');
    await s.page.getByTestId('opt-limit-count').check();
    await s.page.getByTestId('opt-count').fill('5');
    await s.page.getByTestId('opt-run').click();
    await s.page.waitForFunction(
      () => !document.querySelector('[data-testid="opt-progress"]') && !!document.querySelector('[data-testid="opt-results"]'),
      undefined,
      { timeout: 300_000 },
    );

    // The same command in node: the reducer's, on the analysis' default travel settings in straight mode.
    const cmd = defaultCommand([TYPE]);
    cmd.types[0] = { ...cmd.types[0], mode: 'straight' };
    const st = optimiserReducer(INITIAL_OPTIMISER, {
      type: 'set',
      patch: { model: 'pcenter', percentile: 100, capMinutes: 240, count: 5 },
    });
    const c = sitingCommand(st, TYPE, cmd)!;
    const l = engine.layers;
    const layers: SitingLayers = {
      households: l.households,
      facilities: l.facilities,
      communities: l.communities.polygons,
      network: l.network,
    };
    const expected = await runSiting(layers, c);
    const w = expected.worstCommunity!;
    expect(w.after.minutes).toBeLessThan(w.before.minutes);

    const worst = s.page.getByTestId('opt-worst');
    expect(Number(await worst.getAttribute('data-before'))).toBe(w.before.minutes);
    expect(Number(await worst.getAttribute('data-after'))).toBe(w.after.minutes);
    const text = await worst.innerText();
    const one = (x: number) => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 }).format(x);
    expect(text).toContain(`${one(w.before.minutes)} 分钟（${l.communities.names[w.before.community]}）`);
    expect(text).toContain(`${one(w.after.minutes)} 分钟（${l.communities.names[w.after.community]}）`);
    const objective = s.page.getByTestId('opt-objective');
    expect(await objective.innerText()).toBe(`最远出行时间 ${one(expected.objectiveBefore)} → ${one(expected.objectiveAfter)} 分钟`);
    expect(Number(await objective.getAttribute('data-after'))).toBe(expected.objectiveAfter);

    // The page's own sites give the figure shown: the core run on just those 5 candidates.
    const sites = await s.page.evaluate(async () => {
      const src = window.__scp!.map.getSource('siting-results') as import('maplibre-gl').GeoJSONSource;
      return ((await src.getData()) as FeatureCollection<Point>).features.map((x) => x.geometry.coordinates);
    });
    expect(sites).toHaveLength(5);
    const own: SitingCommand = { ...c, candidates: { points: Float64Array.from(sites.flat()) } };
    expect((await runSiting(layers, own)).worstCommunity!.after.minutes).toBe(Number(await worst.getAttribute('data-after')));
  });

  it('logged no console errors', () => {
    expect(s.errors).toEqual([]);
  });
});
