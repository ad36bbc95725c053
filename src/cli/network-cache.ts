// --cache DIR: the prepared network (lines, graph, snapping index) kept in a file named by the
// SHA-256 of the network file's bytes and of everything else that shapes the graph (tolerance,
// the network layer's read options, the format version), so a re-run on the same network skips
// parsing and graph building. A missing, stale or damaged cache file is rebuilt, never trusted.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LineLayer } from '../core/types.ts';
import { prepareNetwork } from '../core/travel/network.ts';
import { packPrepared, unpackPrepared, type PreparedFile } from '../io/prepared-network.ts';
import { MAX_IMPORT_BYTES } from '../io/load.ts';
import { readBounded } from './read.ts';

/** Bump when graph building, snapping's index or the file layout change what a file holds. */
const VERSION = 3;

/** The network of `path` prepared for `toleranceM`: from `dir` when cached, else built by
 *  `read` (which parses the file) and then written to `dir`. */
export async function cachedNetwork(
  path: string,
  dir: string,
  toleranceM: number,
  readOptions: unknown,
  read: () => Promise<LineLayer>,
  log: (s: string) => void,
): Promise<PreparedFile> {
  const bytes = await readBounded(path, MAX_IMPORT_BYTES);
  const key = createHash('sha256').update(bytes).update(JSON.stringify({ VERSION, toleranceM, readOptions })).digest('hex').slice(0, 32);
  const file = join(dir, `network-${key}.scpnet`);
  const hit = await readFile(file).then(
    (b) => unpackPrepared(new Uint8Array(b.buffer, b.byteOffset, b.byteLength)),
    () => null,
  );
  if (hit && hit.prepared.toleranceM === toleranceM) return hit;
  const lines = await read();
  const made: PreparedFile = { lines, prepared: { ...prepareNetwork(lines, toleranceM), toleranceM } };
  try {
    await mkdir(dir, { recursive: true });
    // Written aside then renamed: a run stopped half-way never leaves a cut file under the key.
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, packPrepared(made));
    await rename(tmp, file);
  } catch (e) {
    log(
      `analyze: warning: cannot write the network cache in ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); continuing without it`,
    );
  }
  return made;
}
