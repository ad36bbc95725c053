import { useCatalogue } from './catalogueContext';
import type { CoverageResult } from '../core/analysis/command';
import type { AreaIndex } from '../analysis/areaIndex';
import type { CommunityNearest } from '../analysis/nearest';
import { missingCodes, type MultiServiceGap } from '../core/gaps/multi-service';
import { fmt, pct, t, type Lang } from './i18n';
import { ruleText } from './ruleText';

interface Props {
  lang: Lang;
  code: string;
  idx: AreaIndex;
  result: CoverageResult | null;
  /** Per type code, the closest household's nearest facility per community. */
  nearest: Map<string, CommunityNearest>;
  /** The multi-service gap, when that view is on: the services this community lacks come first. */
  multi?: MultiServiceGap | null;
  /** Facility names by index in the result's facility layer (现状's or the scenario's). */
  facilityNames: string[];
  /** 现状 or the scenario's name: what the figures are of. */
  scenarioName: string;
  onClose: () => void;
}

/** Everything about one community: where it is, its households, and per type its coverage (in
 *  the type's demand measure), the 90th-percentile walk, the nearest facility and gap status. */
export function CommunityDetails({ lang, code, idx, result, nearest, multi = null, facilityNames, scenarioName, onClose }: Props) {
  const catalogue = useCatalogue();
  const i = idx.communityByCode.get(code);
  if (i === undefined) return null;
  const { regions, communities } = idx.places;
  const ti = regions.townshipOf[i],
    ci = regions.countyOf[i];
  const households = result?.types[0]?.communities.households[i];
  return (
    <div className="details" data-testid="details">
      <div className="details-head">
        <h3>
          <span data-testid="details-name">{communities.names[i]}</span>{' '}
          <small className="scenario-tag" data-testid="details-scenario">
            {scenarioName}
          </small>
        </h3>
        <button type="button" className="icon" aria-label={t(lang, 'close')} onClick={onClose}>
          ×
        </button>
      </div>
      <dl className="kv">
        <dt>{t(lang, 'code')}</dt>
        <dd>{code}</dd>
        <dt>{t(lang, 'county')}</dt>
        <dd>{ci >= 0 ? regions.counties.names[ci] : '–'}</dd>
        <dt>{t(lang, 'township')}</dt>
        <dd>{ti >= 0 ? regions.townships.names[ti] : '–'}</dd>
        <dt>{t(lang, 'kind')}</dt>
        <dd>{t(lang, communities.urban[i] ? 'urban' : 'village')}</dd>
        <dt>{t(lang, 'layerHouseholds')}</dt>
        <dd>{households === undefined ? '–' : fmt(lang, households)}</dd>
      </dl>
      {result && multi && <MissingServices lang={lang} result={result} missing={missingCodes(multi, i)} c={i} />}
      {result && (
        <table className="type-table">
          <thead>
            <tr>
              <th>{t(lang, 'facilityType')}</th>
              <th>{t(lang, 'coveredShare')}</th>
              <th>{t(lang, 'p90Min')}</th>
              <th>{t(lang, 'nearest')}</th>
              <th>{t(lang, 'status')}</th>
            </tr>
          </thead>
          <tbody>
            {result.types.map((r) => {
              const ft = catalogue.find((x) => x.code === r.code)!;
              const share = r.communities.share[i];
              const n = nearest.get(r.code);
              const f = n ? n.facility[i] : -1;
              const gap = r.communities.gap[i] === 1;
              const rule = ruleText(lang, r);
              return (
                <tr key={r.code} data-type={r.code} title={rule}>
                  <td>
                    <span className="dot" style={{ background: ft.color }} />
                    {lang === 'zh' ? ft.zh : ft.en}
                    <small className="measure" data-testid="rule">
                      {rule}
                    </small>
                  </td>
                  <td className="num">{Number.isNaN(share) ? '–' : pct(lang, share)}</td>
                  <td className="num">
                    {Number.isFinite(r.communities.p90[i])
                      ? fmt(lang, r.communities.p90[i], 1)
                      : Number.isNaN(r.communities.p90[i])
                        ? '–'
                        : '∞'}
                  </td>
                  <td>
                    {f >= 0 && n ? (
                      <>
                        {facilityNames[f] || '–'}{' '}
                        <small>
                          {fmt(lang, n.minutes[i], 1)} {t(lang, 'minutesShort')}
                        </small>
                      </>
                    ) : (
                      t(lang, 'unreachable')
                    )}
                  </td>
                  <td>
                    <span className={gap ? 'tag gap' : 'tag ok'}>
                      {t(lang, gap ? 'statusGapTarget' : 'statusOkTarget').replace('{target}', pct(lang, r.targetShare))}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

const minutes = (lang: Lang, m: number) => (Number.isFinite(m) ? fmt(lang, m, 1) : Number.isNaN(m) ? '–' : '∞');

/** The chosen services community `c` lacks, each with its covered share, target and P90 minutes. */
function MissingServices({ lang, result, missing, c }: { lang: Lang; result: CoverageResult; missing: string[]; c: number }) {
  const catalogue = useCatalogue();
  return (
    <div className="missing-services" data-testid="missing-services">
      <h4>{t(lang, 'multiGapMissingList')}</h4>
      {missing.length === 0 ? (
        <p className="hint">{t(lang, 'multiGapAllMet')}</p>
      ) : (
        <ul>
          {missing.map((code) => {
            const r = result.types.find((x) => x.code === code)!,
              ft = catalogue.find((x) => x.code === code)!;
            const share = r.communities.share[c];
            return (
              <li key={code} data-type={code}>
                <span className="dot" style={{ background: ft.color }} />
                {lang === 'zh' ? ft.zh : ft.en}: {Number.isNaN(share) ? '–' : pct(lang, share)} ({t(lang, 'multiGapTarget')}{' '}
                {pct(lang, r.targetShare)}), {t(lang, 'p90Min')} {minutes(lang, r.communities.p90[c])} {t(lang, 'minutesShort')}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
