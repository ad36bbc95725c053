// Layer definitions, bottom to top. Each entry belongs to a toggle group so the layer panel can
// switch a group on and off without knowing maplibre layer ids.
import type { AddLayerObject, ExpressionSpecification } from 'maplibre-gl';
import { BUILT_IN_TYPES, type Catalogue } from '../core/catalogue';
import { SURFACE_OPACITY } from './surfaceImage';
import { ROAD_STYLE, type RoadCategory } from './roads';
import { BARRIER_LINE, COMMUNITY_LINE, COUNTY_LINE, HOUSEHOLD_COLOR, LABEL_FONT, TOWNSHIP_LINE } from './style';

export type LayerGroup =
  | 'basemap'
  | 'hillshade'
  | 'coverage'
  | 'communities'
  | 'townships'
  | 'counties'
  | 'households'
  | 'facilities'
  | 'serviceCircle'
  | 'fitnessCircle'
  | 'timeSurface'
  | 'roads'
  | 'barriers';

/** Catchment colours: the service circle in the service-centre red, the fitness circle in green. */
/** Outline of communities below their target share. */
export const GAP_LINE = '#7a0c1e';
export const SERVICE_CIRCLE_COLOR = '#d62728';
export const FITNESS_CIRCLE_COLOR = '#2ca02c';

/** Colours of the multi-service gap by the share of chosen services missing (0 … 1). */
export const MISSING_RAMP: [number, string][] = [
  [0, '#d9f0d3'],
  [0.34, '#fee08b'],
  [0.67, '#f46d43'],
  [1, '#a50026'],
];

/** Colour of `missing` services out of `n` on MISSING_RAMP (the legend's swatches). */
export function missingColor(missing: number, n: number): string {
  const x = n > 0 ? missing / n : 0;
  let best = MISSING_RAMP[0];
  for (const stop of MISSING_RAMP) if (Math.abs(stop[0] - x) < Math.abs(best[0] - x)) best = stop;
  return best[1];
}

/** Zoom from which the missing services' icons are drawn at each community seat. */
export const MISSING_ICON_ZOOM = 10;

/** Coverage colours by covered share of demand (0–1), interpolated linearly; legends draw the
 *  same stops. */
export const COVERAGE_RAMP: readonly { at: number; color: string }[] = [
  { at: 0, color: '#d7301f' },
  { at: 0.5, color: '#fdcc8a' },
  { at: 1, color: '#b8e0b0' },
];

/** Opacity of the community fills of the multi-service gap and of a comparison, each drawn only
 *  while some of its feature-state is set (MapView; 0 until then): a fill of transparent colour
 *  still costs the software GPU a pass over every community in view on every frame. (The
 *  coverage fill stays drawn: the first analysis would wait for its shaders to be made.) */
export const STATE_FILL_OPACITY = { 'community-missing': 0.65, 'community-diff': 0.7 } as const;
export type StateFill = keyof typeof STATE_FILL_OPACITY;
/** Switched at once: a fade would redraw the map every frame while it runs. */
const HIDDEN_FILL = { 'fill-opacity': 0, 'fill-opacity-transition': { duration: 0, delay: 0 } };

/** Zoom from which facilities are drawn as pictogram icons instead of dots. */
export const FACILITY_ICON_ZOOM = 12;

/** Zoom at which households switch from per-community circles to individual points. */
export const HOUSEHOLD_POINT_ZOOM = 11;

/** Ring of a what-if edit point: black when selected, a loaded facility in its type's colour. */
export function editStrokeColor(catalogue: Catalogue = BUILT_IN_TYPES): ExpressionSpecification {
  return [
    'case',
    ['boolean', ['get', 'selected'], false],
    '#000000',
    ['match', ['get', 'kind'], 'loaded', facilityColorExpr(catalogue), '#ffffff'],
  ] as unknown as ExpressionSpecification;
}

