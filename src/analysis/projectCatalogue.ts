// The project's facility catalogue: a preset (the Honghe plan unless the planner picks a national
// standard) and the planner's own types on top, added or overriding the preset's by code. Own
// types are kept as a catalogue file writes them, so the CLI's check (core/catalogue-file.ts)
// reads a saved project too.
import type { Catalogue } from '../core/catalogue';
import { checkTypes, mergeCatalogue, type CatalogueFileType } from '../core/catalogue-file';
import { cataloguePreset } from '../core/catalogue-presets';

export interface ProjectCatalogue {
  /** A CATALOGUE_PRESETS id. */
  preset: string;
  /** The planner's types, in the catalogue file's form. */
  types: CatalogueFileType[];
}

export const PLAN_CATALOGUE: ProjectCatalogue = { preset: 'honghe', types: [] };

/** The types in force; throws CatalogueError (or Error for an unknown preset). */
export function activeCatalogue(c: ProjectCatalogue = PLAN_CATALOGUE): Catalogue {
  const preset = cataloguePreset(c.preset);
  if (!preset) throw new Error(`unknown catalogue preset "${c.preset}"`);
  return c.types.length ? mergeCatalogue(checkTypes(c.types), preset.types) : preset.types;
}
