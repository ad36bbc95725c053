import { useCatalogue } from './catalogueContext';
import { iconChar } from '../core/catalogue';
import { missingHistogram, type MultiServiceGap } from '../core/gaps/multi-service';
import type { MultiGapAction, MultiGapView } from './multiGapView';
import { fmt, t, type Lang } from './i18n';

interface Props {
  lang: Lang;
  view: MultiGapView;
  /** The computed gap of the shown result (null while none). */
  gap: MultiServiceGap | null;
  /** True while newer settings are being computed. */
  stale: boolean;
  dispatch: (a: MultiGapAction) => void;
}

/** Switches the multi-service gap view (综合缺口) on and off and picks the services it counts. */
export function MultiGapPicker({ lang, view, gap, stale, dispatch }: Props) {
  const catalogue = useCatalogue();
  return (
    <section className="panel-section multi-gap" data-testid="multi-gap">
      <h2>{t(lang, 'multiGapTitle')}</h2>
      <label className="check">
        <input
          type="checkbox"
          data-testid="multi-gap-toggle"
          checked={view.on}
          onChange={(e) => dispatch({ kind: 'show', on: e.target.checked })}
        />
        {t(lang, 'multiGapShow')}
      </label>
      {view.on && (
        <>
          <p className="hint">{t(lang, 'multiGapHint')}</p>
          <ul className="multi-gap-types">
            {catalogue.map((ft) => {
              const on = view.codes.includes(ft.code);
              return (
                <li key={ft.code}>
                  <label className="check">
                    <input
                      type="checkbox"
                      data-testid={`multi-gap-type-${ft.code}`}
                      checked={on}
                      disabled={on && view.codes.length === 1}
                      title={on && view.codes.length === 1 ? t(lang, 'multiGapKeepOne') : undefined}
                      onChange={() => dispatch({ kind: 'toggleType', code: ft.code, catalogue })}
                    />
                    <span className="icon-dot" style={{ background: ft.color }}>
                      {iconChar(ft)}
                    </span>
                    {lang === 'zh' ? ft.zh : ft.en}
                  </label>
                </li>
              );
            })}
          </ul>
          {gap && <MultiGapFigures lang={lang} gap={gap} stale={stale} />}
        </>
      )}
    </section>
  );
}

/** Headline figures: communities lacking 1, 2, … of the chosen services, and the households
 *  beyond reach of at least one of them. */
function MultiGapFigures({ lang, gap, stale }: { lang: Lang; gap: MultiServiceGap; stale: boolean }) {
  const counts = missingHistogram(gap);
  const beyond = gap.householdsBeyond.reduce((s, h) => s + h, 0);
  return (
    <dl className={`figures${stale ? ' stale' : ''}`} data-testid="multi-gap-figures" title={stale ? t(lang, 'outdated') : undefined}>
      {counts.slice(1).map((k, m) => (
        <div key={m}>
          <dt>{t(lang, 'multiGapMissing').replace('{n}', fmt(lang, m + 1))}</dt>
          <dd data-missing={m + 1}>{fmt(lang, k)}</dd>
        </div>
      ))}
      <div>
        <dt>{t(lang, 'multiGapHouseholdsBeyond')}</dt>
        <dd data-testid="multi-gap-beyond">{fmt(lang, beyond)}</dd>
      </div>
    </dl>
  );
}
