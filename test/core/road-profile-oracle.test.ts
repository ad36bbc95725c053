// Each travel profile against a slow twin that reads the class table and the access flags
// itself: per line segment it decides usability and speed, attaches homes and facilities to the
// nearest usable segment by brute force, splits segments there, and runs Bellman-Ford.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { attach, costNetwork, networkTimes, prepareNetwork } from '../../src/core/travel/network.ts';
import {
  DEFAULT_ROAD_CLASS,
  DEFAULT_ROAD_CLASSES,
  FERRY,
  NO_FOOT,
  NO_VEHICLE,
  TRAVEL_PROFILES,
  type TravelProfile,
} from '../../src/core/travel/road-class.ts';
import { haversineM } from '../../src/core/geo/distance.ts';
import { mPerDegLon, pointSegmentDist2 } from '../../src/core/geo/project.ts';
import type { LineLayer } from '../../src/core/types.ts';
import { at } from './local.ts';

const CLASSES = ['', 'motorway', 'residential', 'footway', 'steps', 'track', 'primary', '村道', '高速公路', 'no_such_class'];
const arb = fc.record({
  lines: fc.array(
    fc.record({
      pts: fc.array(fc.nat(24), { minLength: 2, maxLength: 4 }),
      cls: fc.nat(CLASSES.length - 1),
      flags: fc.constantFrom(0, 0, 0, NO_FOOT, NO_VEHICLE, FERRY, NO_FOOT | NO_VEHICLE),
    }),
    { minLength: 1, maxLength: 12 },
  ),
  homes: fc.array(fc.tuple(fc.integer({ min: -200, max: 1400 }), fc.integer({ min: -200, max: 1400 })), { minLength: 1, maxLength: 6 }),
  facs: fc.array(fc.tuple(fc.integer({ min: -200, max: 1400 }), fc.integer({ min: -200, max: 1400 })), { minLength: 1, maxLength: 3 }),
  profile: fc.constantFrom(...TRAVEL_PROFILES),
  speedKmh: fc.constantFrom(4.5, 15, 45),
});

type Line = { pts: number[]; cls: number; flags: number };
const xy = (p: number) => at((p % 5) * 300, Math.floor(p / 5) * 300);

function layer(ls: Line[]): LineLayer {
  const coords: number[] = [],
    start = [0];
  for (const l of ls) {
    for (const p of l.pts) coords.push(...xy(p));
    start.push(coords.length / 2);
  }
  return {
    coords: Float64Array.from(coords),
    lineStart: Uint32Array.from(start),
    lineClass: Uint16Array.from(ls.map((l) => l.cls)),
    classNames: CLASSES,
    lineFlags: Uint8Array.from(ls.map((l) => l.flags)),
  };
}

/** Cost per metre of a line for the profile, in metres at the type's speed; Infinity if closed. */
function perMetre(l: Line, profile: TravelProfile, speedKmh: number): number {
  if (l.flags & FERRY) return Infinity;
  const row = CLASSES[l.cls] === '' ? DEFAULT_ROAD_CLASS : (DEFAULT_ROAD_CLASSES[CLASSES[l.cls]] ?? DEFAULT_ROAD_CLASS);
  if (profile === 'vehicle') return l.flags & NO_VEHICLE || row.vehicleKmh === 0 ? Infinity : speedKmh / Math.min(speedKmh, row.vehicleKmh);
  return l.flags & NO_FOOT || !row.walk ? Infinity : 1 / row.walkFactor;
}

/** Brute-force minutes from each home to its nearest facility. */
function twin(ls: Line[], homes: [number, number][], facs: [number, number][], profile: TravelProfile, speedKmh: number): number[] {
  const segs: { a: number; b: number; len: number; k: number }[] = [];
  for (const l of ls) {
    const k = perMetre(l, profile, speedKmh);
    for (let i = 0; i + 1 < l.pts.length; i++) {
      if (l.pts[i] === l.pts[i + 1] || k === Infinity) continue;
      const [ax, ay] = xy(l.pts[i]),
        [bx, by] = xy(l.pts[i + 1]);
      segs.push({ a: l.pts[i], b: l.pts[i + 1], len: haversineM(ax, ay, bx, by), k });
    }
  }
  let next = 25;
  const arcs: [number, number, number][] = [];
  const cuts = new Map<number, { t: number; node: number }[]>();
  const attachPoint = (x: number, y: number, toward: boolean): number => {
    const [lon, lat] = at(x, y),
      kx = mPerDegLon(lat),
      tmp = new Float64Array(1);
    let best = -1,
      bestD2 = Infinity,
      bestT = 0;
    segs.forEach((s, i) => {
      const [ax, ay] = xy(s.a),
        [bx, by] = xy(s.b);
      const d2 = pointSegmentDist2(lon, lat, ax, ay, bx, by, kx, tmp);
      if (d2 < bestD2) {
        bestD2 = d2;
        best = i;
        bestT = tmp[0];
      }
    });
    const node = next++;
    if (best < 0 || bestD2 > 500 * 500) return node;
    const cut = next++;
    cuts.set(best, [...(cuts.get(best) ?? []), { t: bestT, node: cut }]);
    arcs.push(toward ? [node, cut, Math.sqrt(bestD2)] : [cut, node, Math.sqrt(bestD2)]);
    return node;
  };
  const homeNodes = homes.map(([x, y]) => attachPoint(x, y, true));
  const facNodes = facs.map(([x, y]) => attachPoint(x, y, false));
  segs.forEach((s, i) => {
    const stops = [{ t: 0, node: s.a }, ...(cuts.get(i) ?? []).sort((p, q) => p.t - q.t), { t: 1, node: s.b }];
    for (let j = 0; j + 1 < stops.length; j++) {
      const w = (stops[j + 1].t - stops[j].t) * s.len * s.k;
      arcs.push([stops[j].node, stops[j + 1].node, w], [stops[j + 1].node, stops[j].node, w]);
    }
  });
  const mpm = (speedKmh * 1000) / 60;
  return homeNodes.map((h) => {
    const d = new Float64Array(next).fill(Infinity);
    d[h] = 0;
    for (let r = 0; r < next; r++) for (const [a, b, w] of arcs) if (d[a] + w < d[b]) d[b] = d[a] + w;
    return Math.min(...facNodes.map((f) => d[f])) / mpm;
  });
}

describe('travel profiles against a brute-force twin', () => {
  it('walk, e-bike and vehicle equal Bellman-Ford on the usable segments', () => {
    fc.assert(
      fc.property(arb, ({ lines: ls, homes, facs, profile, speedKmh }) => {
        const ll = layer(ls);
        const net = costNetwork(prepareNetwork(ll), ll, false, undefined, 500, { profile, speedKmh, roadClasses: DEFAULT_ROAD_CLASSES });
        const h = attach(net, Float64Array.from(homes.flatMap(([x, y]) => at(x, y))));
        const f = attach(net, Float64Array.from(facs.flatMap(([x, y]) => at(x, y))));
        const got = networkTimes(net, h, f, Int32Array.from(facs.map((_, i) => i)), speedKmh).minutes;
        twin(ls, homes, facs, profile, speedKmh).forEach((w, i) => {
          if (w === Infinity) expect(got[i]).toBe(Infinity);
          else expect(got[i]).toBeCloseTo(w, 3);
        });
      }),
      { numRuns: 200 },
    );
  });
});
