import { useEffect, useMemo, useRef, useState } from 'react';
import type { AnalysisClient } from '../../analysis/client';
import type { AreaIndex } from '../../analysis/areaIndex';
import { site } from '../../analysis/sitingClient';
import type { CoverageCommand } from '../../core/analysis/command';
import type { SitingCommand, SitingOutput } from '../../core/siting/command';
import type { MapView } from '../../map/MapView';
import type { SiteRow } from '../../core/siting/site-rows';
import { inRange, parseNumber, RANGES } from '../../core/limits';
import { NumberField } from '../NumberField';
import { fmt, pct, t, type Lang, type StringKey } from '../i18n';
import { downloadSites, type SiteFile } from './siteFiles';
import { siteRows } from '../../core/siting/site-rows';
import { SitesChart } from './SitesChart';
import { areaFeatures, polygonSet, type Area } from './areas';
import type { FacilityAction } from '../../core/scenario/scenario';

interface Props {
  lang: Lang;
  client: AnalysisClient | null;
  /** The command of the latest analysis: the type's travel settings come from it. */
  cmd: CoverageCommand | null;
  type: string;
  idx: AreaIndex | null;
  view: { current: MapView | null };
  /** The active scenario's actions (the optimiser runs on its facilities; none: 现状). */
  actions: readonly FacilityAction[];
  /** Records an accepted site in the active scenario. */
  onAccept: (actions: FacilityAction[]) => void;
  /** Told the proposed sites not rejected (for the report and the meeting exports). */
  onRows?: (rows: SiteRow[]) => void;
}

type Status = 'open' | 'accepted' | 'rejected';
const FILES: SiteFile[] = ['csv', 'xlsx', 'geojson'];

