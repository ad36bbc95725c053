// A new command without re-running what it does not change: a type whose spec is the same as in
// the previous command (with the same detour, snapping, graph tolerance and road classes) has the
// same figures, so only the other types run (Engine.run's `types` option, which still gives the
// whole command's counts) and the previous result supplies the rest. A threshold typed into one
// type re-runs that type alone.
import type { CoverageCommand, CoverageResult } from './command.ts';

/** Codes of the types of `next` that `prev` does not already answer, or null when every type must
 *  run (no previous command, or a setting shared by all types changed). */
export function changedTypes(prev: CoverageCommand | null, next: CoverageCommand): Set<string> | null {
  if (!prev) return null;
  const shared = (c: CoverageCommand) => JSON.stringify([c.op, c.detour, c.maxSnapM, c.toleranceM, c.roadClasses]);
  if (shared(prev) !== shared(next)) return null;
  const before = new Map(prev.types.map((t) => [t.code, JSON.stringify(t)]));
  return new Set(next.types.filter((t) => before.get(t.code) !== JSON.stringify(t)).map((t) => t.code));
}

/** `next`'s full result: the types `part` ran (a run of `next` limited to them) and `prev`'s for
 *  the rest, in `next`'s order; counts are `part`'s (the whole command's). */
export function mergeRun(next: CoverageCommand, prev: CoverageResult, part: CoverageResult): CoverageResult {
  const types = next.types.map((t) => {
    const r = part.types.find((x) => x.code === t.code) ?? prev.types.find((x) => x.code === t.code);
    if (!r) throw new Error(`no result for type "${t.code}" in either run`);
    return r;
  });
  return { ...part, types };
}
