// A refused road-class table in the UI language: the core's check (parseRoadClassTable) names the
// problem, the class and the value; the words come from the i18n table.
import { MAX_CLASS_NAME, MAX_CLASSES, RoadClassError } from '../core/travel/road-class';
import { RANGES } from '../core/limits';
import { fmt, t, type Lang, type StringKey } from './i18n';

/** The message for `e` (a RoadClassError, or any other error's own message). */
export function roadClassErrorText(lang: Lang, e: unknown): string {
  if (!(e instanceof RoadClassError)) return e instanceof Error ? e.message : String(e);
  const r = e.problem === 'walkFactor' || e.problem === 'vehicleKmh' ? RANGES[e.problem] : null;
  return t(lang, `roadClassErr_${e.problem}` as StringKey)
    .replace('{max}', String(e.problem === 'name' ? MAX_CLASS_NAME : e.problem === 'table' ? MAX_CLASSES : fmt(lang, r?.max ?? 0)))
    .replace('{min}', r ? fmt(lang, r.min, 2) : '')
    .replace('{cls}', e.cls.slice(0, 80))
    .replace('{value}', e.value.slice(0, 40));
}
