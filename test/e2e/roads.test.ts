// The road network on the map and smooth service circles, at zoom 14 around a service centre of
// the demo, in real Chromium.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { countMapColours, openApp, openSession, type Session } from './browser';
import { ROAD_STYLE } from '../../src/map/roads';

let s: Session;

const idle = () =>
  s.page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__scp!.map;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );

describe('road network and service circles at zoom 14', () => {
  beforeAll(async () => {
    s = await openSession();
    await openApp(s.page, inject('baseUrl'));
    // A service centre of the demo, in the middle of the view at zoom 14.
    await s.page.evaluate(async () => {
      const map = window.__scp!.map;
      const src = map.getSource('facilities') as import('maplibre-gl').GeoJSONSource;
      const fc = (await src.getData()) as GeoJSON.FeatureCollection<GeoJSON.Point>;
      const f = fc.features.find((x) => x.properties?.type === 'service_center')!;
      map.jumpTo({ center: f.geometry.coordinates as [number, number], zoom: 14 });
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('draws the road layer when switched on, and hides it when off', async () => {
    await s.page.locator('input[data-group="roads"]').check();
    await s.page.waitForFunction(
      () => window.__scp!.map.queryRenderedFeatures(undefined, { layers: ['roads-line'] }).length > 0,
      undefined,
      { timeout: 60_000, polling: 500 },
    );
    await idle();
    const [on] = await countMapColours(s.page, [ROAD_STYLE.road.color], 16);
    expect(on).toBeGreaterThan(500);
    await s.page.locator('input[data-group="roads"]').uncheck();
    await idle();
    const [off] = await countMapColours(s.page, [ROAD_STYLE.road.color], 16);
    expect(off).toBeLessThan(on / 10);
    await s.page.locator('input[data-group="roads"]').check();
  });

  it('draws the service circle as a smooth outline (no staircase of cell edges)', async () => {
    await s.page.locator('input[data-group="serviceCircle"]').check();
    await s.page.waitForFunction(
      () => window.__scp!.map.queryRenderedFeatures(undefined, { layers: ['service-circle-line'] }).length > 0,
      undefined,
      { timeout: 120_000, polling: 500 },
    );
    const { segments, diagonal } = await s.page.evaluate(async () => {
      const map = window.__scp!.map;
      const src = map.getSource('catchment-service') as import('maplibre-gl').GeoJSONSource;
      const f = ((await src.getData()) as GeoJSON.FeatureCollection<GeoJSON.MultiPolygon>).features[0];
      const b = map.getBounds();
      let segments = 0,
        diagonal = 0;
      for (const poly of f.geometry.coordinates)
        for (const ring of poly) {
          for (let k = 1; k < ring.length; k++) {
            const [x0, y0] = ring[k - 1],
              [x1, y1] = ring[k];
            if (!b.contains([x0, y0])) continue;
            segments++;
            // A cell staircase has only east-west and north-south edges.
            if (Math.abs(x1 - x0) > 1e-9 && Math.abs(y1 - y0) > 1e-9) diagonal++;
          }
        }
      return { segments, diagonal };
    });
    expect(segments).toBeGreaterThan(20);
    expect(diagonal / segments).toBeGreaterThan(0.5);
  });

  it('logged no console errors', () => {
    expect(s.errors).toEqual([]);
  });
});
