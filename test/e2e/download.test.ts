// The demo's households download gzipped (households.fgb.gz, 7.7× fewer bytes than the .fgb) and
// are inflated in the loading worker; on a slow link the loading bar moves with the compressed
// bytes received, never backwards, and the demo loads as ever.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { openApp, openSession, type Session } from './browser';

let s: Session;
const requested: { url: string; length: string | undefined }[] = [];

describe('the demo download on a slow link', () => {
  beforeAll(async () => {
    s = await openSession();
    s.context.on('response', (r) => requested.push({ url: r.url(), length: r.headers()['content-length'] }));
    // Every value the loading bar shows, with its label (which names the step).
    await s.page.addInitScript(() => {
      const seen: [number, string][] = [];
      (window as unknown as { __bar: typeof seen }).__bar = seen;
      new MutationObserver(() => {
        const bar = document.querySelector<HTMLElement>('[data-testid="load-progress"]');
        if (!bar) return;
        const v = Number(bar.getAttribute('aria-valuenow'));
        const label = bar.textContent ?? '';
        if (!seen.length || seen[seen.length - 1][0] !== v || seen[seen.length - 1][1] !== label) seen.push([v, label]);
      }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
    });
    const cdp = await s.context.newCDPSession(s.page);
    await cdp.send('Network.enable');
    // ≈ 12 Mbit/s, shared by every download: the 5 MB of households take 3.5 s or more, long enough
    // for the page to show their progress on a loaded machine.
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 2, downloadThroughput: 1.5e6, uploadThroughput: 1.5e6 });
    await openApp(s.page, inject('baseUrl'));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('fetches the gzipped households, not the .fgb', () => {
    const gz = requested.filter((r) => r.url.endsWith('/demo/households.fgb.gz'));
    expect(gz).toHaveLength(1);
    expect(Number(gz[0].length)).toBe(statSync('dist/demo/households.fgb.gz').size);
    expect(requested.some((r) => r.url.endsWith('/demo/households.fgb'))).toBe(false);
  });

  it('moves the loading bar forward with the bytes received', async () => {
    const bar = await s.page.evaluate(() => (window as unknown as { __bar: [number, string][] }).__bar);
    const values = bar.map(([v]) => v);
    for (let k = 1; k < values.length; k++) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
    // The households' download is the bar's first 40 % of their share (weight 0.8, first half); the
    // other layers add at most 20 %. Values under 40 % while the households are named can only
    // come from the download's compressed bytes (parsing starts at 40 %).
    const downloading = new Set(bar.filter(([v, label]) => label.includes('住户') && v > 0 && v < 40).map(([v]) => v));
    expect(downloading.size, JSON.stringify(bar)).toBeGreaterThanOrEqual(2);
  });

  it('loads the demo as ever', async () => {
    expect(await s.page.getByTestId('county-list').locator('li[data-code]').count()).toBe(13);
    expect(s.errors).toEqual([]);
  });
});

// A server may label the .gz Content-Encoding: gzip (sirv does). Whether the browser then inflated
// it shows only in the bytes: Chromium inflates a real server's response, but not one fulfilled by
// the test, so both cases are made here.
describe.each([
  ['gzip bytes (not inflated by the browser)', 'households.fgb.gz'],
  ['the .fgb bytes (inflated by the browser)', 'households.fgb'],
])('households.fgb.gz sent with Content-Encoding: gzip, as %s', (_, file) => {
  let t: Session;
  beforeAll(async () => {
    t = await openSession();
    const body = readFileSync(`dist/demo/${file}`);
    await t.context.route('**/demo/households.fgb.gz', (r) =>
      r.fulfill({ status: 200, body, headers: { 'Content-Encoding': 'gzip', 'Content-Length': String(body.length) } }),
    );
    await openApp(t.page, inject('baseUrl'));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('loads the demo', async () => {
    expect(await t.page.getByTestId('county-list').locator('li[data-code]').count()).toBe(13);
    expect(await t.page.getByTestId('demo-error').count()).toBe(0);
    expect(t.errors).toEqual([]);
  });
});
