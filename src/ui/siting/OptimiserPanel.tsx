import { useCatalogue } from '../catalogueContext';
import { useEffect, useMemo, useReducer, useRef } from 'react';
import type { AnalysisClient } from '../../analysis/client';
import type { AreaIndex } from '../../analysis/areaIndex';
import { site } from '../../analysis/sitingClient';
import type { CoverageCommand } from '../../core/analysis/command';
import type { MapView } from '../../map/MapView';
import type { SiteRow } from '../../core/siting/site-rows';
import { RANGES } from '../../core/limits';
import { NumberField } from '../NumberField';
import { fmt, pct, t, type Lang, type StringKey } from '../i18n';
import { downloadSites, type SiteFile } from './siteFiles';
import { siteRows } from '../../core/siting/site-rows';
import { SitesChart } from './SitesChart';
import { areaFeatures } from './areas';
import {
  candidatesChosen,
  capacityApplies,
  capacityBad,
  capBelowThreshold,
  INITIAL_OPTIMISER,
  optimiserReducer,
  sitingCommand,
  type OptimiserAction,
} from './optimiserState';
import { SITING_MODELS, type SitingModel, type SitingOutput } from '../../core/siting/command';
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

const FILES: SiteFile[] = ['csv', 'xlsx', 'geojson'];

/** p-median and p-center: models measured in minutes. */
const inMinutes = (m: SitingModel) => m === 'pmedian' || m === 'pcenter';

/** The results' objective line in words: mean minutes (pmedian), the percentile's or the largest
 *  minutes (pcenter), with the farthest-off community's P90 minutes before and after. */
function objectiveLines(
  lang: Lang,
  o: SitingOutput,
  percentile: number,
  name: (community: number) => string,
): { objective?: string; worst?: string } {
  const min = (x: number) => fmt(lang, x, 1);
  const lines: { objective?: string; worst?: string } = {};
  if (inMinutes(o.model)) {
    const key = o.model === 'pmedian' ? 'optObjMean' : percentile < 100 ? 'optObjPercentile' : 'optObjMax';
    lines.objective = t(lang, key)
      .replace('{p}', fmt(lang, percentile))
      .replace('{before}', min(o.objectiveBefore))
      .replace('{after}', min(o.objectiveAfter));
  }
  const w = o.worstCommunity;
  if (w) {
    lines.worst = t(lang, 'optWorst')
      .replace('{before}', min(w.before.minutes))
      .replace('{nameBefore}', name(w.before.community))
      .replace('{after}', min(w.after.minutes))
      .replace('{nameAfter}', name(w.after.community));
  }
  return lines;
}

/** The optimiser (MCLP, LSCP, p-median, p-center; by count, target or budget): settings,
 *  candidates, progress and cancel, ranked results. */
