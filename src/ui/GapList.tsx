import { useMemo, useState } from 'react';
import type { TypeResult } from '../core/analysis/command';
import type { AreaIndex } from '../analysis/areaIndex';
import { gapRows } from '../core/coverage/gaps';
import { fmt, pct, t, type Lang, type StringKey } from './i18n';

const MAX_ROWS = 300;

interface Props {
  lang: Lang;
  type: TypeResult | null;
  /** True while newer settings are being computed (the list is then dimmed, not current). */
  stale: boolean;
  idx: AreaIndex | null;
  selected: string | null;
  onPick: (code: string) => void;
}

/** Gap communities of the chosen type, filterable by county and township. */
export function GapList({ lang, type, stale, idx, selected, onPick }: Props) {
  const [county, setCounty] = useState(-1);
  const [township, setTownship] = useState(-1);
  const rows = useMemo(() => (type && idx ? gapRows(type, idx.places, { county, township }) : []), [type, idx, county, township]);
  const townships = useMemo(() => {
    if (!idx) return [];
    const towns = idx.places.regions.townships;
    return towns.codes.map((_, i) => i).filter((i) => county < 0 || towns.county[i] === county);
  }, [idx, county]);
  if (!type || !idx) return null;
  const { counties, townships: towns } = idx.places.regions;
  return (
    <section className={`panel-section gaps${stale ? ' stale' : ''}`} title={stale ? t(lang, 'outdated') : undefined}>
      <h2>{t(lang, 'gapListTitle').replace('{measure}', t(lang, `demand_${type.demand}` as StringKey))} <span className="count" data-testid="gap-list-count">{fmt(lang, rows.length)}</span></h2>
      <div className="filters">
        <select data-testid="gap-county" value={county} onChange={(e) => { setCounty(Number(e.target.value)); setTownship(-1); }}>
          <option value={-1}>{t(lang, 'allCounties')}</option>
          {counties.names.map((n, i) => <option key={counties.codes[i]} value={i}>{n}</option>)}
        </select>
        <select data-testid="gap-township" value={township} onChange={(e) => setTownship(Number(e.target.value))}>
          <option value={-1}>{t(lang, 'allTownships')}</option>
          {townships.map((i) => <option key={towns.codes[i]} value={i}>{towns.names[i]}</option>)}
        </select>
      </div>
      {rows.length === 0 && <p className="empty">{t(lang, 'noGaps')}</p>}
      <ol className="gap-list" data-testid="gap-list">
        {rows.slice(0, MAX_ROWS).map((r) => (
          <li key={r.communityCode} className={r.communityCode === selected ? 'selected' : undefined}>
            <button type="button" data-code={r.communityCode} onClick={() => onPick(r.communityCode)}>
              <span className="name">{r.communityName}<small>{r.countyName} · {r.townshipName}</small></span>
              <span className="num">{fmt(lang, r.demandUncovered)}<small>{Number.isNaN(r.share) ? '–' : pct(lang, r.share)}</small></span>
            </button>
          </li>
        ))}
      </ol>
      {rows.length > MAX_ROWS && <p className="hint">{t(lang, 'moreRows').replace('{n}', fmt(lang, MAX_ROWS))}</p>}
    </section>
  );
}
