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
  // `of`: the client the result came from. A result of an earlier client (other layers) is never
  // returned, not even for the one render before the new client's first run starts.
  const [state, setState] = useState<AnalysisState & { of?: AnalysisClient }>({ done: null, running: null, error: null });
  const first = useRef(true);
  useEffect(() => {
    if (!client) return;
    let live = true;
    setState((s) => ({ ...s, running: { fraction: 0, stage: 'queued' } }));
    // The first run starts at once; later ones wait for typing to pause.
    const timer = setTimeout(() => {
      client.run(cmd, (fraction, stage) => { if (live) setState((s) => ({ ...s, running: { fraction, stage } })); })
        .then((r) => { if (live && r) setState({ done: { runId: r.runId, result: r.result, cmd }, running: null, error: null, of: client }); })
        .catch((e: unknown) => { if (live) setState((s) => ({ ...s, running: null, error: (e as Error).message })); });
    }, first.current ? 0 : DEBOUNCE_MS);
    first.current = false;
    return () => { live = false; clearTimeout(timer); };
  }, [client, cmd]);
  const { of, ...rest } = state;
  return of === client ? rest : { ...rest, done: null };
}
