import { useState } from 'react';
import type { IndicatorTable as Table } from '../../core/indicators/compute';
import { crsLabel } from '../../io/crs';
import { t, type Lang } from '../i18n';
import { CoverageChart } from './CoverageChart';
import { downloadExport, type ExportContent, type ExportKind } from './exports';
import { IndicatorTable } from './IndicatorTable';
import { MultiGapTable } from './MultiGapTable';

interface Props {
  lang: Lang;
  table: Table;
  /** The active scenario's table (its own column). */
  extra: { name: string; table: Table } | null;
  content: ExportContent;
  /** The analysis is still running: walking rows of the types still to come are missing. */
  computing?: boolean;
  onClose: () => void;
  /** Index of the county in focus (−1: none), marked in the chart. */
  focus?: number;
}

const EXPORTS: { label: 'indicators' | 'exportGaps' | 'exportSites' | 'exportResults' | 'multiGapTitle'; kinds: ExportKind[] }[] = [
  { label: 'indicators', kinds: ['indicators.xlsx', 'indicators.csv'] },
  { label: 'exportGaps', kinds: ['gaps.xlsx', 'gaps.csv'] },
  { label: 'exportSites', kinds: ['sites.xlsx', 'sites.csv'] },
  { label: 'exportResults', kinds: ['results.geojson', 'results.fgb'] },
  { label: 'multiGapTitle', kinds: ['multigap.xlsx', 'multigap.csv'] },
];

/** The plan's indicators per county and for the prefecture, the walking-coverage chart of the
 *  selected type, and every file export. */
export function IndicatorPanel({ lang, table, extra, content, computing = false, onClose, focus = -1 }: Props) {
  const [status, setStatus] = useState<string | null>(null);
  const [inSourceCrs, setInSourceCrs] = useState(false);
  const source = content.sourceCrs && content.sourceCrs.kind !== 'wgs84' ? content.sourceCrs : null;
  const walk = table.rows.find((r) => r.id === `walk_${content.type}`);
  const hasResult = !!content.result;
  const run = (kind: ExportKind) => {
    setStatus(t(lang, 'exporting'));
    downloadExport(kind, content, inSourceCrs && kind === 'results.geojson').then(
      () => setStatus(`${t(lang, 'exportDone')}: ${kind}`),
      (e: unknown) => setStatus(`${t(lang, 'exportFailed')}: ${(e as Error).message}`),
    );
  };
  const disabled = (kind: ExportKind) =>
    (kind.startsWith('results') && !hasResult) ||
    (kind.startsWith('gaps') && !hasResult) ||
    (kind.startsWith('sites') && content.sites.length === 0) ||
    (kind.startsWith('multigap') && !content.multiGap);
  return (
    <div className="meeting-overlay" role="dialog" aria-label={t(lang, 'indicatorsTitle')} data-testid="indicator-panel">
      <div className="meeting-sheet">
        <header className="meeting-head">
          <h2>
            {t(lang, 'indicatorsTitle')} · {t(lang, 'baseline')}
            {extra && <> · {extra.name}</>}
          </h2>
          <button type="button" className="mbtn" onClick={onClose}>
            {t(lang, 'close')}
          </button>
        </header>
        {!hasResult && <p className="note">{t(lang, 'noAnalysisYet')}</p>}
        {hasResult && computing && (
          <p className="note" data-testid="indicators-computing">
            {t(lang, 'indicatorsComputing')}
          </p>
        )}
        <IndicatorTable lang={lang} table={table} extra={extra} />
        {walk && (
          <section>
            <h3>
              {t(lang, 'chartTitle')} · {lang === 'zh' ? walk.zh : walk.en} · {t(lang, 'baseline')}
            </h3>
            <CoverageChart lang={lang} row={walk} names={table.counties.names} focus={focus} />
          </section>
        )}
        {content.multiGap && <MultiGapTable lang={lang} table={table} multi={content.multiGap} />}
        <section className="export-grid">
          {EXPORTS.map((g) => (
            <div key={g.label} className="export-group">
              <span>{t(lang, g.label)}</span>
              {g.kinds.map((k) => (
                <button key={k} type="button" className="mbtn" data-export={k} disabled={disabled(k)} onClick={() => run(k)}>
                  {k.slice(k.indexOf('.') + 1).toUpperCase()}
                </button>
              ))}
            </div>
          ))}
        </section>
        {source && (
          <label className="note">
            <input
              type="checkbox"
              data-testid="export-source-crs"
              checked={inSourceCrs}
              onChange={(e) => setInSourceCrs(e.target.checked)}
            />{' '}
            {t(lang, 'exportInSourceCrs').replace('{crs}', crsLabel(source))}
          </label>
        )}
        {status && (
          <p className="note" data-testid="export-status">
            {status}
          </p>
        )}
      </div>
    </div>
  );
}
