// Deterministic mutations for the fuzz suite: a seeded generator (every case reproducible from
// its kind, seed and index) and byte-, text- and JSON-level mutators that favour the values that
// broke things before (1e308, negative counts, huge declared lengths, cut files).

/** mulberry32: small, fast, good enough to spread cases; not for anything secret. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
export const int = (r: Rand, n: number) => Math.floor(r() * n);
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)];

/** Numbers that sit on or past every boundary we know of. */
export const NASTY_NUMBERS = [
  0,
  -0,
  -1,
  1,
  0.5,
  1e-320,
  1e39,
  1e307,
  1e308,
  -1e308,
  2 ** 31,
  2 ** 32,
  2 ** 53,
  4294967295,
  65535,
  240.0001,
  1e6,
  -180.5,
  95,
];
const NASTY_TEXT = [
  '',
  ' ',
  '1e308',
  'NaN',
  'Infinity',
  '-1',
  '=HYPERLINK("http://x","y")',
  '@SUM(1)',
  '<img src=x onerror=alert(1)>',
  '\u0000',
  '"',
  ',',
  '\r\n',
  '老年食堂',
  '\uFFFD',
  'null',
];
const INT32S = [0, 1, -1, 0x7fffffff, -0x80000000, 0xffff, 16000, 1 << 20, 1 << 24];

/** A copy of `b` changed in one of several ways (occasionally several at once). */
export function mutateBytes(r: Rand, b: Uint8Array, others: Uint8Array[] = []): Uint8Array<ArrayBuffer> {
  let out: Uint8Array<ArrayBuffer> = Uint8Array.from(b);
  const rounds = 1 + (r() < 0.2 ? int(r, 4) : 0);
  for (let k = 0; k < rounds; k++) {
    const n = out.length;
    switch (int(r, 8)) {
      case 0: // flip a few bytes
        for (let i = 0, m = 1 + int(r, 8); i < m && n; i++) out[int(r, n)] = int(r, 256);
        break;
      case 1: // cut short
        out = out.subarray(0, int(r, n + 1)).slice();
        break;
      case 2: {
        // a 32-bit length, count or offset made extreme
        if (n < 4) break;
        const at = int(r, n - 3),
          v = pick(r, INT32S);
        new DataView(out.buffer, out.byteOffset).setInt32(at, v, r() < 0.5);
        break;
      }
      case 3: {
        // delete a chunk
        const a = int(r, n + 1),
          len = int(r, Math.min(64, n - a) + 1);
        out = Uint8Array.from([...out.subarray(0, a), ...out.subarray(a + len)]);
        break;
      }
      case 4: {
        // repeat a chunk
        const a = int(r, n + 1),
          len = int(r, Math.min(256, n - a) + 1);
        out = Uint8Array.from([...out.subarray(0, a + len), ...out.subarray(a, a + len), ...out.subarray(a + len)]);
        break;
      }
      case 5: {
        // splice another sample's tail
        const o = others.length ? pick(r, others) : out;
        out = Uint8Array.from([...out.subarray(0, int(r, n + 1)), ...o.subarray(int(r, o.length + 1))]);
        break;
      }
      case 6: // random bytes of a random length
        out = Uint8Array.from({ length: int(r, 2048) }, () => int(r, 256));
        break;
      default: {
        // bit flips
        for (let i = 0, m = 1 + int(r, 4); i < m && n; i++) out[int(r, n)] ^= 1 << int(r, 8);
      }
    }
  }
  return out;
}

/** A copy of text with a number, a quoted string or a punctuation mark replaced, or a slice cut or repeated. */
export function mutateText(r: Rand, s: string): string {
  const choice = int(r, 5);
  if (choice === 0) {
    const nums = [...s.matchAll(/-?\d+(\.\d+)?(e[+-]?\d+)?/gi)];
    if (nums.length) {
      const m = pick(r, nums);
      return s.slice(0, m.index) + String(pick(r, NASTY_NUMBERS)) + s.slice(m.index! + m[0].length);
    }
  }
  if (choice === 1) {
    const strs = [...s.matchAll(/"([^"\\]{0,40})"/g)];
    if (strs.length) {
      const m = pick(r, strs);
      return s.slice(0, m.index) + JSON.stringify(pick(r, NASTY_TEXT)) + s.slice(m.index! + m[0].length);
    }
  }
  if (choice === 2) {
    const marks = [...s.matchAll(/[[\]{},:;\n"]/g)];
    if (marks.length) {
      const m = pick(r, marks);
      return s.slice(0, m.index) + pick(r, ['', '[', '}', ',', '""', '\n', '"', ';']) + s.slice(m.index! + 1);
    }
  }
  const a = int(r, s.length + 1),
    len = int(r, Math.min(200, s.length - a) + 1);
  return choice === 3 ? s.slice(0, a) + s.slice(a + len) : s.slice(0, a + len) + s.slice(a, a + len) + s.slice(a + len);
}

/** A deep copy of a JSON value with one node (picked at random) replaced by a hostile value. */
export function mutateJson(r: Rand, v: unknown): unknown {
  const copy = structuredClone(v);
  const nodes: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (x: unknown, depth: number) => {
    if (depth > 12 || x === null || typeof x !== 'object') return;
    for (const k of Object.keys(x)) {
      const key = Array.isArray(x) ? Number(k) : k;
      nodes.push([x as never, key]);
      walk((x as Record<string, unknown>)[k], depth + 1);
    }
  };
  walk(copy, 0);
  if (!nodes.length) return pick(r, NASTY_NUMBERS);
  const [parent, key] = pick(r, nodes);
  const old = (parent as Record<string | number, unknown>)[key];
  const hostile = [
    () => pick(r, NASTY_NUMBERS),
    () => pick(r, NASTY_TEXT),
    () => null,
    () => ({}),
    () => [],
    () => [old, old],
    () => (typeof old === 'number' ? -old : String(old)),
    () => undefined,
  ];
  const value = pick(r, hostile)();
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete (parent as Record<string, unknown>)[key as string];
  } else (parent as Record<string | number, unknown>)[key] = value;
  return copy;
}
