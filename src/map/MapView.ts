// The one class that owns the maplibre map. React feeds it data through set… methods and hears
// back through callbacks; nothing else in the app touches maplibre.
import * as maplibregl from 'maplibre-gl';
import type { LayerSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { baseStyle, EMPTY } from './style';
import { facilityIcons } from './icons';
import { BUILT_IN_TYPES, type Catalogue } from '../core/catalogue';
import { setCountyFocus } from './countyFocus';
import { OffscreenMap, viewBounds, type Bounds, type OffscreenOptions } from './offscreen';
import {
  dataLayers,
  editStrokeColor,
  facilityColorExpr,
  GEOJSON_SOURCES,
  HOUSEHOLD_POINT_ZOOM,
  SITING_SOURCES,
  sitingLayers,
  STATE_FILL_OPACITY,
  type StateFill,
  type GeoJsonSourceId,
  type LayerGroup,
  type SitingSourceId,
} from './layers';

// After bundling maplibre cannot locate its own worker (TOOLCHAIN pitfall 2).
maplibregl.setWorkerUrl(workerUrl);

/** Honghe Prefecture, WGS84 [west, south, east, north]. */
export const HONGHE_BOUNDS: [number, number, number, number] = [101.78, 22.43, 104.27, 24.76];

export interface MapCallbacks {
  /** A community polygon was clicked (its code), or empty map (null). */
  onCommunityClick?: (code: string | null) => void;
  /** The view changed (centre lon/lat, zoom), after the movement ends. */
  onMove?: (lon: number, lat: number, zoom: number) => void;
  /** Household points are due at this zoom but not drawn yet (still arriving or being indexed),
   *  or now drawn: for a loading sign. */
  onHouseholdsLoading?: (loading: boolean) => void;
}

/** What-if editing on the map: clicks on empty map add, clicks on a facility select it, drags move it. */
export interface MapEditor {
  onAdd: (lon: number, lat: number) => void;
  /** A what-if facility (its `id` property) was clicked, or empty map with `onAdd` unset (null). */
  onPick: (id: number | null) => void;
  onMove: (id: number, lon: number, lat: number) => void;
  /** Whether clicks on empty map add (else they only clear the selection). */
  adding: boolean;
}

export class MapView {
  readonly map: maplibregl.Map;
  private readonly loaded: Promise<void>;
  private selected: string | null = null;
  /** The coverage state last set per community (only changes are set again: each one costs the
   *  tiles' paint arrays an update). */
  private coverage = new Map<string, { share: number | null; gap: boolean }>();
  private diffCodes = new Set<string>();
  /** Makes the household points' GeoJSON URL, until the view first nears their zoom. */
  private pendingPoints: (() => Promise<string>) | null = null;
  private pointsFailed: (e: unknown) => void = () => {};
  /** Household points handed to maplibre and drawn; whether a loading sign is up. */
  private pointsDrawn = false;
  private pointsLoading = false;
  private editor: MapEditor | null = null;
  /** Click handler that takes the click instead of the community pick (e.g. drawing candidates). */
  private pointPicker: ((lon: number, lat: number) => void) | null = null;
  private surfaceUrl: string | null = null;
  private editData: FeatureCollection = { type: 'FeatureCollection', features: [] };
  /** Community seat points by code (from the community-seats source), for the missing-service icons. */
  private seats = new Map<string, [number, number]>();
  private missingCodes = new Set<string>();
  /** Community polygons by code (from the communities source), for the selection outline. */
  private communities = new Map<string, Feature>();
  /** GeoJSON sources holding no features: their layers are not drawn. On a software GPU every
   *  fill or line source drawn costs a stencil pass over the whole view each frame, features or
   *  none (maplibre's tile clipping masks); a dozen empty ones cost panning ≈ 15 %. */
  private readonly emptySources = new Set<string>([...GEOJSON_SOURCES, ...SITING_SOURCES]);
  /** Layer-panel groups switched off. */
  private readonly hiddenGroups = new Set<LayerGroup>();

  constructor(
    container: HTMLElement,
    private readonly callbacks: MapCallbacks = {},
    view?: { lon: number; lat: number; zoom: number },
  ) {
    this.map = new maplibregl.Map({
      container,
      style: baseStyle(),
      ...(view ? { center: [view.lon, view.lat], zoom: view.zoom } : { bounds: HONGHE_BOUNDS }),
      fitBoundsOptions: { padding: 20 },
      maxZoom: 17,
      attributionControl: false,
      // Lets tests and "save as PNG" read the drawn pixels back.
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    this.loaded = new Promise((resolve) =>
      this.map.once('load', () => {
        this.addLayers();
        resolve();
      }),
    );
    this.map.on('click', (e) => {
      if (this.pointPicker) {
        this.pointPicker(e.lngLat.lng, e.lngLat.lat);
        return;
      }
      if (this.editor) {
        this.editClick(e.point, e.lngLat.lng, e.lngLat.lat);
        return;
      }
      const hit = this.map.queryRenderedFeatures(e.point, { layers: ['community-fill'] })[0];
      this.callbacks.onCommunityClick?.(hit ? String(hit.properties.code) : null);
    });
    this.map.on('moveend', () => {
      this.applyPendingPoints();
      this.reportPointsLoading();
      const c = this.map.getCenter();
      this.callbacks.onMove?.(c.lng, c.lat, this.map.getZoom());
    });
  }

  private addLayers(): void {
    for (const { id, image } of facilityIcons(BUILT_IN_TYPES, window.devicePixelRatio || 1)) {
      this.map.addImage(id, image, { pixelRatio: window.devicePixelRatio || 1 });
    }
    for (const id of GEOJSON_SOURCES) {
      this.map.addSource(id, id === 'communities' ? { ...EMPTY, promoteId: 'code' } : EMPTY);
    }
    for (const id of SITING_SOURCES) this.map.addSource(id, EMPTY);
    // Every source starts empty, so its layers start hidden (put() shows them with data).
    for (const { layer } of mapLayers()) {
      if (layer.type !== 'raster') this.map.addLayer({ ...layer, layout: { ...layer.layout, visibility: 'none' } });
    }
    this.map.on('mousedown', 'siting-edit-points', (e) => this.startDrag(e));
  }

  /** Replaces the features of a siting source (what-if facilities, results, candidates). */
  async setSiting(id: SitingSourceId, data: FeatureCollection): Promise<void> {
    await this.loaded;
    if (id === 'siting-edit') this.editData = data;
    void this.put(id, data);
  }

  /** Sets a GeoJSON source's data and draws its layers only while it has features (and their
   *  group is on). A URL counts as features. Resolves once their visibility is set. */
  private async put(id: string, data: FeatureCollection | string): Promise<void> {
    const held = (this.map.getSource(id) as maplibregl.GeoJSONSource).setData(data);
    const empty = typeof data !== 'string' && data.features.length === 0;
    if (empty === this.emptySources.has(id)) return;
    const mine = (l: { source: string }) => l.source === id;
    if (empty) {
      this.emptySources.add(id);
      this.showLayers(mine);
      return;
    }
    this.emptySources.delete(id);
    // Shown once maplibre's worker holds the data: shown sooner, the tiles would be made from it
    // twice (once for the layers appearing, again for the data arriving).
    await held;
    if (!this.emptySources.has(id)) this.showLayers(mine);
  }

  /** Sets maplibre's visibility of the layers on the map that `which` picks from the layer panel
   *  and their source's emptiness (a change re-tiles the source, so it is made only when it differs). */
  private showLayers(which: (layer: { id: string; source: string; group: LayerGroup | null }) => boolean): void {
    for (const { group, layer } of mapLayers()) {
      if (!which({ id: layer.id, source: layer.source, group }) || !this.map.getLayer(layer.id)) continue;
      const on = !this.emptySources.has(layer.source) && !(group && this.hiddenGroups.has(group));
      this.map.setLayoutProperty(layer.id, 'visibility', on ? 'visible' : 'none');
    }
  }

  /** Turns what-if editing on (handlers) or off (null). */
  setEditor(editor: MapEditor | null): void {
    this.editor = editor;
    this.map.getCanvas().style.cursor = editor?.adding ? 'crosshair' : '';
  }

  /** Sends map clicks to `pick` (WGS84) instead of selecting communities; null restores. */
  setPointPicker(pick: ((lon: number, lat: number) => void) | null): void {
    this.pointPicker = pick;
    this.map.getCanvas().style.cursor = pick ? 'crosshair' : this.editor?.adding ? 'crosshair' : '';
  }

  private editClick(point: maplibregl.PointLike, lon: number, lat: number): void {
    const hit = this.map.getLayer('siting-edit-points')
      ? this.map.queryRenderedFeatures(point, { layers: ['siting-edit-points'] })[0]
      : undefined;
    const id = hit ? Number(hit.properties.id) : null;
    if (id !== null && hit?.properties.kind !== 'deleted') this.editor!.onPick(id);
    else if (this.editor!.adding) this.editor!.onAdd(lon, lat);
    else this.editor!.onPick(null);
  }

  /** Drags a what-if facility: the dot follows the pointer; the edit is reported on release. */
  private startDrag(e: maplibregl.MapLayerMouseEvent): void {
    const f = e.features?.[0];
    if (!this.editor || !f || f.properties.kind === 'deleted') return;
    e.preventDefault(); // keeps the map from panning
    const id = Number(f.properties.id),
      start = e.point;
    let at: [number, number] | null = null;
    const move = (m: maplibregl.MapMouseEvent) => {
      if (!at && Math.hypot(m.point.x - start.x, m.point.y - start.y) < 3) return; // a click, not a drag
      at = [m.lngLat.lng, m.lngLat.lat];
      const features = this.editData.features.map((x) =>
        Number(x.properties?.id) === id ? { ...x, geometry: { type: 'Point' as const, coordinates: at! } } : x,
      );
      void this.put('siting-edit', { type: 'FeatureCollection', features });
    };
    this.map.on('mousemove', move);
    this.map.once('mouseup', () => {
      this.map.off('mousemove', move);
      // Beyond maplibre's 3 px click tolerance no click follows, so a drag never also adds.
      if (at) this.editor?.onMove(id, at[0], at[1]);
    });
  }

  /** Replaces the features of one GeoJSON source (a FeatureCollection or a URL to one). */
  async setData(id: GeoJsonSourceId, data: FeatureCollection | string): Promise<void> {
    await this.loaded;
    if (id === 'community-seats' && typeof data !== 'string') {
      this.seats = new Map(data.features.map((f) => [String(f.properties?.code), (f.geometry as Point).coordinates as [number, number]]));
    }
    void this.put(id, data);
    if (id === 'communities') {
      this.communities = new Map(typeof data === 'string' ? [] : data.features.map((f) => [String(f.properties?.code), f]));
      this.putSelection();
    }
  }

  /** Household points shown from HOUSEHOLD_POINT_ZOOM; `load` (giving a GeoJSON URL) is called
   *  only once the view first nears that zoom, since building and indexing ~300 k points costs
   *  seconds. Rejects if they cannot be loaded. */
  async setHouseholdPoints(load: () => Promise<string>): Promise<void> {
    await this.loaded;
    return new Promise((resolve, reject) => {
      this.pendingPoints = () => load().then((url) => (resolve(), url));
      this.pointsFailed = reject;
      this.applyPendingPoints();
    });
  }

  private applyPendingPoints(): void {
    if (!this.pendingPoints || this.map.getZoom() < HOUSEHOLD_POINT_ZOOM - 1.5) return;
    const load = this.pendingPoints;
    this.pendingPoints = null;
    load()
      // Their tiles are asked for once the layer shows; loaded before that only means none are.
      .then((url) => this.put('households', url))
      .then(() => {
        const onData = () => {
          if (!this.map.isSourceLoaded('households')) return;
          this.map.off('sourcedata', onData);
          this.pointsDrawn = true;
          this.reportPointsLoading();
        };
        this.map.on('sourcedata', onData);
      })
      .catch((e: unknown) => this.pointsFailed(e));
  }

  /** Tells the app whether household points are due at this zoom but not yet drawn. */
  private reportPointsLoading(): void {
    const loading = !this.pointsDrawn && this.map.getZoom() >= HOUSEHOLD_POINT_ZOOM && !this.hiddenGroups.has('households');
    if (loading === this.pointsLoading) return;
    this.pointsLoading = loading;
    this.callbacks.onHouseholdsLoading?.(loading);
  }

  /** Shows an RGBA image (e.g. the hillshade) stretched over WGS84 bounds [w, s, e, n]. */
  async setHillshade(url: string, b: [number, number, number, number]): Promise<void> {
    await this.loaded;
    const coordinates: [[number, number], [number, number], [number, number], [number, number]] = [
      [b[0], b[3]],
      [b[2], b[3]],
      [b[2], b[1]],
      [b[0], b[1]],
    ];
    if (this.map.getLayer('hillshade')) this.map.removeLayer('hillshade');
    if (this.map.getSource('hillshade')) this.map.removeSource('hillshade');
    this.map.addSource('hillshade', { type: 'image', url, coordinates });
    this.addRaster('hillshade');
  }

  /** Shows the walking-time surface image (an object URL, taken over: revoked when replaced) over
   *  WGS84 bounds [w, s, e, n]; null removes it. */
  async setTimeSurface(url: string | null, b?: [number, number, number, number]): Promise<void> {
    await this.loaded;
    if (this.map.getLayer('time-surface')) this.map.removeLayer('time-surface');
    if (this.map.getSource('time-surface')) this.map.removeSource('time-surface');
    if (this.surfaceUrl) URL.revokeObjectURL(this.surfaceUrl);
    this.surfaceUrl = url;
    if (!url || !b) return;
    const coordinates: [[number, number], [number, number], [number, number], [number, number]] = [
      [b[0], b[3]],
      [b[2], b[3]],
      [b[2], b[1]],
      [b[0], b[1]],
    ];
    this.map.addSource('time-surface', { type: 'image', url, coordinates });
    this.addRaster('time-surface');
  }

  /** Adds (or with null/'' removes) a user-set raster tile basemap such as `https://…/{z}/{x}/{y}.png`. */
  async setBasemapUrl(url: string | null): Promise<void> {
    await this.loaded;
    if (this.map.getLayer('basemap')) this.map.removeLayer('basemap');
    if (this.map.getSource('basemap')) this.map.removeSource('basemap');
    if (!url) return;
    this.map.addSource('basemap', { type: 'raster', tiles: [url], tileSize: 256, maxzoom: 18 });
    this.addRaster('basemap');
  }

  /** Draws facilities in the colours and icons of `catalogue` (the plan's until called). */
  async setCatalogue(catalogue: Catalogue): Promise<void> {
    await this.loaded;
    const ratio = window.devicePixelRatio || 1;
    for (const { id, image } of facilityIcons(catalogue, ratio)) {
      if (this.map.hasImage(id)) this.map.updateImage(id, image);
      else this.map.addImage(id, image, { pixelRatio: ratio });
    }
    this.map.setPaintProperty('facility-points', 'circle-color', facilityColorExpr(catalogue));
    this.map.setPaintProperty('siting-edit-points', 'circle-stroke-color', editStrokeColor(catalogue));
  }

  /** Shows or hides every maplibre layer of a group. */
  async setGroupVisible(group: LayerGroup, visible: boolean): Promise<void> {
    await this.loaded;
    if (visible) this.hiddenGroups.delete(group);
    else this.hiddenGroups.add(group);
    this.showLayers((l) => l.group === group);
    if (group === 'households') this.reportPointsLoading();
  }

  /** Colours communities by covered share (0–1; null: no demand) and outlines the gap ones;
   *  codes absent are cleared. */
  async setCoverage(shares: Map<string, { share: number | null; gap: boolean }>): Promise<void> {
    await this.loaded;
    for (const code of this.coverage.keys()) {
      if (!shares.has(code)) this.map.setFeatureState({ source: 'communities', id: code }, { share: null, gap: false });
    }
    for (const [code, s] of shares) {
      const was = this.coverage.get(code);
      if (was?.share !== s.share || was.gap !== s.gap)
        this.map.setFeatureState({ source: 'communities', id: code }, { share: s.share, gap: s.gap });
    }
    this.coverage = new Map(shares);
  }

  /** Draws a community fill coloured by feature-state, or skips it while no state colours it (a
   *  constant paint change: the tiles are not made again). */
  private drawFill(id: StateFill, on: boolean): void {
    this.map.setPaintProperty(id, 'fill-opacity', on ? STATE_FILL_OPACITY[id] : 0);
  }

  /** The multi-service gap (综合缺口): colours communities by how many of `n` chosen services
   *  each lacks and draws one icon per missing service (type codes) at its seat; null clears it. */
  async setMissingServices(missing: Map<string, string[]> | null, n = 0): Promise<void> {
    await this.loaded;
    // Nothing shown and nothing to show: setting the empty source again would re-tile it.
    if (!missing?.size && !this.missingCodes.size) return;
    for (const code of this.missingCodes) {
      if (!missing?.has(code)) this.map.setFeatureState({ source: 'communities', id: code }, { missingShare: null });
    }
    const icons: Feature<Point>[] = [];
    for (const [code, types] of missing ?? []) {
      this.map.setFeatureState({ source: 'communities', id: code }, { missingShare: n > 0 ? types.length / n : 0 });
      const at = this.seats.get(code);
      if (!at) continue;
      types.forEach((type, k) =>
        icons.push({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: at },
          properties: { code, type, half: 2 * k - (types.length - 1) },
        }),
      );
    }
    this.missingCodes = new Set(missing?.keys() ?? []);
    this.drawFill('community-missing', this.missingCodes.size > 0);
    void this.put('missing-services', { type: 'FeatureCollection', features: icons });
  }

  /** Colours communities by a difference of covered share (> 0 gains, < 0 loses; absent or 0:
   *  not drawn); null clears the difference map. */
  async setDifference(diff: Map<string, number> | null): Promise<void> {
    await this.loaded;
    for (const code of this.diffCodes) if (!diff?.has(code)) this.map.setFeatureState({ source: 'communities', id: code }, { diff: null });
    for (const [code, d] of diff ?? []) this.map.setFeatureState({ source: 'communities', id: code }, { diff: d });
    this.diffCodes = new Set(diff?.keys() ?? []);
    this.drawFill('community-diff', this.diffCodes.size > 0);
  }

  /** Highlights one community by code (null clears). */
  async select(code: string | null): Promise<void> {
    await this.loaded;
    this.selected = code;
    this.putSelection();
  }

  private putSelection(): void {
    const f = this.selected === null ? undefined : this.communities.get(this.selected);
    void this.put('community-selection', { type: 'FeatureCollection', features: f ? [f] : [] });
  }

  /** Animates the view to WGS84 bounds [w, s, e, n]. */
  flyTo(b: [number, number, number, number], maxZoom = 13): void {
    this.map.fitBounds(
      [
        [b[0], b[1]],
        [b[2], b[3]],
      ],
      { padding: 40, maxZoom, duration: 900 },
    );
  }

  /** The camera: centre (WGS84) and zoom. */
  camera(): { lon: number; lat: number; zoom: number } {
    const c = this.map.getCenter();
    return { lon: c.lng, lat: c.lat, zoom: this.map.getZoom() };
  }

  /** Puts the camera back at once (a running animation stops). */
  jumpTo(c: { lon: number; lat: number; zoom: number }): void {
    this.map.jumpTo({ center: [c.lon, c.lat], zoom: c.zoom });
  }

  /** Moves the view to WGS84 bounds [w, s, e, n] with `padding` pixels kept clear (e.g. of
   *  presentation captions), over `duration` ms. */
  fitView(b: Bounds, padding: { top: number; bottom: number; left: number; right: number }, duration: number): void {
    this.map.fitBounds(
      [
        [b[0], b[1]],
        [b[2], b[3]],
      ],
      { padding, duration },
    );
  }

  /** Highlights county `code` and veils the rest (null: none), once the map has its sources. */
  async focusCounty(code: string | null): Promise<void> {
    await this.loaded;
    setCountyFocus(this.map, code);
  }

  /** The visible extent, WGS84 [w, s, e, n]. */
  bounds(): Bounds {
    return viewBounds(this.map);
  }

  /** A hidden map with this map's style and data, for drawing images off-screen (the view on
   *  screen does not move). The caller destroys it. */
  offscreen(opts: OffscreenOptions): Promise<OffscreenMap> {
    return OffscreenMap.create(this.map, opts);
  }

  /** Resolves after the next frame drawn with every source loaded (e.g. showing colours just set),
   *  without waiting for fades or tiles elsewhere to settle as idle() does. */
  painted(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => (this.map.loaded() && this.map.areTilesLoaded() ? resolve() : this.map.once('render', check));
      this.map.once('render', check);
      this.map.triggerRepaint();
    });
  }

  /** Resolves at the next moment the map has finished rendering with all sources loaded. */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => (this.map.loaded() && this.map.areTilesLoaded() ? resolve() : this.map.once('idle', check));
      this.map.once('idle', check);
      this.map.triggerRepaint();
    });
  }

  destroy(): void {
    this.map.remove();
  }

  /** Adds a raster layer once its source is there (basemap, hillshade, time surface), in its place
   *  in the definition order and shown as its layer-panel switch says. */
  private addRaster(id: string): void {
    const d = dataLayers().find((x) => x.layer.id === id);
    if (!d) throw new Error(`unknown layer ${id}`);
    this.map.addLayer(d.layer, this.firstDataLayerAbove(id));
    this.showLayers((l) => l.id === id);
  }

  /** The id of the first existing layer drawn above `id` in the definition order. */
  private firstDataLayerAbove(id: string): string | undefined {
    const defs = dataLayers();
    const i = defs.findIndex((x) => x.layer.id === id);
    return defs.slice(i + 1).find((x) => this.map.getLayer(x.layer.id))?.layer.id;
  }
}

/** Every layer (data and siting) with its layer-panel group (null: none), bottom to top. */
function mapLayers(): { group: LayerGroup | null; layer: SourcedLayer }[] {
  return [...dataLayers(), ...sitingLayers().map((layer) => ({ group: null, layer }))] as {
    group: LayerGroup | null;
    layer: SourcedLayer;
  }[];
}
type SourcedLayer = Extract<LayerSpecification, { source: string }>;
