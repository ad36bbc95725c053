// The map view's lifetime as a controller: created when its element mounts (through a callback
// ref, so React never hands a ref to render code), destroyed when it goes. Components and
// controllers reach it through `current` (null while there is none); React re-renders with it.
import { Store } from './store';

export class MapHost<E, M extends { destroy(): void }> extends Store<M | null> {
  constructor(private readonly create: (el: E) => M) {
    super(null);
  }

  /** The map view, or null before its element mounted and after it went. */
  get current(): M | null {
    return this.state;
  }

  /** Callback ref of the map's element: returns the cleanup React runs when it unmounts. */
  readonly attach = (el: E | null): (() => void) | undefined => {
    if (!el) return undefined;
    const m = this.create(el);
    this.set(m);
    return () => {
      m.destroy();
      this.set(null);
    };
  };
}
