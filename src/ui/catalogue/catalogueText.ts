// A catalogue check's failure (core/catalogue-file.ts CatalogueError) in the UI language, naming
// the field as the editor labels it: the same check as the CLI's --catalogue, its words here.
import { CatalogueError } from '../../core/catalogue-file';
import { fmt, t, type Lang, type StringKey } from '../i18n';

/** Editor fields, in the catalogue file's names. */
export const CATALOGUE_FIELDS = [
  'code',
  'zh',
  'en',
  'color',
  'icon',
  'mode',
  'profile',
  'speed_kmh',
  'minutes',
  'target_share',
  'demand',
  'cost_build',
] as const;
export type CatalogueField = (typeof CATALOGUE_FIELDS)[number];

export const fieldLabel = (lang: Lang, f: string): string =>
  (CATALOGUE_FIELDS as readonly string[]).includes(f) ? t(lang, `catField_${f}` as StringKey) : f;

/** E.g. 类型不能保存：“时间（分钟）”须为大于 0、不超过 600 的数值. */
export function catalogueErrorText(e: CatalogueError, lang: Lang): string {
  const p = e.problem;
  // The editor shows the target share in per cent.
  const scale = e.field === 'target_share' ? 100 : 1;
  let problem: string;
  switch (p.kind) {
    case 'range':
      problem = t(lang, p.minOpen ? 'catProblem_rangeOpen' : 'catProblem_range')
        .replace('{min}', fmt(lang, p.min * scale, 2))
        .replace('{max}', fmt(lang, p.max * scale, 2));
      break;
    case 'choice':
      problem = t(lang, 'catProblem_choice').replace('{options}', p.options.join(', '));
      break;
    case 'count':
      problem = t(lang, 'catProblem_count').replace('{max}', String(p.max));
      break;
    case 'missing':
    case 'text':
    case 'code':
    case 'duplicate':
    case 'colour':
    case 'icon':
      problem = t(lang, `catProblem_${p.kind}`);
      break;
    default:
      problem = t(lang, 'catProblem_other');
  }
  const where = e.field ? t(lang, 'catErrorField').replace('{field}', fieldLabel(lang, e.field)) : '';
  return t(lang, 'catError').replace('{where}', where).replace('{problem}', problem);
}
