// A print-quality map page: the map drawn off-screen at the page's map frame size, then title,
// locator inset, legend, scale bar, north arrow, date and credits composed around it
// (map/print/compose.ts). Used by the PNG export and, page by page, by the atlas.
import type { Catalogue } from '../../core/catalogue';
import { areaShown } from '../../core/geo/areaShown';
import { COVERAGE_RAMP, GAP_LINE, missingColor } from '../../map/layers';
import type { MapView } from '../../map/MapView';
import type { Bounds, OffscreenMap, OffscreenOptions } from '../../map/offscreen';
import { composePrint, printPng, type LegendItem } from '../../map/print/compose';
import { printCredits, printLayout, type PaperSpec, type PrintLayout } from '../../map/print/paper';
import { COUNTY_LINE, HOUSEHOLD_COLOR } from '../../map/style';
import { pct, t, type Lang } from '../i18n';
import type { CountyShapes } from './meetingData';

/** Map CSS pixels per inch: at `dpi` the map is drawn dpi/96 times its screen size, so lines and
 *  labels print at about their on-screen physical size. */
export const CSS_DPI = 96;

/** Legend of a map about `type`: the coverage scale with its values and the type's target when
 *  there is a result, the gap outline, only that type's facilities (the only ones drawn),
 *  households and county boundaries (colours as map/layers.ts). */
export function printLegend(
  lang: Lang,
  catalogue: Catalogue,
  hasResult: boolean,
  type: string,
  multi: readonly string[] | null = null,
): LegendItem[] {
  if (multi) return multiLegend(lang, catalogue, hasResult, multi);
  const ft = catalogue.find((x) => x.code === type);
  const items: LegendItem[] = [];
  if (hasResult) {
    items.push(
      {
        color: COVERAGE_RAMP[0].color,
        label: t(lang, 'legendCoverage'),
        shape: 'ramp',
        stops: COVERAGE_RAMP,
        ...(ft ? { target: ft.targetShare, targetLabel: `${t(lang, 'chartTarget')} ${pct(lang, ft.targetShare)}` } : {}),
      },
      { color: GAP_LINE, label: t(lang, 'legendGap'), shape: 'line' },
    );
  }
  if (ft) items.push({ color: ft.color, label: lang === 'zh' ? ft.zh : ft.en, shape: 'circle' });
  items.push(
    { color: HOUSEHOLD_COLOR, label: t(lang, 'layerHouseholds'), shape: 'circle' },
    { color: COUNTY_LINE, label: t(lang, 'legendCounty'), shape: 'line' },
  );
  return items;
}

/** Legend of the multi-service gap map (综合缺口): a swatch per count of services missing, the
 *  outline of communities lacking any, and the chosen types' facilities. */
function multiLegend(lang: Lang, catalogue: Catalogue, hasResult: boolean, codes: readonly string[]): LegendItem[] {
  const items: LegendItem[] = [];
  if (hasResult) {
    for (let m = 0; m <= codes.length; m++) {
      items.push({ color: missingColor(m, codes.length), label: t(lang, 'multiGapMissing').replace('{n}', String(m)), shape: 'box' });
    }
    items.push({ color: GAP_LINE, label: t(lang, 'multiGapLacking'), shape: 'line' });
  }
  for (const code of codes) {
    const ft = catalogue.find((x) => x.code === code);
    if (ft) items.push({ color: ft.color, label: lang === 'zh' ? ft.zh : ft.en, shape: 'circle' });
  }
  items.push(
    { color: HOUSEHOLD_COLOR, label: t(lang, 'layerHouseholds'), shape: 'circle' },
    { color: COUNTY_LINE, label: t(lang, 'legendCounty'), shape: 'line' },
  );
  return items;
}

/** Name of the area a view shows: the county it mostly shows, else the prefecture. */
export function areaName(lang: Lang, shapes: CountyShapes, bounds: Bounds): string {
  const k = areaShown(shapes.set, shapes.codes.length, bounds);
  return k >= 0 ? shapes.names[k] : t(lang, 'prefectureName');
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
  /** The facility type the map is about (only its facilities are drawn), or the multi-service
   *  gap's chosen types. */
  type: string | readonly string[];
  /** Counties for the locator inset; `focus` (a county code) is highlighted there and on the map. */
  shapes: CountyShapes;
  focus: string | null;
}

/** One page drawn on an open off-screen map (the atlas draws many with one map). */
export async function printPage(off: OffscreenMap, L: PrintLayout, req: Omit<PrintRequest, 'spec' | 'featureStates' | 'type'>) {
  off.setFocus(req.focus);
  const img = await off.render(req.bounds, 8);
  const canvas = composePrint(img.canvas, L, {
    title: req.title,
    subtitle: req.subtitle,
    legendTitle: req.legendTitle,
    legend: req.legend,
    metresPerPixel: (img.metresPerCssPixel * img.cssWidth) / L.map.w,
    date: req.date,
    credits: printCredits(req.synthetic),
    locator: { areas: req.shapes.polygons, focus: req.focus === null ? -1 : req.shapes.codes.indexOf(req.focus), frame: img.bounds },
  });
  return { canvas, capped: img.capped };
}

/** Renders the page as a PNG; `capped` tells whether the GPU limit lowered the map's resolution. */
export async function printMapPng(map: MapView, req: PrintRequest): Promise<{ blob: Blob; layout: PrintLayout; capped: boolean }> {
  const L = printLayout(req.spec);
  const off = await map.offscreen({
    width: L.map.w,
    height: L.map.h,
    pixelRatio: req.spec.dpi / CSS_DPI,
    featureStates: req.featureStates,
    onlyType: req.type,
  });
  try {
    const { canvas, capped } = await printPage(off, L, { ...req, bounds: req.bounds ?? map.bounds() });
    return { blob: await printPng(canvas), layout: L, capped };
  } finally {
    off.destroy();
  }
}
