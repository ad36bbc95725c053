// --cache DIR: what snapping found (households, facilities, service-circle cells on each costed
// network; core/analysis/run.ts NetworkSnaps) kept under the files and options the points and
// the network were read from, so a re-run with new minutes only routes, counts and writes. The
// record's own keys name what decides the snapping on each network (tolerance, class table,
// mode, snap distance, profile).
import type { NetworkSnaps } from '../core/analysis/run.ts';
import type { CacheKey } from './inputs.ts';
import { cacheFile, readCache, writeCache } from './file-cache.ts';

/** The snaps kept in `dir` for `key` (an empty record when none), and how to keep what a run
 *  adds to them. */
export async function cachedSnaps(
  dir: string,
  key: CacheKey,
): Promise<{
  snaps: Record<string, NetworkSnaps>;
  save: (found: Record<string, NetworkSnaps>, log: (s: string) => void) => Promise<void>;
}> {
  const file = await cacheFile(dir, 'snaps', key.files, key.options);
  const hit = file ? await readCache<Record<string, NetworkSnaps>>(file) : null;
  const snaps = hit && typeof hit.value === 'object' ? hit.value : {};
  const before = snapCount(snaps);
  return {
    snaps,
    save: async (found, log) => {
      if (file && snapCount(found) !== before) await writeCache(file, found, [], log);
    },
  };
}

/** How much a record holds: it only grows, so a changed count means something to keep. */
function snapCount(r: Record<string, NetworkSnaps>): number {
  let n = 0;
  for (const s of Object.values(r)) {
    n += (s.homes ? 1 : 0) + (s.facilities ? 1 : 0);
    for (const c of Object.values(s.cells ?? {})) n += c.n;
  }
  return n;
}
