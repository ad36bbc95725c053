import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

// The preview server gzips every response whose type it does not know, and it knows no type for
// .fgb or .tif: 0.6 s of its CPU for the demo's 40 MB of households, then inflating in the browser,
// both on the critical path of the app's start. Binary data goes as it is.
const binaryData: Plugin = {
  name: 'scp-binary-data',
  configurePreviewServer(server) {
    server.middlewares.use((req, res, next) => {
      if (/\.(fgb|tif)(\?|$)/.test(req.url ?? '')) res.setHeader('Content-Type', 'application/octet-stream');
      next();
    });
  },
};

export default defineConfig({
  plugins: [react(), binaryData],
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
