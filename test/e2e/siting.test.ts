// What-if siting and the optimiser in real Chromium: a canteen dropped on a gap community in edit
// mode moves that community's share and gap mark and the prefecture totals to exactly what the
// core computes in node for the same facilities; "best 5" lists 5 sites with positive gains in
// decreasing order; nothing logs an error.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FeatureCollection, Point } from 'geojson';
import { openApp, openSession, type Session } from './browser';
import { demoEngine, gapCount, runType } from './engine';
import { readLayerFile } from '../../src/cli/read';
import { Engine } from '../../src/core/analysis/run';
import { DEFAULT_DETOUR, typeIndex } from '../../src/core/catalogue';

let s: Session;
let engine: Engine;
let communities: FeatureCollection;
const TYPE = 'elderly_canteen';
/** Covered demand after the what-if canteen (set by the first test). */
let coveredWithEdit = 0;

const digits = (text: string) => Number(text.replace(/[^0-9]/g, ''));

/** The page's feature state of one community (share, gap). */
function communityState(code: string): Promise<{ share: number | null; gap: boolean }> {
  return s.page.evaluate(
    (code) => window.__scp!.map.getFeatureState({ source: 'communities', id: code }) as { share: number | null; gap: boolean },
    code,
  );
}

/** The same engine with one more facility of `type` at (lon, lat). */
function withFacility(e: Engine, type: string, lon: number, lat: number): Engine {
  const f = e.layers.facilities;
  return new Engine({
    ...e.layers,
    facilities: {
      count: f.count + 1,
      coords: Float64Array.of(...f.coords, lon, lat),
      type: Uint8Array.of(...f.type, typeIndex(type)),
      ids: [...f.ids, 'proposed'],
      names: [...f.names, ''],
      area: Float32Array.of(...f.area, NaN),
    },
  });
}

