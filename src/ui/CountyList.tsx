import type { FeatureCollection } from 'geojson';
import { fmt, t, type Lang } from './i18n';

interface Props {
  lang: Lang;
  counties: FeatureCollection | null;
  onPick: (code: string) => void;
}

/** The prefecture's counties with households; a click flies the map to one. */
export function CountyList({ lang, counties, onPick }: Props) {
  const rows = (counties?.features ?? []).map((f) => f.properties ?? {});
  return (
    <section className="panel-section">
      <h2>{t(lang, 'countiesTitle')} <span className="count">{rows.length || ''}</span></h2>
      <ul className="county-list" data-testid="county-list">
        {rows.map((p) => (
          <li key={String(p.code)}>
            <button type="button" onClick={() => onPick(String(p.code))}>
              <span className="name">{String(p.name)}</span>
              <span className="num">{fmt(lang, Number(p.households ?? 0))} {t(lang, 'households')}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
