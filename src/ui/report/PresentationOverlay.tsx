import type { LegendItem } from '../../map/print/compose';
import { t, type Lang } from '../i18n';
import type { Comparison } from '../../core/scenario/compare';
import { CompareSummary } from '../scenario/CompareSummary';

interface Props {
  lang: Lang;
  title: string;
  /** County shown (or the prefecture). */
  place: string;
  legend: LegendItem[];
  /** 方案比选, when a scenario is active: shown as a panel of the presentation. */
  comparison: { before: string; after: string; cmp: Comparison } | null;
  onExit: () => void;
}

/** Presentation captions over the full-screen map: a large title and place name, a large
 *  legend, and the keys that work. */
export function PresentationOverlay({ lang, title, place, legend, comparison, onExit }: Props) {
  return (
    <div className="present-overlay" data-testid="presentation">
      <div className="present-title">
        <div className="present-place" data-testid="present-county">
          {place}
        </div>
        <div className="present-sub">{title}</div>
      </div>
      <ul className="present-legend">
        {legend.map((it) =>
          it.shape === 'ramp' ? (
            <li key={it.label} className="ramp">
              <span>
                {it.label}
                {it.targetLabel && <span className="ramp-target"> · {it.targetLabel}</span>}
              </span>
              <span
                className="ramp-bar"
                style={{ background: `linear-gradient(to right, ${(it.stops ?? []).map((s) => `${s.color} ${s.at * 100}%`).join(', ')})` }}
              />
              <span className="ramp-values">
                <span>0%</span>
                <span>50%</span>
                <span>100%</span>
              </span>
            </li>
          ) : (
            <li key={it.label}>
              <span
                className={`sw ${it.shape ?? 'box'}`}
                style={it.shape === 'line' ? { borderColor: it.color } : { background: it.color }}
              />
              {it.label}
            </li>
          ),
        )}
      </ul>
      {comparison && (
        <div className="present-compare">
          <CompareSummary lang={lang} {...comparison} />
        </div>
      )}
      <div className="present-hint">
        {t(lang, 'presentHint')}
        <button type="button" className="mbtn" onClick={onExit}>
          ✕
        </button>
      </div>
    </div>
  );
}