describe('what-if siting and the optimiser in Chromium', () => {
  beforeAll(async () => {
    [engine, communities] = await Promise.all([demoEngine(), readLayerFile('dist/demo/communities.fgb')]);
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

  it('a canteen dropped on a gap community changes its share, gap mark and the totals as the core does', async () => {
    const base = await runType(engine, TYPE, {});
    const gapsBefore = digits(await s.page.getByTestId('gap-count').innerText());
    expect(gapsBefore).toBe(gapCount(base));
    const code = await s.page.getByTestId('gap-list').locator('button').first().getAttribute('data-code');
    const f = communities.features.find((x) => String(x.properties?.code) === code)!;
    const ci = engine.layers.communities.codes.indexOf(code!);
    expect((await communityState(code!)).gap).toBe(true);

    await s.page.getByTestId('whatif-edit').click();
    await s.page.waitForFunction(
      () => {
        const el = document.querySelector<HTMLElement>('[data-testid="whatif-figures"]');
        return el?.dataset.busy === 'false' && el.dataset.covered !== '';
      },
      undefined,
      { timeout: 120_000 },
    );
    // Before any edit the session equals the analysis.
    const covered0 = Number(await s.page.getByTestId('whatif-figures').getAttribute('data-covered'));
    expect(covered0).toBe(base.total.covered[0]);

    // Click the community's settlement seat (inside its polygon by construction).
    const xy = await s.page.evaluate(
      async ([lon, lat]) => {
        const map = window.__scp!.map;
        map.jumpTo({ center: [lon, lat], zoom: 14 });
        await new Promise((r) => map.once('idle', r));
        const pt = map.project([lon, lat]);
        const box = map.getCanvas().getBoundingClientRect();
        return [box.left + pt.x, box.top + pt.y];
      },
      [Number(f.properties!.seat_lon), Number(f.properties!.seat_lat)],
    );
    await s.page.mouse.click(xy[0], xy[1]);
    await s.page.waitForFunction(
      () => {
        const el = document.querySelector<HTMLElement>('[data-testid="whatif-figures"]');
        return el?.dataset.edits === '1' && el.dataset.busy === 'false';
      },
      undefined,
      { timeout: 60_000 },
    );
    const added = await s.page.evaluate(async () => {
      const src = window.__scp!.map.getSource('siting-edit') as import('maplibre-gl').GeoJSONSource;
      const fc = (await src.getData()) as GeoJSON.FeatureCollection<GeoJSON.Point>;
      return fc.features.filter((x) => x.properties?.kind === 'proposed').map((x) => x.geometry.coordinates);
    });
    expect(added).toHaveLength(1);

    const expected = (
      await withFacility(engine, TYPE, added[0][0], added[0][1]).run({
        op: 'coverage',
        types: [
          {
            code: base.code,
            mode: base.mode,
            speedKmh: base.speedKmh,
            minutes: base.minutes,
            targetShare: base.targetShare,
            demand: base.demand,
          },
        ],
        detour: DEFAULT_DETOUR,
      })
    ).types[0];
    // Wait for the edited figures to reach the panels, then compare exactly.
    await s.page.waitForFunction(
      (n) => document.querySelector('[data-testid="gap-count"]')?.textContent?.replace(/[^0-9]/g, '') === String(n),
      gapCount(expected),
      { timeout: 30_000 },
    );
    expect(Number(await s.page.getByTestId('whatif-figures').getAttribute('data-covered'))).toBe(expected.total.covered[0]);
    expect(Number(await s.page.getByTestId('whatif-figures').getAttribute('data-households-covered'))).toBe(
      expected.total.householdsCovered[0],
    );
    expect(expected.total.covered[0]).toBeGreaterThan(base.total.covered[0]);
    const after = await communityState(code!);
    expect(after.share).toBe(expected.communities.share[ci]);
    expect(after.gap).toBe(expected.communities.gap[ci] === 1);
    expect(expected.communities.share[ci]).toBeGreaterThan(base.communities.share[ci]);
    expect(digits(await s.page.getByTestId('whatif-delta').innerText())).toBe(expected.total.covered[0] - base.total.covered[0]);
    coveredWithEdit = expected.total.covered[0];
    await s.page.getByTestId('whatif-edit').click(); // leave edit mode
  });

  it('"best 5" lists 5 sites with positive gains in decreasing order, numbered on the map', async () => {
    await s.page.getByTestId('opt-model-mclp').check();
    await s.page.getByTestId('opt-count').fill('5');
    await s.page.getByTestId('opt-run').click();
    await s.page.getByTestId('opt-results').waitFor({ timeout: 120_000 });
    const gains = await s.page
      .getByTestId('site-list')
      .locator('li')
      .evaluateAll((li) => li.map((x) => Number((x as HTMLElement).dataset.gain)));
    expect(gains).toHaveLength(5);
    for (const g of gains) expect(g).toBeGreaterThan(0);
    for (let i = 1; i < gains.length; i++) expect(gains[i]).toBeLessThanOrEqual(gains[i - 1]);
    const markers = await s.page.evaluate(async () => {
      const src = window.__scp!.map.getSource('siting-results') as import('maplibre-gl').GeoJSONSource;
      return ((await src.getData()) as FeatureCollection<Point>).features.map((x) => x.properties?.rank);
    });
    expect(markers).toEqual(['1', '2', '3', '4', '5']);
    // Accepting the first makes it a proposed facility of the what-if edits.
    await s.page.getByTestId('site-accept').first().click();
    await s.page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid="whatif-figures"]')?.dataset.edits === '2',
      undefined,
      { timeout: 60_000 },
    );
  });

  it('leaves out candidates inside a not-buildable area drawn on the map', async () => {
    const site2 = await s.page.evaluate(async () => {
      const src = window.__scp!.map.getSource('siting-results') as import('maplibre-gl').GeoJSONSource;
      return ((await src.getData()) as FeatureCollection<Point>).features.find((x) => x.properties?.rank === '2')!.geometry.coordinates;
    });
    // A 60 px square around proposed site 2, drawn corner by corner.
    const corners = await s.page.evaluate(async ([lon, lat]) => {
      const map = window.__scp!.map;
      map.jumpTo({ center: [lon, lat], zoom: 12 });
      await new Promise((r) => map.once('idle', r));
      const p = map.project([lon, lat]),
        box = map.getCanvas().getBoundingClientRect();
      return [
        [-30, -30],
        [30, -30],
        [30, 30],
        [-30, 30],
      ].map(([dx, dy]) => {
        const ll = map.unproject([p.x + dx, p.y + dy]);
        return { x: box.left + p.x + dx, y: box.top + p.y + dy, lon: ll.lng, lat: ll.lat };
      });
    }, site2);
    await s.page.getByTestId('opt-area').click();
    for (const c of corners) await s.page.mouse.click(c.x, c.y);
    await s.page.getByTestId('opt-area-finish').click();
    await s.page.getByTestId('opt-run').click();
    await s.page.waitForFunction(
      () => !document.querySelector('[data-testid="opt-progress"]') && !!document.querySelector('[data-testid="opt-results"]'),
      undefined,
      { timeout: 120_000 },
    );
    const sites = await s.page.evaluate(async () => {
      const src = window.__scp!.map.getSource('siting-results') as import('maplibre-gl').GeoJSONSource;
      return ((await src.getData()) as FeatureCollection<Point>).features.map((x) => x.geometry.coordinates);
    });
    expect(sites).toHaveLength(5);
    const [w, e] = [corners[0].lon, corners[1].lon],
      [n, so] = [corners[0].lat, corners[2].lat];
    for (const [lon, lat] of sites) expect(lon > w && lon < e && lat < n && lat > so).toBe(false);
  });

  it('keeps the what-if edits in the saved project: a reload shows the same edits and coverage', async () => {
    const fig = s.page.getByTestId('whatif-figures');
    const before = { edits: await fig.getAttribute('data-edits'), covered: Number(await fig.getAttribute('data-covered')) };
    // The canteen dropped above and the accepted optimiser site.
    expect(before.edits).toBe('2');
    expect(before.covered).toBeGreaterThan(coveredWithEdit);
    // Saved (debounced) since the last edit: the not-buildable run took far longer than the delay.
    expect(await s.page.evaluate(() => Number(document.body.dataset.projectSaves ?? 0))).toBeGreaterThan(0);
    await openApp(s.page, `${inject('baseUrl')}?type=${TYPE}`);
    await s.page.waitForFunction(
      ({ edits, covered }) => {
        const el = document.querySelector<HTMLElement>('[data-testid="whatif-figures"]');
        return el?.dataset.busy === 'false' && el.dataset.edits === edits && Number(el.dataset.covered) === covered;
      },
      before,
      { timeout: 120_000 },
    );
  });

  it('logged no console errors', () => {
    expect(s.errors).toEqual([]);
  });
});
