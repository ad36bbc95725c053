// Which area a map view shows, for titles that name it ("蒙自市 · 养老食堂", not 红河州 over a
// zoomed view of 蒙自): the feature holding most of a grid of sample points over the view, when
// it clearly dominates.
import type { PolygonSet } from '../types.ts';
import { pointInFeature } from './pip.ts';

/** WGS84 [west, south, east, north]. */
export type ViewBounds = readonly [number, number, number, number];

/** Index of the feature of `set` (with `count` features) the view mostly shows: the one holding
 *  the most of n × n sample points over the view, if it holds at least `lead` times as many as
 *  the runner-up; −1 when none dominates (the view spans several areas: name the whole region). */
export function areaShown(set: PolygonSet, count: number, view: ViewBounds, n = 12, lead = 2): number {
  const hits = new Array<number>(count).fill(0);
  const [w, s, e, north] = view;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = w + ((i + 0.5) / n) * (e - w),
        y = s + ((j + 0.5) / n) * (north - s);
      for (let f = 0; f < count; f++) {
        if (pointInFeature(set, f, x, y)) {
          hits[f]++;
          break;
        }
      }
    }
  }
  let best = -1;
  for (let f = 0; f < count; f++) if (hits[f] > 0 && (best < 0 || hits[f] > hits[best])) best = f;
  if (best < 0) return -1;
  const second = Math.max(0, ...hits.filter((_, f) => f !== best));
  return hits[best] >= lead * second ? best : -1;
}
