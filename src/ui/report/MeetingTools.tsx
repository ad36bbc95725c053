import { useCatalogue } from '../catalogueContext';
import type { Catalogue } from '../../core/catalogue';
// The meeting tools: top-bar buttons for presentation mode, map export, the indicator panel and
// the printable report, with their keyboard keys (P presents, Esc leaves, ←/→ step counties).
// Overlays render into document.body so presentation and print CSS can hide the rest of the app.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { typeName as typeNameOf } from '../../io/export/tables';
import type { CoverageResult } from '../../core/analysis/command';
import { allGapRows } from '../../core/coverage/gaps';
import { indicatorTable } from '../../core/indicators/from-layers';
import type { AreaIndex } from '../../analysis/areaIndex';
import type { Crs } from '../../io/crs';
import type { SiteRow } from '../../core/siting/site-rows';
import { HONGHE_BOUNDS, type MapView } from '../../map/MapView';
import { t, type Lang } from '../i18n';
import { ExportMapDialog } from './ExportMapDialog';
import { IndicatorPanel } from './IndicatorPanel';
import { countyList, countyShapes, type MeetingGeo } from './meetingData';
import { PresentationOverlay } from './PresentationOverlay';
import { printLegend } from './printMap';
import { PrintReport } from './PrintReport';
import { today } from './download';
import type { MultiGapContent } from './exports';
import { missingPerCounty, rankedRows } from '../multiGapView';
import { analysedCodes, multiServiceGap } from '../../core/gaps/multi-service';
import { serviceNames } from './MultiGapTable';
import type { ScenarioRun } from '../../analysis/scenarioClient';
import { compareResults } from '../../core/scenario/compare';
import './report.css';

export interface MeetingToolsProps {
  lang: Lang;
  /** The county in focus (its code; null: the prefecture): the export's default extent, marked in the chart. */
  focus?: string | null;
  /** The visible map (null until created). */
  map: MapView | null;
  /** The loaded layers as GeoJSON (null while loading). */
  geo: MeetingGeo | null;
  /** What core built of the loaded layers (null until the analysis worker has them). */
  idx: AreaIndex | null;
  /** 现状's latest coverage result (null before the first run): the official figures. */
  result: CoverageResult | null;
  /** The active scenario's run, shown beside 现状 (its own column, the 方案比选 section). */
  scenario?: (ScenarioRun & { name: string }) | null;
  /** What the map shows (现状 or the scenario's name): map outputs are labelled with it. */
  shownName: string;
  /** Facility type the map shows. */
  type: string;
  /** 现状's analysis is still running (the result may lack types still to come). */
  computing?: boolean;
  /** The services chosen for the multi-service gap (综合缺口); its table is 现状's. */
  multiCodes?: readonly string[];
  /** The map shows the multi-service gap (综合缺口) rather than one type. */
  multiOn?: boolean;
  /** Proposed sites, when a siting run has made some. */
  sites?: readonly SiteRow[];
  /** The data is the synthetic demo. */
  synthetic?: boolean;
  /** The imported communities layer's coordinate system (results can be exported back in it). */
  sourceCrs?: Crs | null;
}

type Open = 'map' | 'indicators' | 'report' | null;
const NO_SITES: readonly SiteRow[] = [];
const NO_CODES: readonly string[] = [];

/** Whether the app has drawn its data on the map (App sets body[data-map-ready] then). */
function useMapReady(): boolean {
  const [ready, setReady] = useState(() => document.body.dataset.mapReady === 'true');
  useEffect(() => {
    if (ready) return;
    const obs = new MutationObserver(() => {
      if (document.body.dataset.mapReady === 'true') setReady(true);
    });
    obs.observe(document.body, { attributes: true, attributeFilter: ['data-map-ready'] });
    return () => obs.disconnect();
  }, [ready]);
  return ready;
}

const typing = (e: KeyboardEvent) => {
  const el = e.target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName));
};

