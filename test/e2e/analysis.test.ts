// Coverage and gaps in real Chromium, checked against the core run in node on the same data:
// a changed threshold gives the engine's gap count, a clicked community shows its details, the
// language switches, the view is restored from the URL, and nothing logs an error.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { openApp, openSession, type Session } from './browser';
import { demoEngine, gapCount, runType } from './engine';
import { readLayerFile } from '../../src/cli/read';
import type { Engine } from '../../src/core/analysis/run';

let s: Session;
let engine: Engine;
let communities: FeatureCollection;

/** Waits for a completed analysis newer than run `after` and returns its run id. */
async function waitForRun(after: number): Promise<number> {
  const handle = await s.page.waitForFunction(
    (after) => {
      const failed = document.querySelector('[role="alert"]');
      if (failed) throw new Error(failed.textContent ?? 'error shown');
      const el = document.querySelector<HTMLElement>('[data-testid="figures"]');
      const run = Number(el?.dataset.run ?? 0);
      return el && el.dataset.state === 'current' && run > after ? run : false;
    },
    after,
    { timeout: 120_000 },
  );
  return (await handle.jsonValue()) as number;
}

const digits = (text: string) => Number(text.replace(/[^0-9]/g, ''));

describe('coverage analysis in Chromium', () => {
  beforeAll(async () => {
    [engine, communities] = await Promise.all([demoEngine(), readLayerFile('dist/demo/communities.fgb')]);
    s = await openSession();
    await openApp(s.page, `${inject('baseUrl')}?type=elderly_canteen`);
  });
  afterAll(async () => {
    await s?.close();
  });

  it("shows the engine's gap count, and the new one after a threshold change", async () => {
    const run = await waitForRun(0);
    const before = digits(await s.page.getByTestId('gap-count').innerText());
    expect(before).toBe(gapCount(await runType(engine, 'elderly_canteen', {})));
    await s.page.getByTestId('minutes-input').fill('30');
    await waitForRun(run);
    const after = digits(await s.page.getByTestId('gap-count').innerText());
    const expected = gapCount(await runType(engine, 'elderly_canteen', { minutes: 30 }));
    expect(after).toBe(expected);
    expect(after).toBeLessThan(before);
    expect(digits(await s.page.getByTestId('gap-list-count').innerText())).toBe(expected);
  });

  it('shows only the latest of quickly superseded settings', async () => {
    const before = Number(await s.page.getByTestId('figures').getAttribute('data-run'));
    const input = s.page.getByTestId('minutes-input');
    // Each value waits past the debounce so the runs really start and the later ones cancel them.
    for (const v of ['10', '20']) {
      await input.fill(v);
      await s.page.waitForTimeout(400);
    }
    await input.fill('30');
    await waitForRun(before);
    await s.page.waitForFunction(() => !document.querySelector('[data-testid="run-progress"]'), undefined, { timeout: 120_000 });
    expect(await input.inputValue()).toBe('30');
    expect(digits(await s.page.getByTestId('gap-count').innerText())).toBe(
      gapCount(await runType(engine, 'elderly_canteen', { minutes: 30 })),
    );
  });

  it("shows a community's details when it is clicked on the map", async () => {
    const f = communities.features.find((x) => x.properties?.urban === 1) ?? communities.features[0];
    const p = f.properties!;
    // Zoom to the community, then click its settlement seat (inside its polygon by construction).
    const xy = await s.page.evaluate(
      async ([lon, lat]) => {
        const map = window.__scp!.map;
        map.jumpTo({ center: [lon, lat], zoom: 13 });
        await new Promise((r) => map.once('idle', r));
        const pt = map.project([lon, lat]);
        const box = map.getCanvas().getBoundingClientRect();
        return [box.left + pt.x, box.top + pt.y];
      },
      [Number(p.seat_lon), Number(p.seat_lat)],
    );
    await s.page.mouse.click(xy[0], xy[1]);
    const details = s.page.getByTestId('details');
    await details.waitFor();
    expect(await details.getByTestId('details-name').innerText()).toBe(String(p.name));
    expect(await details.innerText()).toContain(String(p.code));
    expect(await details.locator('tbody tr').count()).toBe(7);
    expect(new URL(s.page.url()).searchParams.get('sel')).toBe(String(p.code));
  });

  it('selects and flies to a community picked from the gap list', async () => {
    const first = s.page.getByTestId('gap-list').locator('button').first();
    const code = await first.getAttribute('data-code');
    await first.click();
    await s.page.waitForFunction((code) => new URL(location.href).searchParams.get('sel') === code, code);
    const name = (await first.locator('.name').innerText()).split('\n')[0];
    expect(await s.page.getByTestId('details-name').innerText()).toBe(name);
  });

  it('switches to English and back', async () => {
    await s.page.getByTestId('lang-toggle').click();
    expect(await s.page.locator('h1').innerText()).toBe('Service Circle Planner');
    expect(await s.page.getByTestId('details').innerText()).toContain('Nearest facility');
    expect(new URL(s.page.url()).searchParams.get('lang')).toBe('en');
    await s.page.getByTestId('lang-toggle').click();
    expect(await s.page.locator('h1').innerText()).toBe('服务圈规划');
  });

  it('reopens the same view and settings from the URL', async () => {
    const url = s.page.url();
    expect(new URL(url).searchParams.get('elderly_canteen')).toBe('network,4.5,30,0.9');
    await openApp(s.page, url);
    expect(await s.page.getByTestId('minutes-input').inputValue()).toBe('30');
    expect(await s.page.getByTestId('type-select').inputValue()).toBe('elderly_canteen');
    await s.page.getByTestId('details').waitFor();
  });

  it('draws the 15-minute service and fitness circles when switched on', async () => {
    for (const [group, source] of [
      ['serviceCircle', 'catchment-service'],
      ['fitnessCircle', 'catchment-fitness'],
    ]) {
      await s.page.locator(`input[data-group="${group}"]`).check();
      // The worker traces the circle; the source then holds one MultiPolygon with rings.
      await s.page.waitForFunction(
        async (source) => {
          const src = window.__scp!.map.getSource(source) as import('maplibre-gl').GeoJSONSource;
          const f = ((await src.getData()) as GeoJSON.FeatureCollection).features[0];
          return !!f && f.geometry.type === 'MultiPolygon' && f.geometry.coordinates.length > 0;
        },
        source,
        { timeout: 120_000, polling: 500 },
      );
    }
  });

  it('logged no console errors', () => {
    expect(s.errors).toEqual([]);
  });
});
