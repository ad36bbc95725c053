import { typeName } from '../../io/export/tables';
import type { IndicatorTable } from '../../core/indicators/compute';
import { fmt, t, type Lang } from '../i18n';
import type { MultiGapContent } from './exports';
import type { Catalogue } from '../../core/catalogue';
import { useCatalogue } from '../catalogueContext';

/** 综合缺口 in the indicator panel and the report: the prefecture, then each county (the indicator
 *  table's order), with how many communities lack 0, 1, … of the chosen services. Counties are
 *  rows, so the table fits a portrait page whatever the number of counties. */
export function MultiGapTable({
  lang,
  table,
  multi,
  heading = true,
}: {
  lang: Lang;
  table: IndicatorTable;
  multi: MultiGapContent;
  heading?: boolean;
}) {
  const catalogue = useCatalogue();
  const width = multi.codes.length + 1;
  const counts = table.counties.codes.map((code) => multi.byCounty.get(code) ?? new Array<number>(width).fill(0));
  const total = Array.from({ length: width }, (_, m) => counts.reduce((s, c) => s + c[m], 0));
  const rows = [
    { key: 'prefecture', name: t(lang, 'prefecture'), counts: total },
    ...table.counties.codes.map((code, k) => ({ key: code, name: table.counties.names[k], counts: counts[k] })),
  ];
  return (
    <section data-testid="multi-gap-table">
      {heading && <h3>{multiGapHeading(lang, multi.codes, catalogue)}</h3>}
      <p className="note">{t(lang, 'multiGapCountyCaption')}</p>
      <table className="ind-table compact">
        <thead>
          <tr>
            <th className="ind-name">{t(lang, 'county')}</th>
            {total.map((_, m) => (
              <th key={m}>{t(lang, 'multiGapMissing').replace('{n}', fmt(lang, m))}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-area={r.key}>
              <th className="ind-name">{r.name}</th>
              {r.counts.map((n, m) => (
                <td key={m} className="num" data-missing={m}>
                  {fmt(lang, n)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** 综合缺口 · 社区日间照料机构、老年幸福食堂、微型消防站 */
export function multiGapHeading(lang: Lang, codes: readonly string[], catalogue?: Catalogue): string {
  return `${t(lang, 'multiGapTitle')} · ${serviceNames(lang, codes, catalogue)}`;
}

/** The chosen services' names, listed as the language lists them (、 or ,). */
export function serviceNames(lang: Lang, codes: readonly string[], catalogue?: Catalogue): string {
  return codes.map((c) => typeName(c, lang, catalogue)).join(lang === 'zh' ? '、' : ', ');
}
