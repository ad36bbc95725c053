// --cache DIR: what reading input files produced, kept in DIR under a key made of each file's
// path, size and modification time and of everything else that shapes the result (options, the
// format version), so a re-run on the same files skips reading them. What the reading printed is
// kept too and printed again. A missing, stale or damaged cache file is rebuilt, never trusted;
// an unwritable DIR only warns. File tests, reads and writes are synchronous (output.ts says why).
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { writeAtomic } from './output.ts';
import { dirname, join, resolve } from 'node:path';
import { packTree, unpackTree, type ReadAt } from '../io/typed-pack.ts';

/** Bump when a cached record's layout or meaning changes. */
const VERSION = 4;
const MAGIC = 'SCPCACHE';

/** The key of `files` (path, size, mtime) and `options`; null when a file cannot be examined
 *  (then nothing is cached and reading reports the problem). */
function keyOf(kind: string, files: string[], options: unknown): string | null {
  const stats: [string, number, number][] = [];
  for (const f of files) {
    try {
      const s = statSync(f);
      if (!s.isFile()) return null;
      stats.push([resolve(f), s.size, s.mtimeMs]);
    } catch {
      return null;
    }
  }
  return createHash('sha256').update(JSON.stringify({ VERSION, kind, stats, options })).digest('hex').slice(0, 32);
}

/** The cache file in `dir` of `kind` for `files` and `options`; null when a file cannot be
 *  examined (then nothing is cached). */
export function cacheFile(dir: string, kind: string, files: string[], options: unknown): string | null {
  const key = keyOf(kind, files, options);
  return key ? join(dir, `${kind}-${key}.scp`) : null;
}

/** The file stays open while its record may still read arrays from it (typed-pack.ts reads
 *  each when first used): until every array is read, or nothing can call its reader any more.
 *  Reading from the open file, not the path, keeps a record whole when another run replaces the
 *  file meanwhile. */
const openFiles = new FinalizationRegistry<number>((fd) => closeSync(fd));

/** The record kept in `file` with the lines its reading printed; null when missing or damaged. */
export function readCache<T>(file: string): { value: T; lines: string[] } | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  const readAt: ReadAt = (position, length) => {
    const b = new Uint8Array(length);
    let got = 0;
    for (let n = 1; got < length && n > 0; got += n) n = readSync(fd, b, got, length - got, position + got);
    return b.subarray(0, got);
  };
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
    openFiles.unregister(readAt);
  };
  openFiles.register(readAt, fd, readAt);
  let hit: { value: T; lines: string[] } | null = null;
  try {
    hit = unpackTree(fstatSync(fd).size, readAt, MAGIC, close) as { value: T; lines: string[] } | null;
  } catch {
    // unreadable: as missing
  }
  if (hit && Array.isArray(hit.lines) && hit.value) return hit;
  close();
  return null;
}

/** Keeps `value` (and `lines`) in `file`; an unwritable directory only warns through `log`. */
export function writeCache(file: string, value: unknown, lines: string[], log: (s: string) => void): void {
  const dir = dirname(file);
  try {
    mkdirSync(dir, { recursive: true });
    writeAtomic(file, packTree({ value, lines }, MAGIC));
  } catch (e) {
    const why = ((e as Error).cause ?? e) as NodeJS.ErrnoException;
    log(`warning: cannot write the cache in ${dir} (${why.code ?? why.message}); continuing without it`);
  }
}

/** `read`'s result from `dir` when cached for the same files and options, else read (its lines
 *  printed through `log`) and written to `dir`. `valid` checks a cached record's shape. */
export async function cachedRead<T>(
  dir: string,
  kind: string,
  files: string[],
  options: unknown,
  read: (log: (s: string) => void) => Promise<T>,
  log: (s: string) => void,
  valid: (t: T) => boolean = () => true,
): Promise<T> {
  const file = cacheFile(dir, kind, files, options);
  const hit = file ? readCache<T>(file) : null;
  if (hit && valid(hit.value)) {
    for (const line of hit.lines) log(line);
    return hit.value;
  }
  const lines: string[] = [];
  const value = await read((s) => {
    lines.push(s);
    log(s);
  });
  if (file) writeCache(file, value, lines, log);
  return value;
}
