// Loads the demo dataset from `demo/*` (served from public/demo/) with progress: the small layers
// stream on the main thread, households and roads parse in a worker, elevation decodes to a grid.
import * as Comlink from 'comlink';
import type { FeatureCollection } from 'geojson';
import { readFgb } from '../io/fgb';
import { areasFromFeatures, facilitiesFromFeatures } from '../io/features';
import type { AreaLayer, ElevationGrid, FacilityLayer, HouseholdLayer, LineLayer } from '../core/types';
import type { LayersWorker } from './layers.worker';

export type LoadStep = 'counties' | 'townships' | 'communities' | 'facilities' | 'households' | 'roads' | 'elevation';

/** GeoJSON for the map. */
export interface DemoGeo {
  counties: FeatureCollection;
  townships: FeatureCollection;
  communities: FeatureCollection;
  facilities: FeatureCollection;
  /** UTF-8 GeoJSON bytes of the household points, built when first asked for (the map asks once
   *  the view nears the zoom they are drawn at, so start-up never waits or competes for them). */
  householdsDisplay: () => Promise<ArrayBuffer>;
  /** The project's barrier lines (absent: none imported). */
  barriers?: FeatureCollection;
  /** Hillshade image of the elevation grid, made when first asked for (like the household points),
   *  and its WGS84 bounds [w, s, e, n]. */
  hillshade?: { image: () => Promise<Blob>; bounds: [number, number, number, number] };
}

/** Core layers for the analysis (the shape of core/analysis Layers). */
export interface DemoLayers {
  households: HouseholdLayer;
  facilities: FacilityLayer;
  communities: AreaLayer;
  townships: AreaLayer;
  counties: AreaLayer;
  network: LineLayer;
  /** Lines a straight path may not cross (imported; the demo has none). */
  barriers?: LineLayer;
  /** Absent when dem.tif is missing or unreadable (no hillshade, no slope mode). */
  dem?: ElevationGrid;
}

export interface DemoData {
  geo: DemoGeo;
  layers: DemoLayers;
  /** Why dem.tif could not be read (file and reason); the rest loads without it. */
  elevationError?: string;
}

/** Overall progress 0–1 and the step being read. */
export type LoadProgress = (fraction: number, step: LoadStep) => void;

// Rough share of the loading time each step takes; households dominate.
const WEIGHT: Record<LoadStep, number> = {
  counties: 0.02,
  townships: 0.02,
  communities: 0.04,
  facilities: 0.03,
  roads: 0.06,
  elevation: 0.03,
  households: 0.8,
};

/** A report of one step's fraction that `onProgress` gets as the weighted whole. A step's
 *  fraction only moves forward: the households' download and parsing report through two
 *  worker ports, whose messages can arrive out of order, and the bar stepped back. */
export function stepProgress(onProgress: LoadProgress): (step: LoadStep, fraction: number) => void {
  const done = Object.fromEntries(Object.keys(WEIGHT).map((k) => [k, 0])) as Record<LoadStep, number>;
  return (step, f) => {
    done[step] = Math.max(done[step], f);
    onProgress(
      (Object.keys(done) as LoadStep[]).reduce((s, k) => s + WEIGHT[k] * done[k], 0),
      step,
    );
  };
}

/** Loads every demo layer from `base` (default `demo/`, relative to the page); `onNetwork` gets
 *  the road network as soon as it is read (the households take longer). */
