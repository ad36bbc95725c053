// The offline base style: no remote tiles, no glyph URL. Without a `glyphs` URL maplibre 6
// draws every label locally with TinySDF from the system fonts, so CJK names render offline.
import type { StyleSpecification } from 'maplibre-gl';

/** Paper-like background the boundaries and hillshade sit on. */
export const BACKGROUND = '#f3f1ea';
/** Boundary colours, also used by the legend and the browser test's pixel check. */
export const COUNTY_LINE = '#5b3f8c';
export const TOWNSHIP_LINE = '#8f7fb3';
export const COMMUNITY_LINE = '#b9b3c8';
/** Household colour (points and per-community circles). */
/** Barrier lines (core/travel/barriers.ts): a dark blue dashed line, apart from every road colour. */
export const BARRIER_LINE = '#08306b';
export const HOUSEHOLD_COLOR = '#3a6fb0';

/** Font stack for labels: CSS families the local glyph renderer tries in order. */
export const LABEL_FONT = ['Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];

/** An empty GeoJSON source. */
export const EMPTY = { type: 'geojson' as const, data: { type: 'FeatureCollection' as const, features: [] } };

/** The base style with every source present but empty; MapView fills them. */
export function baseStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } }],
  };
}
