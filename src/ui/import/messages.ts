// Import-side error text for the UI: loader errors (io/messages.ts), mapping errors and
// project-file errors, all in the UI language. Returned as plain strings for text nodes.
import { ImportError } from '../../io/import-error';
import { formatImportError } from '../../io/messages';
import { MappingError } from '../../analysis/project';
import { ProjectFileError } from '../../analysis/projectFile';
import { t, type Lang, type StringKey } from '../i18n';
import { RoadClassError } from '../../core/travel/road-class';
import { roadClassErrorText } from '../roadClassText';

/** A message for any error an import can end in. */
export function importErrorText(e: unknown, lang: Lang): string {
  if (e instanceof ImportError) return formatImportError(e, lang);
  if (e instanceof ProjectFileError)
    return t(lang, 'projectFileError').replace(
      '{detail}',
      e.cause instanceof RoadClassError ? `settings.roadClasses: ${roadClassErrorText(lang, e.cause)}` : e.detail,
    );
  if (e instanceof MappingError) {
    const p = e.params;
    const field = e.key === 'no_field' && p.field ? t(lang, `field_${p.field}` as StringKey) : (p.field ?? '');
    return t(lang, `mapErr_${e.key}` as StringKey)
      .replace('{feature}', String(p.feature ?? ''))
      .replace('{field}', field)
      .replace('{value}', p.value ?? '');
  }
  return e instanceof Error ? e.message : String(e);
}
