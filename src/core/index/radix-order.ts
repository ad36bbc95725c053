// Stable LSD radix sort of 32-bit keys: indices in ascending key order, ties by index (three
// 11-bit digits: the count tables stay in cache). Millions of keys sort several times faster
// than with a comparator.

/** Three arrays of at least the keys' length for radixOrder to work in (see sortScratch in
 *  coverage/stats.ts): a run sorting several key sets of one length allocates them once. */
export type RadixScratch = [Uint32Array, Uint32Array, Uint32Array];

/** The order of `keys` (ascending, ties by index) and the keys in that order; `keys` is
 *  consumed (reused as scratch). With `scratch`, its arrays are worked in (and the result may
 *  lie in them) instead of new ones. */
export function radixOrder(keys: Uint32Array, scratch?: RadixScratch): { order: Uint32Array; keys: Uint32Array } {
  const n = keys.length;
  const own = (k: number) => (scratch ? scratch[k].subarray(0, n) : new Uint32Array(n));
  let order = own(0),
    tmp = own(1);
  // The keys travel with the indices, so every pass reads sequentially (not keys[order[k]]).
  let keysTmp: Uint32Array = own(2);
  for (let i = 0; i < n; i++) order[i] = i;
  const count = new Uint32Array(2048);
  for (let shift = 0; shift < 33; shift += 11) {
    count.fill(0);
    for (let k = 0; k < n; k++) count[(keys[k] >>> shift) & 2047]++;
    // One digit for every key: this pass leaves the order as it is.
    if (count[(keys[0] >>> shift) & 2047] === n) continue;
    for (let b = 0, sum = 0; b < 2048; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const key = keys[k],
        at = count[(key >>> shift) & 2047]++;
      tmp[at] = order[k];
      keysTmp[at] = key;
    }
    [order, tmp] = [tmp, order];
    [keys, keysTmp] = [keysTmp, keys];
  }
  return { order, keys };
}
