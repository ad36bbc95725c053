// --cache DIR: what the engine found that no threshold changes (the memo of households,
// facilities and service-circle cells, and each type's Dijkstra and household times, on each
// costed network; core/analysis/run.ts NetworkMemo) kept under the files and options the points
// and the network were read from, so a re-run with new minutes only counts and writes. The record's
// own keys name what decides the snapping and costs on each network (tolerance, class table,
// mode, snap distance, profile).
import type { NetworkMemo } from '../core/analysis/run.ts';
import type { CacheKey } from './inputs.ts';
import { cacheFile, readCache, writeCache } from './file-cache.ts';

/** The memo kept in `dir` for `key` (an empty record when none), and how to keep what a run
 *  adds to it. */
export function cachedMemo(
  dir: string,
  key: CacheKey,
): {
  memo: Record<string, NetworkMemo>;
  save: (found: Record<string, NetworkMemo>, log: (s: string) => void) => void;
} {
  const file = cacheFile(dir, 'memo', key.files, key.options);
  const hit = file ? readCache<Record<string, NetworkMemo>>(file) : null;
  const memo = hit && typeof hit.value === 'object' ? hit.value : {};
  const before = memoShape(memo);
  return {
    memo,
    save: (found, log) => {
      if (file && memoShape(found) !== before) writeCache(file, found, [], log);
    },
  };
}

/** What a record holds, as text, without reading its arrays: snaps, Dijkstras and cells only
 *  grow, but a type's times are replaced when found under other settings (speed, demand…). */
function memoShape(r: Record<string, NetworkMemo>): string {
  return JSON.stringify(
    Object.entries(r).map(([k, s]) => [
      k,
      !!s.homes,
      !!s.facilities,
      Object.keys(s.paths ?? {}),
      Object.values(s.cells ?? {}).map((c) => c.n),
      Object.entries(s.times ?? {}).map(([code, t]) => [code, t.key]),
    ]),
  );
}
