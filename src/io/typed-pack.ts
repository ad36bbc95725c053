// Records of typed arrays as one binary file (the CLI's --cache): the record's plain values as
// JSON, each typed array as its bytes, so reading it back costs a copy at most, never a parse
// per element. Every field is written as it is, so fields added to the records later are carried
// unchanged. Layout: magic, u32 header length, JSON header (the record, each typed array replaced
// by its type, length and byte offset), then the array bytes, each at a multiple of 8.

type Typed = Float64Array | Float32Array | Int32Array | Uint32Array | Uint16Array | Uint8Array | Int8Array | Int16Array;
const TYPES = { Float64Array, Float32Array, Int32Array, Uint32Array, Uint16Array, Uint8Array, Int8Array, Int16Array };
type TypeName = keyof typeof TYPES;

/** How a typed array stands in the header (a key no record uses). */
const ARRAY = '\u0000typed';

/** The file's bytes: `magic` (8 ASCII characters), then the record. */
export function packTree(tree: unknown, magic: string): Uint8Array {
  const arrays: Typed[] = [];
  let offset = 0;
  const head = new TextEncoder().encode(
    JSON.stringify(tree, (_k, v: unknown) => {
      if (!ArrayBuffer.isView(v)) return v;
      const a = v as Typed;
      arrays.push(a);
      const entry = { [ARRAY]: a.constructor.name, length: a.length, offset };
      offset += Math.ceil(a.byteLength / 8) * 8;
      return entry;
    }),
  );
  const start = Math.ceil((magic.length + 4 + head.length) / 8) * 8;
  const out = new Uint8Array(start + offset);
  out.set(new TextEncoder().encode(magic), 0);
  new DataView(out.buffer).setUint32(magic.length, head.length, true);
  out.set(head, magic.length + 4);
  let at = start;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += Math.ceil(a.byteLength / 8) * 8;
  }
  return out;
}

/** The record of a file written by packTree with `magic`; null when it is not one (or is cut short). */
export function unpackTree(bytes: Uint8Array, magic: string): unknown {
  if (bytes.length < magic.length + 4 || new TextDecoder().decode(bytes.subarray(0, magic.length)) !== magic) return null;
  const headLen = new DataView(bytes.buffer, bytes.byteOffset).getUint32(magic.length, true);
  if (magic.length + 4 + headLen > bytes.length) return null;
  const start = Math.ceil((magic.length + 4 + headLen) / 8) * 8;
  let bad = false;
  let tree: unknown;
  try {
    tree = JSON.parse(new TextDecoder().decode(bytes.subarray(magic.length + 4, magic.length + 4 + headLen)), (_k, v: unknown) => {
      if (!v || typeof v !== 'object' || !(ARRAY in v)) return v;
      const e = v as { [ARRAY]: TypeName; length: number; offset: number };
      const T = TYPES[e[ARRAY]];
      const at = bytes.byteOffset + start + e.offset;
      if (!T || !(e.length >= 0) || start + e.offset + e.length * T.BYTES_PER_ELEMENT > bytes.length) {
        bad = true;
        return null;
      }
      // A view when aligned (no copy), else a copy.
      return at % T.BYTES_PER_ELEMENT === 0
        ? new T(bytes.buffer as ArrayBuffer, at, e.length)
        : new T(bytes.slice(start + e.offset, start + e.offset + e.length * T.BYTES_PER_ELEMENT).buffer);
    });
  } catch {
    return null;
  }
  return bad ? null : tree;
}
