// App benchmark (a script, not a test): serves dist/ with vite preview, opens it in headless
// Chromium (software GL) and prints, each next to its target (issue 18):
//   - times from navigation (once the fresh browser has settled) to the boundaries set on the map,
//     data loaded, the first complete analysis drawn and map ready (every layer drawn), and the
//     CPU time the browser's processes spent until the first analysis drawn (renderer, GPU
//     process, the rest; the renderer's by thread: test/bench/process-cpu.ts);
//   - a threshold change re-drawn (minutes typed → map fills repainted, less the 250 ms debounce);
//   - frame times while panning over the household points, against the same pan without them;
//   - what-if edits and scenario switching (earlier issues' figures).
// Run: npm run bench:app [-- --runs N] [--profile] [--no-pan] [--no-whatif]. --profile records a CPU profile
// of every thread (main and workers) during the first start-up and prints the top self times
// (build with `npx vite build --minify false` first for readable function names).
import { preview } from 'vite';
import type { Page } from 'playwright-core';
import { openSession } from '../e2e/browser';
import { selfTimes, startTrace, stopTrace } from './trace-profile';
import { cpuSince, processCpu, rendererThreadCpu } from './process-cpu';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const runs = Number(argv[argv.indexOf('--runs') + 1] || 3);
const DEBOUNCE_MS = 250; // src/ui/useAnalysis.ts

/** Picks the travel mode and waits until the figures show the new run (a fixed wait was not
 *  enough on a loaded machine: a click made while the run still computed went to the what-if
 *  session of the old mode, which restarts when the run ends and drops an edit made while it
 *  starts, so the bench waited for an edit that never came). */
async function switchMode(page: Page, mode: string): Promise<void> {
  const fig = page.getByTestId('figures');
  const before = Number(await fig.getAttribute('data-run'));
  await page.getByTestId('mode-select').selectOption(mode);
  await page.waitForFunction(
    (before) => {
      const el = document.querySelector<HTMLElement>('[data-testid="figures"]');
      return Number(el?.dataset.run) > before && el?.dataset.state === 'current';
    },
    before,
    { timeout: 120_000 },
  );
}

/** What-if edits on the full demo: 8 canteens added by clicks in edit mode, in network mode and
 *  then in straight mode; median worker ms per edit and median ms from pointer down to the
 *  figures showing the edit (page clock; excludes map repaint). */
