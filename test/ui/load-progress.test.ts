import { describe, expect, it } from 'vitest';
import { stepProgress } from '../../src/analysis/loadDemo.ts';

describe('demo loading progress', () => {
  it('weighs each step, and a late message of a step never moves the bar back', () => {
    const seen: [number, string][] = [];
    const report = stepProgress((f, step) => seen.push([f, step]));
    report('households', 0.5);
    // The parse's 0.52 then the download's late 0.45 (another worker port).
    report('households', 0.52);
    report('households', 0.45);
    report('communities', 1);
    expect(seen.map(([, s]) => s)).toEqual(['households', 'households', 'households', 'communities']);
    const f = seen.map(([x]) => x);
    expect(f[0]).toBeCloseTo(0.8 * 0.5, 12);
    expect(f[1]).toBeCloseTo(0.8 * 0.52, 12);
    expect(f[2]).toBe(f[1]);
    expect(f[3]).toBeCloseTo(0.8 * 0.52 + 0.04, 12);
    report('households', 1);
    for (const s of ['counties', 'townships', 'facilities', 'roads', 'elevation'] as const) report(s, 1);
    expect(seen.at(-1)![0]).toBeCloseTo(1, 12);
  });
});
