// --cache DIR: what the engine found that no threshold changes (the memo of households,
// facilities and service-circle cells, and each type's Dijkstra, on each costed network;
// core/analysis/run.ts NetworkMemo) kept under the files and options the points and the network
// were read from, so a re-run with new minutes only finds times, counts and writes. The record's
// own keys name what decides the snapping and costs on each network (tolerance, class table,
// mode, snap distance, profile).
import type { NetworkMemo } from '../core/analysis/run.ts';
import type { CacheKey } from './inputs.ts';
import { cacheFile, readCache, writeCache } from './file-cache.ts';

/** The memo kept in `dir` for `key` (an empty record when none), and how to keep what a run
 *  adds to it. */
export async function cachedMemo(
  dir: string,
  key: CacheKey,
): Promise<{
  memo: Record<string, NetworkMemo>;
  save: (found: Record<string, NetworkMemo>, log: (s: string) => void) => Promise<void>;
}> {
  const file = await cacheFile(dir, 'memo', key.files, key.options);
  const hit = file ? readCache<Record<string, NetworkMemo>>(file) : null;
  const memo = hit && typeof hit.value === 'object' ? hit.value : {};
  const before = memoCount(memo);
  return {
    memo,
    save: async (found, log) => {
      if (file && memoCount(found) !== before) await writeCache(file, found, [], log);
    },
  };
}

/** How much a record holds: it only grows, so a changed count means something to keep. */
function memoCount(r: Record<string, NetworkMemo>): number {
  let n = 0;
  for (const s of Object.values(r)) {
    n += (s.homes ? 1 : 0) + (s.facilities ? 1 : 0) + Object.keys(s.paths ?? {}).length;
    for (const c of Object.values(s.cells ?? {})) n += c.n;
  }
  return n;
}
