// Scenarios (方案) in real Chromium: a what-if canteen goes into a scenario and 规划指标 keeps 现状's
// column unchanged while the scenario's column shows the gain; the details panel shows the
// scenario's fresh figures; after moving and deleting canteens the 方案比选 figures equal two
// independent full analyses in node (original facilities, and the edited ones written by hand).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FeatureCollection, Point } from 'geojson';
import { openApp, openSession, type Session } from './browser';
import { demoEngine } from './engine';
import { readLayerFile } from '../../src/cli/read';
import { Engine } from '../../src/core/analysis/run';
import { defaultCommand, type CoverageResult } from '../../src/core/analysis/command';
import { typeIndex } from '../../src/core/catalogue';
import { readGeoTiff } from '../../src/io/geotiff';
import type { FacilityLayer } from '../../src/core/types';
import { DEFAULT_GAP_TYPES, missingChanges, multiServiceGap } from '../../src/core/gaps/multi-service';

let s: Session;
let engine: Engine;
let base: CoverageResult;
let communities: FeatureCollection;
const TYPE = 'elderly_canteen';
const cmd = defaultCommand();
/** The added canteen (WGS84), set by the first test. */
let added: number[] = [];

const waitScenario = (want: { add: number; move: number; remove: number }) =>
  s.page.waitForFunction(
    (w) => {
      const el = document.querySelector<HTMLElement>('[data-testid="scenario-changes"]');
      return (
        el?.dataset.busy === 'false' &&
        el.dataset.add === String(w.add) &&
        el.dataset.move === String(w.move) &&
        el.dataset.remove === String(w.remove)
      );
    },
    want,
    { timeout: 120_000 },
  );

const editPoints = () =>
  s.page.evaluate(async () => {
    const src = window.__scp!.map.getSource('siting-edit') as import('maplibre-gl').GeoJSONSource;
    return ((await src.getData()) as FeatureCollection<Point>).features.map((f) => ({
      id: f.properties!.id as number,
      kind: f.properties!.kind as string,
      xy: f.geometry.coordinates,
    }));
  });

/** Screen position of (lon, lat) after centring the map there at `zoom`. */
const centre = (lon: number, lat: number, zoom: number) =>
  s.page.evaluate(
    async ([lon, lat, zoom]) => {
      const map = window.__scp!.map;
      map.jumpTo({ center: [lon, lat], zoom });
      await new Promise((r) => map.once('idle', r));
      const pt = map.project([lon, lat]),
        box = map.getCanvas().getBoundingClientRect();
      return [box.left + pt.x, box.top + pt.y];
    },
    [lon, lat, zoom],
  );

const screenOf = (lon: number, lat: number) =>
  s.page.evaluate(
    ([lon, lat]) => {
      const map = window.__scp!.map,
        pt = map.project([lon, lat]),
        box = map.getCanvas().getBoundingClientRect();
      return [box.left + pt.x, box.top + pt.y];
    },
    [lon, lat],
  );

/** 规划指标's prefecture values of one row: 现状's and the scenario's (NaN when no column). */
async function indicatorRow(id: string): Promise<{ baseline: number; scenario: number; headers: string[] }> {
  await s.page.getByTestId('indicators-btn').click();
  const row = s.page.locator(`[data-testid="indicator-table"] tr[data-indicator="${id}"]`);
  const cells = row.locator('td.ind-cell');
  const baseline = Number(await cells.nth(0).getAttribute('data-value'));
  const sc = row.locator('td[data-col="scenario"]');
  const scenario = (await sc.count()) ? Number(await sc.getAttribute('data-value')) : NaN;
  const headers = await s.page.locator('[data-testid="indicator-table"] thead th').allInnerTexts();
  await s.page
    .getByTestId('indicator-panel')
    .getByRole('button', { name: /关闭|Close/ })
    .click();
  return { baseline, scenario, headers };
}

const demandShare = (r: CoverageResult['types'][number]) => {
  let c = 0,
    d = 0;
  for (let i = 0; i < r.communities.demand.length; i++) {
    c += r.communities.covered[i];
    d += r.communities.demand[i];
  }
  return c / d;
};

function withLayer(f: FacilityLayer): Engine {
  return new Engine({ ...engine.layers, facilities: f });
}

