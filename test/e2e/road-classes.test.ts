// The road-class table in the settings, in real Chromium on the demo: untick a class's walking
// and the coverage of a walking type on the network follows (the gap count equals the engine's in
// node with the same table); the table is kept with the project across a reload; reset restores
// the defaults; an impossible table file is refused in the UI language, naming the class.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openApp, openSession, type Session } from './browser';
import { demoEngine, gapCount } from './engine';
import { Engine } from '../../src/core/analysis/run';
import { linesFromFeatures } from '../../src/io/features';
import { defaultCommand } from '../../src/core/analysis/command';
import { DEFAULT_ROAD_CLASSES } from '../../src/core/travel/road-class';

let s: Session;
let engine: Engine;
const TYPE = 'fitness';

async function waitForRun(after: number): Promise<number> {
  const handle = await s.page.waitForFunction(
    (after) => {
      const el = document.querySelector<HTMLElement>('[data-testid="figures"]');
      const run = Number(el?.dataset.run ?? 0);
      return el && el.dataset.state === 'current' && run > after ? run : false;
    },
    after,
    { timeout: 180_000 },
  );
  return (await handle.jsonValue()) as number;
}
const runOf = async () => Number(await s.page.getByTestId('figures').getAttribute('data-run'));
const digits = (text: string) => Number(text.replace(/[^0-9]/g, ''));
const gaps = async () => digits(await s.page.getByTestId('gap-count').innerText());
const nodeGaps = async (roadClasses = DEFAULT_ROAD_CLASSES) => {
  const cmd = { ...defaultCommand([TYPE]), roadClasses };
  return gapCount((await engine.run(cmd)).types[0]);
};
const saveCount = async () => Number((await s.page.evaluate(() => document.body.dataset.projectSaves)) ?? 0);
/** Project saves counted before the table was applied. */
let savesBefore = 0;
const pathRow = () => s.page.locator('[data-testid="road-classes"] tr[data-class="path"]');

