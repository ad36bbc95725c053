// A print-quality map page: the map drawn off-screen at the page's map size, then title, legend,
// scale bar, north arrow, date and credits composed around it (map/print/compose.ts).
import type * as maplibregl from 'maplibre-gl';
import { FACILITY_TYPES } from '../../core/catalogue';
import { GAP_LINE } from '../../map/layers';
import { OffscreenMap, viewBounds, type Bounds, type OffscreenOptions } from '../../map/offscreen';
import { composePrint, printPng, type LegendItem } from '../../map/print/compose';
import { printCredits, printLayout, type PaperSpec, type PrintLayout } from '../../map/print/paper';
import { COUNTY_LINE, HOUSEHOLD_COLOR } from '../../map/style';
import { t, type Lang } from '../i18n';

/** Map CSS pixels per inch: at `dpi` the map is drawn dpi/96 times its screen size, so lines and
 *  labels print at about their on-screen physical size. */
export const CSS_DPI = 96;

/** Legend of the printed map: the coverage ramp of the selected type and gap outline when there
 *  is a result, the facility types (all, as the map draws them all; or only `onlyType` for the
 *  short presentation legend), households and county boundaries (colours as map/layers.ts). */
export function printLegend(lang: Lang, hasResult: boolean, onlyType?: string): LegendItem[] {
  const items: LegendItem[] = [];
  if (hasResult) {
    items.push({ color: '#d7301f', label: t(lang, 'coverageLow') }, { color: '#fdcc8a', label: t(lang, 'coverageMid') },
      { color: '#b8e0b0', label: t(lang, 'coverageHigh') }, { color: GAP_LINE, label: t(lang, 'legendGap'), shape: 'line' });
  }
  for (const ft of FACILITY_TYPES.filter((f) => !onlyType || f.code === onlyType)) items.push({ color: ft.color, label: lang === 'zh' ? ft.zh : ft.en, shape: 'circle' });
  items.push({ color: HOUSEHOLD_COLOR, label: t(lang, 'layerHouseholds'), shape: 'circle' },
    { color: COUNTY_LINE, label: t(lang, 'legendCounty'), shape: 'line' });
  return items;
}

export interface PrintRequest {
  spec: PaperSpec;
  title: string;
  subtitle?: string;
  legendTitle?: string;
  legend: LegendItem[];
  /** Extent to show (null: the visible map's current view). */
  bounds: Bounds | null;
  date: string;
  /** The data is the synthetic demo (adds the notice to the credits). */
  synthetic: boolean;
  featureStates?: OffscreenOptions['featureStates'];
}

/** Renders the page as a PNG; `capped` tells whether the GPU limit lowered the map's resolution. */
export async function printMapPng(map: maplibregl.Map, req: PrintRequest): Promise<{ blob: Blob; layout: PrintLayout; capped: boolean }> {
  const L = printLayout(req.spec);
  const off = await OffscreenMap.create(map, {
    width: L.map.w, height: L.map.h, pixelRatio: req.spec.dpi / CSS_DPI, featureStates: req.featureStates,
  });
  try {
    const img = await off.render(req.bounds ?? viewBounds(map));
    const page = composePrint(img.canvas, L, {
      title: req.title, subtitle: req.subtitle, legendTitle: req.legendTitle, legend: req.legend,
      metresPerPixel: (img.metresPerCssPixel * img.cssWidth) / L.map.w, date: req.date, credits: printCredits(req.synthetic),
    });
    return { blob: await printPng(page), layout: L, capped: img.capped };
  } finally {
    off.destroy();
  }
}