async function whatIfEdits(page: Page): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const ready = (n: number) =>
    page.waitForFunction(
      (n) => {
        const el = document.querySelector<HTMLElement>('[data-testid="whatif-figures"]');
        return el?.dataset.busy === 'false' && el.dataset.covered !== '' && el.dataset.edits === String(n);
      },
      n,
      { timeout: 120_000 },
    );
  await page.getByTestId('whatif-edit').click();
  await ready(0);
  // Page-side clock: pointer down on the map → the figures showing the edit (not Playwright's polling).
  await page.evaluate(() => {
    const w = window as unknown as { __t0: number; __t1: number };
    document.querySelector('[data-testid="map"]')!.addEventListener(
      'pointerdown',
      () => {
        w.__t0 = performance.now();
      },
      true,
    );
    new MutationObserver(() => {
      const el = document.querySelector<HTMLElement>('[data-testid="whatif-figures"]');
      if (el?.dataset.busy === 'false') w.__t1 = performance.now();
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-busy', 'data-edits'] });
  });
  const box = (await page.getByTestId('map').boundingBox())!;
  let n = 0;
  for (const mode of ['network', 'straight']) {
    if (mode === 'straight') {
      // The new run restarts the what-if session (busy once the figures show it, then ready again).
      const before = Number(await page.getByTestId('figures').getAttribute('data-run'));
      await page.evaluate((before) => {
        const w = window as unknown as { __restarted: boolean };
        w.__restarted = false;
        new MutationObserver((_, obs) => {
          const fig = document.querySelector<HTMLElement>('[data-testid="figures"]')?.dataset;
          const busy = document.querySelector<HTMLElement>('[data-testid="whatif-figures"]')?.dataset.busy;
          if (Number(fig?.run) > before && fig?.state === 'current' && busy === 'true') {
            w.__restarted = true;
            obs.disconnect();
          }
        }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-busy', 'data-run', 'data-state'] });
      }, before);
      await switchMode(page, 'straight');
      await page.waitForFunction(() => (window as unknown as { __restarted: boolean }).__restarted, undefined, { timeout: 120_000 });
      await ready(n);
    }
    const worker: number[] = [],
      trip: number[] = [];
    for (let k = 0; k < 8; k++) {
      let x = box.width * (0.3 + 0.05 * k);
      const y = box.height * (0.35 + (k % 3) * 0.1);
      // A click on a facility selects it instead of adding: step aside until the spot is free.
      while (
        await page.evaluate(
          ([x, y]) => window.__scp!.map.queryRenderedFeatures([x, y], { layers: ['siting-edit-points'] }).length > 0,
          [x, y],
        )
      )
        x += 12;
      await page.mouse.click(box.x + x, box.y + y);
      await ready(++n);
      trip.push(
        await page.evaluate(() => {
          const w = window as unknown as { __t0: number; __t1: number };
          return w.__t1 - w.__t0;
        }),
      );
      worker.push(Number(await page.getByTestId('whatif-figures').getAttribute('data-ms')));
    }
    const med = (a: number[]) => a.sort((x, y) => x - y)[a.length >> 1];
    out[`whatif-${mode}-worker`] = med(worker);
    out[`whatif-${mode}-click`] = med(trip);
  }
  return out;
}
/** Switching between two scenarios on the full demo (canteens in network mode): the first holds
 *  the what-if canteens above, the second is its copy with one canteen more. Median ms from the
 *  scenario picked in the list to its figures shown (page clock: the worker runs the canteen type
 *  on the scenario's facilities, the page merges the untouched types from 现状). */
async function scenarioSwitch(page: Page): Promise<Record<string, number>> {
  const settled = (key: string) =>
    page.waitForFunction(
      (key) => {
        const el = document.querySelector<HTMLElement>('[data-testid="scenario-changes"]');
        return (
          el?.dataset.busy === 'false' && document.querySelector<HTMLElement>('[data-testid="shown-scenario"]')?.dataset.scenario === key
        );
      },
      key,
      { timeout: 120_000 },
    );
  await switchMode(page, 'network');
  const first = await page.getByTestId('scenario-select').inputValue();
  await settled(first);
  await page.getByTestId('scenario-duplicate').click();
  const second = await page.getByTestId('scenario-select').inputValue();
  await settled(second);
  const box = (await page.getByTestId('map').boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.62, box.y + box.height * 0.55);
  await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="whatif-figures"]')?.dataset.busy === 'false');
  await settled(second);
  await page.getByTestId('whatif-edit').click();
  await page.evaluate(() => {
    const w = window as unknown as { __s0: number; __s1: number; __key: string };
    document.querySelector('[data-testid="scenario-select"]')!.addEventListener(
      'change',
      (e) => {
        w.__s0 = performance.now();
        w.__s1 = NaN;
        w.__key = (e.target as HTMLSelectElement).value;
      },
      true,
    );
    // Done when the map and figures show the picked scenario's own run.
    new MutationObserver(() => {
      const el = document.querySelector<HTMLElement>('[data-testid="scenario-changes"]');
      const shown = document.querySelector<HTMLElement>('[data-testid="shown-scenario"]')?.dataset.scenario;
      if (el?.dataset.busy === 'false' && shown === w.__key && Number.isNaN(w.__s1)) w.__s1 = performance.now();
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-busy', 'data-scenario'] });
  });
  const times: number[] = [];
  for (let k = 0; k < 6; k++) {
    const key = k % 2 ? second : first;
    await page.getByTestId('scenario-select').selectOption(key);
    await settled(key);
    times.push(
      await page.evaluate(() => {
        const w = window as unknown as { __s0: number; __s1: number };
        return w.__s1 - w.__s0;
      }),
    );
  }
  return { 'scenario-switch': times.sort((x, y) => x - y)[times.length >> 1] };
}

/** Types a new threshold for the shown type and returns ms from the keystroke until the map has
 *  repainted the community fills of the new run (App marks scp:coverage-drawn), less the debounce. */
async function thresholdRedraw(page: Page, minutes: number): Promise<number> {
  return page.evaluate(
    async ({ minutes, debounce }) => {
      const drawn = () => performance.getEntriesByName('scp:coverage-drawn');
      const fig = document.querySelector<HTMLElement>('[data-testid="figures"]')!;
      const before = Number(fig.dataset.run),
        marks = drawn().length;
      const input = document.querySelector<HTMLInputElement>('[data-testid="minutes-input"]')!;
      const t0 = performance.now();
      // React listens to native input events; set the value through the prototype setter.
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, String(minutes));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      for (;;) {
        const el = document.querySelector<HTMLElement>('[data-testid="figures"]')!;
        if (Number(el.dataset.run) > before && el.dataset.state === 'current' && drawn().length > marks) break;
        if (performance.now() - t0 > 60_000) return NaN;
        await new Promise((r) => setTimeout(r, 5));
      }
      return drawn()[drawn().length - 1].startTime - t0 - debounce;
    },
    { minutes, debounce: DEBOUNCE_MS },
  );
}

/** Frame times (ms between animation frames) while the map pans a square, 4 × 1.5 s, at zoom 13
 *  over the densest community, once households are drawn; `withPoints` false hides them (baseline). */
async function panFrames(page: Page, withPoints: boolean, center: [number, number]): Promise<number[]> {
  await page.evaluate(
    async ({ withPoints, center }) => {
      const map = window.__scp!.map;
      map.setLayoutProperty('household-points', 'visibility', withPoints ? 'visible' : 'none');
      map.jumpTo({ center, zoom: 13 });
      for (let k = 0; k < 600; k++) {
        const ready = map.loaded() && map.areTilesLoaded() && (!withPoints || map.querySourceFeatures('households').length > 0);
        if (ready) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    { withPoints, center },
  );
  const frames = await page.evaluate(async () => {
    const map = window.__scp!.map;
    const deltas: number[] = [];
    let last = performance.now(),
      on = true;
    const tick = (t: number) => {
      deltas.push(t - last);
      last = t;
      if (on) requestAnimationFrame(tick);
    };
    requestAnimationFrame((t) => {
      last = t;
      requestAnimationFrame(tick);
    });
    for (const [dx, dy] of [
      [500, 0],
      [0, 350],
      [-500, 0],
      [0, -350],
    ]) {
      map.panBy([dx, dy], { duration: 1500, easing: (x: number) => x });
      await new Promise((r) => map.once('moveend', r));
    }
    on = false;
    return deltas;
  });
  await page.evaluate(() => window.__scp!.map.setLayoutProperty('household-points', 'visibility', 'visible'));
  return frames;
}

/** Waits (at most 10 s) until the fresh browser's own start-up work is done: its processes used
 *  under 5 % of a core over the last half second. A planner opens the app in a browser that is
 *  already running; a fresh one loads its own pages meanwhile (≈1.2 s of renderer CPU). */
async function browserSettled(dir: string): Promise<void> {
  const total = (c: ReturnType<typeof processCpu>) => [...c.values()].reduce((a, p) => a + p.ms, 0);
  const end = Date.now() + 10_000;
  let before = total(processCpu(dir));
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, 500));
    const now = total(processCpu(dir));
    if (now - before < 25) return;
    before = now;
  }
}

const sec = (x: number) => (Number.isFinite(x) ? `${(x / 1000).toFixed(2)} s` : '–');
const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : '–');
const quantile = (a: number[], q: number) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/** Pan frame times with and without the household points, into `row`. */
async function pans(page: Page, row: Record<string, number>, log: (what: string) => void): Promise<void> {
  // The densest community's seat (read at the start-up view, where the per-community circles show).
  const center = await page.evaluate(() => {
    const seats = window.__scp!.map.querySourceFeatures('household-agg');
    let best = seats[0];
    for (const f of seats) if (Number(f.properties.households) > Number(best.properties.households)) best = f;
    return (best.geometry as GeoJSON.Point).coordinates as [number, number];
  });
  const pan = await panFrames(page, true, center);
  log(`pan with points: ${pan.length} frames`);
  const panBase = await panFrames(page, false, center);
  Object.assign(row, {
    panMedian: quantile(pan, 0.5),
    panP95: quantile(pan, 0.95),
    panBaseMedian: quantile(panBase, 0.5),
    panBaseP95: quantile(panBase, 0.95),
  });
}

