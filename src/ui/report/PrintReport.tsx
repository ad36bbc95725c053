import { useCatalogue } from '../catalogueContext';
import { useEffect, useMemo, useState } from 'react';
import type { IndicatorTable as Table } from '../../core/indicators/compute';
import type { GapRow } from '../../core/coverage/gaps';
import type { SiteRow } from '../../core/siting/site-rows';
import type { Bounds } from '../../map/offscreen';
import type { MapView } from '../../map/MapView';
import { printPng } from '../../map/print/compose';
import { frameLayout, PAPER_MM, printCredits, type Orientation, type PaperName } from '../../map/print/paper';
import { fmt, pct, t, type Lang, type StringKey } from '../i18n';
import type { Comparison } from '../../core/scenario/compare';
import { CompareSummary } from '../scenario/CompareSummary';
import { today } from './download';
import { CoverageChart } from './CoverageChart';
import { formatValue, StatusCell } from './IndicatorTable';
import type { CountyShapes } from './meetingData';
import type { MultiGapContent } from './exports';
import { MultiGapTable, multiGapHeading, serviceNames } from './MultiGapTable';
import { CSS_DPI, printLegend, printPage } from './printMap';
import { errorText } from '../errorText';

interface Props {
  lang: Lang;
  map: MapView;
  table: Table;
  /** 方案比选 (现状 against the active scenario), printed after the summary when present. */
  comparison: { before: string; after: string; cmp: Comparison } | null;
  /** What the county maps show (现状 or the scenario's name). */
  shownName: string;
  counties: { code: string; name: string; bounds: Bounds }[];
  shapes: CountyShapes;
  gaps: readonly GapRow[];
  sites: readonly SiteRow[];
  type: string;
  typeName: string;
  /** The multi-service gap (综合缺口) of the chosen services; while that view is on (`multiOn`)
   *  the maps are about it and it has its own page after the prefecture's. */
  multiGap?: MultiGapContent | null;
  multiOn?: boolean;
  synthetic: boolean;
  communityCodes: string[];
  /** The visible map has drawn the data (its style then carries the sources to copy). */
  mapReady: boolean;
  /** The coverage result the map's colours show (maps are redrawn when it changes). */
  result: unknown;
  onClose: () => void;
}

/** Page margin (mm), map resolution (dpi, lowered so a frame is at most ATLAS_MAX_PX wide: 14
 *  A3 maps stay quick to draw) and largest gaps listed per county. */
const MARGIN_MM = 12,
  ATLAS_DPI = 150,
  ATLAS_MAX_PX = 1800,
  TOP_GAPS = 8;

export interface AtlasFormat {
  paper: PaperName;
  orientation: Orientation;
}

/** Sizes on an atlas page, mm: the printable area, the map frame (full width; its height what the
 *  heading, the tables and the credits leave: 150 mm in portrait, 95 mm in landscape, where the
 *  tables sit side by side) and the room left under it for the prefecture page's chart. */
export function atlasSizes(f: AtlasFormat): { content: [number, number]; frame: [number, number]; chartMax: number } {
  const [pw, ph] = PAPER_MM[f.paper];
  const [w, h] = f.orientation === 'portrait' ? [pw, ph] : [ph, pw];
  const content: [number, number] = [w - 2 * MARGIN_MM, h - 2 * MARGIN_MM];
  const frameH = content[1] - (f.orientation === 'portrait' ? 150 : 95);
  // Heading (≈ 16 mm), chart title (≈ 8 mm) and the credits line (≈ 6 mm) share the rest.
  return { content, frame: [content[0], frameH], chartMax: content[1] - frameH - 34 };
}

interface Area {
  code: string | null;
  name: string;
  bounds: Bounds;
}

/** Draws each area's map frame in turn with one hidden map, while `live()`; `onFrame` gets each
 *  frame's PNG as an object URL, by area code ('' the prefecture). */
