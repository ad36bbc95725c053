// The app's failure and warning notices, in the UI language: what failed and, when known, where
// (file, facility type, reason). Built here from the controllers' states so the texts are
// unit-tested; Notices.tsx only renders them.
import { typeName } from '../io/export/tables';
import type { Catalogue } from '../core/catalogue';
import { CATALOGUE_PRESETS } from '../core/catalogue-presets';
import { fmt } from './i18n';
import { t, type Lang, type StringKey } from './i18n';
import { importErrorText } from './import/messages';
import { CIRCLES, type ServiceCirclesState } from './serviceCircles';

export interface Notice {
  /** Also the element's test id. */
  id: string;
  /** An error (something the user expected is missing or not current) or a notice. */
  kind: 'error' | 'notice';
  text: string;
  /** A button the notice offers: download the unreadable saved project kept aside. */
  action?: 'export-unreadable-project';
}

export interface NoticeInputs {
  demoError: string | null;
  /** Why the saved project was not applied (the demo is shown instead), or null. */
  projectApplyError: unknown;
  /** Why the saved project could not be read (the demo is shown instead), or null. */
  projectReadError: unknown;
  saveError: string | null;
  loadError: string | null;
  mapError: string | null;
  pointsError: string | null;
  elevationError: string | null;
  circles: ServiceCirclesState;
  surfaceError: { code: string; message: string } | null;
  /** Settings of the link that were refused (the defaults are used), or null. */
  urlRefused: string[] | null;
  /** The facility types in force (for type names). */
  catalogue: Catalogue;
  /** Facilities left out because the catalogue has no type of theirs: count by type value, or null. */
  skippedFacilities: Map<string, number> | null;
  /** Road-class values of the network the class table lacks, by edge count (the analysis
   *  result's, core/travel/road-class.ts), or null when dismissed. */
  unknownRoadClasses?: Record<string, number> | null;
}

const fill = (lang: Lang, key: StringKey, values: Record<string, string>) =>
  Object.entries(values).reduce((s, [k, v]) => s.replace(`{${k}}`, v), t(lang, key));

export function notices(lang: Lang, x: NoticeInputs): Notice[] {
  const out: Notice[] = [];
  const error = (id: string, text: string) => out.push({ id, kind: 'error', text });
  if (x.demoError) error('demo-error', `${t(lang, 'loadFailed')}: ${x.demoError}`);
  if (x.projectApplyError != null)
    error('project-apply-error', `${t(lang, 'projectApplyFailed')}: ${importErrorText(x.projectApplyError, lang)}`);
  if (x.loadError) error('worker-error', `${t(lang, 'analysisLoadFailed')}: ${x.loadError}`);
  if (x.mapError) error('map-error', fill(lang, 'mapFeedFailed', { detail: x.mapError }));
  if (x.projectReadError != null)
    out.push({
      id: 'project-read-error',
      kind: 'error',
      text: `${t(lang, 'projectReadFailed')}: ${importErrorText(x.projectReadError, lang)}${lang === 'zh' ? '。' : '. '}${t(lang, 'projectReadKept')}`,
      action: 'export-unreadable-project',
    });
  if (x.saveError) error('save-error', `${t(lang, 'projectSaveFailed')}: ${x.saveError}`);
  for (const { source } of CIRCLES) {
    const f = x.circles[source];
    if (f) error(`${source}-error`, fill(lang, 'circleFailed', { type: typeName(f.code, lang, x.catalogue), detail: f.message }));
  }
  if (x.surfaceError)
    error(
      'surface-error',
      fill(lang, 'surfaceFailed', { type: typeName(x.surfaceError.code, lang, x.catalogue), detail: x.surfaceError.message }),
    );
  if (x.elevationError) error('elevation-error', fill(lang, 'elevationFailed', { detail: x.elevationError }));
  if (x.pointsError) error('points-error', fill(lang, 'pointsFailed', { detail: x.pointsError }));
  if (x.skippedFacilities?.size) {
    // A type code (the demo's facilities under a preset without their type) by its name in any catalogue.
    const name = (v: string) => {
      const ft = CATALOGUE_PRESETS.flatMap((p) => p.types).find((t) => t.code === v);
      return ft ? ft[lang] : v;
    };
    const list = [...x.skippedFacilities].map(([v, n]) => `${name(v)} (${fmt(lang, n)})`).join(lang === 'zh' ? '、' : ', ');
    out.push({ id: 'facilities-skipped', kind: 'notice', text: `${t(lang, 'facilitiesSkipped')}${lang === 'zh' ? '：' : ': '}${list}` });
  }
  const unknown = Object.entries(x.unknownRoadClasses ?? {});
  if (unknown.length) {
    const list = unknown
      .map(([v, n]) => fill(lang, 'roadClassesUnknownItem', { value: v, edges: fmt(lang, n) }))
      .join(lang === 'zh' ? '、' : ', ');
    out.push({ id: 'road-classes-unknown', kind: 'notice', text: fill(lang, 'roadClassesUnknown', { list }) });
  }
  if (x.urlRefused) out.push({ id: 'url-refused', kind: 'notice', text: fill(lang, 'urlRefused', { names: x.urlRefused.join(', ') }) });
  return out;
}
