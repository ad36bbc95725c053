// Records of typed arrays as one binary file (the CLI's --cache): the record's plain values as
// JSON, each typed array as its bytes, so reading it back costs one read per array (when the
// array is first used), never a parse per element. Every field is written as it is, so fields
// added to the records later are carried unchanged. Layout: magic, u32 header length, JSON header
// (the record, each typed array replaced by its type, length and byte offset), then the array
// bytes, each at a multiple of 8.

type Typed = Float64Array | Float32Array | Int32Array | Uint32Array | Uint16Array | Uint8Array | Int8Array | Int16Array;
const TYPES = { Float64Array, Float32Array, Int32Array, Uint32Array, Uint16Array, Uint8Array, Int8Array, Int16Array };
type TypeName = keyof typeof TYPES;

/** How a typed array stands in the header (a key no record uses). */
const ARRAY = '\u0000typed';

/** The file's bytes, in pieces to write one after another: `magic` (8 ASCII characters), then
 *  the record. The arrays' pieces are views of them, not copies: a province's memo of several
 *  hundred MB is written without a second copy in memory. */
export function packTree(tree: unknown, magic: string): Uint8Array[] {
  const parts: Uint8Array[] = [];
  const pad = new Uint8Array(8);
  // An array the record holds in several places (the engine's memo shares the households' snaps
  // between networks) is written once, and its entries name the same bytes.
  const written = new Map<Typed, number>();
  let offset = 0;
  const head = new TextEncoder().encode(
    JSON.stringify(tree, (_k, v: unknown) => {
      if (!ArrayBuffer.isView(v)) return v;
      const a = v as Typed,
        at = written.get(a);
      if (at !== undefined) return { [ARRAY]: a.constructor.name, length: a.length, offset: at };
      const entry = { [ARRAY]: a.constructor.name, length: a.length, offset };
      written.set(a, offset);
      parts.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      if (a.byteLength % 8) parts.push(pad.subarray(a.byteLength % 8));
      offset += Math.ceil(a.byteLength / 8) * 8;
      return entry;
    }),
  );
  const start = Math.ceil((magic.length + 4 + head.length) / 8) * 8;
  const lead = new Uint8Array(start);
  lead.set(new TextEncoder().encode(magic), 0);
  new DataView(lead.buffer).setUint32(magic.length, head.length, true);
  lead.set(head, magic.length + 4);
  return [lead, ...parts];
}

/** `length` bytes of the file from `position`, in a new array; shorter only where the file ends. */
export type ReadAt = (position: number, length: number) => Uint8Array;

/** A typed array of the file not read yet. */
class Pending {
  constructor(
    readonly T: (typeof TYPES)[TypeName],
    readonly position: number,
    readonly length: number,
  ) {}

  private got?: Typed;

  /** The array, read on the first call (entries naming the same bytes share one Pending). */
  read(readAt: ReadAt): Typed {
    if (this.got) return this.got;
    const bytes = readAt(this.position, this.length * this.T.BYTES_PER_ELEMENT);
    if (bytes.length < this.length * this.T.BYTES_PER_ELEMENT) throw new Error('a cache file was cut short while in use');
    return (this.got = new this.T(bytes.buffer as ArrayBuffer, bytes.byteOffset, this.length));
  }
}

/** The record of a file of `size` bytes written by packTree with `magic` (null when it is not
 *  one, or is cut short), reading through `readAt`. Each typed array is read when first used,
 *  not before: a re-run on a cached network reads its graph's costs, not its 26 MB of geometry
 *  and snapping index, unless something needs them. `onAllRead` is called once no array is left
 *  to read (each read, or replaced before it was). */
export function unpackTree(size: number, readAt: ReadAt, magic: string, onAllRead?: () => void): unknown {
  const pre = magic.length + 4;
  if (size < pre) return null;
  const lead = readAt(0, pre);
  if (lead.length < pre || new TextDecoder().decode(lead.subarray(0, magic.length)) !== magic) return null;
  const headLen = new DataView(lead.buffer, lead.byteOffset).getUint32(magic.length, true);
  if (pre + headLen > size) return null;
  const start = Math.ceil((pre + headLen) / 8) * 8;
  let bad = false,
    left = 0;
  const pending = new Map<string, Pending>();
  let tree: unknown;
  try {
    tree = JSON.parse(new TextDecoder().decode(readAt(pre, headLen)), (_k, v: unknown) => {
      if (!v || typeof v !== 'object' || !(ARRAY in v)) return v;
      const e = v as { [ARRAY]: TypeName; length: number; offset: number };
      const T = TYPES[e[ARRAY]];
      if (!T || !(e.length >= 0) || !(e.offset >= 0) || start + e.offset + e.length * T.BYTES_PER_ELEMENT > size) {
        bad = true;
        return null;
      }
      left++;
      const key = `${e[ARRAY]}:${e.offset}:${e.length}`;
      let p = pending.get(key);
      if (!p) pending.set(key, (p = new Pending(T, start + e.offset, e.length)));
      return p;
    });
  } catch {
    return null;
  }
  if (bad) return null;
  const settled = () => {
    if (--left === 0) onAllRead?.();
  };
  if (left === 0) onAllRead?.();
  else defer(tree, readAt, settled);
  return tree;
}

/** Puts in place of each Pending under `node` a property that reads the array on first use
 *  and then holds it (or whatever is assigned to it first), calling `settled` either way. In a
 *  list, arrays are read now. */
function defer(node: unknown, readAt: ReadAt, settled: () => void): void {
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    const v = o[key];
    if (!(v instanceof Pending)) defer(v, readAt, settled);
    else if (Array.isArray(o)) {
      o[key] = v.read(readAt);
      settled();
    } else {
      const hold = (value: unknown) => {
        Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
        settled();
      };
      Object.defineProperty(o, key, {
        enumerable: true,
        configurable: true,
        get() {
          const a = v.read(readAt);
          hold(a);
          return a;
        },
        set: hold,
      });
    }
  }
}
