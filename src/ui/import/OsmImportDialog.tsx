// An OpenStreetMap file (.osm.pbf, .osm) taken as the road network, with the CLI's own reader
// (io/osm.ts, loaded only now: its parsers stay out of the app's first download), clipped to the
// communities' extent plus 5 km. On request its tagged POIs become facilities, by the tag-to-type
// table shown with each rule's count for confirmation, as the CLI prints it.
import { useEffect, useState } from 'react';
import type { OsmNetwork } from '../../io/osm';
import { OSM_MARGIN_M, type Extent } from '../../io/osm-file';
import { OSM_POI_RULES } from '../../io/osm-poi-types';
import { WGS84 } from '../../io/crs';
import type { ImportedLayer } from '../../analysis/project';
import { typeName } from '../../io/export/tables';
import { fmt, t, type Lang } from '../i18n';
import { importErrorText } from './messages';

interface Props {
  lang: Lang;
  file: { name: string; bytes: Uint8Array };
  /** The communities' extent plus the margin (null: no communities, nothing to clip to). */
  extent: Extent | null;
  onImport: (layers: ImportedLayer[]) => void;
  onClose: () => void;
}

const ruleText = (r: (typeof OSM_POI_RULES)[number]) => `${r.key}=${r.values === '*' ? '*' : r.values.join('|')}`;

export function OsmImportDialog({ lang, file, extent, onImport, onClose }: Props) {
  const [read, setRead] = useState<{ osm: OsmNetwork; features: ImportedLayer['features'] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [withPois, setWithPois] = useState(false);

  useEffect(() => {
    let live = true;
    import('../../io/osm')
      .then(({ readOsm, osmNetworkFeatures }) => {
        const osm = readOsm(file.name, file.bytes, { ...(extent ? { extent } : {}), pois: true });
        if (live) setRead({ osm, features: osmNetworkFeatures(osm.lines) });
      })
      .catch((e: unknown) => {
        if (live) setError(e);
      });
    return () => {
      live = false;
    };
  }, [file, extent]);

  // Facilities per rule (the first matching rule decides, as poiType does).
  const perRule = new Map<number, number>();
  for (const p of read?.osm.pois ?? []) {
    const k = OSM_POI_RULES.findIndex(
      (r) => p.tag.startsWith(`${r.key}=`) && (r.values === '*' || r.values.includes(p.tag.slice(r.key.length + 1))),
    );
    perRule.set(k, (perRule.get(k) ?? 0) + 1);
  }
  const pois = read?.osm.pois ?? [];

  const apply = () => {
    if (!read) return;
    const layers: ImportedLayer[] = [
      { role: 'network', file: file.name, crs: WGS84, mapping: { role: 'network' }, features: read.features },
    ];
    if (withPois && pois.length)
      layers.push({
        role: 'facilities',
        file: file.name,
        crs: WGS84,
        mapping: {
          role: 'facilities',
          code: 'id',
          name: 'name',
          type: 'type',
          typeValues: Object.fromEntries(pois.map((p) => [p.type, p.type])),
        },
        features: pois.map((p) => ({
          type: 'Feature',
          properties: { id: p.id, name: p.name, type: p.type, osm_tag: p.tag },
          geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
        })),
      });
    onImport(layers);
  };

  return (
    <div className="dialog-backdrop">
      <div className="dialog import-dialog" role="dialog" aria-label={t(lang, 'importTitle')} data-testid="osm-dialog">
        <h2>
          {t(lang, 'importTitle')}: {file.name}
        </h2>
        {!read && error === null && <p>{t(lang, 'importReading')}</p>}
        {error !== null && (
          <div className="error-inline" role="alert" data-testid="import-error">
            {t(lang, 'importFailed')}: {importErrorText(error, lang)} {t(lang, 'importUnchanged')}
          </div>
        )}
        {read && (
          <>
            <dl className="import-facts">
              <dt>{t(lang, 'importFormat')}</dt>
              <dd>OpenStreetMap</dd>
              <dt>{t(lang, 'osmRoads')}</dt>
              <dd data-testid="osm-roads">
                {t(lang, 'osmRoadsInside')
                  .replace('{inside}', fmt(lang, read.osm.waysInside))
                  .replace('{all}', fmt(lang, read.osm.ways))
                  .replace('{km}', fmt(lang, OSM_MARGIN_M / 1000))}
              </dd>
            </dl>
            <p className="import-note">{t(lang, 'osmNetworkNote')}</p>
            <label className="import-check">
              <input
                type="checkbox"
                data-testid="osm-pois"
                checked={withPois}
                disabled={!pois.length}
                onChange={(e) => setWithPois(e.target.checked)}
              />{' '}
              {t(lang, 'osmPois').replace('{n}', fmt(lang, pois.length))}
            </label>
            {withPois && (
              <table className="import-table" data-testid="osm-poi-table">
                <thead>
                  <tr>
                    <th>{t(lang, 'osmTag')}</th>
                    <th>{t(lang, 'osmType')}</th>
                    <th>{t(lang, 'osmCount')}</th>
                  </tr>
                </thead>
                <tbody>
                  {OSM_POI_RULES.map((r, k) => (
                    <tr key={k} data-type={r.type}>
                      <td>{ruleText(r)}</td>
                      <td>{typeName(r.type, lang)}</td>
                      <td>{fmt(lang, perRule.get(k) ?? 0)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
        <div className="dialog-buttons">
          <button type="button" className="btn" onClick={onClose}>
            {t(lang, read ? 'cancel' : 'close')}
          </button>
          <button type="button" className="btn primary" data-testid="import-apply" disabled={!read} onClick={apply}>
            {t(lang, withPois && pois.length ? 'osmApplyBoth' : 'importApply')}
          </button>
        </div>
      </div>
    </div>
  );
}