export function OptimiserPanel({ lang, client, cmd, type, idx, view, actions, onAccept, onRows }: Props) {
  const catalogue = useCatalogue();
  const [st, dispatch] = useReducer(optimiserReducer, INITIAL_OPTIMISER);
  const {
    model,
    limit,
    count,
    budget,
    target,
    percentile,
    capMinutes,
    capacity,
    useCommunities,
    useGrid,
    gridM,
    drawn,
    areas,
    sketch,
    drawing,
    progress,
    out,
    status,
    error,
  } = st;
  const cancel = useRef<(() => void) | null>(null);
  const spec = cmd?.types.find((x) => x.code === type);

  useEffect(() => {
    const v = view.current;
    v?.setPointPicker(drawing ? (lon, lat) => dispatch({ type: 'pick', lon, lat }) : null);
    return () => v?.setPointPicker(null);
  }, [view, drawing]);
  useEffect(() => {
    void view.current?.setSiting('siting-nobuild', areaFeatures(areas, sketch));
  }, [view, areas, sketch]);
  useEffect(() => {
    void view.current?.setSiting('siting-candidates', {
      type: 'FeatureCollection',
      features: drawn.map(([lon, lat]) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [lon, lat] },
        properties: {},
      })),
    });
  }, [view, drawn]);

  const rows = useMemo(() => (out && idx ? siteRows(out.out, idx.places) : []), [out, idx]);
  useEffect(() => {
    onRows?.(rows.filter((_, i) => status[i] !== 'rejected'));
  }, [rows, status, onRows]);
  useEffect(() => {
    void view.current?.setSiting('siting-results', {
      type: 'FeatureCollection',
      features: rows.flatMap((r, i) =>
        status[i] === 'open'
          ? [
              {
                type: 'Feature' as const,
                geometry: { type: 'Point' as const, coordinates: [r.lon, r.lat] },
                properties: { rank: String(r.rank) },
              },
            ]
          : [],
      ),
    });
  }, [view, rows, status]);

  const run = () => {
    const c = client && cmd ? sitingCommand(st, type, cmd) : null;
    if (!client || !c) return;
    dispatch({ type: 'started' });
    // Progress reports travel on their own port and can arrive after the result: drop those.
    let live = true;
    const h = site(
      client,
      c,
      (done, total, stage) => {
        if (live) dispatch({ type: 'progress', done, total, stage });
      },
      [...actions],
    );
    cancel.current = h.cancel;
    h.done
      .then((o) => dispatch({ type: 'finished', out: o }))
      .catch((e: unknown) => dispatch({ type: 'failed', message: (e as Error).message }))
      .finally(() => {
        live = false;
        dispatch({ type: 'ended' });
        cancel.current = null;
      });
  };

  const accept = (i: number) => {
    const r = rows[i];
    onAccept([{ action: 'add', type, lon: r.lon, lat: r.lat }]);
    dispatch({ type: 'site', index: i, status: 'accepted' });
  };
  const reject = (i: number) => dispatch({ type: 'site', index: i, status: 'rejected' });
  const set = (patch: Extract<OptimiserAction, { type: 'set' }>['patch']) => dispatch({ type: 'set', patch });
  const o = out?.out;
  const shares = o && o.total > 0 ? [o.coveredBefore / o.total, ...rows.map((r) => r.shareAfter)] : [];
  const capBad = capacityBad(st);
  const capLow = capBelowThreshold(st, spec?.minutes);
  const byTime = inMinutes(model);
  const names = idx?.places.communities.names;
  const lines = o && out ? objectiveLines(lang, o, out.percentile, (c) => names?.[c] ?? '') : {};

  return (
    <section className="panel-section optimiser" data-testid="optimiser">
      <h2>{t(lang, 'optTitle')}</h2>
      <fieldset className="opt-model" data-testid="opt-model">
        <legend>{t(lang, 'optModel')}</legend>
        {SITING_MODELS.map((m) => (
          <label key={m}>
            <input type="radio" name="opt-model" data-testid={`opt-model-${m}`} checked={model === m} onChange={() => set({ model: m })} />{' '}
            {t(lang, `optModel_${m}`)}
          </label>
        ))}
      </fieldset>
      {model === 'lscp' ? (
        <label className="row">
          <span>{t(lang, 'optTargetShare')}</span>
          <NumberField
            lang={lang}
            testId="opt-target"
            name="targetShare"
            scale={100}
            min={1}
            value={target / 100}
            onChange={(x) => set({ target: x * 100 })}
          />
        </label>
      ) : (
        <>
          <div className="row">
            <label>
              <input
                type="radio"
                name="opt-limit"
                data-testid="opt-limit-count"
                checked={limit === 'count'}
                onChange={() => set({ limit: 'count' })}
              />{' '}
              {t(lang, 'optCount')}
            </label>
            <NumberField
              lang={lang}
              testId="opt-count"
              name="add"
              value={count}
              disabled={limit !== 'count'}
              onChange={(x) => set({ count: x })}
            />
          </div>
          <div className="row">
            <label>
              <input
                type="radio"
                name="opt-limit"
                data-testid="opt-limit-budget"
                checked={limit === 'budget'}
                onChange={() => set({ limit: 'budget' })}
              />{' '}
              {t(lang, 'optBudget')}
            </label>
            <NumberField
              lang={lang}
              testId="opt-budget"
              name="budget"
              value={budget}
              disabled={limit !== 'budget'}
              onChange={(x) => set({ budget: x })}
            />
          </div>
        </>
      )}
      {model === 'pcenter' && (
        <label className="row">
          <span>{t(lang, 'optPercentile')}</span>
          <NumberField lang={lang} testId="opt-percentile" name="percentile" value={percentile} onChange={(x) => set({ percentile: x })} />
        </label>
      )}
      {byTime && (
        <>
          <label className="row">
            <span>{t(lang, 'optCapMinutes')}</span>
            <NumberField lang={lang} testId="opt-cap-minutes" name="minutes" value={capMinutes} onChange={(x) => set({ capMinutes: x })} />
          </label>
          {capLow && (
            <small className="error-inline" role="alert" data-testid="opt-cap-low">
              {t(lang, 'optCapLow').replace('{minutes}', fmt(lang, spec!.minutes))}
            </small>
          )}
        </>
      )}
      <label className="row">
        <span>{t(lang, 'optCapacity')}</span>
        <input
          type="number"
          data-testid="opt-capacity"
          min={RANGES.capacity.min}
          max={RANGES.capacity.max}
          value={capacity}
          disabled={!capacityApplies(st)}
          aria-invalid={capBad || undefined}
          onChange={(e) => set({ capacity: e.target.value })}
        />
      </label>
      {capBad && (
        <small className="error-inline" role="alert">
          {t(lang, 'outOfRange').replace('{min}', fmt(lang, RANGES.capacity.min)).replace('{max}', fmt(lang, RANGES.capacity.max))}
        </small>
      )}
      <fieldset className="opt-candidates">
        <legend>{t(lang, 'optCandidates')}</legend>
        <label>
          <input type="checkbox" checked={useCommunities} onChange={(e) => set({ useCommunities: e.target.checked })} />{' '}
          {t(lang, 'optCandCommunities')}
        </label>
        <label>
          <input type="checkbox" checked={useGrid} onChange={(e) => set({ useGrid: e.target.checked })} /> {t(lang, 'optCandGrid')}
          <NumberField lang={lang} name="gridM" step={100} value={gridM} disabled={!useGrid} onChange={(x) => set({ gridM: x })} />
        </label>
        <div>
          {t(lang, 'optCandDrawn')}: {drawn.length}{' '}
          <button
            type="button"
            data-testid="opt-draw"
            aria-pressed={drawing === 'points'}
            onClick={() => dispatch({ type: 'draw', mode: drawing === 'points' ? null : 'points' })}
          >
            {t(lang, drawing === 'points' ? 'optDrawStop' : 'optDraw')}
          </button>
          <button type="button" disabled={!drawn.length} onClick={() => dispatch({ type: 'clearDrawn' })}>
            {t(lang, 'optClearDrawn')}
          </button>
        </div>
        <div>
          {t(lang, 'optNoBuild')}: {areas.length}{' '}
          {drawing === 'area' ? (
            <button type="button" data-testid="opt-area-finish" aria-pressed onClick={() => dispatch({ type: 'finishArea' })}>
              {t(lang, 'optAreaFinish')}
            </button>
          ) : (
            <button type="button" data-testid="opt-area" onClick={() => dispatch({ type: 'draw', mode: 'area' })}>
              {t(lang, 'optAreaDraw')}
            </button>
          )}
          <button type="button" disabled={!areas.length} onClick={() => dispatch({ type: 'clearAreas' })}>
            {t(lang, 'optClearDrawn')}
          </button>
        </div>
        {drawing === 'area' && <p className="hint">{t(lang, 'optAreaHint')}</p>}
      </fieldset>
      <div className="siting-buttons">
        <button
          type="button"
          data-testid="opt-run"
          disabled={!client || !spec || !!progress || !candidatesChosen(st) || capBad || capLow}
          onClick={run}
        >
          {t(lang, 'optRun')}
        </button>
        {progress && (
          <button type="button" data-testid="opt-cancel" onClick={() => cancel.current?.()}>
            {t(lang, 'optCancel')}
          </button>
        )}
      </div>
      {progress && (
        <div className="run-progress" data-testid="opt-progress">
          <div className="progress-track">
            <div
              className="progress-fill"
              style={{ width: `${progress.total ? Math.min(100, (100 * progress.done) / progress.total).toFixed(0) : 0}%` }}
            />
          </div>
          <span>
            {t(lang, progress.stage === 'improve' ? 'optStageImprove' : 'optStageGreedy')} {progress.done}
            {progress.total ? ` / ${progress.total}` : ''}
          </span>
        </div>
      )}
      {error && (
        <div className="error-inline" role="alert">
          {t(lang, 'optFailed')}: {error}
        </div>
      )}
      {o && out && (
        <div className="opt-results" data-testid="opt-results" data-count={o.gains.length}>
          <h3>{t(lang, 'optResults')}</h3>
          <p className="hint">
            {t(lang, 'optSummary')
              .replace('{n}', fmt(lang, o.gains.length))
              .replace('{candidates}', fmt(lang, o.candidateCount))
              .replace('{before}', pct(lang, o.total > 0 ? o.coveredBefore / o.total : NaN, 1))
              .replace('{after}', pct(lang, o.total > 0 ? o.coveredAfter / o.total : NaN, 1))}
          </p>
          {lines.objective && (
            <p className="hint" data-testid="opt-objective" data-before={o.objectiveBefore} data-after={o.objectiveAfter}>
              {lines.objective}
            </p>
          )}
          {lines.worst && (
            <p
              className="hint"
              data-testid="opt-worst"
              data-before={o.worstCommunity!.before.minutes}
              data-after={o.worstCommunity!.after.minutes}
            >
              {lines.worst}
            </p>
          )}
          {out.budget !== undefined && (
            <p className="hint" data-testid="opt-spent">
              {t(lang, 'optSpent')
                .replace('{spent}', fmt(lang, o.spent, 1))
                .replace('{budget}', fmt(lang, out.budget, 1))}
            </p>
          )}
          {!o.reached && <p className="hint warn">{t(lang, 'optNotReached')}</p>}
          {o.cancelled && <p className="hint warn">{t(lang, 'optCancelled')}</p>}
          <SitesChart lang={lang} shares={shares} target={o.model === 'lscp' ? out.target : undefined} />
          <ol className="site-list" data-testid="site-list">
            {rows.map((r, i) => (
              <li key={r.rank} data-gain={r.added} data-status={status[i]}>
                {/* A click zooms the map to the site. */}
                <button
                  type="button"
                  className="name site-zoom"
                  data-testid="site-zoom"
                  title={t(lang, 'optZoomTo')}
                  data-lon={r.lon}
                  data-lat={r.lat}
                  onClick={() => view.current?.flyTo([r.lon - 0.01, r.lat - 0.01, r.lon + 0.01, r.lat + 0.01], 14)}
                >
                  {r.rank}. {r.communityName || `${r.lon.toFixed(4)}, ${r.lat.toFixed(4)}`}
                  <small>{r.countyName}</small>
                </button>
                <span className="num">
                  {o.model === 'pmedian' ? (
                    <>
                      −{fmt(lang, o.gains[i], 2)} <small>{t(lang, 'minutesShort')}</small>
                    </>
                  ) : (
                    <>
                      +{fmt(lang, r.added)} <small>{t(lang, `demand_${o.demand}` as StringKey)}</small>
                    </>
                  )}
                </span>
                {status[i] === 'open' ? (
                  <span className="site-actions">
                    <button type="button" data-testid="site-accept" onClick={() => accept(i)}>
                      {t(lang, 'optAccept')}
                    </button>
                    <button type="button" data-testid="site-reject" onClick={() => reject(i)}>
                      {t(lang, 'optReject')}
                    </button>
                  </span>
                ) : (
                  <small>{t(lang, status[i] === 'accepted' ? 'optAccepted' : 'optRejected')}</small>
                )}
              </li>
            ))}
          </ol>
          <div className="siting-buttons">
            {FILES.map((f) => (
              <button
                type="button"
                key={f}
                data-testid={`sites-${f}`}
                onClick={() => {
                  void downloadSites(rows, f, type, catalogue).catch((e: unknown) =>
                    dispatch({ type: 'failed', message: (e as Error).message }),
                  );
                }}
              >
                {f.toUpperCase()}
              </button>
            ))}
          </div>
        </div>
      )}
    </section>
  );
}
