// The active facility catalogue (the plan's, a preset's, with the planner's own types): App
// provides it, and every list, legend and table that names or colours types reads it from here.
import { createContext, useContext } from 'react';
import { BUILT_IN_TYPES, type Catalogue } from '../core/catalogue';

export const CatalogueContext = createContext<Catalogue>(BUILT_IN_TYPES);

/** The active catalogue. */
export function useCatalogue(): Catalogue {
  return useContext(CatalogueContext);
}
