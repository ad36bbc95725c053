import { createReadStream, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import type { Connect, Plugin } from 'vite';

// The preview server gzips every response whose type it does not know, and it knows no type for
// .fgb or .tif: 0.6 s of its CPU for the demo's 40 MB of households, then inflating in the browser,
// both on the critical path of the app's start. Binary data goes as it is.
const binaryTypes: Connect.NextHandleFunction = (req, res, next) => {
  if (/\.(fgb|tif)(\?|$)/.test(req.url ?? '')) res.setHeader('Content-Type', 'application/octet-stream');
  next();
};

/** Sends a demo `.gz` file (households.fgb.gz) as the bytes it holds, as a plain static server
 *  (nginx, IIS) does: sirv would label it Content-Encoding: gzip, and the browser would inflate it
 *  before the loader could count the compressed bytes for its progress bar. */
const gzAsData =
  (root: string): Connect.NextHandleFunction =>
  (req, res, next) => {
    const name = /^\/demo\/([\w-]+(?:\.[\w-]+)*\.gz)(\?|$)/.exec(req.url ?? '')?.[1];
    if (!name || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    const file = join(root, 'demo', name);
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      return next();
    }
    res.setHeader('Content-Type', 'application/gzip');
    res.setHeader('Content-Length', String(size));
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  };

const demoData: Plugin = {
  name: 'scp-demo-data',
  configureServer(server) {
    server.middlewares.use(gzAsData(server.config.publicDir));
  },
  configurePreviewServer(server) {
    server.middlewares.use(gzAsData(resolve(server.config.root, server.config.build.outDir)));
    server.middlewares.use(binaryTypes);
  },
};

export default defineConfig({
  plugins: [react(), demoData],
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/{core,io,data,cli,ui}/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
      },
      {
        // Real Chromium against the built app (dist/), served by test/e2e/setup.ts.
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
