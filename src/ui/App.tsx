// The app shell: top bar, left panel (analysis, gaps, layers, counties), map with legend and
// details. Holds the UI state React renders and hands it to the plain-TS controllers (data
// session, map sync, service circles, walking-time surface) from one effect; they call the
// worker and the MapView. The MapView reports clicks and moves.
import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import { bbox } from '@turf/turf';
import { HONGHE_BOUNDS, MapView } from '../map/MapView';
import type { LayerGroup } from '../map/layers';
import { ownLines } from '../map/roads';
import { AnalysisClient } from '../analysis/client';
import { areaIndex } from '../analysis/areaIndex';
import { inRegion } from '../core/coverage/gaps';
import { nearestByType } from '../analysis/nearest';
import { settingsFor, toCommand, withRoadClasses, type Settings } from '../analysis/settings';
import { BUILT_IN_TYPES } from '../core/catalogue';
import { CatalogueContext } from './catalogueContext';
import { t, type Lang } from './i18n';
import { useDemo } from './useDemo';
import { useAnalysis } from './useAnalysis';
import { feedMap } from './mapFeed';
import { formatUrlState, parseUrlState } from './urlState';
import { TopBar } from './TopBar';
import { AnalysisPanel } from './AnalysisPanel';
import { GapList } from './GapList';
import { LayerPanel } from './LayerPanel';
import { CountyList } from './CountyList';
import { Legend } from './Legend';
import { ProgressBar } from './ProgressBar';
import { SettingsDialog } from './SettingsDialog';
import { CommunityDetails } from './CommunityDetails';
import { MultiGapPicker } from './MultiGapPicker';
import { DEFAULT_MULTI_GAP, missingPerCounty, multiGapReducer, shownMultiGap } from './multiGapView';
import { MeetingTools } from './report/MeetingTools';
import { ProjectMenu } from './project/ProjectMenu';
import { exportUnreadableProject } from './project/projectDownload';
import { useProject, useProjectSave } from './project/useProject';
import { applyProjectOrDemo } from '../analysis/projectApply';
import { projectScenarios } from './scenario/projectScenarios';
import type { Project } from '../analysis/project';
import type { FeatureCollection } from 'geojson';
import { DataSession } from './dataSession';
import { MapSync } from './mapSync';
import { ServiceCircles } from './serviceCircles';
import { TimeSurface } from './timeSurface';
import { useStore } from './useStore';
import { MapHost } from './mapHost';
import { notices } from './notices';
import { Notices } from './Notices';
import { useWhatIf } from './siting/useWhatIf';
import {
  activeScenario,
  createScenario,
  deleteScenario,
  duplicateScenario,
  NO_SCENARIOS,
  recordActions,
  renameScenario,
  setActions,
  setActive,
  type Scenarios,
} from '../core/scenario/scenarios';
import type { FacilityAction } from '../core/scenario/scenario';
import { useScenarioRun } from './scenario/useScenarioRun';
import { ScenarioPanel } from './scenario/ScenarioPanel';
import { ComparePanel } from './scenario/ComparePanel';
import { WhatIfPanel } from './siting/WhatIfPanel';
import { OptimiserPanel } from './siting/OptimiserPanel';
import type { SiteRow } from '../core/siting/site-rows';
import type { SurfaceOut } from '../../workers/analysis.worker';
import { gridBounds, surfaceImageUrl } from '../map/surfaceImage';

const TILE_KEY = 'scp.tileUrl';
type Bounds = [number, number, number, number];

declare global {
  interface Window {
    /** Dev/test hook: the maplibre map, for pixel checks in the browser tests. */
    __scp?: { map: MapView['map']; surface?: SurfaceOut };
  }
}

