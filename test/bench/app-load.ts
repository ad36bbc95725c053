// App load benchmark (a script, not a test): serves dist/ with vite preview, opens it in headless
// Chromium and prints the times from navigation to data loaded, map drawn, first complete
// analysis on screen, and a re-run after a threshold change. Run: npx vite build && npx tsx test/bench/app-load.ts
import { preview } from 'vite';
import { openApp, openSession } from '../e2e/browser';

const runs = Number(process.argv[2] ?? 3);
const server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false }, logLevel: 'warn' });
const url = server.resolvedUrls!.local[0];
const rows: Record<string, number>[] = [];
try {
  for (let k = 0; k < runs; k++) {
    const s = await openSession();
    await openApp(s.page, `${url}?type=elderly_canteen`);
    await s.page.waitForFunction(() => performance.getEntriesByName('scp:analysis-shown').length > 0, undefined, { timeout: 300_000 });
    const marks = await s.page.evaluate(() => Object.fromEntries(
      performance.getEntriesByType('mark').filter((m) => m.name.startsWith('scp:')).map((m) => [m.name.slice(4), m.startTime])));
    // Re-run: change the threshold and time until the figures show the new run as current.
    // (No named inner functions: tsx's esbuild would wrap them in a __name helper the page lacks.)
    const rerun = await s.page.evaluate(async () => {
      const fig = document.querySelector<HTMLElement>('[data-testid="figures"]')!;
      const before = Number(fig.dataset.run);
      const input = document.querySelector<HTMLInputElement>('[data-testid="minutes-input"]')!;
      const t0 = performance.now();
      // React listens to native input events; set the value through the prototype setter.
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, '20');
      input.dispatchEvent(new Event('input', { bubbles: true }));
      for (;;) {
        const el = document.querySelector<HTMLElement>('[data-testid="figures"]')!;
        if (Number(el.dataset.run) > before && el.dataset.state === 'current') break;
        await new Promise((r) => setTimeout(r, 20));
      }
      return performance.now() - t0;
    });
    const mem = await s.page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN);
    rows.push({ ...marks, rerun, heapMB: mem / 2 ** 20 });
    await s.close();
  }
} finally {
  await server.close();
}
const fmt = (x: number) => (Number.isFinite(x) ? (x / 1000).toFixed(2).padStart(7) : '      –');
console.log('run  data-loaded  map-ready  analysis-shown  re-run(20 min, incl. 250 ms debounce)  main heap MB');
rows.forEach((r, i) => console.log(`${String(i + 1).padStart(3)}  ${fmt(r['data-loaded'])} s  ${fmt(r['map-ready'])} s  ${fmt(r['analysis-shown'])} s       ${fmt(r.rerun)} s                             ${r.heapMB.toFixed(0)}`));
console.log('all marks (s):', rows.map((r) => Object.entries(r).map(([k, v]) => `${k} ${(v / (k === 'heapMB' ? 1 : 1000)).toFixed(2)}`).join(', ')).join('\n  '));
const med = (k: string) => rows.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(rows.length / 2)];
console.log(`median: map ready ${fmt(med('map-ready'))} s, first analysis ${fmt(med('analysis-shown'))} s, re-run ${fmt(med('rerun'))} s (times from navigation start)`);
