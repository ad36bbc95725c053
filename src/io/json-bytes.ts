// JSON.parse for large GeoJSON files without one whole-file string: the top-level object's
// members are found by a byte scanner, and a `features` array is parsed in batches of about
// 1 MB (each batch one JSON.parse of '[' + its elements + ']'), so the text in memory at once is
// one batch, not the file. The result equals JSON.parse of the decoded file; anything the scanner
// does not understand (not an object at the top, a structural error) falls back to exactly that,
// so errors keep JSON.parse's own messages.

const BATCH_BYTES = 1 << 20;
const QUOTE = 0x22,
  BACKSLASH = 0x5c,
  COMMA = 0x2c,
  COLON = 0x3a;
const OPEN_OBJ = 0x7b,
  CLOSE_OBJ = 0x7d,
  OPEN_ARR = 0x5b,
  CLOSE_ARR = 0x5d;

class Unscannable extends Error {}

const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** JSON.parse of the UTF-8 decoded bytes (a leading BOM skipped, as TextDecoder does);
 *  `batchBytes` only matters to tests. */
export function parseJsonBytes(bytes: Uint8Array, batchBytes = BATCH_BYTES): unknown {
  try {
    return scanTop(bytes, batchBytes);
  } catch (e) {
    // Unscannable, or a slice JSON.parse refused: the whole text then fails the same way, and
    // this gives JSON.parse's own message for it.
    if (!(e instanceof Unscannable) && !(e instanceof SyntaxError)) throw e;
    return JSON.parse(new TextDecoder('utf-8').decode(bytes));
  }
}

function scanTop(b: Uint8Array, batchBytes: number): unknown {
  const n = b.length;
  // BOMs inside the text are characters (JSON.parse refuses them between tokens), not stripped.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const text = (s: number, e: number) => decoder.decode(b.subarray(s, e));
  let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  const ws = () => {
    while (i < n && isSpace(b[i])) i++;
  };
  ws();
  if (b[i] !== OPEN_OBJ) throw new Unscannable();
  i++;
  const obj: Record<string, unknown> = {};
  ws();
  if (b[i] === CLOSE_OBJ) i++;
  else {
    for (;;) {
      ws();
      if (b[i] !== QUOTE) throw new Unscannable();
      const keyEnd = stringEnd(b, i);
      const key = JSON.parse(text(i, keyEnd)) as string;
      i = keyEnd;
      ws();
      if (b[i] !== COLON) throw new Unscannable();
      i++;
      ws();
      let value: unknown;
      if (key === 'features' && b[i] === OPEN_ARR) {
        const r = scanArray(b, i, text, batchBytes);
        value = r.items;
        i = r.end;
      } else {
        const end = valueEnd(b, i);
        value = JSON.parse(text(i, end));
        i = end;
      }
      // As JSON.parse: an own property even for "__proto__"; a repeated key keeps its last value.
      Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
      ws();
      if (b[i] === COMMA) {
        i++;
        continue;
      }
      if (b[i] === CLOSE_OBJ) {
        i++;
        break;
      }
      throw new Unscannable();
    }
  }
  ws();
  if (i !== n) throw new Unscannable();
  return obj;
}

/** The elements of the array opening at `start`, parsed in batches; `end` is past its ']'. */
function scanArray(
  b: Uint8Array,
  start: number,
  text: (s: number, e: number) => string,
  batchBytes: number,
): { items: unknown[]; end: number } {
  const n = b.length,
    items: unknown[] = [];
  let i = start + 1;
  while (i < n && isSpace(b[i])) i++;
  if (b[i] === CLOSE_ARR) return { items, end: i + 1 };
  let batch = i;
  for (;;) {
    while (i < n && isSpace(b[i])) i++;
    i = valueEnd(b, i);
    const elementEnd = i;
    while (i < n && isSpace(b[i])) i++;
    const last = b[i] === CLOSE_ARR;
    if (!last && b[i] !== COMMA) throw new Unscannable();
    if (last || elementEnd - batch >= batchBytes) {
      const parsed = JSON.parse(`[${text(batch, elementEnd)}]`) as unknown[];
      for (let k = 0; k < parsed.length; k++) items.push(parsed[k]);
      batch = i + 1;
    }
    i++;
    if (last) return { items, end: i };
  }
}

/** Index just past the string opening at `i` (b[i] is '"'). */
export function stringEnd(b: Uint8Array, i: number): number {
  let j = i + 1;
  for (;;) {
    j = b.indexOf(QUOTE, j);
    if (j < 0) throw new Unscannable();
    // Escaped when preceded by an odd number of backslashes.
    let k = j - 1;
    while (b[k] === BACKSLASH) k--;
    if ((j - 1 - k) % 2 === 0) return j + 1;
    j++;
  }
}

/** Index just past the JSON value starting at `i` (its syntax is left to JSON.parse). */
export function valueEnd(b: Uint8Array, i: number): number {
  const n = b.length,
    c = b[i];
  if (c === QUOTE) return stringEnd(b, i);
  if (c === OPEN_OBJ || c === OPEN_ARR) {
    let depth = 0;
    for (let j = i; j < n; j++) {
      const x = b[j];
      if (x === QUOTE) {
        j = stringEnd(b, j) - 1;
        continue;
      }
      if (x === OPEN_OBJ || x === OPEN_ARR) depth++;
      else if (x === CLOSE_OBJ || x === CLOSE_ARR) {
        if (--depth === 0) return j + 1;
      }
    }
    throw new Unscannable();
  }
  let j = i;
  while (j < n && !isSpace(b[j]) && b[j] !== COMMA && b[j] !== CLOSE_OBJ && b[j] !== CLOSE_ARR) j++;
  if (j === i) throw new Unscannable();
  return j;
}
