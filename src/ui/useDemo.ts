// React hook: loads the demo once and exposes progress, data and error.
import { useEffect, useRef, useState } from 'react';
import { startDemo, type DemoData, type LoadStep } from '../analysis/loadDemo';
import type { LineLayer } from '../core/types';

export interface DemoState {
  data: DemoData | null;
  progress: { fraction: number; step: LoadStep } | null;
  error: string | null;
}

/** The demo's loading (started by the page's entry, else on mount); `onNetwork` (read at mount)
 *  gets the road network as soon as it is read. */
export function useDemo(onNetwork?: (lines: LineLayer) => void): DemoState {
  const [state, setState] = useState<DemoState>({ data: null, progress: { fraction: 0, step: 'communities' }, error: null });
  const early = useRef(onNetwork);
  useEffect(() => {
    const load = startDemo();
    let live = true;
    // Worker progress can arrive after the data (it travels on another port): ignore it then.
    let settled = false;
    const stop = load.watch(
      (fraction, step) => {
        if (live && !settled) setState((s) => ({ ...s, progress: { fraction, step } }));
      },
      (lines) => {
        if (live) early.current?.(lines);
      },
    );
    load.data
      .then((data) => {
        settled = true;
        if (live) setState({ data, progress: null, error: null });
      })
      .catch((e: unknown) => {
        settled = true;
        if (live) setState({ data: null, progress: null, error: (e as Error).message });
      })
      .finally(stop);
    return () => {
      live = false;
      stop();
    };
  }, []);
  return state;
}