/** Facility type code → catalogue colour, as a maplibre `match` expression. */
export function facilityColorExpr(catalogue: Catalogue = BUILT_IN_TYPES): ExpressionSpecification {
  const pairs = catalogue.flatMap((t) => [t.code, t.color]);
  return ['match', ['get', 'type'], ...pairs, '#777777'] as unknown as ExpressionSpecification;
}

const label = (field: string, size: number) => ({
  'text-field': ['get', field] as ExpressionSpecification,
  'text-font': LABEL_FONT,
  'text-size': size,
});

/** All data layers in draw order, with their group. */
export function dataLayers(): { group: LayerGroup; layer: AddLayerObject }[] {
  const cats = Object.keys(ROAD_STYLE) as RoadCategory[];
  return [
    { group: 'basemap', layer: { id: 'basemap', type: 'raster', source: 'basemap', paint: { 'raster-opacity': 0.85 } } },
    {
      group: 'hillshade',
      layer: { id: 'hillshade', type: 'raster', source: 'hillshade', paint: { 'raster-opacity': 0.55, 'raster-fade-duration': 0 } },
    },
    // Coverage fill per community: colour comes from feature-state (set by the analysis). Its own
    // group: switching the village boundaries off leaves the coverage colours.
    {
      group: 'coverage',
      layer: {
        id: 'community-fill',
        type: 'fill',
        source: 'communities',
        paint: {
          'fill-color': [
            'case',
            ['==', ['feature-state', 'share'], null],
            'rgba(0,0,0,0)',
            ['interpolate', ['linear'], ['feature-state', 'share'], ...COVERAGE_RAMP.flatMap((s) => [s.at, s.color])],
          ] as unknown as ExpressionSpecification,
          'fill-opacity': 0.5,
        },
      },
    },
    // Multi-service gap (综合缺口): communities by how many of the chosen services they lack
    // (feature-state `missingShare` = missing ÷ services chosen; null outside that view).
    {
      group: 'coverage',
      layer: {
        id: 'community-missing',
        type: 'fill',
        source: 'communities',
        paint: {
          'fill-color': [
            'case',
            ['==', ['feature-state', 'missingShare'], null],
            'rgba(0,0,0,0)',
            ['interpolate', ['linear'], ['feature-state', 'missingShare'], ...MISSING_RAMP.flat()],
          ],
          ...HIDDEN_FILL,
        },
      },
    },
    // Scenario comparison: communities whose covered share rises (blue) or falls (red); none drawn
    // until a comparison sets the 'diff' feature-state.
    {
      group: 'communities',
      layer: {
        id: 'community-diff',
        type: 'fill',
        source: 'communities',
        paint: {
          'fill-color': [
            'case',
            ['==', ['feature-state', 'diff'], null],
            'rgba(0,0,0,0)',
            ['>', ['feature-state', 'diff'], 0],
            '#2166ac',
            ['<', ['feature-state', 'diff'], 0],
            '#b2182b',
            'rgba(0,0,0,0)',
          ],
          ...HIDDEN_FILL,
        },
      },
    },
    // Walking-time surface (an image source added when its data arrives, like the hillshade).
    {
      group: 'timeSurface',
      layer: {
        id: 'time-surface',
        type: 'raster',
        source: 'time-surface',
        paint: { 'raster-opacity': SURFACE_OPACITY, 'raster-fade-duration': 0, 'raster-resampling': 'nearest' },
      },
    },
    // Road network by class (roads.ts), under the service circles it is checked against.
    {
      group: 'roads',
      layer: {
        id: 'roads-line',
        type: 'line',
        source: 'roads',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': [
            'match',
            ['get', 'cat'],
            ...cats.flatMap((k) => [k, ROAD_STYLE[k].color]),
            '#6b6b6b',
          ] as unknown as ExpressionSpecification,
          'line-width': [
            'interpolate',
            ['linear'],
            ['zoom'],
            9,
            0.4,
            14,
            ['match', ['get', 'cat'], ...cats.flatMap((k) => [k, ROAD_STYLE[k].width]), 1.5],
          ] as unknown as ExpressionSpecification,
          'line-dasharray': [
            'match',
            ['get', 'cat'],
            'closed',
            ['literal', [2, 1]],
            ['literal', [1, 0]],
          ] as unknown as ExpressionSpecification,
        },
      },
    },
    // Barrier lines a straight path may not cross: thick and dashed, above the roads.
    {
      group: 'barriers',
      layer: {
        id: 'barriers-line',
        type: 'line',
        source: 'barriers',
        paint: {
          'line-color': BARRIER_LINE,
          'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1.5, 14, 4],
          'line-dasharray': [3, 1.5],
        },
      },
    },
    {
      group: 'communities',
      layer: {
        id: 'community-line',
        type: 'line',
        source: 'communities',
        minzoom: 8,
        paint: { 'line-color': COMMUNITY_LINE, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.3, 12, 1] },
      },
    },
    // Feature-state cannot drive filters, so gap outlines switch by opacity.
    {
      group: 'coverage',
      layer: {
        id: 'community-gap',
        type: 'line',
        source: 'communities',
        paint: {
          'line-color': GAP_LINE,
          'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0.6, 12, 2.5],
          'line-dasharray': [2, 1],
          'line-opacity': ['case', ['boolean', ['feature-state', 'gap'], false], 1, 0],
        },
      },
    },
    {
      group: 'serviceCircle',
      layer: {
        id: 'service-circle-fill',
        type: 'fill',
        source: 'catchment-service',
        paint: { 'fill-color': SERVICE_CIRCLE_COLOR, 'fill-opacity': 0.14 },
      },
    },
    {
      group: 'serviceCircle',
      layer: {
        id: 'service-circle-line',
        type: 'line',
        source: 'catchment-service',
        paint: { 'line-color': SERVICE_CIRCLE_COLOR, 'line-width': 1.2, 'line-opacity': 0.8 },
      },
    },
    {
      group: 'fitnessCircle',
      layer: {
        id: 'fitness-circle-fill',
        type: 'fill',
        source: 'catchment-fitness',
        paint: { 'fill-color': FITNESS_CIRCLE_COLOR, 'fill-opacity': 0.14 },
      },
    },
    {
      group: 'fitnessCircle',
      layer: {
        id: 'fitness-circle-line',
        type: 'line',
        source: 'catchment-fitness',
        paint: { 'line-color': FITNESS_CIRCLE_COLOR, 'line-width': 1.2, 'line-opacity': 0.8, 'line-dasharray': [3, 2] },
      },
    },
    {
      group: 'townships',
      layer: {
        id: 'township-line',
        type: 'line',
        source: 'townships',
        paint: { 'line-color': TOWNSHIP_LINE, 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0.6, 12, 1.6] },
      },
    },
    {
      group: 'counties',
      layer: {
        id: 'county-line',
        type: 'line',
        source: 'counties',
        paint: { 'line-color': COUNTY_LINE, 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 1.5, 12, 3] },
      },
    },
    {
      group: 'households',
      layer: {
        id: 'household-agg',
        type: 'circle',
        source: 'household-agg',
        maxzoom: HOUSEHOLD_POINT_ZOOM,
        paint: {
          'circle-color': HOUSEHOLD_COLOR,
          'circle-opacity': 0.55,
          // Area ∝ households: radius ∝ √households, scaled up with zoom.
          'circle-radius': [
            'interpolate',
            ['exponential', 2],
            ['zoom'],
            7,
            ['*', 0.08, ['sqrt', ['get', 'households']]],
            11,
            ['*', 0.5, ['sqrt', ['get', 'households']]],
          ],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 0.3,
        },
      },
    },
    {
      group: 'households',
      layer: {
        id: 'household-points',
        type: 'circle',
        source: 'households',
        minzoom: HOUSEHOLD_POINT_ZOOM,
        paint: {
          'circle-color': HOUSEHOLD_COLOR,
          'circle-opacity': 0.7,
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 1.2, 16, 4],
        },
      },
    },
    // Small dots while zoomed out, pictogram icons (icons.ts) from FACILITY_ICON_ZOOM.
    {
      group: 'facilities',
      layer: {
        id: 'facility-points',
        type: 'circle',
        source: 'facilities',
        minzoom: 8,
        maxzoom: FACILITY_ICON_ZOOM,
        paint: {
          'circle-color': facilityColorExpr(),
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 2.5, 12, 4.5],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1,
        },
      },
    },
    {
      group: 'facilities',
      layer: {
        id: 'facility-icons',
        type: 'symbol',
        source: 'facilities',
        minzoom: FACILITY_ICON_ZOOM,
        layout: {
          'icon-image': ['concat', 'fac-', ['get', 'type']],
          'icon-allow-overlap': true,
          'icon-ignore-placement': true,
          'icon-size': ['interpolate', ['linear'], ['zoom'], FACILITY_ICON_ZOOM, 0.75, 16, 1],
        },
      },
    },
    // One icon per missing service at the community seat, side by side (`half`: offset from the
    // seat in half icon widths; icon-offset takes no arithmetic on arrays, so a lookup).
    {
      group: 'communities',
      layer: {
        id: 'missing-icons',
        type: 'symbol',
        source: 'missing-services',
        minzoom: MISSING_ICON_ZOOM,
        layout: {
          'icon-image': ['concat', 'fac-', ['get', 'type']],
          'icon-allow-overlap': true,
          'icon-ignore-placement': true,
          'icon-size': 0.8,
          'icon-offset': [
            'match',
            ['get', 'half'],
            ...Array.from({ length: 23 }, (_, k) => [k - 11, ['literal', [11 * (k - 11), 0]]]).flat(),
            ['literal', [0, 0]],
          ] as unknown as ExpressionSpecification,
        },
      },
    },
    {
      group: 'communities',
      layer: {
        id: 'community-selected',
        type: 'line',
        source: 'community-selection',
        paint: { 'line-color': '#111111', 'line-width': 3 },
      },
    },
    {
      group: 'communities',
      layer: {
        id: 'community-label',
        type: 'symbol',
        source: 'community-seats',
        minzoom: 11.5,
        layout: label('name', 11),
        paint: { 'text-color': '#444', 'text-halo-color': '#fff', 'text-halo-width': 1.2 },
      },
    },
    {
      group: 'townships',
      layer: {
        id: 'township-label',
        type: 'symbol',
        source: 'township-centres',
        minzoom: 9,
        layout: label('name', 12),
        paint: { 'text-color': '#4b3f6b', 'text-halo-color': '#fff', 'text-halo-width': 1.5 },
      },
    },
    {
      group: 'counties',
      layer: {
        id: 'county-label',
        type: 'symbol',
        source: 'county-centres',
        maxzoom: 10,
        layout: label('name', 15),
        paint: { 'text-color': COUNTY_LINE, 'text-halo-color': '#fff', 'text-halo-width': 2 },
      },
    },
  ];
}

