// Turns loaded demo layers into what the map draws: boundary sources, label points,
// per-community household circles, household points and the hillshade image.
import type { Feature, FeatureCollection, Point } from 'geojson';
import { centroid } from '@turf/turf';
import type { MapView } from '../map/MapView';
import type { DemoGeo } from '../analysis/loadDemo';

const fc = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

/** Label points at polygon centroids, keeping `code` and `name`. */
function centres(areas: FeatureCollection): FeatureCollection {
  return fc(areas.features.map((f) => ({ ...centroid(f), properties: { code: f.properties?.code, name: f.properties?.name } })));
}

/** One point per community at its settlement seat, carrying its household total. */
function communitySeats(communities: FeatureCollection): FeatureCollection {
  return fc(
    communities.features.map((f): Feature<Point> => {
      const p = f.properties ?? {};
      const at = Number.isFinite(p.seat_lon) ? [Number(p.seat_lon), Number(p.seat_lat)] : centroid(f).geometry.coordinates;
      return {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: at },
        properties: { code: p.code, name: p.name, households: Number(p.households ?? 0) },
      };
    }),
  );
}

/** Pushes every demo layer into the map; resolves when the map has drawn them. What the first
 *  analysis is read against (communities, counties, facilities) goes at once; the context
 *  (townships, labels, household circles, barriers, hillshade) waits for `analysisShown`: on a
 *  small machine tiling and drawing it would hold up that first analysis. The household points
 *  come later still: `onPointsFailed` hears if they cannot be drawn. */
export async function feedMap(
  view: MapView,
  geo: DemoGeo,
  onPointsFailed: (e: unknown) => void,
  analysisShown: Promise<void>,
): Promise<void> {
  const seats = communitySeats(geo.communities);
  // Household points are only drawn from zoom 11: the map asks for them when the view nears it.
  view
    .setHouseholdPoints(async () => URL.createObjectURL(new Blob([await geo.householdsDisplay()], { type: 'application/geo+json' })))
    .catch(onPointsFailed);
  await Promise.all([
    view.setData('counties', geo.counties),
    view.setData('communities', geo.communities),
    view.setData('facilities', geo.facilities),
    // The seats also place the multi-service gap's icons.
    view.setData('community-seats', seats),
  ]);
  performance.mark('scp:boundaries-set');
  await analysisShown;
  await Promise.all([
    view.setData('townships', geo.townships),
    view.setData('county-centres', centres(geo.counties)),
    view.setData('township-centres', centres(geo.townships)),
    view.setData('household-agg', seats),
    view.setData('barriers', geo.barriers ?? fc([])),
  ]);
  performance.mark('scp:vectors-set');
  if (geo.hillshade) await view.setHillshade(URL.createObjectURL(await geo.hillshade.image()), geo.hillshade.bounds);
  performance.mark('scp:hillshade-set');
  await view.idle();
}
