// OpenStreetMap import in real Chromium: the .osm.pbf of test/fixtures/osm/demo-roads (made by
// make-osm-demo.ts inside the demo) becomes the road network, clipped to the communities' extent;
// coverage follows it (the covered share equals the engine's in node on the same network, read by
// the same reader); making the motorway walkable in the settings lets walkers take its short cut;
// the .osm XML twin with its POIs, confirmed by the tag table, replaces the facilities; a file
// with no roads is refused naming it, in Chinese.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openApp, openSession, type Session } from './browser';
import { demoEngine } from './engine';
import { Engine } from '../../src/core/analysis/run';
import { defaultCommand } from '../../src/core/analysis/command';
import { DEFAULT_ROAD_CLASSES, type RoadClassTable } from '../../src/core/travel/road-class';
import { readOsm } from '../../src/io/osm';
import { extentWithMargin } from '../../src/io/osm-file';
import { facilitiesFromFeatures } from '../../src/io/features';

const OSM = 'test/fixtures/osm/';
const TYPE = 'fitness';
let s: Session;
let demo: Engine;

const share = async () => Number(await s.page.getByTestId('covered-share').getAttribute('data-value'));
const current = () =>
  s.page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="figures"]')?.dataset.state === 'current', undefined, {
    timeout: 180_000,
  });
/** Waits until the page's covered share is `want` (the analysis of new data or settings landed). */
const shareBecomes = async (want: number) => {
  await expect.poll(share, { timeout: 180_000, interval: 500 }).toBeCloseTo(want, 10);
  await current();
};

/** The fitness share in node on the demo with `network` (and `facilities`) in place. */
async function nodeShare(file: string, roadClasses: RoadClassTable = DEFAULT_ROAD_CLASSES, pois = false): Promise<number> {
  const extent = extentWithMargin(demo.layers.communities.polygons.coords)!;
  const osm = readOsm(file, new Uint8Array(readFileSync(OSM + file)), { extent, pois });
  const facilities = pois
    ? facilitiesFromFeatures({
        type: 'FeatureCollection',
        features: osm.pois.map((p) => ({
          type: 'Feature',
          properties: { type: p.type, id: p.id, name: p.name },
          geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
        })),
      })
    : demo.layers.facilities;
  const e = new Engine({ ...demo.layers, network: osm.lines, facilities });
  return (await e.run({ ...defaultCommand([TYPE]), roadClasses })).types[0].total.share[0];
}

const importFile = async (file: string) => {
  await s.page.getByTestId('import-input').setInputFiles(OSM + file);
  await s.page.getByTestId('osm-dialog').waitFor();
};

describe('OpenStreetMap import in Chromium', () => {
  beforeAll(async () => {
    demo = await demoEngine();
    s = await openSession();
    await openApp(s.page, `${inject('baseUrl')}?type=${TYPE}`);
    await current();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('takes a .osm.pbf as the road network, clipped to the communities; coverage follows it', async () => {
    const before = await share();
    await importFile('demo-roads.osm.pbf');
    // Five roads read (the ferry and the far track among them), four inside (not the track).
    await expect.poll(() => s.page.getByTestId('osm-roads').innerText()).toBe('5 条道路中 4 条在村（社区）范围外扩 5 公里以内');
    const saves = Number((await s.page.evaluate(() => document.body.dataset.projectSaves)) ?? 0);
    await s.page.getByTestId('import-apply').click();
    const want = await nodeShare('demo-roads.osm.pbf');
    expect(want).not.toBeCloseTo(before, 6);
    await shareBecomes(want);
    expect(await s.page.getByTestId('imported-layers').innerText()).toContain('道路网（线）');
    // Kept with the project: after a reload the same network (its node ids too) is analysed.
    await s.page.waitForFunction((n) => Number(document.body.dataset.projectSaves ?? 0) > n, saves, { timeout: 30_000 });
    await s.page.reload();
    await s.page.waitForFunction(() => document.body.dataset.mapReady === 'true', undefined, { timeout: 120_000 });
    await shareBecomes(want);
    expect(await s.page.getByTestId('imported-layers').innerText()).toContain('道路网（线）');
  });

  it('a motorway made walkable in the settings carries walkers: coverage as the engine says', async () => {
    const closed = await share();
    await s.page.getByTestId('settings-btn').click();
    await s.page.locator('[data-testid="road-classes"] tr[data-class="motorway"]').getByTestId('road-class-walk').check();
    await s.page.getByTestId('settings-apply').click();
    const walkable = { ...DEFAULT_ROAD_CLASSES, motorway: { ...DEFAULT_ROAD_CLASSES.motorway, walk: true } };
    const want = await nodeShare('demo-roads.osm.pbf', walkable);
    // The homes at the motorway's far end: 1 km on it, 2.2 km round by the street.
    expect(want).toBeGreaterThan(closed);
    await shareBecomes(want);
    // Back to the default table for the next case.
    await s.page.getByTestId('settings-btn').click();
    await s.page.getByTestId('road-class-reset').click();
    await s.page.getByTestId('settings-apply').click();
    await shareBecomes(closed);
  });

  it('takes the .osm XML with its POIs as facilities, after showing the tag table', async () => {
    await importFile('demo-roads.osm');
    await s.page.getByTestId('osm-pois').check();
    const row = s.page.locator('[data-testid="osm-poi-table"] tr', { hasText: 'leisure=fitness_station|pitch|sports_centre' });
    expect(await row.locator('td').allInnerTexts()).toEqual(['leisure=fitness_station|pitch|sports_centre', '全民健身场地设施', '1']);
    await s.page.getByTestId('import-apply').click();
    await shareBecomes(await nodeShare('demo-roads.osm', DEFAULT_ROAD_CLASSES, true));
    await expect.poll(() => s.page.getByTestId('facility-count').innerText()).toBe('1');
  });

  it('refuses a file with no roads, naming it', async () => {
    await importFile('no-roads.osm');
    await expect.poll(() => s.page.getByTestId('import-error').innerText()).toContain('OpenStreetMap 文件中没有可用的道路');
    expect(await s.page.getByTestId('import-error').innerText()).toContain('no-roads.osm');
    await s.page.getByTestId('osm-dialog').getByRole('button', { name: '关闭' }).click();
    expect(s.errors).toEqual([]);
  });
});
