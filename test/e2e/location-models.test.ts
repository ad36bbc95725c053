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
import { INITIAL_OPTIMISER, optimiserReducer, sitingCommand, type OptimiserAction } from '../../src/ui/siting/optimiserState';
import { areaCentroids } from '../../src/core/siting/candidates';
import { candidateFile } from '../../src/io/candidates';

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

  const layers = (): SitingLayers => {
    const l = engine.layers;
    return { households: l.households, facilities: l.facilities, communities: l.communities.polygons, network: l.network };
  };
  /** The page's command in node: the reducer's state after `actions`, the analysis' defaults with the shown type straight. */
  const nodeCommand = (...actions: OptimiserAction[]) => {
    const cmd = defaultCommand();
    cmd.types = cmd.types.map((t) => (t.code === TYPE ? { ...t, mode: 'straight' as const } : t));
    return sitingCommand(actions.reduce(optimiserReducer, INITIAL_OPTIMISER), TYPE, cmd)!;
  };
  const runAndWait = async () => {
    await s.page.getByTestId('opt-run').click();
    await s.page.waitForFunction(
      () => !document.querySelector('[data-testid="opt-progress"]') && !!document.querySelector('[data-testid="opt-results"]'),
      undefined,
      { timeout: 300_000 },
    );
  };
  const shownSites = () =>
    s.page.evaluate(async () => {
      const src = window.__scp!.map.getSource('siting-results') as import('maplibre-gl').GeoJSONSource;
      return ((await src.getData()) as FeatureCollection<Point>).features.map((x) => x.properties as Record<string, string>);
    });

  it('multi-service sites: a service centre and a canteen in each, canteen demand weighted 2, as the core computes', async () => {
    await s.page.getByTestId('opt-model-mclp').check();
    // Every analysed type is offered once the whole analysis is in.
    await s.page.getByTestId('opt-also-elderly_canteen').waitFor({ timeout: 120_000 });
    await s.page.getByTestId('opt-also-elderly_canteen').check();
    await s.page.getByTestId('opt-weight-elderly_canteen').fill('2');
    await s.page.getByTestId('opt-limit-count').check();
    await s.page.getByTestId('opt-count').fill('3');
    await s.page.locator('.opt-candidates input[type="checkbox"]').nth(1).uncheck(); // no grid: the centroids
    await runAndWait();

    const c = nodeCommand(
      { type: 'set', patch: { model: 'mclp', count: 3, useGrid: false } },
      { type: 'also', code: 'elderly_canteen', on: true },
      { type: 'weight', code: 'elderly_canteen', weight: 2 },
    );
    expect(c.also?.map((a) => a.type)).toEqual(['elderly_canteen']);
    expect(c.weights).toEqual([1, 2]);
    const expected = await runSiting(layers(), c);
    expect(expected.gains).toHaveLength(3);
    expect(expected.objectiveAfter).toBeGreaterThan(expected.objectiveBefore);
    const objective = s.page.getByTestId('opt-objective');
    expect(Number(await objective.getAttribute('data-before'))).toBe(expected.objectiveBefore);
    expect(Number(await objective.getAttribute('data-after'))).toBe(expected.objectiveAfter);
    const whole = (x: number) => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 }).format(x);
    expect(await objective.innerText()).toBe(`加权覆盖需求 ${whole(expected.objectiveBefore)} → ${whole(expected.objectiveAfter)}`);
    expect(await s.page.getByTestId('site-list').locator('li').count()).toBe(3);
  });

  it('refuses yearly budgets out of order or below every cost before any work, in Chinese', async () => {
    await s.page.getByTestId('opt-model-pmedian').check();
    await s.page.getByTestId('opt-limit-years').check();
    await s.page.getByTestId('opt-years').fill('2024:300,2023:300');
    const problem = s.page.getByTestId('opt-problem');
    expect(await problem.innerText()).toBe('年份须逐年递增：2023 排在了 2024 之后');
    expect(await s.page.getByTestId('opt-run').isDisabled()).toBe(true);
    await s.page.getByTestId('opt-years').fill('2023:100,2024:100');
    expect(await problem.innerText()).toBe('预算 200 万元低于所有候选点的造价（最低 300 万元）');
    expect(await s.page.getByTestId('opt-run').isDisabled()).toBe(true);
  });

  it('a build sequence under yearly budgets: each site its year (list, map), each gap community the year it reaches its target, as the core computes', async () => {
    await s.page.getByTestId('opt-years').fill('2023:300,2024:300,2025:600');
    expect(await s.page.getByTestId('opt-problem').count()).toBe(0);
    await runAndWait();

    const c = nodeCommand({
      type: 'set',
      patch: { model: 'pmedian', percentile: 100, capMinutes: 240, useGrid: false, limit: 'years', years: '2023:300,2024:300,2025:600' },
    });
    const expected = await runSiting(layers(), c);
    const years = Array.from(expected.years!);
    expect(years.length).toBeGreaterThanOrEqual(3);
    expect(new Set(years)).toEqual(new Set([2023, 2024, 2025]));
    const objective = s.page.getByTestId('opt-objective');
    expect(Number(await objective.getAttribute('data-after'))).toBe(expected.objectiveAfter);
    const listed = await s.page
      .getByTestId('site-list')
      .locator('li')
      .evaluateAll((li) => li.map((x) => Number(x.getAttribute('data-year'))));
    expect(listed).toEqual(years);
    // The map: each site labelled with its year, coloured by it (one colour per year).
    const shown = await shownSites();
    expect(shown.map((p) => Number(p.year))).toEqual(years);
    const colour = new Map(shown.map((p) => [p.year, p.color]));
    expect(new Set(colour.values()).size).toBe(3);
    for (const p of shown) expect(p.color).toBe(colour.get(p.year));
    // The gap communities' years.
    const gy = expected.gapYears!;
    const whole = (x: number) => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 }).format(x);
    const rows = await s.page
      .getByTestId('opt-gap-years')
      .locator('tbody tr')
      .evaluateAll((tr) =>
        tr.map((x) => [Number(x.getAttribute('data-community')), Number(x.getAttribute('data-year'))] as [number, number]),
      );
    expect(new Map(rows)).toEqual(new Map(Array.from(gy.community, (g, k) => [g, gy.year[k]])));
    const closed = Array.from(gy.year).filter((y) => y >= 0).length;
    expect(await s.page.getByTestId('opt-gap-years-summary').innerText()).toBe(
      `${whole(gy.community.length)} 个缺口村（社区）中 ${whole(closed)} 个到 2025 年达标`,
    );
  });

  it("costs from a candidates file's cost field: a budget below every cost is refused, and the run spends the file's costs as the core does", async () => {
    // Three points at community centroids: a renovation at 50, a new build at 80, one at 500.
    const c = areaCentroids(engine.layers.communities.polygons);
    const fc: FeatureCollection<Point> = {
      type: 'FeatureCollection',
      features: [
        [0, 50, '是'],
        [1, 80, ''],
        [2, 500, ''],
      ].map(([i, cost, existing]) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [c[2 * Number(i)], c[2 * Number(i) + 1]] },
        properties: { name: `候选${i}`, cost, existing_building: existing },
      })),
    };
    await s.page.getByTestId('opt-model-mclp').check();
    await s.page.getByTestId('opt-also-elderly_canteen').uncheck();
    // The p-median (240-minute cap, as set above): any site nearer some homes than today's saves minutes.
    await s.page.getByTestId('opt-model-pmedian').check();
    await s.page.locator('.opt-candidates input[type="checkbox"]').nth(0).uncheck(); // only the file's points
    await s.page.getByTestId('opt-cand-file').setInputFiles({
      name: 'candidates.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(fc)),
    });
    expect(await s.page.getByTestId('opt-cand-file-info').innerText()).toBe('candidates.geojson：3 个点，其中既有建筑 1 个');
    await s.page.getByTestId('opt-cost-field').selectOption('cost');
    await s.page.getByTestId('opt-limit-budget').check();
    expect(await s.page.getByTestId('opt-cost-defaults').innerText()).toBe('默认造价 300 万元（新建）/ 80 万元（改造既有建筑）');
    await s.page.getByTestId('opt-budget').fill('40');
    expect(await s.page.getByTestId('opt-problem').innerText()).toBe('预算 40 万元低于所有候选点的造价（最低 50 万元）');
    expect(await s.page.getByTestId('opt-run').isDisabled()).toBe(true);
    await s.page.getByTestId('opt-budget').fill('130');
    await runAndWait();

    const expected = await runSiting(
      layers(),
      nodeCommand(
        {
          type: 'set',
          patch: { model: 'pmedian', capMinutes: 240, useGrid: false, useCommunities: false, limit: 'budget', budget: 130 },
        },
        { type: 'file', file: candidateFile('candidates.geojson', fc) },
        { type: 'set', patch: { costField: 'cost' } },
      ),
    );
    // Only the two affordable points can be chosen, at the file's costs.
    expect(expected.costs.length).toBeGreaterThan(0);
    expect(Array.from(expected.costs).every((x) => x === 50 || x === 80)).toBe(true);
    const costs = await s.page
      .getByTestId('site-list')
      .locator('li')
      .evaluateAll((li) => li.map((x) => Number(x.getAttribute('data-cost'))));
    expect(costs).toEqual(Array.from(expected.costs));
    expect(await s.page.getByTestId('opt-spent').innerText()).toBe(`花费 ${expected.spent} 万元（预算 130 万元）`);
  });

  it('logged no console errors', () => {
    expect(s.errors).toEqual([]);
  });
});
