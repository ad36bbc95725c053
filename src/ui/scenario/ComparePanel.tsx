import { useCatalogue } from '../catalogueContext';
import { useEffect, useMemo, useState } from 'react';
import type { Feature, FeatureCollection } from 'geojson';
import type { AnalysisClient } from '../../analysis/client';
import type { AreaIndex } from '../../analysis/areaIndex';
import { runScenario, type ScenarioRun } from '../../analysis/scenarioClient';
import type { CoverageCommand, CoverageResult } from '../../core/analysis/command';
import { compareResults, type Measure } from '../../core/scenario/compare';
import { analysedCodes, missingChanges, multiServiceGap, type MissingChange } from '../../core/gaps/multi-service';
import type { Scenario } from '../../core/scenario/scenario';
import { compareColumns, compareRows } from '../../io/export/compare';
import { toCsv } from '../../io/export/csv';
import { sheet, toXlsx } from '../../io/export/xlsx';
import type { MapView } from '../../map/MapView';
import { download, MIME, today } from '../report/download';
import { multiGapHeading } from '../report/MultiGapTable';
import { fmt, pct, t, type Lang } from '../i18n';

interface Props {
  lang: Lang;
  client: AnalysisClient | null;
  /** 现状's result and the command it ran with. */
  baseline: { result: CoverageResult; cmd: CoverageCommand };
  /** The active scenario's run (the "after" side). */
  run: (ScenarioRun & { key: string; name: string }) | null;
  /** Other scenarios, any of which can be the "before" side instead of 现状. */
  others: Scenario[];
  idx: AreaIndex;
  /** The type whose per-county table and difference map are shown. */
  type: string;
  /** The services of the multi-service gap (综合缺口) whose per-community counts are compared. */
  multiCodes: string[];
  view: { current: MapView | null };
  onClose: () => void;
}

const num = (lang: Lang, x: number, digits = 1) => (Number.isNaN(x) ? '–' : Number.isFinite(x) ? fmt(lang, x, digits) : '∞');
const signed = (s: string, x: number) => (x > 0 ? `+${s}` : s);

/** One figure before, after and the difference, for row `i` of a measure. */
function Cells({
  lang,
  m,
  i,
  share = false,
  digits = 1,
  k,
}: {
  lang: Lang;
  m: Measure;
  i: number;
  share?: boolean;
  digits?: number;
  k: string;
}) {
  const f = (x: number) => (share ? (Number.isNaN(x) ? '–' : pct(lang, x, 1)) : num(lang, x, digits));
  return (
    <>
      <td className="num" data-k={`${k}-before`} data-v={m.before[i]}>
        {f(m.before[i])}
      </td>
      <td className="num" data-k={`${k}-after`} data-v={m.after[i]}>
        {f(m.after[i])}
      </td>
      <td className={`num diff ${m.diff[i] > 0 ? 'up' : m.diff[i] < 0 ? 'down' : ''}`} data-k={`${k}-diff`} data-v={m.diff[i]}>
        {share
          ? Number.isNaN(m.diff[i])
            ? '–'
            : signed(pct(lang, m.diff[i], 1), m.diff[i])
          : signed(num(lang, m.diff[i], digits), m.diff[i])}
      </td>
    </>
  );
}

/** 方案比选: 现状 (or another scenario) against the active scenario, per type and per county of
 *  the shown type; the difference map; CSV/XLSX of every type, county and community. */
