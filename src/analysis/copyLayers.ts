// Copies of core layers to hand to a worker, which takes their buffers: the sender keeps its own.
/** A deep copy of core layers: typed arrays by slice() (a memcpy; structuredClone
 *  serialises them, about 0.3 s for the demo's in Chromium on the start-up's critical path),
 *  arrays and plain objects member by member, anything else by structuredClone. */
export function copyLayers<T>(x: T): T {
  if (ArrayBuffer.isView(x)) return (x as unknown as Uint8Array).slice() as T;
  if (Array.isArray(x)) return x.map(copyLayers) as T;
  if (x && typeof x === 'object') {
    if (Object.getPrototypeOf(x) !== Object.prototype) return structuredClone(x);
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, copyLayers(v)])) as T;
  }
  return x;
}
