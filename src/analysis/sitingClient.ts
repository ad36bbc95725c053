// Main-thread side of the worker's siting API (what-if editing and the optimiser), over the
// same worker as the coverage runs, so the households are never sent again.
import * as Comlink from 'comlink';
import type { WhatIfState } from '../../workers/analysis.worker';
import type { TypeSpec } from '../core/analysis/command';
import type { SitingCommand, SitingOutput } from '../core/siting/command';
import type { AnalysisClient } from './client';
import type { WhatIfEdit } from '../core/siting/session';
import type { FacilityAction } from '../core/scenario/scenario';

export type { WhatIfState };

/** Edits of one facility type by session index, as older project files saved them (now kept as
 *  a scenario's actions, core/scenario/from-edits.ts). */
export interface SitingEdits {
  type: string;
  edits: WhatIfEdit[];
}

/** Progress of an optimiser run: steps done, expected total (0: unknown), stage. */
export type SitingProgress = (done: number, total: number, stage: string) => void;

// Siting run ids live far above the coverage runs' 1, 2, 3 … so cancelling one never hits the other.
let nextSiteRun = 1_000_000_000;

/** Runs the optimiser over the facilities of the scenario `actions` (none: 现状); `cancel()` on
 *  the returned handle stops it with the best sites so far. */
export function site(
  client: AnalysisClient,
  cmd: SitingCommand,
  onProgress?: SitingProgress,
  actions: FacilityAction[] = [],
): { done: Promise<SitingOutput>; cancel: () => void } {
  const runId = nextSiteRun++;
  const done = client.remote.site(cmd, onProgress && Comlink.proxy(onProgress), runId, actions);
  return {
    done,
    cancel: () => {
      void client.remote.cancel(runId);
    },
  };
}

/** Opens a what-if session for `spec` over the facilities of the scenario `actions`. */
export function whatIfStart(client: AnalysisClient, spec: TypeSpec, actions: FacilityAction[]): Promise<WhatIfState> {
  return client.remote.whatIfStart(spec, [], actions);
}

/** Applies one edit in the open session. */
export function whatIfEdit(client: AnalysisClient, edit: WhatIfEdit): Promise<WhatIfState> {
  return client.remote.whatIfEdit(edit);
}

export function whatIfEnd(client: AnalysisClient): Promise<void> {
  return client.remote.whatIfEnd();
}
