// Catalogues to start from: the Honghe plan's types (catalogue.ts) and the national standards'.
// A project or a CLI run picks one and may add or override types on top (catalogue-file.ts).
import { BUILT_IN_TYPES, type Catalogue } from './catalogue.ts';

export interface CataloguePreset {
  id: string;
  zh: string;
  en: string;
  types: Catalogue;
}

export const CATALOGUE_PRESETS: readonly CataloguePreset[] = [
  {
    id: 'honghe',
    zh: '红河州“十四五”城乡社区服务体系建设规划',
    en: 'Honghe 14th Five-Year community services plan',
    types: BUILT_IN_TYPES,
  },
];

/** The preset named `id`, or undefined. */
export function cataloguePreset(id: string): CataloguePreset | undefined {
  return CATALOGUE_PRESETS.find((p) => p.id === id);
}
