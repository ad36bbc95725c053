import { useCatalogue } from '../catalogueContext';
import type { Comparison } from '../../core/scenario/compare';
import { fmt, pct, t, type Lang } from '../i18n';

interface Props {
  lang: Lang;
  before: string;
  after: string;
  cmp: Comparison;
}

const signedPct = (lang: Lang, x: number) => (Number.isNaN(x) ? '–' : `${x > 0 ? '+' : ''}${pct(lang, x, 1)}`);
const signed = (lang: Lang, x: number) => `${x > 0 ? '+' : ''}${fmt(lang, x)}`;

/** 方案比选 for meetings (report page, presentation): per type, the prefecture's covered share
 *  and gap communities in both, and the change; both sides named. */
export function CompareSummary({ lang, before, after, cmp }: Props) {
  const catalogue = useCatalogue();
  return (
    <section className="compare-summary" data-testid="compare-summary">
      <h2>
        {t(lang, 'compareTitle')}：{before} {t(lang, 'compareVs')} {after}
      </h2>
      <table className="ind-table compact">
        <thead>
          <tr>
            <th>{t(lang, 'facilityType')}</th>
            <th>
              {t(lang, 'compareShare')} · {before}
            </th>
            <th>
              {t(lang, 'compareShare')} · {after}
            </th>
            <th>{t(lang, 'compareDiff')}</th>
            <th>
              {t(lang, 'compareGaps')} · {before}
            </th>
            <th>
              {t(lang, 'compareGaps')} · {after}
            </th>
            <th>{t(lang, 'compareDiff')}</th>
          </tr>
        </thead>
        <tbody>
          {cmp.types.map((x) => {
            const ft = catalogue.find((f) => f.code === x.code)!;
            const s = x.total.share,
              g = x.total.gaps;
            return (
              <tr key={x.code} data-type={x.code}>
                <th className="ind-name">{lang === 'zh' ? ft.zh : ft.en}</th>
                <td className="num">{pct(lang, s.before[0], 1)}</td>
                <td className="num">{pct(lang, s.after[0], 1)}</td>
                <td className="num">{signedPct(lang, s.diff[0])}</td>
                <td className="num">{fmt(lang, g.before[0])}</td>
                <td className="num">{fmt(lang, g.after[0])}</td>
                <td className="num">{signed(lang, g.diff[0])}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