/** Best N / fewest-to-target optimiser: settings, candidates, progress and cancel, ranked results. */
export function OptimiserPanel({ lang, client, cmd, type, idx, view, actions, onAccept, onRows }: Props) {
  const [goal, setGoal] = useState<'add' | 'target'>('add');
  const [count, setCount] = useState(5);
  const [target, setTarget] = useState(90);
  const [capacity, setCapacity] = useState('');
  const [useCommunities, setUseCommunities] = useState(true);
  const [useGrid, setUseGrid] = useState(true);
  const [gridM, setGridM] = useState(1000);
  const [drawn, setDrawn] = useState<[number, number][]>([]);
  const [areas, setAreas] = useState<Area[]>([]);
  const [sketch, setSketch] = useState<Area>([]);
  // What map clicks draw: candidate points, vertices of a not-buildable area, or nothing.
  const [drawing, setDrawing] = useState<'points' | 'area' | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; stage: string } | null>(null);
  const [out, setOut] = useState<{ out: SitingOutput; goal: 'add' | 'target'; target: number } | null>(null);
  const [status, setStatus] = useState<Status[]>([]);
  const [error, setError] = useState<string | null>(null);
  const cancel = useRef<(() => void) | null>(null);
  const spec = cmd?.types.find((x) => x.code === type);

  useEffect(() => {
    const v = view.current;
    v?.setPointPicker(drawing === 'points' ? (lon, lat) => setDrawn((d) => [...d, [lon, lat]])
      : drawing === 'area' ? (lon, lat) => setSketch((a) => [...a, [lon, lat]]) : null);
    return () => v?.setPointPicker(null);
  }, [view, drawing]);
  useEffect(() => { void view.current?.setSiting('siting-nobuild', areaFeatures(areas, sketch)); }, [view, areas, sketch]);
  const finishArea = () => {
    if (sketch.length >= 3) setAreas((a) => [...a, sketch]);
    setSketch([]); setDrawing(null);
  };
  useEffect(() => {
    void view.current?.setSiting('siting-candidates', { type: 'FeatureCollection', features: drawn.map(([lon, lat]) => ({
      type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: {} })) });
  }, [view, drawn]);

  const rows = useMemo(() => (out && idx ? siteRows(out.out, idx.places) : []), [out, idx]);
  useEffect(() => { onRows?.(rows.filter((_, i) => status[i] !== 'rejected')); }, [rows, status, onRows]);
  useEffect(() => {
    void view.current?.setSiting('siting-results', { type: 'FeatureCollection', features: rows.flatMap((r, i) => (status[i] === 'open'
      ? [{ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [r.lon, r.lat] }, properties: { rank: String(r.rank) } }] : [])) });
  }, [view, rows, status]);

  const run = () => {
    if (!client || !cmd || !spec) return;
    const cap = inRange('capacity', parseNumber(capacity));
    const c: SitingCommand = {
      op: 'site', type, mode: spec.mode, speedKmh: spec.speedKmh, detour: cmd.detour, minutes: spec.minutes, demand: spec.demand,
      maxSnapM: cmd.maxSnapM, toleranceM: cmd.toleranceM,
      ...(goal === 'add' ? { add: count } : { target: target / 100 }),
      ...(goal === 'add' && cap !== null ? { capacity: cap } : {}),
      candidates: {
        communities: useCommunities, ...(useGrid ? { gridM } : {}),
        ...(drawn.length ? { points: Float64Array.from(drawn.flat()) } : {}),
      },
      ...(areas.length ? { notBuildable: polygonSet(areas) } : {}),
    };
    setError(null); setOut(null); setStatus([]); setDrawing(null); setSketch([]);
    setProgress({ done: 0, total: 0, stage: 'greedy' });
    // Progress reports travel on their own port and can arrive after the result: drop those.
    let live = true;
    const h = site(client, c, (done, total, stage) => { if (live) setProgress({ done, total, stage }); }, [...actions]);
    cancel.current = h.cancel;
    h.done.then((o) => { setOut({ out: o, goal, target: target / 100 }); setStatus(Array.from(o.gains, () => 'open')); })
      .catch((e: unknown) => setError((e as Error).message))
      .finally(() => { live = false; setProgress(null); cancel.current = null; });
  };

  const accept = (i: number) => {
    const r = rows[i];
    onAccept([{ action: 'add', type, lon: r.lon, lat: r.lat }]);
    setStatus((s) => s.map((x, k) => (k === i ? 'accepted' : x)));
  };
  const reject = (i: number) => setStatus((s) => s.map((x, k) => (k === i ? 'rejected' : x)));
  const o = out?.out;
  const shares = o && o.total > 0 ? [o.coveredBefore / o.total, ...rows.map((r) => r.shareAfter!)] : [];
  const candidatesChosen = useCommunities || useGrid || drawn.length > 0;
  // An empty capacity means none; anything else must be inside its range.
  const capacityBad = goal === 'add' && capacity.trim() !== '' && inRange('capacity', parseNumber(capacity)) === null;

  return (
    <section className="panel-section optimiser" data-testid="optimiser">
      <h2>{t(lang, 'optTitle')}</h2>
      <div className="row">
        <label><input type="radio" name="opt-goal" data-testid="opt-goal-add" checked={goal === 'add'} onChange={() => setGoal('add')} /> {t(lang, 'optBestN')}</label>
        <NumberField lang={lang} testId="opt-count" name="add" value={count} disabled={goal !== 'add'} onChange={setCount} />
      </div>
      <div className="row">
        <label><input type="radio" name="opt-goal" data-testid="opt-goal-target" checked={goal === 'target'} onChange={() => setGoal('target')} /> {t(lang, 'optFewest')}</label>
        <NumberField lang={lang} testId="opt-target" name="targetShare" scale={100} min={1} value={target / 100} disabled={goal !== 'target'}
          title={t(lang, 'optTargetShare')} onChange={(x) => setTarget(x * 100)} />
      </div>
      <label className="row"><span>{t(lang, 'optCapacity')}</span>
        <input type="number" data-testid="opt-capacity" min={RANGES.capacity.min} max={RANGES.capacity.max} value={capacity} disabled={goal !== 'add'}
          aria-invalid={capacityBad || undefined} onChange={(e) => setCapacity(e.target.value)} /></label>
      {capacityBad && <small className="error-inline" role="alert">{t(lang, 'outOfRange').replace('{min}', fmt(lang, RANGES.capacity.min))
        .replace('{max}', fmt(lang, RANGES.capacity.max))}</small>}
      <fieldset className="opt-candidates">
        <legend>{t(lang, 'optCandidates')}</legend>
        <label><input type="checkbox" checked={useCommunities} onChange={(e) => setUseCommunities(e.target.checked)} /> {t(lang, 'optCandCommunities')}</label>
        <label><input type="checkbox" checked={useGrid} onChange={(e) => setUseGrid(e.target.checked)} /> {t(lang, 'optCandGrid')}
          <NumberField lang={lang} name="gridM" step={100} value={gridM} disabled={!useGrid} onChange={setGridM} /></label>
        <div>{t(lang, 'optCandDrawn')}: {drawn.length}{' '}
          <button type="button" data-testid="opt-draw" aria-pressed={drawing === 'points'}
            onClick={() => { setSketch([]); setDrawing(drawing === 'points' ? null : 'points'); }}>{t(lang, drawing === 'points' ? 'optDrawStop' : 'optDraw')}</button>
          <button type="button" disabled={!drawn.length} onClick={() => setDrawn([])}>{t(lang, 'optClearDrawn')}</button></div>
        <div>{t(lang, 'optNoBuild')}: {areas.length}{' '}
          {drawing === 'area'
            ? <button type="button" data-testid="opt-area-finish" aria-pressed onClick={finishArea}>{t(lang, 'optAreaFinish')}</button>
            : <button type="button" data-testid="opt-area" onClick={() => setDrawing('area')}>{t(lang, 'optAreaDraw')}</button>}
          <button type="button" disabled={!areas.length} onClick={() => setAreas([])}>{t(lang, 'optClearDrawn')}</button></div>
        {drawing === 'area' && <p className="hint">{t(lang, 'optAreaHint')}</p>}
      </fieldset>
      <div className="siting-buttons">
        <button type="button" data-testid="opt-run" disabled={!client || !spec || !!progress || !candidatesChosen || capacityBad} onClick={run}>{t(lang, 'optRun')}</button>
        {progress && <button type="button" data-testid="opt-cancel" onClick={() => cancel.current?.()}>{t(lang, 'optCancel')}</button>}
      </div>
      {progress && (
        <div className="run-progress" data-testid="opt-progress">
          <div className="progress-track"><div className="progress-fill" style={{ width: `${progress.total ? Math.min(100, (100 * progress.done) / progress.total).toFixed(0) : 0}%` }} /></div>
          <span>{t(lang, progress.stage === 'improve' ? 'optStageImprove' : 'optStageGreedy')} {progress.done}{progress.total ? ` / ${progress.total}` : ''}</span>
        </div>
      )}
      {error && <div className="error-inline" role="alert">{t(lang, 'optFailed')}: {error}</div>}
      {o && out && (
        <div className="opt-results" data-testid="opt-results" data-count={o.gains.length}>
          <h3>{t(lang, 'optResults')}</h3>
          <p className="hint">{t(lang, 'optSummary').replace('{n}', fmt(lang, o.gains.length)).replace('{candidates}', fmt(lang, o.candidateCount))
            .replace('{before}', pct(lang, o.total > 0 ? o.coveredBefore / o.total : NaN, 1)).replace('{after}', pct(lang, o.total > 0 ? o.coveredAfter / o.total : NaN, 1))}</p>
          {!o.reached && <p className="hint warn">{t(lang, 'optNotReached')}</p>}
          {o.cancelled && <p className="hint warn">{t(lang, 'optCancelled')}</p>}
          <SitesChart lang={lang} shares={shares} target={out.goal === 'target' ? out.target : undefined} />
          <ol className="site-list" data-testid="site-list">
            {rows.map((r, i) => (
              <li key={r.rank} data-gain={r.added} data-status={status[i]}>
                <span className="name">{r.rank}. {r.communityName || `${r.lon.toFixed(4)}, ${r.lat.toFixed(4)}`}<small>{r.countyName}</small></span>
                <span className="num">+{fmt(lang, r.added)} <small>{t(lang, `demand_${o.demand}` as StringKey)}</small></span>
                {status[i] === 'open' ? (
                  <span className="site-actions">
                    <button type="button" data-testid="site-accept" onClick={() => accept(i)}>{t(lang, 'optAccept')}</button>
                    <button type="button" data-testid="site-reject" onClick={() => reject(i)}>{t(lang, 'optReject')}</button>
                  </span>
                ) : <small>{t(lang, status[i] === 'accepted' ? 'optAccepted' : 'optRejected')}</small>}
              </li>
            ))}
          </ol>
          <div className="siting-buttons">
            {FILES.map((f) => (
              <button type="button" key={f} data-testid={`sites-${f}`} onClick={() => { void downloadSites(rows, f, type).catch((e: unknown) => setError((e as Error).message)); }}>
                {f.toUpperCase()}</button>
            ))}
          </div>
        </div>
      )}
    </section>
  );
}
