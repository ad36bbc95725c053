// Barrier lines in real Chromium on the demo: a line file imported as 障碍线 stops straight-line
// service across it (the fire stations' gap count and covered share equal the engine's in
// node with the same barrier), shows on the map, in the layer panel and the legend, and removing it
// restores the figures. A file without lines is refused, naming the file.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openApp, openSession, type Session } from './browser';
import { demoEngine, gapCount, runType } from './engine';
import { Engine } from '../../src/core/analysis/run';
import { linesFromFeatures } from '../../src/io/features';

let s: Session;
let engine: Engine;
// Straight-line by default (the catalogue's micro fire station).
const TYPE = 'fire_station';
// North–south just east of a demo fire station (near 103.159°E 23.375°N), cutting it off from the homes east of it.
const barrier = {
  type: 'FeatureCollection' as const,
  features: [
    {
      type: 'Feature' as const,
      properties: { name: '河' },
      geometry: {
        type: 'LineString' as const,
        coordinates: [
          [103.1606, 23.3248],
          [103.1606, 23.4248],
        ],
      },
    },
  ],
};

const digits = (text: string) => Number(text.replace(/[^0-9]/g, ''));
async function figures(): Promise<{ gaps: number; share: number }> {
  return {
    gaps: digits(await s.page.getByTestId('gap-count').innerText()),
    // Covered share of the prefecture's households, to 10 digits (the panel's own value).
    share: Number(Number(await s.page.getByTestId('covered-share').getAttribute('data-value')).toFixed(10)),
  };
}
async function nodeFigures(e: Engine): Promise<{ gaps: number; share: number }> {
  const r = await runType(e, TYPE, {});
  return { gaps: gapCount(r), share: Number(r.total.share[0].toFixed(10)) };
}
function tempFile(name: string, content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'barriers-')), name);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('barrier lines in the app', () => {
  beforeAll(async () => {
    engine = await demoEngine();
    s = await openSession();
    await openApp(s.page, inject('baseUrl'));
    await s.page.getByTestId('type-select').selectOption(TYPE);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('stop straight-line service across them as the engine does, show on the map, and removing them restores the figures', async () => {
    const open = await nodeFigures(engine);
    await expect.poll(figures, { timeout: 180_000 }).toEqual(open);
    await s.page.getByTestId('import-input').setInputFiles(tempFile('river.geojson', barrier));
    // Lines are guessed as a network: the planner picks the barrier role.
    await s.page.getByTestId('import-role').selectOption('barriers');
    await s.page.getByTestId('import-apply').click();
    const blocked = await nodeFigures(new Engine({ ...engine.layers, barriers: linesFromFeatures(barrier) }));
    expect(blocked.gaps).toBeGreaterThan(open.gaps);
    expect(blocked.share).toBeLessThan(open.share);
    await expect.poll(figures, { timeout: 180_000 }).toEqual(blocked);
    // On the map, in the layer panel (on) and the legend.
    expect(await s.page.locator('input[data-group="barriers"]').isChecked()).toBe(true);
    expect(await s.page.getByTestId('legend-barriers').innerText()).toBe('障碍线（直线距离不可跨越）');
    await expect
      .poll(() => s.page.evaluate(() => window.__scp!.map.queryRenderedFeatures(undefined, { layers: ['barriers-line'] }).length), {
        timeout: 60_000,
      })
      .toBeGreaterThan(0);
    expect(await s.page.getByTestId('imported-layers').innerText()).toContain('障碍线');
    await s.page.getByTestId('remove-barriers').click();
    await expect.poll(figures, { timeout: 180_000 }).toEqual(open);
    await expect.poll(() => s.page.getByTestId('legend-barriers').count()).toBe(0);
    expect(s.errors).toEqual([]);
  }, 900_000);

  it('refuses a file without lines as barriers, naming the file', async () => {
    const points = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [103.16, 23.37] } }],
    };
    await s.page.getByTestId('import-input').setInputFiles(tempFile('wells.geojson', points));
    await s.page.getByTestId('import-role').selectOption('barriers');
    await s.page.getByTestId('import-apply').click();
    await expect
      .poll(() => s.page.getByTestId('import-map-error').innerText())
      .toContain('“wells.geojson”中没有线要素，不能作为道路网或障碍线');
    await s.page.getByTestId('import-dialog').getByRole('button', { name: '取消' }).click();
  });
});
