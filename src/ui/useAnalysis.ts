// React adapter of the 现状 analysis (src/ui/analysisRun.ts).
import { useEffect, useState } from 'react';
import type { CoverageCommand } from '../core/analysis/command';
import { AnalysisRun, type AnalysisState, type RunClient } from './analysisRun';
import { useStore } from './useStore';

/** Runs `cmd` (keep it referentially stable) through `client` once `client` is ready (non-null);
 *  `shown` (the type on screen) runs first on a new worker, the rest once `drawn` (read at mount)
 *  resolves. */
export function useAnalysis(client: RunClient | null, cmd: CoverageCommand, shown?: string, drawn?: () => Promise<void>): AnalysisState {
  const [run] = useState(() => new AnalysisRun(drawn));
  useEffect(() => run.update(client, cmd, shown), [run, client, cmd, shown]);
  useEffect(() => () => run.dispose(), [run]);
  return useStore(run);
}