async function loadDemo(onProgress: LoadProgress, base = 'demo/', onNetwork?: (lines: LineLayer) => void): Promise<DemoData> {
  const report = stepProgress(onProgress);
  const fgb = async (step: LoadStep) => {
    const res = await fetch(`${base}${step}.fgb`);
    if (!res.ok || !res.body) throw new Error(`${base}${step}.fgb: HTTP ${res.status}`);
    const fc = await readFgb(res.body, (read, total) => report(step, total ? read / total : 0.5), 500);
    report(step, 1);
    return fc;
  };
  const abs = (name: string) => new URL(`${base}${name}`, document.baseURI).href;
  // The worker starts on the households' download, the roads and the elevation at once; only
  // the households' parsing needs the communities (read here meanwhile).
  const worker = new Worker(new URL('./layers.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<LayersWorker>(worker);
  let loaded = false;
  // Gzipped: 7.7× fewer bytes to download; the worker inflates them as they arrive.
  const householdsUrl = abs('households.fgb.gz');
  try {
    void api.prefetch(
      householdsUrl,
      Comlink.proxy((fraction: number) => report('households', 0.5 * fraction)),
    );
    const roadsP = api
      .lines(abs('roads.fgb'))
      .then((lines) => (onNetwork?.(lines), lines))
      .finally(() => report('roads', 1));
    roadsP.catch(() => undefined); // rejects Promise.all below, even before it is reached
    let elevationError: string | undefined;
    const demP = api
      .elevation(abs('dem.tif'))
      .catch((e: unknown) => {
        elevationError = `${base}dem.tif: ${e instanceof Error ? e.message : String(e)}`;
        return undefined;
      })
      .finally(() => report('elevation', 1));
    const communitiesFc = await fgb('communities');
    const communities = areasFromFeatures(communitiesFc, {}, 'communities');
    const householdsP = api.households(
      householdsUrl,
      communities,
      Comlink.proxy((fraction: number) => report('households', fraction)),
    );
    const [countiesFc, townshipsFc, facilitiesFc] = await Promise.all([fgb('counties'), fgb('townships'), fgb('facilities')]);
    const [households, network, dem] = await Promise.all([householdsP, roadsP, demP]);
    report('households', 1);
    loaded = true;
    // The worker keeps copies of the points for display() and of the grid for hillshade(), and
    // ends once it has given what it owes.
    const owed = new Set(dem ? ['display', 'hillshade'] : ['display']);
    const given = (what: string) => {
      owed.delete(what);
      if (!owed.size) worker.terminate();
    };
    let display: Promise<ArrayBuffer> | null = null,
      shade: Promise<Blob> | null = null;
    const householdsDisplay = () => (display ??= api.display().finally(() => given('display')));
    const hillshade = () => (shade ??= api.hillshade().finally(() => given('hillshade')));
    return {
      geo: {
        counties: countiesFc,
        townships: townshipsFc,
        communities: communitiesFc,
        facilities: facilitiesFc,
        householdsDisplay,
        ...(dem ? { hillshade: { image: hillshade, bounds: gridBounds(dem) } } : {}),
      },
      layers: {
        households,
        facilities: facilitiesFromFeatures(facilitiesFc),
        communities,
        townships: areasFromFeatures(townshipsFc, {}, 'townships'),
        counties: areasFromFeatures(countiesFc, {}, 'counties'),
        network,
        ...(dem ? { dem } : {}),
      },
      ...(elevationError ? { elevationError } : {}),
    };
  } finally {
    if (!loaded) worker.terminate();
  }
}

/** The page's demo loading, started once (startDemo), with what it has reported so far. */
export interface DemoLoad {
  data: Promise<DemoData>;
  /** Calls `onProgress` and `onNetwork` with what came before (the latest progress, the network
   *  once read) and then as it comes, until the returned function is called. */
  watch(onProgress: LoadProgress, onNetwork?: (lines: LineLayer) => void): () => void;
}

let started: DemoLoad | null = null;

/** Starts loading the demo (once per page; later calls return the same loading): the page's
 *  entry calls it before React and the map start up, so the downloads and the workers' start-up
 *  overlap theirs instead of waiting for the first render. */
export function startDemo(): DemoLoad {
  if (started) return started;
  let last: [number, LoadStep] | null = null,
    network: LineLayer | null = null;
  const progress = new Set<LoadProgress>(),
    networks = new Set<(lines: LineLayer) => void>();
  const data = loadDemo(
    (fraction, step) => {
      last = [fraction, step];
      for (const f of progress) f(fraction, step);
    },
    undefined,
    (lines) => {
      network = lines;
      for (const f of networks) f(lines);
    },
  );
  data.catch(() => undefined); // the watcher reports it
  started = {
    data,
    watch(onProgress, onNetwork) {
      if (last) onProgress(...last);
      if (network) onNetwork?.(network);
      progress.add(onProgress);
      if (onNetwork) networks.add(onNetwork);
      return () => {
        progress.delete(onProgress);
        if (onNetwork) networks.delete(onNetwork);
      };
    },
  };
  return started;
}

/** WGS84 bounds [w, s, e, n] of a grid's outer cell edges. */
function gridBounds(g: ElevationGrid): [number, number, number, number] {
  return [g.west, g.north - g.height * g.dy, g.west + g.width * g.dx, g.north];
}
