import type { IndicatorCell, IndicatorRow, IndicatorTable as Table, Status } from '../../core/indicators/compute';
import { fmt, pct, t, type Lang, type StringKey } from '../i18n';

const STATUS: Record<Status, { key: StringKey; mark: string }> = {
  met: { key: 'statusMet', mark: '✓' },
  not_met: { key: 'statusNotMet', mark: '✗' },
  no_data: { key: 'statusNoData', mark: '–' },
};

/** An indicator value in its unit: a share as %, floor area as m² per 100 households. */
export function formatValue(lang: Lang, row: IndicatorRow, v: number): string {
  if (!Number.isFinite(v)) return '—';
  return row.unit === 'share' ? pct(lang, v, 1) : `${fmt(lang, v, 1)} m²`;
}

/** A cell's value with its status as a mark and a word (readable without colour). */
export function StatusCell({
  lang,
  row,
  cell,
  scenario = false,
}: {
  lang: Lang;
  row: IndicatorRow;
  cell: IndicatorCell;
  scenario?: boolean;
}) {
  const s = STATUS[cell.status];
  return (
    <td
      className={`ind-cell status-${cell.status}${scenario ? ' scenario' : ''}`}
      data-status={cell.status}
      data-value={cell.value}
      data-col={scenario ? 'scenario' : undefined}
    >
      <span className="val">{formatValue(lang, row, cell.value)}</span>
      <span className="st">
        {s.mark} {t(lang, s.key)}
      </span>
    </td>
  );
}

const NO_CELL: IndicatorCell = { value: NaN, numerator: 0, denominator: 0, status: 'no_data' };

interface Props {
  lang: Lang;
  table: Table;
  /** County indices to show as columns (after the prefecture); all when omitted. */
  counties?: number[];
  /** A scenario's table: its prefecture values in their own column beside 现状's. */
  extra?: { name: string; table: Table } | null;
}

/** Indicators as rows; target, prefecture and county columns, each cell with value and status. */
export function IndicatorTable({ lang, table, counties, extra = null }: Props) {
  const ks = counties ?? table.counties.names.map((_, k) => k);
  return (
    <div className="ind-scroll">
      <table className="ind-table" data-testid="indicator-table">
        <thead>
          <tr>
            <th className="ind-name">{t(lang, 'indicator')}</th>
            <th>{t(lang, 'target2025')}</th>
            <th data-testid="ind-col-baseline">
              {t(lang, 'prefecture')} · {t(lang, 'baseline')}
            </th>
            {extra && <th data-testid="ind-col-scenario">{t(lang, 'indicatorsScenarioCol').replace('{name}', extra.name)}</th>}
            {ks.map((k) => (
              <th key={k}>{table.counties.names[k]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.id} data-indicator={r.id}>
              <th className="ind-name" title={r.wording}>
                {lang === 'zh' ? r.zh : r.en}
              </th>
              <td className="ind-target">{formatValue(lang, r, r.target)}</td>
              <StatusCell lang={lang} row={r} cell={r.prefecture} />
              {extra && (
                <StatusCell lang={lang} row={r} cell={extra.table.rows.find((x) => x.id === r.id)?.prefecture ?? NO_CELL} scenario />
              )}
              {ks.map((k) => (
                <StatusCell key={k} lang={lang} row={r} cell={r.counties[k]} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
