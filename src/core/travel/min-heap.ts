// Binary min-heap of (node, key) pairs in parallel typed arrays, growing as needed: the priority
// queue of every Dijkstra in the tool (lazy deletion: stale entries are skipped by the caller).
export class MinHeap {
  private ids: Uint32Array;
  private keys: Float64Array;
  size = 0;
  constructor(capacity = 64) {
    this.ids = new Uint32Array(Math.max(1, capacity));
    this.keys = new Float64Array(Math.max(1, capacity));
  }
  push(id: number, key: number): void {
    if (this.size === this.ids.length) this.grow();
    let i = this.size++;
    const ids = this.ids,
      keys = this.keys;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p] <= key) break;
      ids[i] = ids[p];
      keys[i] = keys[p];
      i = p;
    }
    ids[i] = id;
    keys[i] = key;
  }
  /** The smallest key (read before pop()). */
  topKey(): number {
    return this.keys[0];
  }
  /** Removes the entry with the smallest key; returns its id. */
  pop(): number {
    const ids = this.ids,
      keys = this.keys;
    const top = ids[0];
    const n = --this.size;
    if (n > 0) {
      const id = ids[n],
        key = keys[n];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && keys[c + 1] < keys[c]) c++;
        if (keys[c] >= key) break;
        ids[i] = ids[c];
        keys[i] = keys[c];
        i = c;
      }
      ids[i] = id;
      keys[i] = key;
    }
    return top;
  }
  private grow(): void {
    const ids = new Uint32Array(this.ids.length * 2);
    ids.set(this.ids);
    this.ids = ids;
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
  }
}
