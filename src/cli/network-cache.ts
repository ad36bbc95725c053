// --cache DIR: the prepared network (lines, graph, snapping index) kept by file-cache.ts under the
// network file (path, size, mtime) and everything else that shapes the graph (tolerance, the
// network layer's read options), so a re-run on the same network skips parsing and graph building.
import type { LineLayer } from '../core/types.ts';
import { prepareNetwork, type PreparedNetwork } from '../core/travel/network.ts';
import { cachedRead } from './file-cache.ts';

/** A network's lines with their graph and snapping index. */
export interface PreparedFile {
  lines: LineLayer;
  prepared: PreparedNetwork;
}

/** The network of `path` prepared for `toleranceM`: from `dir` when cached, else built by
 *  `read` (which parses the file) and then written to `dir`. */
export async function cachedNetwork(
  path: string,
  dir: string,
  toleranceM: number,
  readOptions: unknown,
  read: (log: (s: string) => void) => Promise<LineLayer>,
  log: (s: string) => void,
): Promise<PreparedFile> {
  return cachedRead<PreparedFile>(
    dir,
    'network',
    [path],
    { toleranceM, readOptions },
    async (log) => {
      const lines = await read(log);
      return { lines, prepared: { ...prepareNetwork(lines, toleranceM), toleranceM } };
    },
    log,
    (c) => !!c.lines && !!c.prepared?.graph && !!c.prepared.index && c.prepared.toleranceM === toleranceM,
  );
}
