// Launches the system Chromium headless through playwright-core (no bundled browsers here) with
// the flags that keep it quiet on a closed network, and records console errors per page.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  /** The browser's own user-data-dir (names its processes, e.g. for test/bench/process-cpu.ts). */
  dir: string;
  close: () => Promise<void>;
}

const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
];

/** A fresh Chromium (own user-data-dir) with one page at 1280×800. */
export async function openSession(): Promise<Session> {
  const dir = mkdtempSync(join(tmpdir(), 'scp-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: FLAGS,
    viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return {
    context,
    page,
    errors,
    dir,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens `url` and waits until the app reports the map drawn with data. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.mapReady === 'true', undefined, { timeout: 120_000 });
}

/** Counts canvas pixels within `tol` (per channel) of each hex colour, from the map's own buffer. */
/** Waits until the app shows its first analysis and has finished every type (the first type is
 *  shown before the rest are computed). */
export async function waitForAllTypes(page: Page): Promise<void> {
  await page.waitForFunction(
    () => performance.getEntriesByName('scp:analysis-shown').length > 0 && !document.querySelector('[data-testid="run-progress"]'),
    undefined,
    { timeout: 170_000 },
  );
}

export async function countMapColours(page: Page, colours: string[], tol = 24): Promise<number[]> {
  return page.evaluate(
    async ({ colours, tol }) => {
      const map = window.__scp!.map;
      const url = map.getCanvas().toDataURL('image/png');
      const img = new Image();
      img.src = url;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      const rgb = colours.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
      const counts = colours.map(() => 0);
      for (let i = 0; i < px.length; i += 4) {
        for (let k = 0; k < rgb.length; k++) {
          const [r, g, b] = rgb[k];
          if (Math.abs(px[i] - r) <= tol && Math.abs(px[i + 1] - g) <= tol && Math.abs(px[i + 2] - b) <= tol) counts[k]++;
        }
      }
      return counts;
    },
    { colours, tol },
  );
}
