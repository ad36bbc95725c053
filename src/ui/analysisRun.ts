// The 现状 analysis as a controller: re-runs the coverage command in the worker whenever the
// command or the worker changes (shortly debounced for typing), with progress. A result of an
// earlier worker (other layers) or an earlier command is never shown as current.
import type { CoverageCommand, CoverageResult } from '../core/analysis/command';
import type { RunProgress } from '../analysis/client';
import { errorText } from './errorText';
import { Store } from './store';

export interface AnalysisState {
  /** The latest completed result and the command it was computed with. */
  done: { runId: number; result: CoverageResult; cmd: CoverageCommand } | null;
  /** Set while a run for newer settings is under way. */
  running: { fraction: number; stage: string } | null;
  error: string | null;
}

/** What the controller needs of AnalysisClient: a run that resolves null when superseded. */
export interface RunClient {
  run(cmd: CoverageCommand, onProgress?: RunProgress): Promise<{ runId: number; result: CoverageResult } | null>;
}

export const DEBOUNCE_MS = 250;
const IDLE: AnalysisState = { done: null, running: null, error: null };

export class AnalysisRun extends Store<AnalysisState> {
  private client: RunClient | null = null;
  private cmd: CoverageCommand | null = null;
  // Each run gets a number; reports of an older one are dropped.
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private first = true;

  constructor() {
    super(IDLE);
  }

  /** Runs `cmd` through `client` (null: none ready yet); keep both referentially stable. */
  update(client: RunClient | null, cmd: CoverageCommand): void {
    if (client === this.client && cmd === this.cmd) return;
    const sameClient = client === this.client;
    this.client = client;
    this.cmd = cmd;
    const s = ++this.seq;
    clearTimeout(this.timer);
    if (!client) return this.set(IDLE);
    // Another worker's result is not this data's; the last error stays until the new run settles.
    this.set({
      done: sameClient ? this.state.done : null,
      running: { fraction: 0, stage: 'queued' },
      error: sameClient ? this.state.error : null,
    });
    // The first run starts at once; later ones wait for typing to pause.
    this.timer = setTimeout(() => this.start(s, client, cmd), this.first ? 0 : DEBOUNCE_MS);
    this.first = false;
  }

  /** Drops whatever is in flight (the next update starts afresh). */
  dispose(): void {
    ++this.seq;
    clearTimeout(this.timer);
    this.client = null;
    this.cmd = null;
  }

  private start(s: number, client: RunClient, cmd: CoverageCommand): void {
    client
      .run(cmd, (fraction, stage) => {
        if (s === this.seq) this.set({ ...this.state, running: { fraction, stage } });
      })
      .then((r) => {
        if (s === this.seq && r) this.set({ done: { runId: r.runId, result: r.result, cmd }, running: null, error: null });
      })
      .catch((e: unknown) => {
        if (s === this.seq) this.set({ ...this.state, running: null, error: errorText(e) });
      });
  }
}
