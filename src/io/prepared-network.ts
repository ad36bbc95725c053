// A prepared network as one binary file: the line layer, its graph and its snapping index, so a
// later run skips parsing and graph building. Every field of these records is written as it is
// (typed arrays, numbers, string arrays), so fields added to them later are carried unchanged.
// Layout: magic, u32 header length, JSON header (field → kind, type, length, byte offset),
// then the array bytes, each at a multiple of 8.
import type { LineLayer } from '../core/types.ts';
import type { PreparedNetwork } from '../core/travel/network.ts';

const MAGIC = 'SCPNET01';

type Typed = Float64Array | Float32Array | Int32Array | Uint32Array | Uint16Array | Uint8Array | Int8Array | Int16Array;
const TYPES = { Float64Array, Float32Array, Int32Array, Uint32Array, Uint16Array, Uint8Array, Int8Array, Int16Array };
type TypeName = keyof typeof TYPES;

type Entry = { kind: 'array'; type: TypeName; length: number; offset: number } | { kind: 'value'; value: unknown };

export interface PreparedFile {
  lines: LineLayer;
  prepared: PreparedNetwork;
}

function entries(prefix: string, obj: object, arrays: [string, Typed][], header: Record<string, Entry>): void {
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    const name = `${prefix}.${k}`;
    if (ArrayBuffer.isView(v)) arrays.push([name, v as Typed]);
    else header[name] = { kind: 'value', value: v };
  }
}

/** The file's bytes. */
export function packPrepared({ lines, prepared }: PreparedFile): Uint8Array {
  const arrays: [string, Typed][] = [];
  const header: Record<string, Entry> = {};
  entries('lines', lines, arrays, header);
  entries('graph', prepared.graph, arrays, header);
  entries('index', prepared.index, arrays, header);
  header.toleranceM = { kind: 'value', value: prepared.toleranceM };
  let offset = 0;
  for (const [name, a] of arrays) {
    header[name] = { kind: 'array', type: a.constructor.name as TypeName, length: a.length, offset };
    offset += Math.ceil(a.byteLength / 8) * 8;
  }
  const head = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((MAGIC.length + 4 + head.length) / 8) * 8;
  const out = new Uint8Array(start + offset);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, head.length, true);
  out.set(head, MAGIC.length + 4);
  for (const [name, a] of arrays)
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), start + (header[name] as { offset: number }).offset);
  return out;
}

/** Reads a file written by packPrepared; null when it is not one (or is cut short). */
export function unpackPrepared(bytes: Uint8Array): PreparedFile | null {
  if (bytes.length < MAGIC.length + 4 || new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) return null;
  const headLen = new DataView(bytes.buffer, bytes.byteOffset).getUint32(MAGIC.length, true);
  const start = Math.ceil((MAGIC.length + 4 + headLen) / 8) * 8;
  let header: Record<string, Entry>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + headLen)));
  } catch {
    return null;
  }
  const out: Record<string, Record<string, unknown>> = { lines: {}, graph: {}, index: {} };
  for (const [name, e] of Object.entries(header)) {
    if (name === 'toleranceM') continue;
    const [group, field] = name.split('.');
    if (!out[group] || !field) return null;
    if (e.kind === 'value') {
      out[group][field] = e.value;
      continue;
    }
    const T = TYPES[e.type];
    const at = bytes.byteOffset + start + e.offset;
    if (!T || start + e.offset + e.length * T.BYTES_PER_ELEMENT > bytes.length) return null;
    // A view when aligned (no copy), else a copy.
    out[group][field] =
      at % T.BYTES_PER_ELEMENT === 0
        ? new T(bytes.buffer as ArrayBuffer, at, e.length)
        : new T(bytes.slice(start + e.offset, start + e.offset + e.length * T.BYTES_PER_ELEMENT).buffer);
  }
  const tol = header.toleranceM;
  if (!tol || tol.kind !== 'value' || typeof tol.value !== 'number') return null;
  return {
    lines: out.lines as unknown as LineLayer,
    prepared: {
      graph: out.graph as unknown as PreparedNetwork['graph'],
      index: out.index as unknown as PreparedNetwork['index'],
      toleranceM: tol.value,
    },
  };
}
