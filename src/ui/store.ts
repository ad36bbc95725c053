// The observable state of the UI's plain-TypeScript controllers: a controller changes it with
// `set`, React reads it through useStore (useSyncExternalStore), tests read `state` directly.
export class Store<S> {
  private readonly listeners = new Set<() => void>();

  constructor(private value: S) {}

  get state(): S {
    return this.value;
  }

  /** For useSyncExternalStore (bound, so it can be passed as is). */
  readonly getState = (): S => this.value;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Replaces the state and tells the listeners (nothing when it is the same object). */
  protected set(next: S): void {
    if (next === this.value) return;
    this.value = next;
    for (const l of this.listeners) l();
  }
}
