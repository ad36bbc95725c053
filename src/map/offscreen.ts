// A hidden maplibre map with the visible map's style, sources, layers and feature states, for
// print-quality images: it renders at its own size and pixel ratio, so the view on screen is
// never moved, resized or re-rendered. One instance can render several extents in turn (the
// printable report draws every county with the same map).
import * as maplibregl from 'maplibre-gl';
import { metresPerPixel } from './print/paper';
import { FACILITY_ICON_ZOOM } from './layers';
import { setCountyFocus } from './countyFocus';

/** WGS84 [west, south, east, north]. */
export type Bounds = [number, number, number, number];

export interface OffscreenOptions {
  /** Wanted image size, pixels. */
  width: number;
  height: number;
  /** Image pixels per CSS pixel: lines and labels are drawn this many times their screen size. */
  pixelRatio: number;
  /** Feature states to copy from the visible map (coverage colours live in feature state, which
   *  `getStyle()` does not carry). */
  featureStates?: { source: string; ids: readonly (string | number)[] }[];
  /** Draw only this facility type's (or these types') points and icons (a map about one type
   *  shows only it; the multi-service gap, its chosen types). */
  onlyType?: string | readonly string[];
}

export interface OffscreenImage {
  /** The map's own canvas (valid until the next render or destroy()). */
  canvas: HTMLCanvasElement;
  /** Ground metres per CSS pixel of the hidden map at its centre latitude. */
  metresPerCssPixel: number;
  /** The map's CSS size: an image drawn at W px wide has metresPerCssPixel·cssWidth/W m per px. */
  cssWidth: number;
  cssHeight: number;
  /** True when the wanted size exceeded the GPU's limit and the image is smaller than asked. */
  capped: boolean;
  /** The extent drawn, WGS84. */
  bounds: Bounds;
}

let gpuLimit: number | null = null;

/** The extent a map shows now, WGS84 [w, s, e, n]. */
export function viewBounds(map: maplibregl.Map): Bounds {
  const b = map.getBounds();
  return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
}

/** The largest canvas side WebGL can draw here, pixels: the least of MAX_RENDERBUFFER_SIZE,
 *  MAX_VIEWPORT_DIMS and MAX_TEXTURE_SIZE (SwiftShader: 8192; most GPUs 16384). */
export function maxCanvasSide(): number {
  if (gpuLimit !== null) return gpuLimit;
  const gl = document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl');
  if (!gl) throw new Error('WebGL is not available');
  const dims = gl.getParameter(gl.MAX_VIEWPORT_DIMS) as Int32Array;
  gpuLimit = Math.min(
    gl.getParameter(gl.MAX_RENDERBUFFER_SIZE) as number,
    gl.getParameter(gl.MAX_TEXTURE_SIZE) as number,
    dims[0],
    dims[1],
  );
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return gpuLimit;
}

/** Resolves once `map` has drawn everything with all sources loaded. */
function idle(map: maplibregl.Map): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (map.loaded() && map.areTilesLoaded() ? resolve() : map.once('idle', check));
    map.once('idle', check);
    map.triggerRepaint();
  });
}

export class OffscreenMap {
  private constructor(
    private readonly map: maplibregl.Map,
    private readonly div: HTMLDivElement,
    readonly cssWidth: number,
    readonly cssHeight: number,
    readonly capped: boolean,
  ) {}

  /** A hidden copy of `source` sized for `opts`; the image is capped (pixel ratio lowered, same
   *  extent and layout) when a side would exceed maxCanvasSide(). */
  static async create(source: maplibregl.Map, opts: OffscreenOptions): Promise<OffscreenMap> {
    const limit = maxCanvasSide();
    const cssWidth = Math.max(1, Math.round(opts.width / opts.pixelRatio));
    const cssHeight = Math.max(1, Math.round(opts.height / opts.pixelRatio));
    const longest = Math.max(opts.width, opts.height);
    const capped = longest > limit;
    const pixelRatio = capped ? ((opts.pixelRatio * limit) / longest) * 0.999 : opts.width / cssWidth;
    // In the document (maplibre needs a laid-out container) but out of sight and of the layout.
    const div = document.createElement('div');
    div.setAttribute('aria-hidden', 'true');
    div.style.cssText = `position:fixed;left:-${cssWidth + 1000}px;top:0;width:${cssWidth}px;height:${cssHeight}px;pointer-events:none;`;
    document.body.appendChild(div);
    const c = source.getCenter();
    const map = new maplibregl.Map({
      container: div,
      style: source.getStyle(),
      center: c,
      zoom: source.getZoom(),
      pixelRatio,
      maxCanvasSize: [limit, limit],
      interactive: false,
      attributionControl: false,
      fadeDuration: 0,
      // No MSAA: at print pixel ratios (≥ 1.5) edges are fine without it, and at A3 300 dpi its
      // multisample buffers would cost several hundred MB.
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: false },
    });
    await new Promise<void>((resolve) => map.once('load', () => resolve()));
    for (const fs of opts.featureStates ?? []) {
      if (!map.getSource(fs.source)) continue;
      for (const id of fs.ids) {
        const state = source.getFeatureState({ source: fs.source, id });
        if (state && Object.keys(state).length > 0) map.setFeatureState({ source: fs.source, id }, state);
      }
    }
    if (opts.onlyType !== undefined) {
      for (const id of ['facility-points', 'facility-icons']) {
        if (map.getLayer(id)) {
          map.setFilter(
            id,
            typeof opts.onlyType === 'string'
              ? ['==', ['get', 'type'], opts.onlyType]
              : ['in', ['get', 'type'], ['literal', [...opts.onlyType]]],
          );
        }
      }
      // One type's points do not crowd a prefecture map: draw them at every zoom below the icons.
      if (map.getLayer('facility-points')) map.setLayerZoomRange('facility-points', 0, FACILITY_ICON_ZOOM);
    }
    return new OffscreenMap(map, div, cssWidth, cssHeight, capped);
  }

  /** Highlights county `code`, the other counties veiled (null: none singled out). */
  setFocus(code: string | null): void {
    setCountyFocus(this.map, code);
  }

  /** Renders `bounds` fitted with `paddingCss` CSS pixels around (null: the source's view when
   *  created) and resolves with the drawn canvas. */
  async render(bounds: Bounds | null, paddingCss = 0): Promise<OffscreenImage> {
    if (bounds)
      this.map.fitBounds(
        [
          [bounds[0], bounds[1]],
          [bounds[2], bounds[3]],
        ],
        { padding: paddingCss, animate: false },
      );
    await idle(this.map);
    const c = this.map.getCenter();
    return {
      canvas: this.map.getCanvas(),
      metresPerCssPixel: metresPerPixel(c.lat, this.map.getZoom()),
      cssWidth: this.cssWidth,
      cssHeight: this.cssHeight,
      capped: this.capped,
      bounds: viewBounds(this.map),
    };
  }

  destroy(): void {
    this.map.remove();
    this.div.remove();
  }
}
