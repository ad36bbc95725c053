import { pct, t, type Lang } from '../i18n';

const W = 260,
  H = 130,
  L = 34,
  B = 18,
  T = 8,
  R = 8;

interface Props {
  lang: Lang;
  /** Covered share before any new site, then after each site in order (0–1). */
  shares: number[];
  /** Target share (dashed line), when the run aimed at one. */
  target?: number;
}

/** Sites (x) against covered share (y): a step line from the current share through each site. */
export function SitesChart({ lang, shares, target }: Props) {
  const n = Math.max(1, shares.length - 1);
  // The axis spans the shares (and target) rounded out to 10 %, so small gains stay visible.
  const lo = Math.max(0, Math.floor(Math.min(...shares, target ?? 1) * 10) / 10);
  const hi = Math.max(lo + 0.1, Math.min(1, Math.ceil(Math.max(...shares, target ?? 0) * 10) / 10));
  const x = (i: number) => L + (i / n) * (W - L - R);
  const y = (v: number) => T + (1 - (v - lo) / (hi - lo || 1)) * (H - T - B);
  const path = shares.map((s, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(s).toFixed(1)}`).join(' ');
  return (
    <svg
      className="sites-chart"
      data-testid="sites-chart"
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      role="img"
      aria-label={t(lang, 'optChartTitle')}
    >
      <line x1={L} x2={L} y1={T} y2={H - B} stroke="#999" />
      <line x1={L} x2={W - R} y1={H - B} y2={H - B} stroke="#999" />
      <text x={L - 4} y={y(hi) + 4} textAnchor="end" fontSize="9">
        {pct(lang, hi)}
      </text>
      <text x={L - 4} y={y(lo) + 4} textAnchor="end" fontSize="9">
        {pct(lang, lo)}
      </text>
      <text x={L} y={H - 4} fontSize="9">
        0
      </text>
      <text x={W - R} y={H - 4} textAnchor="end" fontSize="9">
        {shares.length - 1}
      </text>
      {target !== undefined && <line x1={L} x2={W - R} y1={y(target)} y2={y(target)} stroke="#7a0c1e" strokeDasharray="4 3" />}
      <path d={path} fill="none" stroke="#1f78b4" strokeWidth={2} />
      {shares.map((s, i) => (
        <circle key={i} cx={x(i)} cy={y(s)} r={2.5} fill="#1f78b4">
          <title>{`${i}: ${pct(lang, s, 1)}`}</title>
        </circle>
      ))}
    </svg>
  );
}