/** Source ids the data layers use (all GeoJSON except basemap/hillshade). */
export const GEOJSON_SOURCES = [
  'communities',
  'townships',
  'counties',
  'household-agg',
  'households',
  'facilities',
  'community-seats',
  'township-centres',
  'county-centres',
  'catchment-service',
  'catchment-fitness',
  'missing-services',
  'roads',
  'barriers',
  // The selected community alone (MapView.select), so that no outline is drawn while none is.
  'community-selection',
] as const;
export type GeoJsonSourceId = (typeof GEOJSON_SOURCES)[number];

/** What-if facilities by kind: loaded and unchanged, moved, proposed (added or accepted), deleted. */
export const SITING_COLORS = { loaded: '#ffffff', moved: '#f781bf', proposed: '#e7298a', deleted: '#9e9e9e', result: '#1f78b4' } as const;
/** A build sequence's sites by year, in year order (the optimiser panel's legend uses the same). */
export const SITING_YEAR_COLORS = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#666666'] as const;

/** Sources of the siting layers (not-buildable areas, what-if facilities, optimiser results, user-drawn candidates). */
export const SITING_SOURCES = ['siting-nobuild', 'siting-edit', 'siting-results', 'siting-candidates', 'scenario-changes'] as const;
export type SitingSourceId = (typeof SITING_SOURCES)[number];