export function MeetingTools({
  lang,
  map,
  geo,
  idx,
  result,
  scenario = null,
  shownName,
  type,
  computing = false,
  multiCodes = NO_CODES,
  multiOn = false,
  sites = NO_SITES,
  synthetic = true,
  sourceCrs = null,
  focus = null,
}: MeetingToolsProps) {
  const catalogue = useCatalogue();
  const [open, setOpen] = useState<Open>(() => (new URLSearchParams(location.search).get('report') === '1' ? 'report' : null));
  const [presenting, setPresenting] = useState(false);
  /** County shown in presentation mode, −1: the whole prefecture. */
  const [county, setCounty] = useState(-1);
  const counties = useMemo(() => (geo ? countyList(geo) : []), [geo]);
  const shapes = useMemo(() => (geo ? countyShapes(geo) : null), [geo]);
  const communityCodes = useMemo(() => geo?.communities.features.map((f) => String(f.properties?.code)) ?? [], [geo]);
  // The tables are built only while a panel shows them (not again for every result behind it).
  const tables = open === 'indicators' || open === 'report';
  const table = useMemo(() => (idx && tables ? indicatorTable(idx.indicators, result) : null), [idx, result, tables]);
  const gaps = useMemo(() => (idx && result && tables ? allGapRows(result, idx.places) : []), [idx, result, tables]);
  // The scenario's indicators: its facilities and its run, never merged into 现状's.
  const scenarioTable = useMemo(
    () => (idx && scenario && tables ? indicatorTable({ ...idx.indicators, facilities: scenario.facilities }, scenario.result) : null),
    [idx, scenario, tables],
  );
  const cmp = useMemo(
    () =>
      idx && result && scenario && (tables || presenting) ? compareResults(result, scenario.result, idx.places.regions.countyOf) : null,
    [idx, result, scenario, tables, presenting],
  );
  // The chosen services the result has (none: no multi-service gap), and their table.
  const multiFound = useMemo(() => analysedCodes(result, multiCodes), [multiCodes, result]);
  const multiGap = useMemo((): MultiGapContent | null => {
    const g =
      idx && tables && result && multiFound.length
        ? multiServiceGap(result, multiFound, idx.householdWeights, idx.householdCommunity)
        : null;
    return g && idx ? { codes: g.codes, rows: rankedRows(g, idx.places), byCounty: missingPerCounty(g, idx.places.regions) } : null;
  }, [result, multiFound, idx, tables]);
  const extra = scenario && scenarioTable ? { name: scenario.name, table: scenarioTable } : null;
  const comparison = scenario && cmp ? { before: t(lang, 'baseline'), after: scenario.name, cmp } : null;
  // In the multi-service view the outputs are about the chosen services, not the one type.
  const shownMulti = multiOn && multiFound.length ? multiFound : null;
  const typeName = shownMulti ? multiGapName(lang, shownMulti, catalogue) : typeNameOf(type, lang, catalogue);
  const legend = useMemo(() => printLegend(lang, catalogue, !!result, type, shownMulti), [lang, catalogue, result, type, shownMulti]);
  const mapReady = useMapReady();
  const ready = !!(map && geo && idx);

  // A presentation starts on the prefecture.
  const present = useCallback(() => {
    setCounty(-1);
    setPresenting(true);
  }, []);
  const leave = useCallback(() => {
    setPresenting(false);
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        if (open) setOpen(null);
        else if (presenting) leave();
        return;
      }
      if (typing(e) || e.ctrlKey || e.metaKey || e.altKey || open) return;
      if ((e.key === 'p' || e.key === 'P') && ready && !presenting) {
        present();
        // Full screen needs the key press as user activation; without it the CSS full-window
        // layout still applies.
        void document.documentElement.requestFullscreen?.().catch(() => undefined);
      } else if (presenting && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
        e.preventDefault();
        const n = counties.length + 1;
        setCounty((c) => ((c + 1 + (e.key === 'ArrowRight' ? 1 : -1) + n) % n) - 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, presenting, ready, counties, leave, present]);

  // Leaving full screen by the browser's own Esc ends presentation too.
  useEffect(() => {
    const onFs = () => {
      if (!document.fullscreenElement) setPresenting(false);
    };
    document.addEventListener('fullscreenchange', onFs);
    return () => document.removeEventListener('fullscreenchange', onFs);
  }, []);

  useEffect(() => {
    document.body.classList.toggle('presenting', presenting);
  }, [presenting]);

  // Leaving puts the map back where the planner had it: the presentation's views are framed
  // around its captions and legend, so one left on screen would sit off-centre in the editing
  // layout (and in a PNG of the current view).
  useEffect(() => {
    if (!presenting || !map) return;
    const before = map.camera();
    return () => map.jumpTo(before);
  }, [presenting, map]);

  // The shown county highlighted, the rest muted; the area fitted into the window between the
  // caption above and the legend on the left (measured, so neither covers the data), again after
  // the window resizes (entering full screen does).
  useEffect(() => {
    if (!presenting || !map) return;
    const b = county >= 0 ? counties[county].bounds : HONGHE_BOUNDS;
    void map.focusCounty(county >= 0 ? counties[county].code : null);
    const fit = (duration: number) => {
      const title = document.querySelector('.present-title')?.getBoundingClientRect();
      const legend = document.querySelector('.present-legend')?.getBoundingClientRect();
      map.fitView(b, { top: (title?.bottom ?? 120) + 24, bottom: 40, left: (legend?.right ?? 0) + 32, right: 40 }, duration);
    };
    fit(800);
    const onResize = () => fit(0);
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      void map.focusCounty(null);
    };
  }, [presenting, county, counties, map]);

  const title = `${t(lang, 'subtitle')} · ${typeName} · ${shownName}`;
  const content =
    table && geo && idx
      ? {
          geo,
          places: idx.places,
          result,
          type,
          catalogue,
          indicators: table,
          gaps,
          sites,
          multiGap,
          title: `${t(lang, 'indicatorsTitle')} · ${today()}`,
          sourceCrs,
        }
      : null;

  return (
    <>
      <button type="button" className="btn" disabled={!ready} onClick={present} title={t(lang, 'presentHint')} data-testid="present-btn">
        {t(lang, 'present')}
      </button>
      <button type="button" className="btn" disabled={!ready} onClick={() => setOpen('map')} data-testid="export-map-btn">
        {t(lang, 'exportMap')}
      </button>
      <button type="button" className="btn" disabled={!ready} onClick={() => setOpen('indicators')} data-testid="indicators-btn">
        {t(lang, 'indicators')}
      </button>
      <button type="button" className="btn" disabled={!ready} onClick={() => setOpen('report')} data-testid="report-btn">
        {t(lang, 'report')}
      </button>
      {presenting &&
        createPortal(
          <PresentationOverlay
            lang={lang}
            title={title}
            legend={legend}
            onExit={leave}
            comparison={comparison}
            place={county >= 0 ? counties[county].name : t(lang, 'presentAll')}
          />,
          document.body,
        )}
      {ready &&
        open === 'map' &&
        createPortal(
          <ExportMapDialog
            lang={lang}
            map={map!}
            counties={counties}
            type={type}
            multi={shownMulti}
            typeName={`${typeName} · ${shownName}`}
            shapes={shapes!}
            hasResult={!!result}
            focus={focus}
            synthetic={synthetic}
            communityCodes={communityCodes}
            onClose={() => setOpen(null)}
          />,
          document.body,
        )}
      {ready &&
        open === 'indicators' &&
        content &&
        createPortal(
          <IndicatorPanel
            lang={lang}
            table={table!}
            extra={extra}
            content={content}
            computing={computing}
            onClose={() => setOpen(null)}
            focus={focus ? table!.counties.codes.indexOf(focus) : -1}
          />,
          document.body,
        )}
      {ready &&
        open === 'report' &&
        createPortal(
          <PrintReport
            lang={lang}
            map={map!}
            table={table!}
            comparison={comparison}
            shownName={shownName}
            counties={counties}
            shapes={shapes!}
            gaps={gaps}
            sites={sites}
            type={type}
            typeName={typeName}
            multiGap={multiGap}
            multiOn={!!shownMulti}
            synthetic={synthetic}
            communityCodes={communityCodes}
            mapReady={mapReady}
            result={result}
            onClose={() => setOpen(null)}
          />,
          document.body,
        )}
    </>
  );
}

/** 综合缺口（日间照料、食堂、消防站）: the view's name with its chosen services. */
function multiGapName(lang: Lang, codes: readonly string[], catalogue: Catalogue): string {
  const names = serviceNames(lang, codes, catalogue);
  return lang === 'zh' ? `${t(lang, 'multiGapTitle')}（${names}）` : `${t(lang, 'multiGapTitle')} (${names})`;
}