async function drawAtlas(
  f: {
    map: MapView;
    areas: Area[];
    L: ReturnType<typeof frameLayout>;
    pixelRatio: number;
    communityCodes: string[];
    onlyType: string | readonly string[];
    lang: Lang;
    legend: ReturnType<typeof printLegend>;
    synthetic: boolean;
    shapes: CountyShapes;
  },
  live: () => boolean,
  onFrame: (code: string, url: string) => void,
): Promise<void> {
  const off = await f.map.offscreen({
    width: f.L.map.w,
    height: f.L.map.h,
    pixelRatio: f.pixelRatio,
    featureStates: [{ source: 'communities', ids: f.communityCodes }],
    onlyType: f.onlyType,
  });
  try {
    for (const a of f.areas) {
      if (!live()) break;
      const { canvas } = await printPage(off, f.L, {
        title: a.name,
        legend: f.legend,
        legendTitle: t(f.lang, 'legendTitle'),
        bounds: a.bounds,
        date: today(),
        synthetic: f.synthetic,
        shapes: f.shapes,
        focus: a.code,
      });
      const blob = await printPng(canvas);
      if (live()) onFrame(a.code ?? '', URL.createObjectURL(blob));
    }
  } finally {
    off.destroy();
  }
}

/** Draws the prefecture's and every county's map frame (print layout without title band: map,
 *  locator inset, legend, scale bar, north arrow) with one hidden map, in turn, once the visible
 *  map has its data and again for each new result or format; PNG blob URLs by area code. */
function useAtlasMaps(p: Props, areas: Area[], format: AtlasFormat) {
  const { map, communityCodes, mapReady, result, lang, type, synthetic, shapes } = p;
  const multi = p.multiOn ? (p.multiGap ?? null) : null;
  const catalogue = useCatalogue();
  // One drawing job per set of inputs: what was drawn for an older one is never shown as current.
  const job = useMemo(
    () => ({ map, areas, communityCodes, mapReady, result, format, lang, type, synthetic, shapes, multi, catalogue }),
    [map, areas, communityCodes, mapReady, result, format, lang, type, synthetic, shapes, multi, catalogue],
  );
  // The job's maps so far, whether all are drawn, and why the rest could not be (those frames
  // stay blank): shown, not only logged.
  const [drawn, setDrawn] = useState<{ job: typeof job; urls: Record<string, string>; finished: boolean; error: string | null } | null>(
    null,
  );
  useEffect(() => {
    const { map, areas, communityCodes, mapReady, result, format, lang, type, synthetic, shapes, multi, catalogue } = job;
    if (!mapReady) return;
    let live = true;
    const made: string[] = [];
    const update = (patch: { url?: [string, string]; finished?: boolean; error?: string }) =>
      setDrawn((d) => {
        const mine = d?.job === job ? d : { job, urls: {}, finished: false, error: null };
        return {
          job,
          urls: patch.url ? { ...mine.urls, [patch.url[0]]: patch.url[1] } : mine.urls,
          finished: patch.finished ?? mine.finished,
          error: patch.error ?? mine.error,
        };
      });
    const { frame } = atlasSizes(format);
    const dpi = Math.min(ATLAS_DPI, Math.floor((ATLAS_MAX_PX / frame[0]) * 25.4));
    const L = frameLayout(frame[0], frame[1], dpi);
    const legend = printLegend(lang, catalogue, !!result, type, multi?.codes ?? null);
    const frames = {
      map,
      areas,
      L,
      pixelRatio: dpi / CSS_DPI,
      communityCodes,
      onlyType: multi?.codes ?? type,
      lang,
      legend,
      synthetic,
      shapes,
    };
    drawAtlas(
      frames,
      () => live,
      (code, url) => {
        made.push(url);
        update({ url: [code, url] });
      },
    )
      .then(() => {
        if (live) update({ finished: true });
      })
      .catch((e: unknown) => {
        if (live) update({ error: errorText(e) });
      });
    return () => {
      live = false;
      made.forEach((u) => URL.revokeObjectURL(u));
    };
  }, [job]);
  const mine = drawn?.job === job ? drawn : null;
  const urls = mine?.urls ?? {};
  const done = !!mine?.finished && areas.every((a) => urls[a.code ?? '']);
  return { urls, done, error: mine?.error ?? null };
}

/** The atlas: one page for the prefecture (its map and the coverage chart by county), then one
 *  page per county (its map with the county highlighted, indicators against the prefecture,
 *  largest gaps of the selected type, proposed sites), all in the same layout, printed as one
 *  document on the chosen paper through the browser's print dialog. */