describe('scenarios (方案) in Chromium', () => {
  beforeAll(async () => {
    [engine, communities] = await Promise.all([demoEngine(), readLayerFile('dist/demo/communities.fgb')]);
    // The app analyses with the elevation model (slope mode for health stations): so does node.
    engine = new Engine({ ...engine.layers, dem: await readGeoTiff(new Uint8Array(readFileSync('dist/demo/dem.tif'))) });
    base = await engine.run(cmd);
    s = await openSession();
    await openApp(s.page, `${inject('baseUrl')}?type=${TYPE}`);
    await s.page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid="figures"]')?.dataset.state === 'current',
      undefined,
      { timeout: 120_000 },
    );
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a what-if canteen: 现状 column unchanged, the scenario column shows the gain, details are fresh', async () => {
    const row = `walk_${TYPE}`;
    const before = await indicatorRow(row);
    const b = base.types.find((t) => t.code === TYPE)!;
    expect(before.baseline).toBeCloseTo(demandShare(b), 12);
    expect(Number.isNaN(before.scenario)).toBe(true);

    const code = await s.page.getByTestId('gap-list').locator('button').first().getAttribute('data-code');
    const f = communities.features.find((x) => String(x.properties?.code) === code)!;
    const ci = engine.layers.communities.codes.indexOf(code!);
    await s.page.getByTestId('whatif-edit').click();
    await s.page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid="whatif-figures"]')?.dataset.busy === 'false',
      undefined,
      { timeout: 120_000 },
    );
    const xy = await centre(Number(f.properties!.seat_lon), Number(f.properties!.seat_lat), 14);
    await s.page.mouse.click(xy[0], xy[1]);
    await waitScenario({ add: 1, move: 0, remove: 0 });
    added = (await editPoints()).find((p) => p.kind === 'proposed')!.xy;
    expect(await s.page.getByTestId('shown-scenario').getAttribute('data-scenario')).not.toBe('baseline');
    await s.page.getByTestId('whatif-edit').click(); // leave edit mode

    const f0 = engine.layers.facilities;
    const expected = (
      await withLayer({
        count: f0.count + 1,
        coords: Float64Array.of(...f0.coords, added[0], added[1]),
        type: Uint8Array.of(...f0.type, typeIndex(TYPE)),
        ids: [...f0.ids, '+1'],
        names: [...f0.names, ''],
        area: Float32Array.of(...f0.area, NaN),
      }).run(defaultCommand([TYPE]))
    ).types[0];
    const after = await indicatorRow(row);
    expect(after.baseline).toBe(before.baseline);
    expect(after.scenario).toBeCloseTo(demandShare(expected), 12);
    expect(after.scenario).toBeGreaterThan(after.baseline);
    expect(after.headers.join('|')).toMatch(/现状/);
    expect(after.headers.join('|')).toMatch(/方案/);

    // The details of the community show the scenario's figures: its P90 walk and nearest canteen.
    await s.page.mouse.click(xy[0], xy[1]);
    const details = s.page.getByTestId('details');
    await details.waitFor();
    expect(await s.page.getByTestId('details-scenario').innerText()).toMatch(/方案/);
    const p90 = expected.communities.p90[ci];
    const cell = details.locator(`tr[data-type="${TYPE}"] td`).nth(2);
    expect(Number((await cell.innerText()).replace(/[^0-9.]/g, ''))).toBeCloseTo(p90, 1);
  });

  it('moved and deleted canteens: 方案比选 equals two independent full analyses', async () => {
    await s.page.getByTestId('whatif-edit').click();
    await waitScenario({ add: 1, move: 0, remove: 0 });
    await s.page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid="whatif-figures"]')?.dataset.busy === 'false',
      undefined,
      { timeout: 120_000 },
    );
    await centre(added[0], added[1], 12);
    // The two loaded canteens nearest the added one: move the first by 60 px, delete the second.
    const pts = (await editPoints())
      .filter((p) => p.kind === 'loaded')
      .sort((a, c) => Math.hypot(a.xy[0] - added[0], a.xy[1] - added[1]) - Math.hypot(c.xy[0] - added[0], c.xy[1] - added[1]));
    const [mv, del] = pts;
    const from = await screenOf(mv.xy[0], mv.xy[1]);
    await s.page.mouse.move(from[0], from[1]);
    await s.page.mouse.down();
    await s.page.mouse.move(from[0] + 30, from[1] + 20, { steps: 5 });
    await s.page.mouse.move(from[0] + 60, from[1] + 40, { steps: 5 });
    await s.page.mouse.up();
    await waitScenario({ add: 1, move: 1, remove: 0 });
    await s.page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="whatif-figures"]')?.dataset.busy === 'false');
    const at = await screenOf(del.xy[0], del.xy[1]);
    await s.page.mouse.click(at[0], at[1]);
    await s.page.getByTestId('whatif-delete').click();
    await waitScenario({ add: 1, move: 1, remove: 1 });
    const points = await editPoints();
    const moved = points.find((p) => p.id === mv.id)!;
    expect(moved.kind).toBe('moved');
    await s.page.getByTestId('whatif-edit').click();

    // The edited facilities by hand: canteen number mv.id moved, canteen number del.id gone, one added.
    const f0 = engine.layers.facilities,
      canteens = Array.from(engine.facilityIds(TYPE));
    const gone = canteens[del.id],
      shift = canteens[mv.id];
    const keep = Array.from({ length: f0.count }, (_, i) => i).filter((i) => i !== gone);
    const coords = keep.flatMap((i) => (i === shift ? moved.xy : [f0.coords[2 * i], f0.coords[2 * i + 1]]));
    const edited: FacilityLayer = {
      count: keep.length + 1,
      coords: Float64Array.from([...coords, ...added]),
      type: Uint8Array.from([...keep.map((i) => f0.type[i]), typeIndex(TYPE)]),
      ids: [...keep.map((i) => f0.ids[i]), '+1'],
      names: [...keep.map((i) => f0.names[i]), ''],
      area: Float32Array.from([...keep.map((i) => f0.area[i]), NaN]),
    };
    const after = await withLayer(edited).run(cmd);

    await s.page.getByTestId('compare-open').click();
    await s.page.getByTestId('compare-types').waitFor({ timeout: 60_000 });
    expect(await s.page.getByTestId('compare-title').innerText()).toMatch(/现状.*方案/);
    const cells = await s.page.locator('[data-testid="compare-types"] tbody tr').evaluateAll((rows) =>
      rows.map((r) => ({
        type: (r as HTMLElement).dataset.type!,
        v: Object.fromEntries(Array.from(r.querySelectorAll<HTMLElement>('td[data-k]')).map((td) => [td.dataset.k!, Number(td.dataset.v)])),
      })),
    );
    expect(cells.map((c) => c.type)).toEqual(cmd.types.map((t) => t.code));
    const gaps = (r: CoverageResult['types'][number]) => r.communities.gap.reduce((n, g) => n + g, 0);
    let changed = 0;
    for (const c of cells) {
      const b = base.types.find((t) => t.code === c.type)!,
        a = after.types.find((t) => t.code === c.type)!;
      for (const [k, key] of [
        ['share', 'share'],
        ['covered', 'covered'],
        ['median', 'median'],
        ['p90', 'p90'],
        ['gini', 'gini'],
      ] as const) {
        expect(c.v[`${k}-before`], `${c.type} ${k} before`).toBe(b.total[key][0]);
        expect(c.v[`${k}-after`], `${c.type} ${k} after`).toBe(a.total[key][0]);
      }
      expect(c.v['gaps-before']).toBe(gaps(b));
      expect(c.v['gaps-after']).toBe(gaps(a));
      if (c.v['covered-diff'] !== 0) changed++;
    }
    expect(changed).toBe(1); // only the canteen's figures move
    // The difference map: gaining and losing communities coloured, the three changes drawn.
    const drawn = await s.page.evaluate(async () => {
      const src = window.__scp!.map.getSource('scenario-changes') as import('maplibre-gl').GeoJSONSource;
      return ((await src.getData()) as FeatureCollection).features
        .filter((f) => f.geometry.type === 'Point')
        .map((f) => f.properties!.action)
        .sort();
    });
    expect(drawn).toEqual(['add', 'move', 'remove']);
    expect(Number(await s.page.getByTestId('compare-gains').innerText())).toBeGreaterThan(0);
    // 综合缺口: the communities lacking fewer of the default services, as the two analyses give them.
    const h = engine.layers.households,
      codes = [...DEFAULT_GAP_TYPES];
    const changes = missingChanges(
      multiServiceGap(base, codes, h.households, h.community),
      multiServiceGap(after, codes, h.households, h.community),
    );
    const improved = changes.filter((c) => c.after < c.before);
    expect(Number(await s.page.getByTestId('compare-multi-improved').innerText())).toBe(improved.length);
    expect(Number(await s.page.getByTestId('compare-multi-worsened').innerText())).toBe(changes.length - improved.length);
    expect(
      (await s.page.locator('[data-testid="compare-multi-gap"] li').evaluateAll((li) => li.map((x) => x.getAttribute('data-code')))).sort(),
    ).toEqual(
      improved
        .slice(0, 50)
        .map((c) => engine.layers.communities.codes[c.index])
        .sort(),
    );
  });

  it('keeps the scenario in the saved project: a reload restores it', async () => {
    await s.page.waitForFunction(() => Number(document.body.dataset.projectSaves ?? 0) > 0, undefined, { timeout: 30_000 });
    await openApp(s.page, `${inject('baseUrl')}?type=${TYPE}`);
    await waitScenario({ add: 1, move: 1, remove: 1 });
    expect(await s.page.getByTestId('scenario-select').inputValue()).not.toBe('');
  });

  it('logged no console errors', () => {
    expect(s.errors).toEqual([]);
  });
});
