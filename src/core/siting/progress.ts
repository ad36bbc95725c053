// Progress reporting, cancellation and cooperative yielding shared by the siting optimisers,
// so a worker stays responsive to its cancel message during a long solve.

/** Options every optimiser accepts. */
export interface RunControl {
  /** Called with steps done, the expected total (0 when unknown) and the stage
   *  ('greedy': sites opened; 'improve': local-search kicks tried). */
  onProgress?: (done: number, total: number, stage: 'greedy' | 'improve') => void;
  /** Set `cancelled` to true to stop at the next iteration; the best result so far is returned. */
  signal?: { cancelled: boolean };
}

/** Yields to the event loop at most every `everyMs` milliseconds (setTimeout(0) costs ≥ 1 ms,
 *  and browsers clamp nested timers to 4 ms, so yielding on every iteration would dominate). */
export class Yielder {
  private last = Date.now();
  constructor(private everyMs = 30) {}
  async maybe(): Promise<void> {
    if (Date.now() - this.last < this.everyMs) return;
    await new Promise((r) => setTimeout(r, 0));
    this.last = Date.now();
  }
}
