// GDAL compiled to WebAssembly (gdal3.js, ≈ 40 MB of wasm and data), loaded only when a file
// needs it: in the browser from the app's own built files (gdal-web.ts), in Node (the CLI,
// tests) from node_modules (gdal-node.ts). Both hand the reader the same small interface.

/** A dataset GDAL opened, as gdal3.js returns it. */
export interface GdalDataset {
  pointer: number;
  path: string;
  type: string;
}

/** The part of gdal3.js the readers use. */
export interface Gdal {
  open(fileOrFiles: unknown, options?: string[], vfsHandlers?: string[]): Promise<{ datasets: GdalDataset[]; errors: unknown[] }>;
  close(ds: GdalDataset): Promise<void>;
  getInfo(ds: GdalDataset): Promise<{ driverName: string; layers?: { name: string; featureCount: number }[] }>;
  ogr2ogr(ds: GdalDataset, options: string[], outputName?: string): Promise<{ local: string; real: string }>;
  getFileBytes(path: string | { local: string; real: string }): Promise<Uint8Array>;
}

/** GDAL plus how to hand it a file's bytes (a File in the browser, a temporary path in Node). */
export interface GdalRuntime {
  gdal: Gdal;
  /** Opens the bytes as file `name`; `release` frees what the opening took once the datasets are closed. */
  open(
    name: string,
    bytes: Uint8Array,
    vfs: string[],
    openOptions: string[],
  ): Promise<{ datasets: GdalDataset[]; errors: unknown[]; release: () => void }>;
  /** GDAL's error messages since the last call (its own `errors` lists are often empty). */
  takeErrors(): string[];
}

/** Collects GDAL's error messages instead of printing them (they go into ImportError details). */
export function errorLog(): { handler: (message: string, type: string) => void; take: () => string[] } {
  let messages: string[] = [];
  return {
    handler: (message, type) => {
      if (type === 'stderr' && messages.length < 20) messages.push(message.replace(/^ERROR \d+: /, ''));
    },
    take: () => {
      const m = messages;
      messages = [];
      return m;
    },
  };
}

let runtime: Promise<GdalRuntime> | null = null;

// Kept out of the browser bundle: a specifier Vite does not follow.
const NODE_RUNTIME = './gdal-node.ts';

/** The GDAL runtime, initialised once on first use. */
export function gdalRuntime(): Promise<GdalRuntime> {
  if (!runtime) {
    const node = typeof window === 'undefined' && typeof process !== 'undefined' && !!process.versions?.node;
    runtime = node
      ? import(/* @vite-ignore */ NODE_RUNTIME).then((m: { nodeRuntime: () => Promise<GdalRuntime> }) => m.nodeRuntime())
      : import('./gdal-web.ts').then((m) => m.webRuntime());
    runtime.catch(() => {
      runtime = null;
    }); // a failed load may be retried with the next file
  }
  return runtime;
}
