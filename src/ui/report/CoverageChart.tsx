import type { IndicatorRow } from '../../core/indicators/compute';
import { pct, t, type Lang } from '../i18n';

const ROW_H = 26, LABEL_W = 110, BAR_W = 420, VALUE_W = 120, TOP = 26;

/** Horizontal bars of one walking-coverage row per county, with the target as a dashed line;
 *  bars are coloured by status and also carry a ✓/✗ mark with the value. */
export function CoverageChart({ lang, row, names }: { lang: Lang; row: IndicatorRow; names: string[] }) {
  const h = TOP + names.length * ROW_H + 22;
  const x = (v: number) => LABEL_W + Math.max(0, Math.min(1, v)) * BAR_W;
  return (
    <svg className="cov-chart" data-testid="coverage-chart" viewBox={`0 0 ${LABEL_W + BAR_W + VALUE_W} ${h}`}
      width={LABEL_W + BAR_W + VALUE_W} height={h} role="img" aria-label={`${lang === 'zh' ? row.zh : row.en}`}>
      <text x={LABEL_W} y={h - 4} className="axis">0%</text>
      <text x={LABEL_W + BAR_W} y={h - 4} className="axis" textAnchor="end">100%</text>
      {row.counties.map((c, k) => {
        const y = TOP + k * ROW_H;
        const ok = c.status === 'met';
        return (
          <g key={k} data-county={names[k]}>
            <text x={LABEL_W - 8} y={y + ROW_H / 2 + 5} textAnchor="end" className="label">{names[k]}</text>
            <rect x={LABEL_W} y={y + 4} width={BAR_W} height={ROW_H - 8} className="track" />
            {Number.isFinite(c.value) && (
              <rect x={LABEL_W} y={y + 4} width={x(c.value) - LABEL_W} height={ROW_H - 8} className={ok ? 'bar met' : 'bar not-met'} />
            )}
            <text x={LABEL_W + BAR_W + 8} y={y + ROW_H / 2 + 5} className="value">
              {Number.isFinite(c.value) ? `${pct(lang, c.value, 1)} ${ok ? '✓' : '✗'}` : '—'}
            </text>
          </g>
        );
      })}
      <line x1={x(row.target)} x2={x(row.target)} y1={TOP - 4} y2={h - 18} className="target" />
      <text x={x(row.target)} y={TOP - 8} textAnchor="middle" className="axis">{t(lang, 'chartTarget')} {pct(lang, row.target)}</text>
    </svg>
  );
}