function printProfile(what: string, profile: ReturnType<typeof selfTimes>): void {
  console.log(`CPU profile of ${what}, self time per thread:`);
  for (const t of profile) {
    console.log(`  ${t.thread}: ${t.totalMs.toFixed(0)} ms`);
    for (const r of t.rows) console.log(`    ${r.ms.toFixed(0).padStart(6)} ms  ${r.fn}`);
  }
}

const server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false }, logLevel: 'warn' });
const url = server.resolvedUrls!.local[0];
const rows: Record<string, number>[] = [];
try {
  for (let k = 0; k < runs; k++) {
    const s = await openSession();
    await browserSettled(s.dir);
    // tsx's esbuild wraps named inner functions of the page-side callbacks below in a __name helper.
    await s.page.addInitScript('window.__name = (f) => f');
    const cdp = flag('--profile') && k === 0 ? await s.context.newCDPSession(s.page) : null;
    if (cdp) await startTrace(cdp);
    const cpu0 = processCpu(s.dir),
      threads0 = rendererThreadCpu(s.dir);
    // Read at the first analysis drawn, not at map ready: the map's context layers come after it.
    await s.page.goto(`${url}?type=elderly_canteen`);
    await s.page.waitForFunction(() => performance.getEntriesByName('scp:analysis-shown').length > 0, undefined, { timeout: 300_000 });
    const cpu = cpuSince(cpu0, processCpu(s.dir)),
      threads = cpuSince(threads0, rendererThreadCpu(s.dir));
    if (cdp) {
      printProfile('the start-up (navigation → first analysis drawn)', selfTimes(await stopTrace(cdp), new URL(url).origin));
    }
    await s.page.waitForFunction(() => document.body.dataset.mapReady === 'true', undefined, { timeout: 300_000 });
    const marks = await s.page.evaluate(() =>
      Object.fromEntries(
        performance
          .getEntriesByType('mark')
          .filter((m) => m.name.startsWith('scp:'))
          .map((m) => [m.name.slice(4), m.startTime]),
      ),
    );
    // Every type computed (the shown one is drawn first): the figures stop showing as stale.
    const allTypes = await s.page.evaluate(async () => {
      for (;;) {
        if (document.querySelector<HTMLElement>('[data-testid="figures"]')?.dataset.state === 'current') return performance.now();
        await new Promise((r) => setTimeout(r, 10));
      }
    });
    const row: Record<string, number> = { ...marks, 'all-types': allTypes };
    for (const [kind, ms] of Object.entries(cpu)) row[`cpu-${kind}`] = ms;
    for (const [kind, ms] of Object.entries(threads)) row[`cpu-renderer-${kind}`] = ms;
    const log = (what: string) => console.error(`run ${k + 1}: ${what}`);
    log(`first analysis drawn at ${sec(row['analysis-shown'])}`);
    const current = Number(await s.page.getByTestId('minutes-input').inputValue());
    const redraws = [];
    for (const m of [current + 5, current - 3, current + 1]) redraws.push(await thresholdRedraw(s.page, m));
    if (cdp) {
      await startTrace(cdp);
      redraws.push(await thresholdRedraw(s.page, current));
      printProfile('a threshold change (keystroke → fills repainted)', selfTimes(await stopTrace(cdp), new URL(url).origin));
    }
    row.redraw = quantile(redraws, 0.5);
    log(`threshold re-draws ${redraws.map(ms).join(', ')}`);
    if (!flag('--no-pan')) await pans(s.page, row, log);
    if (!flag('--no-whatif')) {
      try {
        Object.assign(row, await whatIfEdits(s.page), await scenarioSwitch(s.page));
      } catch (e) {
        console.log(`run ${k + 1}: what-if / scenario figures failed: ${(e as Error).message.split('\n')[0]}`);
      }
    }
    row.heapMB =
      (await s.page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN)) /
      2 ** 20;
    rows.push(row);
    await s.close();
  }
} finally {
  await server.close();
}

