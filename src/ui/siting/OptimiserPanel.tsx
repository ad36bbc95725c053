import { useCatalogue } from '../catalogueContext';
import type { Catalogue } from '../../core/catalogue';
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
import { loadFile } from '../../io/load';
import { ImportError } from '../../io/import-error';
import { formatImportError } from '../../io/messages';
import { candidateFile } from '../../io/candidates';
import { typeName } from '../../io/export/tables';
import { defaultCost } from '../../core/siting/costs';
import { SITING_YEAR_COLORS } from '../../map/layers';
import { siteRows } from '../../core/siting/site-rows';
import { SitesChart } from './SitesChart';
import { areaFeatures } from './areas';
import {
  candidatesChosen,
  capacityApplies,
  capacityBad,
  capBelowThreshold,
  INITIAL_OPTIMISER,
  multiApplies,
  optimiserReducer,
  sitingCommand,
  sitingProblem,
  type Limit,
  type OptimiserAction,
} from './optimiserState';
import { SITING_MODELS, SitingInputError, type SitingModel, type SitingOutput } from '../../core/siting/command';
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
  multi: boolean,
  name: (community: number) => string,
): { objective?: string; worst?: string } {
  const min = (x: number) => fmt(lang, x, 1);
  const lines: { objective?: string; worst?: string } = {};
  if (multi)
    lines.objective = t(lang, 'optObjWeighted')
      .replace('{before}', fmt(lang, o.objectiveBefore, 0))
      .replace('{after}', fmt(lang, o.objectiveAfter, 0));
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

/** A check's problem in the UI language: the core's SitingInputError by its code, else its message. */
function problemText(lang: Lang, e: Error): string {
  if (!(e instanceof SitingInputError)) return e.message;
  let text: string = t(lang, `optErr_${e.code}`);
  // Years read as years (2023, not 2,023); money as numbers.
  for (const [k, v] of Object.entries(e.values))
    text = text.replace(`{${k}}`, typeof v === 'number' && e.code !== 'yearsOrder' ? fmt(lang, v, 2) : String(v));
  return text;
}

/** A build-sequence year's colour: by its place among the run's years. */
const yearColor = (years: number[], y: number) => SITING_YEAR_COLORS[years.indexOf(y) % SITING_YEAR_COLORS.length];

/** Default cost of one site hosting `types` (new build, renovation), or null when a type has none. */
function defaults(types: string[], catalogue: Catalogue): { build: number; renovate: number } | null {
  const build = defaultCost(types, false, catalogue),
    renovate = defaultCost(types, true, catalogue);
  return Number.isFinite(build) && Number.isFinite(renovate) ? { build, renovate } : null;
}

/** The optimiser (MCLP, LSCP, p-median, p-center; several types per site; by count, target,
 *  budget or yearly budgets, with costs from defaults or a candidates file): settings,
 *  candidates, progress and cancel, ranked results, and a build sequence's years. */
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
    years,
    also,
    weights,
    file,
    costField,
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
  // A build sequence's years in order, each with its colour on the map and in the legend.
  const yearList = useMemo(() => (out?.out.years ? [...new Set(out.out.years)].sort((a, b) => a - b) : []), [out]);

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
                properties: {
                  rank: String(r.rank),
                  ...(r.year !== undefined ? { year: String(r.year), color: yearColor(yearList, r.year) } : {}),
                },
              },
            ]
          : [],
      ),
    });
  }, [view, rows, status, yearList]);

  // The core's own checks (the CLI's) before any work: a problem is shown and the run stays off.
  const problem = cmd && spec ? sitingProblem(st, type, cmd, catalogue) : null;

  const run = () => {
    const c = client && cmd && !problem ? sitingCommand(st, type, cmd) : null;
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
  const lines = o && out ? objectiveLines(lang, o, out.percentile, !!out.also?.length, (c) => names?.[c] ?? '') : {};
  const others = multiApplies(st) ? (cmd?.types ?? []).filter((x) => x.code !== type) : [];
  const chosen = [type, ...also.filter((c) => others.some((x) => x.code === c))];
  const spends = model !== 'lscp' && limit !== 'count';
  const cost0 = spends ? defaults(chosen, catalogue) : null;
  const weightField = (code: string) => (
    <NumberField
      lang={lang}
      testId={`opt-weight-${code}`}
      name="weight"
      value={weights[code] ?? 1}
      onChange={(x) => dispatch({ type: 'weight', code, weight: x })}
    />
  );
  const readFile = async (f: File) => {
    try {
      const r = await loadFile(f.name, new Uint8Array(await f.arrayBuffer()), { geometry: ['Point'] });
      dispatch({ type: 'file', file: candidateFile(f.name, { type: 'FeatureCollection', features: r.features }) });
    } catch (e) {
      const m = e instanceof ImportError ? formatImportError(e, lang) : (e as Error).message;
      dispatch({ type: 'failed', message: `${t(lang, 'optFileFailed')}: ${m}` });
    }
  };
  const gapYears = o?.gapYears;
  const lastYear = yearList.length ? yearList[yearList.length - 1] : 0;

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
      {others.length > 0 && (
        <fieldset className="opt-also" data-testid="opt-also">
          <legend>{t(lang, 'optAlso')}</legend>
          {chosen.length > 1 && (
            <label className="row">
              <span>
                {typeName(type, lang, catalogue)} · {t(lang, 'optWeight')}
              </span>
              {weightField(type)}
            </label>
          )}
          {others.map((x) => (
            <div className="row" key={x.code}>
              <label>
                <input
                  type="checkbox"
                  data-testid={`opt-also-${x.code}`}
                  checked={also.includes(x.code)}
                  onChange={(e) => dispatch({ type: 'also', code: x.code, on: e.target.checked })}
                />{' '}
                {typeName(x.code, lang, catalogue)}
              </label>
              {also.includes(x.code) && (
                <>
                  <small>{t(lang, 'optWeight')}</small>
                  {weightField(x.code)}
                </>
              )}
            </div>
          ))}
        </fieldset>
      )}
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
            <LimitChoice lang={lang} limit={limit} value="count" label="optCount" onPick={(l) => set({ limit: l })} />
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
            <LimitChoice lang={lang} limit={limit} value="budget" label="optBudget" onPick={(l) => set({ limit: l })} />
            <NumberField
              lang={lang}
              testId="opt-budget"
              name="budget"
              value={budget}
              disabled={limit !== 'budget'}
              onChange={(x) => set({ budget: x })}
            />
          </div>
          <div className="row">
            <LimitChoice lang={lang} limit={limit} value="years" label="optYears" onPick={(l) => set({ limit: l })} />
            <input
              type="text"
              data-testid="opt-years"
              value={years}
              disabled={limit !== 'years'}
              onChange={(e) => set({ years: e.target.value })}
            />
          </div>
          {cost0 && (
            <p className="hint" data-testid="opt-cost-defaults">
              {t(lang, 'optCostDefaults').replace('{build}', fmt(lang, cost0.build)).replace('{renovate}', fmt(lang, cost0.renovate))}
            </p>
          )}
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
          {t(lang, 'optCandFile')}:{' '}
          <input
            type="file"
            data-testid="opt-cand-file"
            accept=".geojson,.json,.csv,.xlsx,.zip,.kml,.gpkg"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void readFile(f);
            }}
          />
          {file && (
            <>
              <small data-testid="opt-cand-file-info">
                {t(lang, 'optCandFileInfo')
                  .replace('{name}', file.name)
                  .replace('{n}', fmt(lang, file.points.length / 2))
                  .replace(
                    '{existing}',
                    fmt(
                      lang,
                      file.renovate.reduce((a, b) => a + b, 0),
                    ),
                  )}
              </small>{' '}
              <label>
                {t(lang, 'optCostField')}{' '}
                <select data-testid="opt-cost-field" value={costField} onChange={(e) => set({ costField: e.target.value })}>
                  <option value="">{t(lang, 'optCostFieldNone')}</option>
                  {file.costFields.map((f) => (
                    <option key={f} value={f}>
                      {f}
                    </option>
                  ))}
                </select>
              </label>{' '}
              <button type="button" onClick={() => dispatch({ type: 'file', file: null })}>
                {t(lang, 'optClearDrawn')}
              </button>
            </>
          )}
        </div>
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
          disabled={!client || !spec || !!progress || !candidatesChosen(st) || capBad || capLow || !!problem}
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
      {problem && (
        <div
          className="error-inline"
          role="alert"
          data-testid="opt-problem"
          data-code={problem instanceof SitingInputError ? problem.code : ''}
        >
          {problemText(lang, problem)}
        </div>
      )}
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
          {out.years && (
            <p className="hint" data-testid="opt-spent" data-spent={o.spent}>
              {t(lang, 'optSpentYears')
                .replace('{spent}', fmt(lang, o.spent, 1))
                .replace('{years}', out.years)}
            </p>
          )}
          {yearList.length > 0 && (
            <p className="opt-year-legend" data-testid="opt-year-legend">
              {yearList.map((y) => (
                <span key={y} data-year={y}>
                  <span className="swatch" style={{ background: yearColor(yearList, y) }} /> {y}
                </span>
              ))}
            </p>
          )}
          {!o.reached && <p className="hint warn">{t(lang, 'optNotReached')}</p>}
          {o.cancelled && <p className="hint warn">{t(lang, 'optCancelled')}</p>}
          <SitesChart lang={lang} shares={shares} target={o.model === 'lscp' ? out.target : undefined} />
          <ol className="site-list" data-testid="site-list">
            {rows.map((r, i) => (
              <li key={r.rank} data-gain={r.added} data-status={status[i]} data-year={r.year} data-cost={r.cost}>
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
                  {r.year !== undefined && (
                    <small className="site-year" style={{ color: yearColor(yearList, r.year) }}>
                      {t(lang, 'optYear')} {r.year}
                    </small>
                  )}
                  {(out.budget !== undefined || out.years) && r.cost !== undefined && <small>{fmt(lang, r.cost, 1)} 万元</small>}
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
          {gapYears && (
            <div className="opt-gap-years" data-testid="opt-gap-years">
              <h3>{t(lang, 'optGapYears')}</h3>
              <p className="hint" data-testid="opt-gap-years-summary">
                {t(lang, 'optGapYearsSummary')
                  .replace('{total}', fmt(lang, gapYears.community.length))
                  .replace('{closed}', fmt(lang, gapYears.year.filter((y) => y >= 0).length))
                  .replace('{last}', String(lastYear))}
              </p>
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th>{t(lang, 'optCommunity')}</th>
                      <th>{t(lang, 'optYear')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {/* Closed first, by year; then those not closed by the last year. */}
                    {Array.from(gapYears.community, (c, k) => ({ c, y: gapYears.year[k] }))
                      .sort((a, b) => (a.y < 0 ? 1e9 : a.y) - (b.y < 0 ? 1e9 : b.y) || a.c - b.c)
                      .map(({ c, y }) => (
                        <tr key={c} data-community={c} data-year={y}>
                          <td>{names?.[c] ?? c}</td>
                          <td style={y >= 0 ? { color: yearColor(yearList, y) } : undefined}>
                            {y >= 0 ? y : t(lang, 'optNotByYear').replace('{last}', String(lastYear))}
                          </td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
            </div>
          )}
          <div className="siting-buttons">
            {FILES.map((f) => (
              <button
                type="button"
                key={f}
                data-testid={`sites-${f}`}
                onClick={() => {
                  void downloadSites(rows, f, type, catalogue, out.budget !== undefined || !!out.years).catch((e: unknown) =>
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

/** One way of limiting the sites (a count, a budget, yearly budgets) as a radio choice. */
function LimitChoice({
  lang,
  limit,
  value,
  label,
  onPick,
}: {
  lang: Lang;
  limit: Limit;
  value: Limit;
  label: StringKey;
  onPick: (l: Limit) => void;
}) {
  return (
    <label>
      <input type="radio" name="opt-limit" data-testid={`opt-limit-${value}`} checked={limit === value} onChange={() => onPick(value)} />{' '}
      {t(lang, label)}
    </label>
  );
}
