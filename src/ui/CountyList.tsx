import type { FeatureCollection } from 'geojson';
import type { TypeResult } from '../core/analysis/command';
import { fmt, pct, t, type Lang, type StringKey } from './i18n';

interface Props {
  /** 现状 or the scenario's name: what the list shows. */
  scenarioName: string;
  lang: Lang;
  counties: FeatureCollection | null;
  /** The chosen type's result and the county codes its county figures are indexed by. */
  type: TypeResult | null;
  countyCodes: string[];
  /** Multi-service view: per county code, communities lacking 0, 1, … n of the chosen services. */
  multi?: Map<string, number[]> | null;
  onPick: (code: string) => void;
  /** The county in focus (only its row is listed), null: all. */
  focus: string | null;
}

const minutes = (lang: Lang, m: number) => (Number.isFinite(m) ? fmt(lang, m, 1) : Number.isNaN(m) ? '–' : '∞');

/** The prefecture's counties with households and, for the chosen type, the equity figures of its
 *  demand measure: share beyond reach, median and 90th-percentile minutes, Gini of minutes.
 *  A click on a county flies the map to it. */
export function CountyList({ lang, scenarioName, counties, type, countyCodes, multi = null, onPick, focus }: Props) {
  if (multi) return <MultiCountyList lang={lang} counties={counties} multi={multi} onPick={onPick} />;
  const rows = (counties?.features ?? []).map((f) => f.properties ?? {}).filter((p) => focus === null || String(p.code) === focus);
  const at = new Map(countyCodes.map((c, i) => [c, i]));
  const s = type?.counties;
  const measure = type ? t(lang, `demand_${type.demand}` as StringKey) : '';
  return (
    <section className="panel-section">
      <h2>
        {t(lang, 'countiesTitle')} <span className="count">{rows.length || ''}</span> <small className="scenario-tag">{scenarioName}</small>
      </h2>
      {type && <p className="hint">{t(lang, 'equityCaption').replace('{measure}', measure)}</p>}
      <ul className={`county-list${s ? ' with-equity' : ''}`} data-testid="county-list">
        {s && (
          <li className="head" aria-hidden="true">
            <span className="name">{t(lang, 'county')}</span>
            <span className="num">{t(lang, 'households')}</span>
            <span className="num">{t(lang, 'beyondShare')}</span>
            <span className="num">{t(lang, 'medianMin')}</span>
            <span className="num">{t(lang, 'p90Min')}</span>
            <span className="num">{t(lang, 'gini')}</span>
          </li>
        )}
        {rows.map((p) => {
          const i = at.get(String(p.code));
          return (
            <li key={String(p.code)} data-code={String(p.code)}>
              <button type="button" onClick={() => onPick(String(p.code))}>
                <span className="name">{String(p.name)}</span>
                <span className="num">{fmt(lang, Number(p.households ?? 0))}</span>
                {s && i !== undefined && (
                  <>
                    <span className="num" data-field="beyond">
                      {s.demand[i] > 0 ? pct(lang, s.uncovered[i] / s.demand[i]) : '–'}
                    </span>
                    <span className="num">{minutes(lang, s.median[i])}</span>
                    <span className="num">{minutes(lang, s.p90[i])}</span>
                    <span className="num" data-field="gini">
                      {Number.isNaN(s.gini[i]) ? '–' : fmt(lang, s.gini[i], 2)}
                    </span>
                  </>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The counties with how many of their communities lack 0, 1, … n of the chosen services. */
function MultiCountyList({
  lang,
  counties,
  multi,
  onPick,
}: {
  lang: Lang;
  counties: FeatureCollection | null;
  multi: Map<string, number[]>;
  onPick: (code: string) => void;
}) {
  const rows = (counties?.features ?? []).map((f) => f.properties ?? {});
  const width = multi.values().next().value?.length ?? 1;
  return (
    <section className="panel-section">
      <h2>
        {t(lang, 'countiesTitle')} <span className="count">{rows.length || ''}</span>
      </h2>
      <p className="hint">{t(lang, 'multiGapCountyCaption')}</p>
      <ul className="county-list with-equity" data-testid="county-list">
        <li className="head" aria-hidden="true">
          <span className="name">{t(lang, 'county')}</span>
          {Array.from({ length: width }, (_, m) => (
            <span key={m} className="num">
              {t(lang, 'multiGapMissing').replace('{n}', fmt(lang, m))}
            </span>
          ))}
        </li>
        {rows.map((p) => {
          const counts = multi.get(String(p.code));
          return (
            <li key={String(p.code)} data-code={String(p.code)}>
              <button type="button" onClick={() => onPick(String(p.code))}>
                <span className="name">{String(p.name)}</span>
                {Array.from({ length: width }, (_, m) => (
                  <span key={m} className="num" data-missing={m}>
                    {counts ? fmt(lang, counts[m]) : '–'}
                  </span>
                ))}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
