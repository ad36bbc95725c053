// The facility-type editor's rules as plain functions: a form draft from a type, and the project
// catalogue with a type added, changed or removed. Every save goes through the catalogue file's
// check (core/catalogue-file.ts checkTypes, the CLI's --catalogue check) and throws its
// CatalogueError naming the field.
import type { FacilityType } from '../../core/catalogue';
import { checkTypes, toFileType, type CatalogueFileType } from '../../core/catalogue-file';
import { activeCatalogue, PLAN_CATALOGUE, type ProjectCatalogue } from '../../analysis/projectCatalogue';
import type { CatalogueField } from './catalogueText';
import type { Project } from '../../analysis/project';

/** The form's values as typed (numbers as text; the target share in per cent). */
export type TypeDraft = Record<CatalogueField, string>;

const NUMBERS: CatalogueField[] = ['speed_kmh', 'minutes', 'target_share', 'cost_build'];

/** A new type's starting values: walking 15 minutes on the roads, 80 % of residents. */
export const NEW_TYPE: TypeDraft = {
  code: '',
  zh: '',
  en: '',
  color: '#7f7f7f',
  icon: '',
  mode: 'network',
  profile: 'walk',
  speed_kmh: '4.5',
  minutes: '15',
  target_share: '80',
  demand: 'population',
  cost_build: '',
};

/** The form's values for an existing type. */
export function draftOf(t: FacilityType): TypeDraft {
  return {
    code: t.code,
    zh: t.zh,
    en: t.en,
    color: t.color,
    icon: t.icon ?? '',
    mode: t.mode,
    profile: t.profile,
    speed_kmh: String(t.speedKmh),
    minutes: String(t.minutes),
    target_share: String(Math.round(t.targetShare * 1000) / 10),
    demand: t.demand,
    cost_build: t.costBuild === undefined ? '' : String(t.costBuild),
  };
}

/** The draft as a catalogue file's entry (unchecked): an empty field is absent, a number field
 *  that is not a number stays text, so the check names it. */
function entryOf(d: TypeDraft, source: string): Record<string, unknown> {
  const o: Record<string, unknown> = { source };
  for (const [k, raw] of Object.entries(d) as [CatalogueField, string][]) {
    const v = raw.trim();
    if (v === '') continue;
    if (!NUMBERS.includes(k)) o[k] = v;
    else {
      const x = Number(v.replace(/[,，]/g, ''));
      o[k] = Number.isFinite(x) ? (k === 'target_share' ? x / 100 : x) : v;
    }
  }
  return o;
}

/** The catalogue with the draft saved: a new type (`editing` null: its code may not be any type
 *  in force), or the type `editing` changed (an own type in place; a preset's as an own override). */
export function saveType(c: ProjectCatalogue = PLAN_CATALOGUE, d: TypeDraft, editing: string | null, source: string): ProjectCatalogue {
  const entry = entryOf(editing === null ? d : { ...d, code: editing }, source);
  const inForce = activeCatalogue(c);
  let types: unknown[];
  if (editing === null) {
    // Checked against every type in force, so a code the preset already has is a duplicate.
    checkTypes([...inForce.map(toFileType), entry]);
    types = [...c.types, entry];
  } else {
    const k = c.types.findIndex((t) => t.code === editing);
    types = k >= 0 ? c.types.map((t, i) => (i === k ? entry : t)) : [...c.types, entry];
  }
  const next: ProjectCatalogue = { preset: c.preset, types: checkTypes(types).map(toFileType) };
  activeCatalogue(next); // the count limit
  return next;
}

/** The catalogue without the own type `code` (a preset's type it overrode comes back). */
export function removeType(c: ProjectCatalogue, code: string): ProjectCatalogue {
  return { ...c, types: c.types.filter((t: CatalogueFileType) => t.code !== code) };
}

/** Whether `code` is one of the planner's own types (added or overriding the preset's). */
export const isOwn = (c: ProjectCatalogue | undefined, code: string): boolean => !!c?.types.some((t) => t.code === code);

/** Whether removing the own type `code` would leave the project naming a type it no longer has
 *  (imported facilities mapped to it, a scenario adding one), when the preset has no such type. */
export function typeInUse(p: Project, code: string): boolean {
  const preset = activeCatalogue({ preset: (p.catalogue ?? PLAN_CATALOGUE).preset, types: [] });
  if (preset.some((t) => t.code === code)) return false;
  const mapped = Object.values(p.layers.facilities?.mapping.typeValues ?? {}).includes(code);
  return mapped || !!p.scenarios?.list.some((sc) => sc.actions.some((a) => a.action === 'add' && a.type === code));
}
