// gdal3.js in the browser: its worker script, wasm and data are emitted with the app's own files
// (Vite `?url`), so nothing is fetched from another origin and the app stays offline.
import initGdalJs from 'gdal3.js';
import jsUrl from 'gdal3.js/dist/package/gdal3.js?url';
import dataUrl from 'gdal3.js/dist/package/gdal3WebAssembly.data?url';
import wasmUrl from 'gdal3.js/dist/package/gdal3WebAssembly.wasm?url';
import type { Gdal, GdalRuntime } from './gdal-runtime.ts';

export async function webRuntime(): Promise<GdalRuntime> {
  performance.mark('scp:gdal-start');
  // GDAL runs in its own worker; the config is posted to it, so it can carry no functions (log
  // handlers): GDAL's messages stay in that worker's console.
  const gdal = (await initGdalJs({ paths: { wasm: wasmUrl, data: dataUrl, js: jsUrl }, useWorker: true })) as unknown as Gdal;
  performance.measure('scp:gdal-loaded', 'scp:gdal-start');
  return {
    gdal,
    takeErrors: () => [],
    open: async (name, bytes, vfs, openOptions) => ({
      ...(await gdal.open(new File([bytes.slice()], name), openOptions, vfs)),
      release: () => undefined,
    }),
  };
}
