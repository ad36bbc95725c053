// The map view's lifetime (src/ui/mapHost.ts): made when its element mounts, destroyed after.
import { describe, expect, it } from 'vitest';
import { MapHost } from '../../src/ui/mapHost.ts';

describe('map host', () => {
  it('creates the view on mount, tells the listeners, and destroys it on unmount', () => {
    const made: { el: string; destroyed: boolean }[] = [];
    const host = new MapHost((el: string) => {
      const m = { el, destroyed: false, destroy: () => void (m.destroyed = true) };
      made.push(m);
      return m;
    });
    let told = 0;
    host.subscribe(() => told++);
    expect(host.current).toBeNull();
    expect(host.attach(null)).toBeUndefined();
    const cleanup = host.attach('div')!;
    expect(host.current).toBe(made[0]);
    expect(told).toBe(1);
    cleanup();
    expect(made[0].destroyed).toBe(true);
    expect(host.current).toBeNull();
    expect(told).toBe(2);
  });
});
