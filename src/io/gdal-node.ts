// gdal3.js in Node (CLI, tests): it opens files by path, so the bytes go to a private temporary
// directory first (each file removed once read, the directory when the process exits).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { errorLog, type Gdal, type GdalRuntime } from './gdal-runtime.ts';

export async function nodeRuntime(): Promise<GdalRuntime> {
  const require = createRequire(import.meta.url);
  const init = require('gdal3.js/node') as (config: object) => Promise<unknown>;
  // gdal3.js finds its wasm and data relative to the working directory ("./" + path): give it
  // the package's own directory as seen from there, so the CLI runs from anywhere.
  const dir = relative(process.cwd(), join(dirname(require.resolve('gdal3.js/package.json')), 'dist/package')) || '.';
  const log = errorLog();
  const gdal = (await init({ path: `${dir}/`, logHandler: log.handler, errorHandler: log.handler })) as Gdal;
  const tmp = mkdtempSync(join(tmpdir(), 'scp-gdal-'));
  process.once('exit', () => rmSync(tmp, { recursive: true, force: true }));
  let n = 0;
  return {
    gdal,
    takeErrors: log.take,
    open: (name, bytes, vfs, openOptions) => {
      // A numbered copy keeps the extension GDAL goes by.
      const path = join(tmp, `${n++}-${name.replace(/[\\/]/g, '_')}`);
      writeFileSync(path, bytes);
      return gdal.open(path, openOptions, vfs).then(
        (r) => ({ ...r, release: () => rmSync(path, { force: true }) }),
        (e: unknown) => {
          rmSync(path, { force: true });
          throw e;
        },
      );
    },
  };
}
