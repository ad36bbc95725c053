import { useCatalogue } from '../catalogueContext';
import { useMemo, useState } from 'react';
import type { Orientation, PaperName } from '../../map/print/paper';
import { t, type Lang } from '../i18n';
import { download, today } from './download';
import { areaShown } from '../../core/geo/areaShown';
import type { Bounds } from '../../map/offscreen';
import type { MapView } from '../../map/MapView';
import type { CountyShapes } from './meetingData';
import { printLegend, printMapPng } from './printMap';
import { errorText } from '../errorText';

interface Props {
  lang: Lang;
  map: MapView;
  counties: { code: string; name: string; bounds: Bounds }[];
  /** The facility type the map shows, its name (for the title) and whether coverage colours are on the map. */
  type: string;
  typeName: string;
  /** The multi-service gap's chosen types while that view is on (the map is about them). */
  multi?: readonly string[] | null;
  shapes: CountyShapes;
  hasResult: boolean;
  synthetic: boolean;
  communityCodes: string[];
  /** The county in focus: the extent offered first. */
  focus: string | null;
  onClose: () => void;
}

const DPIS = [150, 200, 300];

/** Paper, orientation, resolution, extent and title of a print map; exports it as a PNG drawn
 *  off-screen (the map on screen does not move). */
export function ExportMapDialog(p: Props) {
  const catalogue = useCatalogue();
  const { lang } = p;
  const [paper, setPaper] = useState<PaperName>('A3');
  const [orientation, setOrientation] = useState<Orientation>('landscape');
  const [dpi, setDpi] = useState(300);
  const [extent, setExtent] = useState(p.focus ?? '');
  const county = p.counties.find((c) => c.code === extent);
  // The county the current view mostly shows (−1: several, the prefecture), named in the title
  // and highlighted like a chosen one.
  const viewCounty = useMemo(() => areaShown(p.shapes.set, p.shapes.codes.length, p.map.bounds()), [p.shapes, p.map]);
  const focus = county ? county.code : viewCounty >= 0 ? p.shapes.codes[viewCounty] : null;
  const place = county ? county.name : viewCounty >= 0 ? p.shapes.names[viewCounty] : t(lang, 'prefectureName');
  const [title, setTitle] = useState('');
  const shownTitle = title || `${place} · ${p.typeName}`;
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = () => {
    setBusy(true);
    setStatus(t(lang, 'exporting'));
    printMapPng(p.map, {
      spec: { paper, orientation, dpi },
      title: shownTitle,
      subtitle: t(lang, 'subtitle'),
      legendTitle: t(lang, 'legendTitle'),
      legend: printLegend(lang, catalogue, p.hasResult, p.type, p.multi ?? null),
      bounds: county ? county.bounds : null,
      date: today(),
      synthetic: p.synthetic,
      featureStates: [{ source: 'communities', ids: p.communityCodes }],
      type: p.multi ?? p.type,
      shapes: p.shapes,
      focus,
    })
      .then(({ blob, capped }) => {
        download(blob, `服务圈_${county ? county.name : '地图'}_${paper}_${dpi}dpi_${today()}.png`, 'image/png');
        setStatus(`${t(lang, 'exportDone')}${capped ? ` — ${t(lang, 'pngCapped')}` : ''}`);
      })
      .catch((e: unknown) => setStatus(`${t(lang, 'exportFailed')}: ${errorText(e)}`))
      .finally(() => setBusy(false));
  };

  return (
    <div className="dialog-backdrop" role="dialog" aria-label={t(lang, 'exportMapTitle')} data-testid="export-map-dialog">
      <form
        className="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <h2>{t(lang, 'exportMapTitle')}</h2>
        <div className="form-grid">
          <label>
            {t(lang, 'paper')}
            <select name="paper" value={paper} onChange={(e) => setPaper(e.target.value as PaperName)}>
              <option value="A4">A4</option>
              <option value="A3">A3</option>
            </select>
          </label>
          <label>
            {t(lang, 'orientation')}
            <select name="orientation" value={orientation} onChange={(e) => setOrientation(e.target.value as Orientation)}>
              <option value="landscape">{t(lang, 'landscape')}</option>
              <option value="portrait">{t(lang, 'portrait')}</option>
            </select>
          </label>
          <label>
            {t(lang, 'dpi')}
            <select name="dpi" value={dpi} onChange={(e) => setDpi(Number(e.target.value))}>
              {DPIS.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t(lang, 'extent')}
            <select name="extent" value={extent} onChange={(e) => setExtent(e.target.value)}>
              <option value="">{t(lang, 'currentView')}</option>
              {p.counties.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="wide">
            {t(lang, 'mapTitle')}
            <input name="title" value={title} placeholder={shownTitle} onChange={(e) => setTitle(e.target.value)} />
          </label>
        </div>
        {status && (
          <p className="note" data-testid="export-map-status">
            {status}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" className="btn" onClick={p.onClose}>
            {t(lang, 'close')}
          </button>
          <button type="submit" className="btn primary" disabled={busy} data-testid="export-png">
            {t(lang, 'exportPng')}
          </button>
        </div>
      </form>
    </div>
  );
}
