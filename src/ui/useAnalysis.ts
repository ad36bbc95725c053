// React hook: re-runs the coverage command in the worker whenever it changes (shortly
// debounced for typing), with progress; superseded runs are cancelled by the client.
import { useEffect, useRef, useState } from 'react';
import type { AnalysisClient } from '../analysis/client';
import type { CoverageCommand, CoverageResult } from '../core/analysis/command';

export interface AnalysisState {
  /** The latest completed result and the command it was computed with. */
  done: { runId: number; result: CoverageResult; cmd: CoverageCommand } | null;
  /** Set while a run for newer settings is under way. */
  running: { fraction: number; stage: string } | null;
  error: string | null;
}

const DEBOUNCE_MS = 250;

/** Runs `cmd` (keep it referentially stable) through `client` once `client` is ready (non-null). */
export function useAnalysis(client: AnalysisClient | null, cmd: CoverageCommand): AnalysisState {
  // What the runs reported, each tagged with the client and command it is for: a result of an
  // earlier client (other layers) is never returned, and a command without its own outcome yet
  // shows as running (so nothing is set synchronously when the command changes).
  const [s, setS] = useState<{
    done: AnalysisState['done'];
    doneOf: AnalysisClient | null;
    settled: { of: AnalysisClient; cmd: CoverageCommand; error: string | null } | null;
    progress: { cmd: CoverageCommand; fraction: number; stage: string } | null;
  }>({ done: null, doneOf: null, settled: null, progress: null });
  const first = useRef(true);
  useEffect(() => {
    if (!client) return;
    let live = true;
    // The first run starts at once; later ones wait for typing to pause.
    const timer = setTimeout(
      () => {
        client
          .run(cmd, (fraction, stage) => {
            if (live) setS((x) => ({ ...x, progress: { cmd, fraction, stage } }));
          })
          .then((r) => {
            if (live && r)
              setS({
                done: { runId: r.runId, result: r.result, cmd },
                doneOf: client,
                settled: { of: client, cmd, error: null },
                progress: null,
              });
          })
          .catch((e: unknown) => {
            if (live) setS((x) => ({ ...x, settled: { of: client, cmd, error: (e as Error).message }, progress: null }));
          });
      },
      first.current ? 0 : DEBOUNCE_MS,
    );
    first.current = false;
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, cmd]);
  const settled = !!client && s.settled?.of === client && s.settled.cmd === cmd;
  const p = s.progress?.cmd === cmd ? s.progress : null;
  return {
    done: s.doneOf === client ? s.done : null,
    running: client && !settled ? { fraction: p?.fraction ?? 0, stage: p?.stage ?? 'queued' } : null,
    error: s.settled?.of === client ? s.settled.error : null,
  };
}
