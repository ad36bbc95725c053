import { FACILITY_TYPES } from '../../core/catalogue';
import type { IndicatorTable } from '../../core/indicators/compute';
import { fmt, t, type Lang } from '../i18n';
import type { MultiGapContent } from './exports';

/** 综合缺口 in the indicator panel: per county (and the prefecture), how many communities lack
 *  0, 1, … of the chosen services, in the indicator table's county order. */
export function MultiGapTable({ lang, table, multi }: { lang: Lang; table: IndicatorTable; multi: MultiGapContent }) {
  const width = multi.codes.length + 1;
  const counts = table.counties.codes.map((code) => multi.byCounty.get(code) ?? new Array<number>(width).fill(0));
  const total = Array.from({ length: width }, (_, m) => counts.reduce((s, c) => s + c[m], 0));
  const names = multi.codes.map((c) => FACILITY_TYPES.find((x) => x.code === c)).map((ft, k) => (ft ? (lang === 'zh' ? ft.zh : ft.en) : multi.codes[k]));
  return (
    <section data-testid="multi-gap-table">
      <h3>{t(lang, 'multiGapTitle')} · {names.join(lang === 'zh' ? '、' : ', ')}</h3>
      <p className="note">{t(lang, 'multiGapCountyCaption')}</p>
      <div className="ind-scroll">
        <table className="ind-table">
          <thead>
            <tr>
              <th className="ind-name">{t(lang, 'multiGapLegend')}</th>
              <th>{t(lang, 'prefecture')}</th>
              {table.counties.names.map((n, k) => <th key={table.counties.codes[k]}>{n}</th>)}
            </tr>
          </thead>
          <tbody>
            {total.map((all, m) => (
              <tr key={m} data-missing={m}>
                <td className="ind-name">{t(lang, 'multiGapMissing').replace('{n}', fmt(lang, m))}</td>
                <td className="num">{fmt(lang, all)}</td>
                {counts.map((c, k) => <td key={table.counties.codes[k]} className="num">{fmt(lang, c[m])}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
