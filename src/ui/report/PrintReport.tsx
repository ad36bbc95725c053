import { useEffect, useState } from 'react';
import type * as maplibregl from 'maplibre-gl';
import type { IndicatorTable as Table } from '../../core/indicators/compute';
import type { GapRow } from '../../core/coverage/gaps';
import type { SiteRow } from '../../core/siting/site-rows';
import { OffscreenMap, type Bounds } from '../../map/offscreen';
import { printCredits } from '../../map/print/paper';
import { fmt, pct, t, type Lang, type StringKey } from '../i18n';
import { today } from './download';
import { CoverageChart } from './CoverageChart';
import { formatValue, IndicatorTable, StatusCell } from './IndicatorTable';

interface Props {
  lang: Lang;
  map: maplibregl.Map;
  table: Table;
  counties: { code: string; name: string; bounds: Bounds }[];
  gaps: readonly GapRow[];
  sites: readonly SiteRow[];
  type: string;
  typeName: string;
  synthetic: boolean;
  communityCodes: string[];
  /** The visible map has drawn the data (its style then carries the sources to copy). */
  mapReady: boolean;
  /** The coverage result the map's colours show (maps are redrawn when it changes). */
  result: unknown;
  onClose: () => void;
}

/** Static county maps: image size (pixels) and pixel ratio, modest so 13 of them draw quickly. */
const REPORT_MAP = { width: 1000, height: 634, pixelRatio: 1.25 };
const TOP_GAPS = 8;

/** Draws every county's map with one hidden map, in turn, once the visible map has its data
 *  (`mapReady`) and again for each new result; URLs of PNG blobs by county code. */
function useCountyMaps(map: maplibregl.Map, counties: Props['counties'], communityCodes: string[], mapReady: boolean, result: unknown) {
  const [urls, setUrls] = useState<Record<string, string>>({});
  // The result the finished set of maps shows: a newer result makes the set stale at once.
  const [drawnFor, setDrawnFor] = useState<{ result: unknown } | null>(null);
  useEffect(() => {
    if (!mapReady) return;
    let live = true;
    setUrls({});
    const made: string[] = [];
    (async () => {
      const off = await OffscreenMap.create(map, {
        ...REPORT_MAP, featureStates: [{ source: 'communities', ids: communityCodes }],
      });
      try {
        for (const c of counties) {
          if (!live) break;
          const img = await off.render(c.bounds, 16);
          const blob = await new Promise<Blob | null>((r) => img.canvas.toBlob(r, 'image/png'));
          if (!blob || !live) continue;
          const url = URL.createObjectURL(blob);
          made.push(url);
          if (live) setUrls((u) => ({ ...u, [c.code]: url }));
        }
        if (live) setDrawnFor({ result });
      } finally {
        off.destroy();
      }
    })().catch((e: unknown) => console.warn('report maps:', e));
    return () => { live = false; made.forEach((u) => URL.revokeObjectURL(u)); };
  }, [map, counties, communityCodes, mapReady, result]);
  return { urls, done: drawnFor !== null && drawnFor.result === result && counties.every((c) => urls[c.code]) };
}

/** A printable report: a header, then one section per county with its map, indicators against
 *  the prefecture, largest gaps of the selected type and proposed sites. Print CSS puts each
 *  county on its own page. */
export function PrintReport(p: Props) {
  const { lang, table } = p;
  const { urls, done } = useCountyMaps(p.map, p.counties, p.communityCodes, p.mapReady, p.result);
  const walk = table.rows.find((r) => r.id === `walk_${p.type}`);
  useEffect(() => {
    document.body.classList.add('report-open');
    return () => document.body.classList.remove('report-open');
  }, []);
  return (
    <div className="report-overlay" data-testid="report" data-maps-done={done ? 'true' : 'false'}>
      <div className="report-tools no-print">
        <button type="button" className="mbtn primary" onClick={() => window.print()}>{t(lang, 'reportPrint')}</button>
        <button type="button" className="mbtn" onClick={p.onClose}>{t(lang, 'close')}</button>
        {!done && <span>{t(lang, 'reportPreparing')} {Object.keys(urls).length}/{p.counties.length}</span>}
      </div>
      <header className="report-head">
        <h1>{t(lang, 'reportTitle')}</h1>
        <p>{t(lang, 'subtitle')} · {p.typeName} · {today()}</p>
        <p className="credits">{printCredits(p.synthetic).join(' · ')}</p>
        <IndicatorTable lang={lang} table={table} counties={[]} />
        {walk && (
          <div className="report-chart">
            <h3>{t(lang, 'chartTitle')} · {lang === 'zh' ? walk.zh : walk.en}</h3>
            <CoverageChart lang={lang} row={walk} names={table.counties.names} />
          </div>
        )}
      </header>
      {p.counties.map((c, k) => {
        const gaps = p.gaps.filter((g) => g.type === p.type && g.countyName === c.name)
          .sort((a, b) => b.demandUncovered - a.demandUncovered).slice(0, TOP_GAPS);
        const sites = p.sites.filter((s) => s.countyName === c.name);
        return (
          <section key={c.code} className="report-county" data-county={c.code}>
            <h2>{c.name}</h2>
            {urls[c.code]
              ? <img className="report-map" src={urls[c.code]} alt={c.name} width={REPORT_MAP.width / REPORT_MAP.pixelRatio} height={REPORT_MAP.height / REPORT_MAP.pixelRatio} />
              : <div className="report-map placeholder" />}
            <table className="ind-table compact">
              <thead><tr><th>{t(lang, 'indicator')}</th><th>{t(lang, 'target2025')}</th><th>{c.name}</th><th>{t(lang, 'prefecture')}</th></tr></thead>
              <tbody>
                {table.rows.map((r) => (
                  <tr key={r.id}>
                    <th className="ind-name">{lang === 'zh' ? r.zh : r.en}</th>
                    <td>{formatValue(lang, r, r.target)}</td>
                    <StatusCell lang={lang} row={r} cell={r.counties[k]} />
                    <StatusCell lang={lang} row={r} cell={r.prefecture} />
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>{t(lang, 'topGaps')} · {p.typeName}</h3>
            {gaps.length === 0 ? <p className="note">{t(lang, 'noGaps')}</p> : (
              <table className="gap-table">
                <thead><tr><th>{t(lang, 'township')}</th><th>{t(lang, 'community')}</th><th>{t(lang, 'uncoveredHouseholds')}</th>
                  <th>{gaps[0] && t(lang, 'uncoveredDemand').replace('{measure}', t(lang, `demand_${gaps[0].measure}` as StringKey))}</th>
                  <th>{t(lang, 'coveredShare')}</th></tr></thead>
                <tbody>
                  {gaps.map((g) => (
                    <tr key={g.communityCode}>
                      <td>{g.townshipName}</td><td>{g.communityName}</td>
                      <td className="num">{fmt(lang, g.householdsUncovered)}</td><td className="num">{fmt(lang, g.demandUncovered)}</td>
                      <td className="num">{pct(lang, g.share, 1)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <h3>{t(lang, 'proposals')}</h3>
            {sites.length === 0 ? <p className="note">{t(lang, 'noProposals')}</p> : (
              <ol className="site-list">
                {sites.map((s) => <li key={s.rank}>{s.communityName} ({s.lon.toFixed(5)}, {s.lat.toFixed(5)}) +{fmt(lang, s.added)}</li>)}
              </ol>
            )}
          </section>
        );
      })}
    </div>
  );
}
