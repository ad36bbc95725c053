// The project's scenarios as a value: pure updates (create, rename, duplicate, delete, record an
// action), so the app's controller, the project file and the tests share one set of rules. None
// of them touches the baseline: it is not part of this value at all.
import type { FacilityAction, Scenario } from './scenario.ts';

export interface Scenarios {
  list: Scenario[];
  /** Key of the scenario edits go to and the comparison shows; null: 现状 only. */
  active: string | null;
}

export const NO_SCENARIOS: Scenarios = { list: [], active: null };

function freshKey(s: Scenarios): string {
  let k = s.list.length + 1;
  while (s.list.some((x) => x.key === `s${k}`)) k++;
  return `s${k}`;
}

/** A name not yet used: `base`, else `base 2`, `base 3` … */
export function freeName(s: Scenarios, base: string): string {
  const used = new Set(s.list.map((x) => x.name));
  if (!used.has(base)) return base;
  let k = 2;
  while (used.has(`${base} ${k}`)) k++;
  return `${base} ${k}`;
}

/** A new empty scenario, made active. */
export function createScenario(s: Scenarios, name: string): Scenarios {
  const sc: Scenario = { key: freshKey(s), name: freeName(s, name.trim() || 'S'), actions: [] };
  return { list: [...s.list, sc], active: sc.key };
}

export function renameScenario(s: Scenarios, key: string, name: string): Scenarios {
  const n = name.trim();
  if (!n) return s;
  return { ...s, list: s.list.map((x) => (x.key === key ? { ...x, name: n } : x)) };
}

/** A copy of `key` with its actions under a new name, made active. */
export function duplicateScenario(s: Scenarios, key: string, name: string): Scenarios {
  const from = s.list.find((x) => x.key === key);
  if (!from) return s;
  const sc: Scenario = { key: freshKey(s), name: freeName(s, name), actions: from.actions.map((a) => ({ ...a })) };
  return { list: [...s.list, sc], active: sc.key };
}

/** Drops `key`; the active one falls back to the previous scenario (or none). */
export function deleteScenario(s: Scenarios, key: string): Scenarios {
  const at = s.list.findIndex((x) => x.key === key);
  if (at < 0) return s;
  const list = s.list.filter((x) => x.key !== key);
  const active = s.active !== key ? s.active : (list[Math.max(0, at - 1)]?.key ?? null);
  return { list, active };
}

export function setActive(s: Scenarios, key: string | null): Scenarios {
  return key === null || s.list.some((x) => x.key === key) ? { ...s, active: key } : s;
}

/** The scenario `key` with `actions` appended (an edit on the map, an accepted site). */
export function recordActions(s: Scenarios, key: string, actions: FacilityAction[]): Scenarios {
  return { ...s, list: s.list.map((x) => (x.key === key ? { ...x, actions: [...x.actions, ...actions] } : x)) };
}

/** The scenario `key` with its actions replaced (undo, a cleared scenario). */
export function setActions(s: Scenarios, key: string, actions: FacilityAction[]): Scenarios {
  return { ...s, list: s.list.map((x) => (x.key === key ? { ...x, actions } : x)) };
}

export function activeScenario(s: Scenarios): Scenario | null {
  return s.list.find((x) => x.key === s.active) ?? null;
}