const med = (k: string) => quantile(rows.map((r) => r[k] ?? NaN).filter(Number.isFinite), 0.5);
console.log(
  `app bench: ${rows.length} run(s) on the demo, headless Chromium with software GL; the machine is shared, so wall times run high`,
);
console.log('\nper run (s from navigation start):');
for (const [i, r] of rows.entries())
  console.log(
    `  ${i + 1}: ` +
      Object.entries(r)
        .map(([k, v]) => `${k} ${k === 'heapMB' ? v.toFixed(0) : (v / 1000).toFixed(3)}`)
        .join(', '),
  );
const table: [string, string, string][] = [
  ['boundaries and facilities set on the map, from navigation', sec(med('boundaries-set')), 'target < 2.00 s'],
  ['map ready (every layer drawn; context after the analysis)', sec(med('map-ready')), '(no target)'],
  ['data loaded (all layers read), from navigation', sec(med('data-loaded')), 'target < 2.00 s'],
  ['first complete analysis drawn, from navigation', sec(med('analysis-shown')), 'target < 3.00 s (was 5.9 s)'],
  ['every type computed (figures current), from navigation', sec(med('all-types')), '(no target; was the first analysis)'],
  [
    'CPU until the first analysis drawn: renderer / GPU / rest',
    `${sec(med('cpu-renderer'))} / ${sec(med('cpu-gpu-process'))} / ${sec(med('cpu-other'))}`,
    '(no target; less load-bound than wall)',
  ],
  [
    '  renderer: page main / workers / thread pool / rest',
    ['main', 'workers', 'thread-pool', 'rest'].map((k) => sec(med(`cpu-renderer-${k}`))).join(' / '),
    `+ Chromium's own pages ${sec(med('cpu-renderer-webui'))}; thread pool: V8 compiling, GC`,
  ],
  ['threshold change re-drawn, after the 250 ms debounce', ms(med('redraw')), 'target < 300 ms'],
  [
    'pan at zoom 13 over household points: median / P95 frame',
    `${ms(med('panMedian'))} / ${ms(med('panP95'))}`,
    `target P95 < 50 ms; without points ${ms(med('panBaseMedian'))} / ${ms(med('panBaseP95'))}`,
  ],
];
console.log('\nmedians:');
for (const [name, v, target] of table) console.log(`  ${name.padEnd(58)} ${v.padStart(17)}   ${target}`);
if (rows.some((r) => Number.isFinite(r['whatif-network-worker']))) {
  console.log(
    `  what-if edit, ms per edit (worker / pointer-down to figures): network ${med('whatif-network-worker').toFixed(1)} / ${med('whatif-network-click').toFixed(0)}, straight ${med('whatif-straight-worker').toFixed(1)} / ${med('whatif-straight-click').toFixed(0)}`,
  );
  console.log(`  scenario switch (pick in the list → figures shown), median ms: ${med('scenario-switch').toFixed(0)}`);
}
