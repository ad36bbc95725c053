// React hook: re-renders with a controller's state (src/ui/store.ts).
import { useSyncExternalStore } from 'react';
import type { Store } from './store';

export function useStore<S>(store: Store<S>): S {
  return useSyncExternalStore(store.subscribe, store.getState);
}
