import type { IndicatorRow } from '../../core/indicators/compute';
import { pct, t, type Lang } from '../i18n';

const ROW_H = 32,
  LABEL_W = 120,
  BAR_W = 420,
  VALUE_W = 120,
  TOP = 26,
  LINE = 14;
/** Characters per label line: long names (金平苗族瑶族傣族自治县) wrap onto two lines, never cut. */
const LABEL_CHARS = 7;

/** A name split into lines of at most LABEL_CHARS characters, as evenly as possible. */
export function labelLines(name: string, perLine = LABEL_CHARS): string[] {
  const chars = [...name];
  if (chars.length <= perLine) return [name];
  const n = Math.ceil(chars.length / perLine);
  const each = Math.ceil(chars.length / n);
  const lines: string[] = [];
  for (let i = 0; i < chars.length; i += each) lines.push(chars.slice(i, i + each).join(''));
  return lines;
}

/** Horizontal bars of one walking-coverage row per county, with the target as a dashed line;
 *  bars are coloured by status and also carry a ✓/✗ mark with the value; the county in focus
 *  (index `focus`) is banded and bold. */
export function CoverageChart({ lang, row, names, focus = -1 }: { lang: Lang; row: IndicatorRow; names: string[]; focus?: number }) {
  const h = TOP + names.length * ROW_H + 22;
  const x = (v: number) => LABEL_W + Math.max(0, Math.min(1, v)) * BAR_W;
  return (
    <svg
      className="cov-chart"
      data-testid="coverage-chart"
      viewBox={`0 0 ${LABEL_W + BAR_W + VALUE_W} ${h}`}
      width={LABEL_W + BAR_W + VALUE_W}
      height={h}
      role="img"
      aria-label={`${lang === 'zh' ? row.zh : row.en}`}
    >
      <text x={LABEL_W} y={h - 4} className="axis">
        0%
      </text>
      <text x={LABEL_W + BAR_W} y={h - 4} className="axis" textAnchor="end">
        100%
      </text>
      {row.counties.map((c, k) => {
        const y = TOP + k * ROW_H;
        const ok = c.status === 'met';
        const lines = labelLines(names[k]);
        const y0 = y + ROW_H / 2 + 5 - ((lines.length - 1) * LINE) / 2;
        return (
          <g key={k} data-county={names[k]} className={k === focus ? 'focus' : undefined}>
            {k === focus && <rect x={0} y={y + 1} width={LABEL_W + BAR_W + VALUE_W} height={ROW_H - 2} className="focus-band" />}
            <text x={LABEL_W - 8} y={y0} textAnchor="end" className="label">
              {lines.map((l, i) => (
                <tspan key={i} x={LABEL_W - 8} dy={i === 0 ? 0 : LINE}>
                  {l}
                </tspan>
              ))}
            </text>
            <rect x={LABEL_W} y={y + 6} width={BAR_W} height={ROW_H - 12} className="track" />
            {Number.isFinite(c.value) && (
              <rect x={LABEL_W} y={y + 6} width={x(c.value) - LABEL_W} height={ROW_H - 12} className={ok ? 'bar met' : 'bar not-met'} />
            )}
            <text x={LABEL_W + BAR_W + 8} y={y + ROW_H / 2 + 5} className="value">
              {Number.isFinite(c.value) ? `${pct(lang, c.value, 1)} ${ok ? '✓' : '✗'}` : '—'}
            </text>
          </g>
        );
      })}
      <line x1={x(row.target)} x2={x(row.target)} y1={TOP - 4} y2={h - 18} className="target" />
      <text x={x(row.target)} y={TOP - 8} textAnchor="middle" className="axis">
        {t(lang, 'chartTarget')} {pct(lang, row.target)}
      </text>
    </svg>
  );
}