/** The siting layers, drawn above every data layer; not part of a layer-panel group. */
export function sitingLayers(): AddLayerObject[] {
  const kind = ['get', 'kind'] as ExpressionSpecification;
  return [
    {
      id: 'siting-nobuild-fill',
      type: 'fill',
      source: 'siting-nobuild',
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': '#555555', 'fill-opacity': 0.25 },
    },
    {
      id: 'siting-nobuild-line',
      type: 'line',
      source: 'siting-nobuild',
      paint: { 'line-color': '#333333', 'line-width': 1.5, 'line-dasharray': [2, 2] },
    },
    {
      id: 'siting-nobuild-vertex',
      type: 'circle',
      source: 'siting-nobuild',
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-color': '#333333', 'circle-radius': 3 },
    },
    {
      id: 'siting-candidates',
      type: 'circle',
      source: 'siting-candidates',
      paint: {
        'circle-color': '#ffffff',
        'circle-radius': 4,
        'circle-stroke-color': SITING_COLORS.result,
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'siting-results',
      type: 'circle',
      source: 'siting-results',
      paint: {
        // A build sequence's sites carry their year's colour.
        'circle-color': ['coalesce', ['get', 'color'], SITING_COLORS.result],
        'circle-radius': 10,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'siting-results-rank',
      type: 'symbol',
      source: 'siting-results',
      layout: {
        ...label('rank', 11),
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
    {
      id: 'siting-results-year',
      type: 'symbol',
      source: 'siting-results',
      filter: ['has', 'year'],
      layout: { ...label('year', 10), 'text-offset': [0, 1.6], 'text-allow-overlap': true, 'text-ignore-placement': true },
      paint: { 'text-color': '#333333', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
    // A scenario's changes against the baseline: moves as a line from the old place, added
    // facilities as green dots, moved ones orange, removed ones as red rings.
    {
      id: 'scenario-changes-move',
      type: 'line',
      source: 'scenario-changes',
      filter: ['==', ['geometry-type'], 'LineString'],
      paint: { 'line-color': '#e08214', 'line-width': 2, 'line-dasharray': [2, 1] },
    },
    {
      id: 'scenario-changes-points',
      type: 'circle',
      source: 'scenario-changes',
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-color': [
          'match',
          ['get', 'action'],
          'add',
          '#1a9850',
          'move',
          '#e08214',
          'rgba(0,0,0,0)',
        ] as unknown as ExpressionSpecification,
        'circle-radius': 7,
        'circle-stroke-width': 2.5,
        'circle-stroke-color': ['match', ['get', 'action'], 'remove', '#d73027', '#ffffff'] as unknown as ExpressionSpecification,
      },
    },
    // Loaded facilities of the edited type as hollow rings, proposed ones as filled magenta dots.
    {
      id: 'siting-edit-points',
      type: 'circle',
      source: 'siting-edit',
      paint: {
        'circle-color': [
          'match',
          kind,
          'loaded',
          SITING_COLORS.loaded,
          'moved',
          SITING_COLORS.moved,
          'deleted',
          SITING_COLORS.deleted,
          SITING_COLORS.proposed,
        ] as unknown as ExpressionSpecification,
        'circle-radius': [
          'interpolate',
          ['linear'],
          ['zoom'],
          8,
          ['match', kind, 'deleted', 2, 'loaded', 2.5, 6],
          13,
          ['match', kind, 'deleted', 4, 'loaded', 6, 9],
        ] as unknown as ExpressionSpecification,
        'circle-stroke-color': editStrokeColor(),
        'circle-stroke-width': [
          'interpolate',
          ['linear'],
          ['zoom'],
          8,
          ['case', ['boolean', ['get', 'selected'], false], 3, 1.5],
          13,
          ['case', ['boolean', ['get', 'selected'], false], 3.5, 2.5],
        ] as unknown as ExpressionSpecification,
      },
    },
  ];
}
