// Puts the project's imported layers in place of the demo layers of the same role, giving
// fresh core layers (the analysis worker takes ownership of the buffers it is handed, so the
// demo's own arrays must never be the ones sent).
import type { FeatureCollection } from 'geojson';
import { assignToAreas } from '../core/geo/assign';
import {
  areasFromFeatures,
  facilitiesFromFeatures,
  householdsFromBuildings,
  householdsFromFeatures,
  householdsFromPopulation,
  linesFromFeatures,
} from '../io/features';
import type { FacilityLayer, HouseholdLayer } from '../core/types';
import type { DemoData, DemoLayers } from './loadDemo';
import { canonicalFeatures, emptyProject, MappingError, type ImportedLayer, type Project } from './project';
import { BUILT_IN_TYPES, typeIndex, type Catalogue } from '../core/catalogue';
import { recatalogue } from '../core/recatalogue';
import { activeCatalogue } from './projectCatalogue';
import { copyLayers } from './copyLayers';

/** The applied data, and facilities left out because the catalogue has no type of theirs (by type). */
export type AppliedData = DemoData & { skippedFacilities: Map<string, number> };

/** GeoJSON bytes (UTF-8), the form the map's household-point source is fed in. */
function geojsonBytes(fc: FeatureCollection): ArrayBuffer {
  return new TextEncoder().encode(JSON.stringify(fc)).buffer as ArrayBuffer;
}

/** Estimated demand as points for the map (building centroids, grid cells with their households). */
function demandPoints(h: HouseholdLayer): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: Array.from({ length: h.count }, (_, i) => ({
      type: 'Feature' as const,
      properties: { households: h.households[i] },
      geometry: { type: 'Point' as const, coordinates: [h.coords[2 * i], h.coords[2 * i + 1]] },
    })),
  };
}

/** The facilities of the catalogue's types (canonical features: `type` is a code); the others
 *  (their type left the catalogue, or a preset without it was picked) are left out and counted,
 *  even all of them: the project stays readable and the app says what is missing. */
function facilitiesOf(fc: FeatureCollection, catalogue: Catalogue, skipped: Map<string, number>): FacilityLayer {
  const kept = fc.features.filter((f) => {
    const code = String(f.properties?.type);
    if (typeIndex(code, catalogue) >= 0) return true;
    skipped.set(code, (skipped.get(code) ?? 0) + 1);
    return false;
  });
  return facilitiesFromFeatures({ ...fc, features: kept }, {}, undefined, undefined, catalogue);
}

/** The demo with the project's layers in place, its facilities typed by the project's catalogue;
 *  throws MappingError or the converters' errors. */
export function applyProject(demo: DemoData, project: Project): AppliedData {
  const catalogue = activeCatalogue(project.catalogue);
  const skippedFacilities = new Map<string, number>();
  const geo = { ...demo.geo };
  const layers: DemoLayers = copyLayers(demo.layers);
  const { communities, households, facilities, network, barriers } = project.layers;
  if (communities) {
    const fc = canonicalFeatures(communities);
    geo.communities = fc;
    layers.communities = areasFromFeatures(fc, {}, 'communities');
    // Households belong to the new areas now; those outside every area count nowhere (−1).
    layers.households.community = assignToAreas(layers.households.coords, layers.communities);
  }
  if (households) {
    const fc = canonicalFeatures(households);
    const m = households.mapping;
    const estimate = { householdSize: m.householdSize, areaPerHouseholdM2: m.areaPerHousehold };
    const buildings = fc.features.some((f) => f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon');
    layers.households = buildings
      ? householdsFromBuildings(fc, layers.communities, { community: '' }, estimate)
      : m.householdSize
        ? householdsFromPopulation(fc, layers.communities, { community: '' }, estimate)
        : householdsFromFeatures(fc, layers.communities, { community: '' });
    const points = buildings || m.householdSize ? demandPoints(layers.households) : fc;
    geo.householdsDisplay = () => Promise.resolve(geojsonBytes(points));
  }
  if (facilities) {
    const fc = canonicalFeatures(facilities);
    geo.facilities = fc;
    layers.facilities = facilitiesOf(fc, catalogue, skippedFacilities);
  } else {
    // The demo's facilities, typed by the plan's catalogue: kept by type code in this one.
    const r = recatalogue(layers.facilities, catalogue);
    layers.facilities = r.facilities;
    for (const [code, n] of r.skipped) skippedFacilities.set(code, n);
    if (r.skipped.size)
      geo.facilities = { ...geo.facilities, features: geo.facilities.features.filter((f) => !r.skipped.has(String(f.properties?.type))) };
  }
  if (network) layers.network = linesFromFeatures(canonicalFeatures(network));
  if (barriers) {
    geo.barriers = canonicalFeatures(barriers);
    layers.barriers = linesFromFeatures(geo.barriers);
  }
  // Imported areas that hold none of the households are elsewhere: every figure would be empty.
  if (communities && !layers.households.community.some((c) => c >= 0)) throw new MappingError('no_overlap');
  return { ...demo, geo, layers, skippedFacilities };
}

/** Throws MappingError('no_overlap') when both layers are given and no household lies in any
 *  community: the files describe different places (or one is in the wrong coordinates). */
export function checkOverlap(communities: ImportedLayer, households: ImportedLayer): void {
  const areas = areasFromFeatures(canonicalFeatures(communities), {}, 'communities');
  if (!householdsFromFeatures(canonicalFeatures(households), areas, { community: '' }).community.some((c) => c >= 0))
    throw new MappingError('no_overlap');
}

/** Checks that `layer` converts to its core layer (households need the communities, so for them
 *  the per-feature checks of canonicalFeatures are the check); throws MappingError or Error. */
export function checkLayer(layer: ImportedLayer, catalogue: Catalogue = BUILT_IN_TYPES): FeatureCollection {
  const fc = canonicalFeatures(layer);
  if (layer.role === 'communities') areasFromFeatures(fc, {}, 'communities');
  if (layer.role === 'facilities') facilitiesOf(fc, catalogue, new Map());
  if (layer.role === 'network' || layer.role === 'barriers') linesFromFeatures(fc);
  return fc;
}

/** applyProject, falling back to the plain demo when the project does not apply; `error` says why (the UI shows it). */
export function applyProjectOrDemo(demo: DemoData, project: Project): { data: AppliedData; error: unknown } {
  try {
    return { data: applyProject(demo, project), error: null };
  } catch (e) {
    return { data: applyProject(demo, emptyProject()), error: e };
  }
}