export function App() {
  const [init] = useState(() => parseUrlState(location.search));
  const [lang, setLang] = useState<Lang>(init.lang);
  const [settings, setSettings] = useState<Settings>(init.settings);
  const [selected, setSelected] = useState<string | null>(init.selected);
  const [multiView, multiDispatch] = useReducer(multiGapReducer, init.multiGap ?? DEFAULT_MULTI_GAP);
  const [visible, setVisible] = useState<Record<LayerGroup, boolean>>({
    basemap: true,
    hillshade: true,
    coverage: true,
    communities: true,
    townships: true,
    counties: true,
    households: true,
    facilities: true,
    serviceCircle: false,
    fitnessCircle: false,
    timeSurface: false,
    roads: false,
    barriers: true,
  });
  const [tileUrl, setTileUrl] = useState(() => localStorage.getItem(TILE_KEY) ?? '');
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [urlRefused, setUrlRefused] = useState(init.refused ?? null);
  // The side panel starts collapsed on a phone (there it is a bottom sheet over half the map).
  const [panelOpen, setPanelOpen] = useState(() => !window.matchMedia('(max-width: 600px)').matches);
  const [skippedSeen, setSkippedSeen] = useState<unknown>(null);
  // The unknown road classes the planner closed the notice of (as text: each run gives a new object).
  const [unknownSeen, setUnknownSeen] = useState('{}');
  const [pointsLoading, setPointsLoading] = useState(false);
  // The camera (for the link) and the map view, made when its element mounts; it reports clicks and moves.
  const [camera, setCamera] = useState(init.view);
  const [view] = useState(
    () =>
      new MapHost((el: HTMLDivElement) => {
        const v = new MapView(
          el,
          {
            onCommunityClick: (code) => setSelected(code),
            onMove: (lon, lat, zoom) => setCamera({ lon, lat, zoom }),
            onHouseholdsLoading: setPointsLoading,
          },
          init.view,
        );
        window.__scp = { map: v.map };
        return v;
      }),
  );
  const mapView = useStore(view);
  // Resolves once the first analysis is on screen or none is coming (see the effect below): the
  // map's context layers wait for it (mapFeed.ts), and so does computing the other types.
  const [firstShown] = useState(() => {
    let resolve = () => {};
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve: () => resolve() };
  });
  // The controllers: the data's worker and map layers, what the map shows of the state, the
  // service circles and the walking-time surface (each drops answers that are no longer current).
  const [session] = useState(
    () =>
      new DataSession<AnalysisClient>({
        newClient: () => new AnalysisClient(),
        areaIndex,
        ownLines,
        feed: (geo, onPointsFailed) => feedMap(view.current!, geo, onPointsFailed, firstShown.promise),
        // Marks let test/bench/app-load.ts read the timings from the Performance API.
        mark: (what) => {
          performance.mark(`scp:${what}`);
          if (what === 'map-ready') document.body.dataset.mapReady = 'true';
        },
      }),
  );
  // The road network goes to the first worker as soon as it is read (it builds the graph meanwhile).
  const demo = useDemo((lines) => session.prepare(lines));
  // The saved project's imported layers take the place of the demo's (settings too, unless the URL has them).
  const proj = useProject(!location.search, setSettings);
  const applied = useMemo(
    () => (demo.data && proj.ready ? applyProjectOrDemo(demo.data, proj.project) : null),
    [demo.data, proj.ready, proj.project],
  );
  const data = applied?.data ?? null;
  // The project's facility types (core/catalogue.ts): the facilities' types index them, so they
  // travel with the layers to the worker; lists, legend, map and exports read them from context.
  const catalogue = data?.layers.facilities.catalogue ?? BUILT_IN_TYPES;
  // The settings follow a new catalogue, types edited in it taking their new values (taken while
  // rendering it, React's pattern for state that follows a changed input).
  const [settingsOf, setSettingsOf] = useState<typeof catalogue | null>(null);
  if (settingsOf !== catalogue) {
    setSettingsOf(catalogue);
    setSettings((s) => settingsFor(s, catalogue, settingsOf ?? catalogue));
  }
  const [mapSync] = useState(
    () =>
      new MapSync(
        () => view.current,
        // Marked once the map has painted the colours (test/bench/app-load.ts reads the marks).
        () =>
          void view.current?.painted().then(() => {
            performance.mark('scp:coverage-drawn');
            if (!performance.getEntriesByName('scp:analysis-shown').length) performance.mark('scp:analysis-shown');
            firstShown.resolve();
          }),
      ),
  );
  const [circles] = useState(() => new ServiceCircles(() => view.current));
  const [surface] = useState(
    () =>
      new TimeSurface({
        map: () => view.current,
        image: async (s) => ({ url: await surfaceImageUrl(s.grid, s.minutes, s.threshold, s.capMinutes), bounds: gridBounds(s.grid) }),
        revoke: (url) => URL.revokeObjectURL(url),
        shown: (s) => {
          if (window.__scp) window.__scp.surface = s;
        },
      }),
  );
  const { client, idx, roads, loadError, pointsError, mapError } = useStore(session);
  const circleErrors = useStore(circles);
  const { ramp: surfaceRamp, error: surfaceError } = useStore(surface);
  // The county and township in focus (codes): the gap list's filters choose them for the whole app.
  const [focus, setFocus] = useState<{ county: string | null; township: string | null }>({
    county: init.county ?? null,
    township: init.township ?? null,
  });

  // Only the specs, detour and road classes make a run; switching the shown type re-colours without re-running.
  const cmdKey = JSON.stringify([settings.specs, settings.detour, settings.roadClasses ?? null]);
  const cmd = useMemo(() => {
    const [specs, detour, roadClasses] = JSON.parse(cmdKey) as [Settings['specs'], number, Settings['roadClasses'] | null];
    return toCommand({ type: '', specs, detour, ...(roadClasses ? { roadClasses } : {}) });
  }, [cmdKey]);
  // 现状: the analysis of the loaded data. Scenarios never change it (only their own runs).
  const analysis = useAnalysis(client, cmd, settings.type, () => firstShown.promise);
  const [scenarios, setScenarios] = useState<Scenarios>(NO_SCENARIOS);
  const active = activeScenario(scenarios);
  // Whether the map and lists show the active scenario (else 现状).
  const [showScenario, setShowScenario] = useState(true);
  const saveError = useProjectSave(proj, settings, scenarios);
  // A restored, opened or reset project brings its own scenarios; an older file's what-if edits
  // become a scenario once the baseline facilities they point at are known. Taken while
  // rendering the new project (React's pattern for state that follows a changed input).
  const facilities = data?.geo.facilities ?? null;
  const [scenariosOf, setScenariosOf] = useState<{ project: Project; facilities: FeatureCollection | null } | null>(null);
  if (proj.ready && (scenariosOf?.project !== proj.project || scenariosOf.facilities !== facilities)) {
    setScenariosOf({ project: proj.project, facilities });
    const next = projectScenarios(proj.project, facilities, t(lang, 'scenarioDefaultName'));
    if (next.rewrite) proj.setProject(next.rewrite);
    else setScenarios(next.scenarios);
  }
  const scenario = useScenarioRun(client, analysis.done, active);
  // Edits and accepted sites go to the active scenario (a first edit creates one).
  const record = useCallback(
    (actions: FacilityAction[]) =>
      setScenarios((s) => {
        const x = s.active ? s : createScenario(s, t(lang, 'scenarioDefaultName'));
        return recordActions(x, x.active!, actions);
      }),
    [lang],
  );
  const whatIf = useWhatIf(client, analysis, settings.type, view, active, record);
  const [comparing, setComparing] = useState(false);
  // The optimiser's proposed sites (not rejected), for the meeting's report and exports.
  const [siteRows, setSiteRows] = useState<SiteRow[]>([]);
  const baseResult = analysis.done?.result ?? null;
  // What the map and lists show: the scenario's latest run (named by its own name; while a newly
  // picked scenario computes, the previous one's stays, busy), else 现状.
  const shown = showScenario && active && scenario.run ? scenario.run : null;
  const result = shown ? shown.result : baseResult;
  const shownName = shown ? shown.name : t(lang, 'baseline');
  // The actions of what the map shows: its service circles and walking-time surface follow them.
  const shownActions = useMemo(() => (shown && active ? active.actions : []), [shown, active]);
  const typeResult = result?.types.find((r) => r.code === settings.type) ?? null;
  // Read by the community details only (not rebuilt for every result while none is open).
  const detailsOpen = !!selected;
  const nearest = useMemo(() => (result && idx && detailsOpen ? nearestByType(result, idx) : new Map()), [result, idx, detailsOpen]);
  // The multi-service gap (综合缺口) of the chosen services in the shown result (现状 or the
  // scenario), while that view is on: the map, the lists and the details show it.
  const multiGap = useMemo(
    () => (idx && multiView.on ? shownMultiGap(result, multiView, idx.householdWeights, idx.householdCommunity) : null),
    [result, multiView, idx],
  );
  const multiCounties = useMemo(() => (multiGap && idx ? missingPerCounty(multiGap, idx.places.regions) : null), [multiGap, idx]);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t(lang, 'title');
  }, [lang]);

  useEffect(() => {
    history.replaceState(
      null,
      '',
      formatUrlState({
        lang,
        settings,
        selected,
        view: camera,
        multiGap: multiView,
        county: focus.county ?? undefined,
        township: focus.township ?? undefined,
      }),
    );
  }, [lang, settings, selected, camera, multiView, focus]);

  const toggle = useCallback(
    (group: LayerGroup, on: boolean) => {
      setVisible((v) => ({ ...v, [group]: on }));
      void mapView?.setGroupVisible(group, on);
    },
    [mapView],
  );

  const flyToFeature = useCallback(
    (layer: 'counties' | 'townships' | 'communities', code: string, maxZoom: number) => {
      const f = data?.geo[layer].features.find((x) => String(x.properties?.code) === code);
      if (f) mapView?.flyTo(bbox(f) as Bounds, maxZoom);
    },
    [data, mapView],
  );

  // Focus as indices into the area index (−1: none; a code the data lacks counts as none).
  const focusAt = useMemo(() => {
    const r = idx?.places.regions;
    const c = r && focus.county ? r.counties.codes.indexOf(focus.county) : -1;
    const tw = r && c >= 0 && focus.township ? r.townships.codes.indexOf(focus.township) : -1;
    return { county: c, township: tw };
  }, [idx, focus]);
  const area = useMemo(() => {
    if (!idx || focusAt.county < 0) return null;
    const r = idx.places.regions;
    const name = r.counties.names[focusAt.county] + (focusAt.township >= 0 ? ` ${r.townships.names[focusAt.township]}` : '');
    return { name, keep: inRegion(idx.places, focusAt) };
  }, [idx, focusAt]);
  const chooseFocus = useCallback(
    (c: number, tw: number) => {
      if (!idx) return;
      const r = idx.places.regions;
      const county = c >= 0 ? r.counties.codes[c] : null,
        township = c >= 0 && tw >= 0 ? r.townships.codes[tw] : null;
      setFocus({ county, township });
      if (township) flyToFeature('townships', township, 13);
      else if (county) flyToFeature('counties', county, 11);
      else mapView?.flyTo(HONGHE_BOUNDS, 10);
    },
    [idx, flyToFeature, mapView],
  );
  // The controllers follow the state on every render (each acts only on what changed).
  const { serviceCircle, fitnessCircle, timeSurface, roads: roadsOn } = visible;
  useEffect(() => {
    // No colours will come: the data or the run failed, or the shown type has no result.
    if (loadError || mapError || analysis.error || (result && !typeResult)) firstShown.resolve();
    session.open(data);
    mapSync.update({
      catalogue,
      data,
      idx,
      typeResult,
      multiGap,
      failed: !!analysis.error,
      selected,
      focusCounty: focusAt.county >= 0 ? focus.county : null,
      tileUrl,
      roads,
      roadsOn,
      roadClasses: settings.roadClasses,
    });
    const done = analysis.done;
    circles.update({ client, done, on: { 'catchment-service': serviceCircle, 'catchment-fitness': fitnessCircle }, actions: shownActions });
    surface.update({ client, done, on: timeSurface, type: settings.type, actions: shownActions });
  });
  useEffect(
    () => () => {
      session.dispose();
      circles.dispose();
      surface.dispose();
    },
    [session, circles, surface],
  );

  const pickCommunity = useCallback(
    (code: string) => {
      setSelected(code);
      flyToFeature('communities', code, 13);
    },
    [flyToFeature],
  );

  const applyTileUrl = (url: string) => {
    if (url) localStorage.setItem(TILE_KEY, url);
    else localStorage.removeItem(TILE_KEY);
    setTileUrl(url);
  };

  const body = (
    <div className="app">
      <TopBar
        lang={lang}
        onToggleLang={() => setLang(lang === 'zh' ? 'en' : 'zh')}
        onOpenSettings={() => setSettingsOpen(true)}
        panelOpen={panelOpen}
        onTogglePanel={() => setPanelOpen((o) => !o)}
      >
        <ProjectMenu
          lang={lang}
          project={proj.project}
          settings={settings}
          scenarios={scenarios}
          onProject={proj.setProject}
          onSettings={setSettings}
          communities={data?.geo.communities}
        />
        <MeetingTools
          lang={lang}
          map={mapView}
          geo={data?.geo ?? null}
          idx={idx}
          result={baseResult}
          type={settings.type}
          computing={!!analysis.running}
          sites={siteRows}
          multiCodes={multiView.codes}
          multiOn={multiView.on}
          scenario={scenario.run && active && scenario.run.key === active.key ? scenario.run : null}
          shownName={shownName}
          sourceCrs={proj.project.layers.communities?.crs ?? null}
          focus={focusAt.county >= 0 ? focus.county : null}
        />
      </TopBar>
      <div className="body">
        <aside id="side-panel" className={`side${panelOpen ? '' : ' collapsed'}`} data-testid="side-panel">
          <AnalysisPanel
            lang={lang}
            settings={settings}
            onChange={setSettings}
            analysis={analysis}
            shown={{ result, name: shownName }}
            area={area}
          />
          <MultiGapPicker lang={lang} view={multiView} gap={multiGap} stale={!!analysis.running} dispatch={multiDispatch} />
          <ScenarioPanel
            lang={lang}
            scenarios={scenarios.list}
            active={scenarios.active}
            changes={scenario.run?.changes ?? null}
            busy={scenario.busy}
            error={scenario.error}
            showScenario={showScenario}
            onShowScenario={setShowScenario}
            onSelect={(key) => setScenarios((s) => setActive(s, key))}
            onCreate={() => setScenarios((s) => createScenario(s, t(lang, 'scenarioDefaultName')))}
            onRename={(name) => setScenarios((s) => (s.active ? renameScenario(s, s.active, name) : s))}
            onDuplicate={() => setScenarios((s) => (s.active ? duplicateScenario(s, s.active, active?.name ?? '') : s))}
            onDelete={() => setScenarios((s) => (s.active ? deleteScenario(s, s.active) : s))}
            onCompare={() => setComparing(true)}
          />
          <WhatIfPanel
            lang={lang}
            type={settings.type}
            base={baseResult?.types.find((r) => r.code === settings.type) ?? null}
            scenario={
              scenario.run && active && scenario.run.key === active.key
                ? (scenario.run.result.types.find((r) => r.code === settings.type) ?? null)
                : null
            }
            scenarioName={active?.name ?? null}
            changes={active && scenario.run?.key === active.key ? scenario.run.changes : []}
            busy={scenario.busy}
            w={whatIf}
            onClear={() => setScenarios((s) => (s.active ? setActions(s, s.active, []) : s))}
          />
          <OptimiserPanel
            lang={lang}
            client={client}
            cmd={analysis.done?.cmd ?? null}
            type={settings.type}
            idx={idx}
            view={view}
            actions={active?.actions ?? []}
            onAccept={record}
            onRows={setSiteRows}
          />
          <GapList
            lang={lang}
            scenarioName={shownName}
            type={typeResult}
            multi={multiGap}
            stale={!!analysis.running || !!analysis.error}
            idx={idx}
            selected={selected}
            onPick={pickCommunity}
            county={focusAt.county}
            township={focusAt.township}
            onFocus={chooseFocus}
          />
          <LayerPanel lang={lang} visible={visible} onToggle={toggle} />
          <CountyList
            lang={lang}
            scenarioName={shownName}
            counties={data?.geo.counties ?? null}
            type={typeResult}
            multi={multiCounties}
            countyCodes={result?.counties.codes ?? []}
            onPick={(code) => flyToFeature('counties', code, 11)}
            focus={focusAt.county >= 0 ? focus.county : null}
          />
        </aside>
        <main className="map-wrap">
          <MapElement attach={view.attach} />
          {pointsLoading && (
            <div className="loading-sign map-loading" role="status" data-testid="households-loading">
              {t(lang, 'householdsLoading')}
            </div>
          )}
          {demo.progress && <ProgressBar lang={lang} fraction={demo.progress.fraction} step={demo.progress.step} />}
          <Notices
            lang={lang}
            list={notices(lang, {
              demoError: demo.error,
              projectApplyError: applied?.error ?? null,
              projectReadError: proj.error,
              saveError,
              loadError,
              mapError,
              pointsError,
              elevationError: data?.elevationError ?? null,
              circles: circleErrors,
              surfaceError,
              urlRefused,
              catalogue,
              skippedFacilities: applied && skippedSeen !== applied ? applied.data.skippedFacilities : null,
              unknownRoadClasses: JSON.stringify(result?.unknownRoadClasses ?? {}) !== unknownSeen ? result?.unknownRoadClasses : null,
            })}
            onDismiss={(id) =>
              id === 'facilities-skipped'
                ? setSkippedSeen(applied)
                : id === 'road-classes-unknown'
                  ? setUnknownSeen(JSON.stringify(result?.unknownRoadClasses ?? {}))
                  : setUrlRefused(null)
            }
            onAction={() => void exportUnreadableProject()}
          />
          {selected && idx && (
            <CommunityDetails
              lang={lang}
              code={selected}
              idx={idx}
              result={result}
              nearest={nearest}
              multi={multiGap}
              scenarioName={shownName}
              facilityNames={shown ? shown.facilityNames : idx.facilityNames}
              onClose={() => setSelected(null)}
            />
          )}
          <Legend
            lang={lang}
            surface={surfaceRamp && { ...surfaceRamp, profile: settings.specs.find((x) => x.code === settings.type)?.profile }}
            multi={multiGap?.codes ?? null}
            barriers={!!data?.geo.barriers}
          />
          <div className="shown-scenario" data-testid="shown-scenario" data-scenario={shown ? shown.key : 'baseline'}>
            {t(lang, 'showing')}: {shownName}
          </div>
          {comparing && analysis.done && idx && (
            <ComparePanel
              lang={lang}
              client={client}
              baseline={analysis.done!}
              run={scenario.run && active && scenario.run.key === active.key ? scenario.run : null}
              others={scenarios.list.filter((x) => x.key !== scenarios.active)}
              idx={idx}
              type={settings.type}
              multiCodes={multiView.codes}
              view={view}
              onClose={() => setComparing(false)}
            />
          )}
          <div className="credit">
            {t(lang, 'demoBadge')} · {t(lang, 'credit')}
          </div>
        </main>
      </div>
      {settingsOpen && (
        <SettingsDialog
          lang={lang}
          tileUrl={tileUrl}
          onApply={applyTileUrl}
          roadClasses={settings.roadClasses}
          networkClasses={roads?.classNames}
          onApplyRoadClasses={(roadClasses) => setSettings((s) => withRoadClasses(s, roadClasses))}
          onClose={() => setSettingsOpen(false)}
        />
      )}
    </div>
  );
  return <CatalogueContext.Provider value={catalogue}>{body}</CatalogueContext.Provider>;
}

/** The map's element; `attach` makes and ends the map view with it (src/ui/mapHost.ts). */
function MapElement({ attach }: { attach: (el: HTMLDivElement | null) => (() => void) | undefined }) {
  return <div ref={attach} className="map" data-testid="map" />;
}
