// The 现状 analysis as a controller: re-runs the coverage command in the worker whenever the
// command or the worker changes (shortly debounced for typing), with progress. A result of an
// earlier worker (other layers) or an earlier command is never shown as current. Only the types
// whose settings changed are re-run (core/analysis/rerun.ts), and a new worker's first run does
// the shown type first, so the map is coloured before the other types are computed (they wait
// until it is).
import type { CoverageCommand, CoverageResult } from '../core/analysis/command';
import { changedTypes, mergeRun } from '../core/analysis/rerun';
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
  /** Runs `cmd`, only its `types` when given (the result then has only those). */
  run(cmd: CoverageCommand, onProgress?: RunProgress, types?: string[]): Promise<{ runId: number; result: CoverageResult } | null>;
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
  private shown: string | undefined;

  /** The rest of a new worker's first run waits for `drawn()` (the app's: the map shows the first
   *  result, or none is coming): computing the other types while the map draws the shown one
   *  would slow that drawing, as they share the processor's cores. */
  constructor(private readonly drawn: () => Promise<void> = () => Promise.resolve()) {
    super(IDLE);
  }

  /** Runs `cmd` through `client` (null: none ready yet); keep both referentially stable. `shown`
   *  names the type on screen, run first when the worker has no result yet. */
  update(client: RunClient | null, cmd: CoverageCommand, shown?: string): void {
    this.shown = shown;
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
    const prev = this.state.done;
    const progress = (fraction: number, stage: string) => {
      if (s === this.seq) this.set({ ...this.state, running: { fraction, stage } });
    };
    const shown = this.shown;
    if (!prev && shown && cmd.types.length > 1 && cmd.types.some((t) => t.code === shown)) {
      // The shown type alone (its result is that narrower command's), then the rest on top of it.
      const first = { ...cmd, types: cmd.types.filter((t) => t.code === shown) };
      client
        .run(first, progress)
        .then((r) => {
          if (s !== this.seq || !r) return;
          this.set({ done: { runId: r.runId, result: r.result, cmd: first }, running: { fraction: 0, stage: 'queued' }, error: null });
          return this.drawn().then(() => {
            if (s === this.seq) this.start(s, client, cmd);
          });
        })
        .catch((e: unknown) => {
          if (s === this.seq) this.set({ ...this.state, running: null, error: errorText(e) });
        });
      return;
    }
    // Every type when nothing or everything changed (a run's cost is its types; the counts are
    // the whole command's either way).
    const changed = changedTypes(prev?.cmd ?? null, cmd);
    const only = prev && changed && changed.size > 0 && changed.size < cmd.types.length ? [...changed] : undefined;
    client
      .run(cmd, progress, only)
      .then((r) => {
        if (s !== this.seq || !r) return;
        const result = only && prev ? mergeRun(cmd, prev.result, r.result) : r.result;
        this.set({ done: { runId: r.runId, result, cmd }, running: null, error: null });
      })
      .catch((e: unknown) => {
        if (s === this.seq) this.set({ ...this.state, running: null, error: errorText(e) });
      });
  }
}
