// The selected county highlighted, the rest muted: the focused county outlined strongly and every
// other county veiled white under the labels. Used by print maps, the atlas and presentation mode.
import type * as maplibregl from 'maplibre-gl';
import { COUNTY_LINE } from './style';

const MUTE_LAYER = 'county-focus-mute',
  FOCUS_LAYER = 'county-focus-line';

/** Highlights county `code` on `map` (null: no county singled out, the layers go). */
export function setCountyFocus(map: maplibregl.Map, code: string | null): void {
  for (const id of [MUTE_LAYER, FOCUS_LAYER]) if (map.getLayer(id)) map.removeLayer(id);
  if (code === null || !map.getSource('counties')) return;
  const before = map.getLayer('community-label') ? 'community-label' : undefined;
  map.addLayer(
    {
      id: MUTE_LAYER,
      type: 'fill',
      source: 'counties',
      filter: ['!=', ['to-string', ['get', 'code']], code],
      paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.6 },
    },
    before,
  );
  map.addLayer(
    {
      id: FOCUS_LAYER,
      type: 'line',
      source: 'counties',
      filter: ['==', ['to-string', ['get', 'code']], code],
      paint: { 'line-color': COUNTY_LINE, 'line-width': 3.5 },
    },
    before,
  );
}