export function ComparePanel({ lang, client, baseline, run, others, idx, type, multiCodes, view, onClose }: Props) {
  const catalogue = useCatalogue();
  const [beforeKey, setBeforeKey] = useState('');
  // The other scenario's run, with what it was run for: a run for other inputs is not shown.
  const [before, setBefore] = useState<{ of: unknown[]; result: CoverageResult } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [diffMap, setDiffMap] = useState(true);
  const other = others.find((s) => s.key === beforeKey) ?? null;
  useEffect(() => {
    if (!other || !client) return;
    let live = true;
    const of = [other, client, baseline, idx];
    runScenario(client, other.actions, baseline.cmd, baseline.result)
      .then((r) => {
        if (live) {
          setBefore({ of, result: r.result });
          setError(null);
        }
      })
      .catch((e: unknown) => {
        if (live) setError((e as Error).message);
      });
    return () => {
      live = false;
    };
  }, [other, client, baseline, idx]);
  const beforeName = other ? other.name : t(lang, 'baseline');
  const current = before && [other, client, baseline, idx].every((x, i) => x === before.of[i]);
  const beforeResult = other ? (current ? before.result : null) : baseline.result;
  const cmp = useMemo(
    () => (run && beforeResult ? compareResults(beforeResult, run.result, idx.places.regions.countyOf) : null),
    [run, beforeResult, idx],
  );
  const shownType = cmp?.types.find((x) => x.code === type) ?? null;
  const multi = useMemo(() => {
    if (!run || !beforeResult) return null;
    const codes = analysedCodes(run.result, analysedCodes(beforeResult, multiCodes));
    if (!codes.length) return null;
    const gap = (r: CoverageResult) => multiServiceGap(r, codes, idx.householdWeights, idx.householdCommunity);
    return { codes, changes: missingChanges(gap(beforeResult), gap(run.result)) };
  }, [run, beforeResult, multiCodes, idx]);

  // The difference map: communities gaining or losing covered share of the shown type, and the
  // facilities the scenario adds, moves and removes.
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    if (!diffMap || !shownType || !run) {
      void v.setDifference(null);
      void v.setSiting('scenario-changes', { type: 'FeatureCollection', features: [] });
      return;
    }
    const d = shownType.communities.share.diff;
    void v.setDifference(
      new Map(
        idx.places.communities.codes.flatMap((code, i) => (d[i] !== 0 && !Number.isNaN(d[i]) ? [[code, d[i]] as [string, number]] : [])),
      ),
    );
    const features: Feature[] = run.changes.flatMap((c): Feature[] => {
      const pt: Feature = {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [c.lon, c.lat] },
        properties: { action: c.action, type: c.type, id: c.id },
      };
      return c.action === 'move'
        ? [
            {
              type: 'Feature',
              geometry: {
                type: 'LineString',
                coordinates: [
                  [c.fromLon!, c.fromLat!],
                  [c.lon, c.lat],
                ],
              },
              properties: { action: 'move' },
            },
            pt,
          ]
        : [pt];
    });
    void v.setSiting('scenario-changes', { type: 'FeatureCollection', features } as FeatureCollection);
  }, [view, diffMap, shownType, run, idx]);
  useEffect(
    () => () => {
      void view.current?.setDifference(null);
      void view.current?.setSiting('scenario-changes', { type: 'FeatureCollection', features: [] });
    },
    [view],
  );

  const exportAs = async (kind: 'csv' | 'xlsx') => {
    if (!cmp || !run) return;
    const rows = compareRows(cmp, idx.places.communities),
      columns = compareColumns(beforeName, run.name, catalogue);
    const title = `${t(lang, 'compareTitle')}：${beforeName} ${t(lang, 'compareVs')} ${run.name} · ${today()}`;
    const bytes = kind === 'csv' ? toCsv(rows, columns) : await toXlsx([sheet({ name: '方案比选', title, columns, rows })]);
    download(bytes, `服务圈_方案比选_${beforeName}_vs_${run.name}_${today()}.${kind}`, MIME[kind]);
  };
  const gains = shownType ? Array.from(shownType.communities.share.diff).filter((x) => x > 0).length : 0;
  const losses = shownType ? Array.from(shownType.communities.share.diff).filter((x) => x < 0).length : 0;
  const head = (
    <tr>
      <th>{t(lang, 'compareShare')}</th>
      <th>{beforeName}</th>
      <th>{run?.name}</th>
      <th>{t(lang, 'compareDiff')}</th>
    </tr>
  );
  return (
    <div className="meeting-overlay compare" role="dialog" aria-label={t(lang, 'compareTitle')} data-testid="compare-panel">
      <div className="meeting-sheet">
        <header className="meeting-head">
          <h2 data-testid="compare-title">
            {t(lang, 'compareTitle')}：{beforeName} {t(lang, 'compareVs')} {run?.name ?? '…'}
          </h2>
          <button type="button" className="mbtn" onClick={onClose}>
            {t(lang, 'close')}
          </button>
        </header>
        {!run && <p className="note">{t(lang, 'compareNoScenario')}</p>}
        <p className="note">
          <label>
            {t(lang, 'compareWith')}{' '}
            <select data-testid="compare-before" value={beforeKey} onChange={(e) => setBeforeKey(e.target.value)}>
              <option value="">{t(lang, 'baseline')}</option>
              {others.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            <input type="checkbox" data-testid="compare-diffmap" checked={diffMap} onChange={(e) => setDiffMap(e.target.checked)} />{' '}
            {t(lang, 'compareDiffMap')}
          </label>
          {shownType && (
            <>
              {' '}
              · {t(lang, 'compareGain')} <b data-testid="compare-gains">{gains}</b> · {t(lang, 'compareLoss')}{' '}
              <b data-testid="compare-losses">{losses}</b>
            </>
          )}
        </p>
        {error && (
          <div className="error-inline" role="alert">
            {error}
          </div>
        )}
        {cmp && (
          <div className="ind-scroll">
            <table className="ind-table compare-table" data-testid="compare-types">
              <thead>
                <tr>
                  <th rowSpan={2}>{t(lang, 'facilityType')}</th>
                  {(['compareShare', 'compareCovered', 'compareGaps', 'compareMedian', 'compareP90', 'compareGini'] as const).map((k) => (
                    <th key={k} colSpan={3}>
                      {t(lang, k)}
                    </th>
                  ))}
                </tr>
                <tr>
                  {Array.from({ length: 6 }, (_, k) => [
                    <th key={`b${k}`}>{beforeName}</th>,
                    <th key={`a${k}`}>{run?.name}</th>,
                    <th key={`d${k}`}>{t(lang, 'compareDiff')}</th>,
                  ]).flat()}
                </tr>
              </thead>
              <tbody>
                {cmp.types.map((x) => {
                  const ft = catalogue.find((f) => f.code === x.code)!;
                  return (
                    <tr key={x.code} data-type={x.code}>
                      <th>{lang === 'zh' ? ft.zh : ft.en}</th>
                      <Cells lang={lang} m={x.total.share} i={0} share k="share" />
                      <Cells lang={lang} m={x.total.covered} i={0} digits={0} k="covered" />
                      <Cells lang={lang} m={x.total.gaps} i={0} digits={0} k="gaps" />
                      <Cells lang={lang} m={x.total.median} i={0} k="median" />
                      <Cells lang={lang} m={x.total.p90} i={0} k="p90" />
                      <Cells lang={lang} m={x.total.gini} i={0} digits={3} k="gini" />
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {shownType && (
          <section>
            <h3>{t(lang, 'compareByCounty')}</h3>
            <table className="ind-table compare-table" data-testid="compare-counties">
              <thead>{head}</thead>
              <tbody>
                {cmp!.counties.names.map((name, k) => (
                  <tr key={cmp!.counties.codes[k]} data-county={cmp!.counties.codes[k]}>
                    <th>{name}</th>
                    <Cells lang={lang} m={shownType.counties.share} i={k} share k="share" />
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
        {multi && <MultiGapChanges lang={lang} codes={multi.codes} changes={multi.changes} idx={idx} />}
        {cmp && (
          <section className="export-grid">
            <div className="export-group">
              <span>{t(lang, 'compareTitle')}</span>
              <button
                type="button"
                className="mbtn"
                data-export="compare.xlsx"
                onClick={() => {
                  void exportAs('xlsx');
                }}
              >
                XLSX
              </button>
              <button
                type="button"
                className="mbtn"
                data-export="compare.csv"
                onClick={() => {
                  void exportAs('csv');
                }}
              >
                CSV
              </button>
            </div>
          </section>
        )}
      </div>
    </div>
  );
}

/** 综合缺口 in the comparison: the communities that lack fewer (or more) of the chosen services,
 *  largest drop first. */
function MultiGapChanges({ lang, codes, changes, idx }: { lang: Lang; codes: string[]; changes: MissingChange[]; idx: AreaIndex }) {
  const catalogue = useCatalogue();
  const improved = changes.filter((c) => c.after < c.before).sort((a, b) => b.before - b.after - (a.before - a.after) || a.index - b.index);
  const worsened = changes.filter((c) => c.after > c.before).length;
  const { communities } = idx.places;
  return (
    <section data-testid="compare-multi-gap">
      <h3>{multiGapHeading(lang, codes, catalogue)}</h3>
      <p className="note">
        {t(lang, 'compareMultiImproved')} <b data-testid="compare-multi-improved">{improved.length}</b> · {t(lang, 'compareMultiWorsened')}{' '}
        <b data-testid="compare-multi-worsened">{worsened}</b>
      </p>
      {improved.length > 0 && (
        <ul className="compare-multi-list">
          {improved.slice(0, 50).map((c) => (
            <li key={c.index} data-code={communities.codes[c.index]}>
              {communities.names[c.index]}: {t(lang, 'multiGapMissing').replace('{n}', fmt(lang, c.before))} →{' '}
              {t(lang, 'multiGapMissing').replace('{n}', fmt(lang, c.after))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