describe('road-class table in the settings', () => {
  beforeAll(async () => {
    engine = await demoEngine();
    s = await openSession();
    await openApp(s.page, inject('baseUrl'));
    await s.page.getByTestId('type-select').selectOption(TYPE);
    await waitForRun(0);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a class closed to walkers changes coverage as the engine says', async () => {
    const before = await gaps();
    expect(before).toBe(await nodeGaps());
    const run = await runOf();
    await s.page.getByTestId('settings-btn').click();
    await pathRow().getByTestId('road-class-walk').uncheck();
    savesBefore = await saveCount();
    await s.page.getByTestId('settings-apply').click();
    await waitForRun(run);
    const closed = { ...DEFAULT_ROAD_CLASSES, path: { ...DEFAULT_ROAD_CLASSES.path, walk: false } };
    const after = await gaps();
    expect(after).toBe(await nodeGaps(closed));
    expect(after).toBeGreaterThan(before);
  });

  it('keeps the table with the project across a reload, and resets to the defaults', async () => {
    await s.page.waitForFunction((n) => Number(document.body.dataset.projectSaves ?? 0) > n, savesBefore, { timeout: 30_000 });
    await s.page.reload();
    await s.page.waitForFunction(() => document.body.dataset.mapReady === 'true', undefined, { timeout: 120_000 });
    await waitForRun(0);
    await s.page.getByTestId('settings-btn').click();
    expect(await pathRow().getByTestId('road-class-walk').isChecked()).toBe(false);
    const run = await runOf();
    await s.page.getByTestId('road-class-reset').click();
    expect(await pathRow().getByTestId('road-class-walk').isChecked()).toBe(true);
    await s.page.getByTestId('settings-apply').click();
    await waitForRun(run);
    expect(await gaps()).toBe(await nodeGaps());
  });

  it('shows a type’s travel profile in the rule, the legend and the link, and keeps it across a reload', async () => {
    await s.page.getByTestId('type-select').selectOption('fire_station');
    await s.page.getByTestId('profile-select').selectOption('ebike');
    await expect.poll(() => s.page.getByTestId('rule-line').innerText()).toContain('3分钟电动自行车骑行（直线距离×绕行系数，15 km/h）');
    await expect.poll(() => new URL(s.page.url()).searchParams.get('fire_station')).toBe('straight,15,3,0.9,ebike');
    await s.page.reload();
    await s.page.waitForFunction(() => document.body.dataset.mapReady === 'true', undefined, { timeout: 120_000 });
    expect(await s.page.getByTestId('profile-select').inputValue()).toBe('ebike');
    // Back to the catalogue's vehicle: the surface legend words the threshold as a drive.
    await s.page.getByTestId('profile-select').selectOption('vehicle');
    await expect.poll(() => s.page.getByTestId('rule-line').innerText()).toContain('3分钟车程');
    expect(await s.page.getByTestId('rule-line').innerText()).not.toContain('步行');
    await s.page.locator('input[data-group="timeSurface"]').check();
    await expect.poll(() => s.page.getByTestId('surface-legend').innerText(), { timeout: 120_000 }).toContain('3分钟车程 (阈值)');
    await s.page.locator('input[data-group="timeSurface"]').uncheck();
  });

  it('refuses an impossible value in a table file, naming the class, in Chinese', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'road-classes-')), 'bad.json');
    writeFileSync(file, JSON.stringify({ steps: { walk: true, walkFactor: 0 } }));
    await s.page.getByTestId('settings-btn').click();
    await s.page.getByTestId('road-class-file').setInputFiles(file);
    await expect
      .poll(() => s.page.getByTestId('road-class-error').innerText())
      .toBe('bad.json: 道路等级“steps”：walkFactor（步行速度系数）须在 0.05 到 2 之间，实为 0');
    // The table in the dialog is unchanged.
    expect(await s.page.locator('[data-testid="road-classes"] tbody tr').count()).toBe(Object.keys(DEFAULT_ROAD_CLASSES).length);
    // A value out of range typed in a field is refused under it and never applied.
    await pathRow().getByTestId('road-class-kmh').fill('900');
    expect(await pathRow().getByTestId('road-class-kmh').getAttribute('aria-invalid')).toBe('true');
    await s.page.getByTestId('settings-dialog').getByRole('button', { name: '关闭' }).click();
    expect(s.errors).toEqual([]);
  });

  it('a line file imported as the network: a class the table lacks is announced and offered, and closing it changes coverage', async () => {
    // Near a demo fitness site F (test/fixtures/make-osm-demo.ts): a 田埂 (not in the table) straight
    // to a cluster of homes E, and a 村道 round.
    const [F, E, P1, P2] = [
      [103.4080246, 23.3533451],
      [103.3984454, 23.3537211],
      [103.4077735, 23.3479541],
      [103.3981943, 23.3483301],
    ];
    const fc = {
      type: 'FeatureCollection' as const,
      features: [
        { type: 'Feature' as const, properties: { 道路等级: '田埂' }, geometry: { type: 'LineString' as const, coordinates: [F, E] } },
        {
          type: 'Feature' as const,
          properties: { 道路等级: '村道' },
          geometry: { type: 'LineString' as const, coordinates: [F, P1, P2, E] },
        },
      ],
    };
    const file = join(mkdtempSync(join(tmpdir(), 'lines-')), 'roads.geojson');
    writeFileSync(file, JSON.stringify(fc));
    const withNet = new Engine({ ...engine.layers, network: linesFromFeatures(fc) });
    const nodeShare = async (roadClasses = DEFAULT_ROAD_CLASSES) =>
      (await withNet.run({ ...defaultCommand([TYPE]), roadClasses })).types[0].total.share[0];
    const share = async () => Number(await s.page.getByTestId('covered-share').getAttribute('data-value'));
    await s.page.getByTestId('type-select').selectOption(TYPE);
    await s.page.getByTestId('import-input').setInputFiles(file);
    expect(await s.page.getByTestId('import-role').inputValue()).toBe('network');
    await s.page.getByTestId('import-apply').click();
    const open = await nodeShare();
    await expect.poll(share, { timeout: 180_000 }).toBeCloseTo(open, 10);
    // The class the table lacks is announced with the engine's own edge count.
    const edges = (await withNet.run(defaultCommand([TYPE]))).unknownRoadClasses?.['田埂'];
    expect(edges).toBeGreaterThan(0);
    expect(await s.page.getByTestId('road-classes-unknown').innerText()).toContain(`“田埂”（${edges} 段）`);
    await s.page.getByTestId('settings-btn').click();
    const row = s.page.locator('[data-testid="road-classes"] tr[data-class="田埂"]');
    expect(await row.getAttribute('data-missing')).toBe('true');
    await row.getByTestId('road-class-walk').uncheck();
    await s.page.getByTestId('settings-apply').click();
    const closed = await nodeShare({ ...DEFAULT_ROAD_CLASSES, 田埂: { walk: false, walkFactor: 1, vehicleKmh: 30 } });
    expect(closed).toBeLessThan(open);
    await expect.poll(share, { timeout: 180_000 }).toBeCloseTo(closed, 10);
    // Now in the table: no longer marked missing, nor announced.
    await expect.poll(() => s.page.getByTestId('road-classes-unknown').count()).toBe(0);
    await s.page.getByTestId('settings-btn').click();
    expect(await row.getAttribute('data-missing')).toBeNull();
    await s.page.getByTestId('settings-dialog').getByRole('button', { name: '关闭' }).click();
  });
});