export function PrintReport(p: Props) {
  const { lang, table } = p;
  const [format, setFormat] = useState<AtlasFormat>({ paper: 'A4', orientation: 'portrait' });
  const areas = useMemo<Area[]>(() => {
    const b = p.counties.map((c) => c.bounds);
    const all: Bounds = [
      Math.min(...b.map((x) => x[0])),
      Math.min(...b.map((x) => x[1])),
      Math.max(...b.map((x) => x[2])),
      Math.max(...b.map((x) => x[3])),
    ];
    return [{ code: null, name: t(lang, 'prefectureName'), bounds: all }, ...p.counties];
  }, [p.counties, lang]);
  const { urls, done, error } = useAtlasMaps(p, areas, format);
  const sizes = atlasSizes(format);
  const walk = table.rows.find((r) => r.id === `walk_${p.type}`);
  const multi = p.multiOn ? (p.multiGap ?? null) : null;
  const credits = `${today()} · ${printCredits(p.synthetic).join(' · ')}`;
  useEffect(() => {
    document.body.classList.add('report-open');
    return () => document.body.classList.remove('report-open');
  }, []);
  const frame = (a: Area) =>
    urls[a.code ?? ''] ? (
      <img className="atlas-map" src={urls[a.code ?? '']} alt={a.name} style={{ width: `${sizes.frame[0]}mm` }} />
    ) : (
      <div className="atlas-map placeholder" style={{ width: `${sizes.frame[0]}mm`, height: `${sizes.frame[1]}mm` }} />
    );
  return (
    <div className={`report-overlay ${format.orientation}`} data-testid="report" data-maps-done={done ? 'true' : 'false'}>
      <style>{`@page { size: ${format.paper} ${format.orientation}; margin: ${MARGIN_MM}mm; }`}</style>
      <div className="report-tools no-print">
        <label>
          {t(lang, 'paper')}{' '}
          <select name="atlas-paper" value={format.paper} onChange={(e) => setFormat({ ...format, paper: e.target.value as PaperName })}>
            <option value="A4">A4</option>
            <option value="A3">A3</option>
          </select>
        </label>
        <label>
          {t(lang, 'orientation')}{' '}
          <select
            name="atlas-orientation"
            value={format.orientation}
            onChange={(e) => setFormat({ ...format, orientation: e.target.value as Orientation })}
          >
            <option value="portrait">{t(lang, 'portrait')}</option>
            <option value="landscape">{t(lang, 'landscape')}</option>
          </select>
        </label>
        <button type="button" className="mbtn primary" disabled={!done} onClick={() => window.print()}>
          {t(lang, 'reportPrint')}
        </button>
        <button type="button" className="mbtn" onClick={p.onClose}>
          {t(lang, 'close')}
        </button>
        {error ? (
          <span className="error-inline" role="alert" data-testid="atlas-error">
            {t(lang, 'atlasFailed').replace('{detail}', error)}
          </span>
        ) : (
          !done && (
            <span className="loading-sign" role="status">
              {t(lang, 'reportPreparing')} {Object.keys(urls).length}/{areas.length}
            </span>
          )
        )}
      </div>
      <section className="atlas-page report-head" data-county="">
        <h2>{areas[0].name}</h2>
        <p className="atlas-sub">
          {t(lang, 'reportTitle')} · {p.typeName} · {t(lang, 'reportMapShows').replace('{name}', p.shownName)} ·{' '}
          {t(lang, 'reportTablesShow').replace('{name}', t(lang, 'baseline'))}
        </p>
        {frame(areas[0])}
        {walk && (
          <div className="report-chart" style={{ ['--chart-max' as string]: `${sizes.chartMax}mm` }}>
            <h3>
              {t(lang, 'chartTitle')} · {lang === 'zh' ? walk.zh : walk.en}
            </h3>
            <CoverageChart lang={lang} row={walk} names={table.counties.names} />
          </div>
        )}
        <p className="atlas-credits">{credits}</p>
      </section>
      {multi && <MultiGapPage lang={lang} table={table} multi={multi} credits={credits} />}
      {p.comparison && (
        <section className="atlas-page report-compare">
          <CompareSummary lang={lang} {...p.comparison} />
        </section>
      )}
      {p.counties.map((c, k) => {
        const gaps = p.gaps
          .filter((g) => g.type === p.type && g.countyName === c.name)
          .sort((a, b) => b.demandUncovered - a.demandUncovered)
          .slice(0, TOP_GAPS);
        const sites = p.sites.filter((s) => s.countyName === c.name);
        return (
          <section key={c.code} className="atlas-page report-county" data-county={c.code}>
            <h2>{c.name}</h2>
            <p className="atlas-sub">
              {t(lang, 'reportTitle')} · {p.typeName} · {t(lang, 'reportMapShows').replace('{name}', p.shownName)} ·{' '}
              {t(lang, 'reportTablesShow').replace('{name}', t(lang, 'baseline'))}
            </p>
            {frame(c)}
            <div className="atlas-tables">
              <table className="ind-table compact">
                <thead>
                  <tr>
                    <th>{t(lang, 'indicator')}</th>
                    <th>{t(lang, 'target2025')}</th>
                    <th>{c.name}</th>
                    <th>{t(lang, 'prefecture')}</th>
                  </tr>
                </thead>
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
              <div>
                <h3>
                  {t(lang, 'topGaps')} · {p.typeName}
                </h3>
                {gaps.length === 0 ? (
                  <p className="note">{t(lang, 'noGaps')}</p>
                ) : (
                  <table className="gap-table">
                    <thead>
                      <tr>
                        <th>{t(lang, 'township')}</th>
                        <th>{t(lang, 'community')}</th>
                        <th>{t(lang, 'uncoveredHouseholds')}</th>
                        <th>{t(lang, 'uncoveredDemand').replace('{measure}', t(lang, `demand_${gaps[0].measure}` as StringKey))}</th>
                        <th>{t(lang, 'coveredShare')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {gaps.map((g) => (
                        <tr key={g.communityCode}>
                          <td>{g.townshipName}</td>
                          <td>{g.communityName}</td>
                          <td className="num">{fmt(lang, g.householdsUncovered)}</td>
                          <td className="num">{fmt(lang, g.demandUncovered)}</td>
                          <td className="num">{pct(lang, g.share, 1)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
                <h3>{t(lang, 'proposals')}</h3>
                {sites.length === 0 ? (
                  <p className="note">{t(lang, 'noProposals')}</p>
                ) : (
                  <ol className="site-list">
                    {sites.map((s) => (
                      <li key={s.rank}>
                        {s.communityName} ({s.lon.toFixed(5)}, {s.lat.toFixed(5)}) +{fmt(lang, s.added)}
                      </li>
                    ))}
                  </ol>
                )}
              </div>
            </div>
            <p className="atlas-credits">{credits}</p>
          </section>
        );
      })}
    </div>
  );
}

const TOP_MULTI = 30;

/** The 综合缺口 page: per county how many communities lack 0 … n of the chosen services, and the
 *  communities lacking the most (then most households beyond reach). */
function MultiGapPage({ lang, table, multi, credits }: { lang: Lang; table: Table; multi: MultiGapContent; credits: string }) {
  const catalogue = useCatalogue();
  const top = multi.rows.filter((r) => r.missingCount > 0).slice(0, TOP_MULTI);
  return (
    <section className="atlas-page report-multigap" data-testid="report-multi-gap">
      <h2>{multiGapHeading(lang, multi.codes, catalogue)}</h2>
      <MultiGapTable lang={lang} table={table} multi={multi} heading={false} />
      <h3>
        {t(lang, 'topGaps')} · {t(lang, 'multiGapTitle')}
      </h3>
      <table className="gap-table">
        <thead>
          <tr>
            <th>{t(lang, 'county')}</th>
            <th>{t(lang, 'community')}</th>
            <th>{t(lang, 'multiGapMissingList')}</th>
            <th>{t(lang, 'multiGapHouseholdsBeyond')}</th>
          </tr>
        </thead>
        <tbody>
          {top.map((r) => (
            <tr key={r.code} data-code={r.code}>
              <td>{r.county}</td>
              <td>{r.name}</td>
              <td>{serviceNames(lang, r.missing, catalogue)}</td>
              <td className="num">{fmt(lang, r.householdsBeyond)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="atlas-credits">{credits}</p>
    </section>
  );
}
