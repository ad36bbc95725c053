import { useCatalogue } from './catalogueContext';
import { useMemo } from 'react';
import type { TypeResult } from '../core/analysis/command';
import type { AreaIndex } from '../analysis/areaIndex';
import { gapRows } from '../core/coverage/gaps';
import { countyName, townshipName, type Places } from '../core/coverage/places';
import { missingCodes, rankMultiServiceGap, type MultiServiceGap } from '../core/gaps/multi-service';
import { iconChar } from '../core/catalogue';
import { fmt, pct, t, type Lang, type StringKey } from './i18n';

/** One line of the list, whichever view made it. */
interface Line {
  code: string;
  name: string;
  where: string;
  /** The ranking figure (demand beyond reach, or households beyond reach of a chosen service). */
  figure: number;
  /** Under the figure: the covered share, or how many services are missing. */
  note: string;
  /** Multi-service view: the codes missing, drawn as icons. */
  missing?: string[];
}

function multiLines(lang: Lang, g: MultiServiceGap, places: Places, county: number, township: number): Line[] {
  const { countyOf, townshipOf } = places.regions;
  const order = rankMultiServiceGap(g, (c) => (county < 0 || countyOf[c] === county) && (township < 0 || townshipOf[c] === township));
  return Array.from(order, (c) => ({
    code: places.communities.codes[c],
    name: places.communities.names[c],
    where: `${countyName(places, c)} · ${townshipName(places, c)}`,
    figure: g.householdsBeyond[c],
    note: t(lang, 'multiGapMissing').replace('{n}', fmt(lang, g.missing[c])),
    missing: missingCodes(g, c),
  }));
}

const MAX_ROWS = 300;

interface Props {
  /** 现状 or the scenario's name: what the list shows. */
  scenarioName: string;
  lang: Lang;
  type: TypeResult | null;
  /** The multi-service gap, when that view is on: the list ranks it instead of `type`'s gaps. */
  multi?: MultiServiceGap | null;
  /** True while newer settings are being computed (the list is then dimmed, not current). */
  stale: boolean;
  idx: AreaIndex | null;
  selected: string | null;
  onPick: (code: string) => void;
  /** The county and township in focus (indices, −1: all); choosing one sets the app's focus. */
  county: number;
  township: number;
  onFocus: (county: number, township: number) => void;
}

/** Gap communities of the chosen type (or, in the multi-service view, the communities lacking any
 *  chosen service, most missing first) in the county or township in focus, which these filters
 *  choose for the whole app (headline figures, county list, map, link). */
export function GapList({ lang, scenarioName, type, multi = null, stale, idx, selected, onPick, county, township, onFocus }: Props) {
  const catalogue = useCatalogue();
  const rows = useMemo((): Line[] => {
    if (!idx) return [];
    if (multi) return multiLines(lang, multi, idx.places, county, township);
    return type
      ? gapRows(type, idx.places, { county, township }).map((r) => ({
          code: r.communityCode,
          name: r.communityName,
          where: `${r.countyName} · ${r.townshipName}`,
          figure: r.demandUncovered,
          note: Number.isNaN(r.share) ? '–' : pct(lang, r.share),
        }))
      : [];
  }, [lang, type, multi, idx, county, township]);
  const townships = useMemo(() => {
    if (!idx) return [];
    const towns = idx.places.regions.townships;
    return towns.codes.map((_, i) => i).filter((i) => county < 0 || towns.county[i] === county);
  }, [idx, county]);
  if ((!type && !multi) || !idx) return null;
  const title = multi
    ? t(lang, 'multiGapListTitle')
    : t(lang, 'gapListTitle').replace('{measure}', t(lang, `demand_${type!.demand}` as StringKey));
  const { counties, townships: towns } = idx.places.regions;
  return (
    <section className={`panel-section gaps${stale ? ' stale' : ''}`} title={stale ? t(lang, 'outdated') : undefined}>
      <h2>
        {title}{' '}
        <span className="count" data-testid="gap-list-count">
          {fmt(lang, rows.length)}
        </span>{' '}
        <small className="scenario-tag">{scenarioName}</small>
      </h2>
      <div className="filters">
        <select data-testid="gap-county" value={county} onChange={(e) => onFocus(Number(e.target.value), -1)}>
          <option value={-1}>{t(lang, 'allCounties')}</option>
          {counties.names.map((n, i) => (
            <option key={counties.codes[i]} value={i}>
              {n}
            </option>
          ))}
        </select>
        <select data-testid="gap-township" value={township} onChange={(e) => onFocus(county, Number(e.target.value))}>
          <option value={-1}>{t(lang, 'allTownships')}</option>
          {townships.map((i) => (
            <option key={towns.codes[i]} value={i}>
              {towns.names[i]}
            </option>
          ))}
        </select>
      </div>
      {rows.length === 0 && <p className="empty">{t(lang, multi ? 'multiGapNone' : 'noGaps')}</p>}
      <ol className="gap-list" data-testid="gap-list">
        {rows.slice(0, MAX_ROWS).map((r) => (
          <li key={r.code} className={r.code === selected ? 'selected' : undefined}>
            <button type="button" data-code={r.code} data-missing={r.missing?.join(',')} onClick={() => onPick(r.code)}>
              <span className="name">
                {r.name}
                <small>{r.where}</small>
                {r.missing && (
                  <span className="missing-icons">
                    {r.missing.map((code) => {
                      const ft = catalogue.find((x) => x.code === code)!;
                      return (
                        <span key={code} className="icon-dot" style={{ background: ft.color }} title={lang === 'zh' ? ft.zh : ft.en}>
                          {iconChar(ft)}
                        </span>
                      );
                    })}
                  </span>
                )}
              </span>
              <span className="num">
                {fmt(lang, r.figure)}
                <small>{r.note}</small>
              </span>
            </button>
          </li>
        ))}
      </ol>
      {rows.length > MAX_ROWS && <p className="hint">{t(lang, 'moreRows').replace('{n}', fmt(lang, MAX_ROWS))}</p>}
    </section>
  );
}
