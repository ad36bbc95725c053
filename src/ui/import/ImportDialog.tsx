import { useCatalogue } from '../catalogueContext';
import type { Catalogue } from '../../core/catalogue';
import { useEffect, useMemo, useState } from 'react';
import type { Feature } from 'geojson';
import { loadFile, type LoadOptions, type LoadResult } from '../../io/load';
import { PERSONS_PER_HOUSEHOLD } from '../../core/demand/census';
import { crsLabel, gk3, gk6, sameCrs, validTowgs84, WGS84, type Crs } from '../../io/crs';
import { formatGuessReason, formatSkip, formatWarning } from '../../io/messages';
import {
  distinctValues,
  fieldsOf,
  guessMapping,
  mappingKey,
  type FieldMapping,
  type ImportedLayer,
  type LayerRole,
  type Project,
} from '../../analysis/project';
import { checkLayer } from '../../analysis/projectApply';
import { t, fmt, type Lang, type StringKey } from '../i18n';
import { FieldMappingForm } from './FieldMappingForm';
import { importErrorText } from './messages';
import { ImportError } from '../../io/import-error';

interface Props {
  lang: Lang;
  file: { name: string; bytes: Uint8Array };
  project: Project;
  onImport: (layer: ImportedLayer) => void;
  onClose: () => void;
}

// Offered besides the guesses: the systems Honghe files come in (GK zones 34/35, CM 102°/105°).
const COMMON: Crs[] = [
  WGS84,
  { kind: 'cgcs2000' },
  { kind: 'gcj02' },
  { kind: 'bd09' },
  { kind: 'webmercator' },
  gk3(102),
  gk3(102, true),
  gk3(105),
  gk3(105, true),
  gk6(105),
  gk6(105, true),
  gk6(99),
  gk6(99, true),
  // Older surveys: the same zones on Beijing-54 and Xi'an-80.
  ...(['beijing54', 'xian80'] as const).flatMap((d) => [gk3(102, false, d), gk3(102, true, d), gk3(105, false, d), gk3(105, true, d)]),
];
const MAX_SKIPS_SHOWN = 100;

/** A first guess at which layer the file is: polygons are communities; lines a road network;
 *  points with a recognisable type field are facilities; other points are households. */
function guessRole(features: Feature[], fields: string[], catalogue: Catalogue): LayerRole {
  const g = features[0]?.geometry?.type;
  if (g === 'Polygon' || g === 'MultiPolygon') return 'communities';
  if (g === 'LineString' || g === 'MultiLineString') return 'network';
  const m = guessMapping('facilities', fields, features, catalogue);
  return m.type && Object.values(m.typeValues ?? {}).some((c) => c) ? 'facilities' : 'households';
}

/** What a dropped file holds and how to take it in: CRS and coordinate columns to confirm,
 *  the skipped-rows report, and the field mapping. Nothing reaches the project until "import". */
export function ImportDialog({ lang, file, project, onImport, onClose }: Props) {
  const catalogue = useCatalogue();
  const [options, setOptions] = useState<LoadOptions>({});
  const [result, setResult] = useState<LoadResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The file and options the last finished read was for: any other pair is still being read.
  const [readFor, setReadFor] = useState<{ file: Props['file']; options: LoadOptions } | null>(null);
  const loading = readFor?.file !== file || readFor.options !== options;
  const [mapping, setMapping] = useState<FieldMapping | null>(null);
  const [remembered, setRemembered] = useState(false);
  const [mapError, setMapError] = useState<unknown>(null);
  const [towgs84, setTowgs84] = useState('');
  const [towgs84Bad, setTowgs84Bad] = useState(false);

  useEffect(() => {
    let live = true;
    loadFile(file.name, file.bytes, options)
      .then((r) => {
        if (!live) return;
        setResult(r);
        setError(null);
        const fields = fieldsOf(r.features);
        const saved = project.mappings[mappingKey(file.name, fields)];
        setRemembered(!!saved);
        // A population grid is demand: households are estimated from its cells' population.
        const guess = r.raster
          ? { ...guessMapping('households', fields, r.features), householdSize: PERSONS_PER_HOUSEHOLD }
          : guessMapping(guessRole(r.features, fields, catalogue), fields, r.features, catalogue);
        setMapping((m) => m ?? saved ?? guess);
      })
      // The last good read stays on screen so another CRS or column can be tried after a bad one.
      .catch((e: unknown) => {
        if (live) setError(e);
      })
      .finally(() => {
        if (live) setReadFor({ file, options });
      });
    return () => {
      live = false;
    };
  }, [file, options, project.mappings, catalogue]);

  const fields = useMemo(() => (result ? fieldsOf(result.features) : []), [result]);
  const crsChoices = useMemo(() => {
    const out: Crs[] = [];
    for (const c of [result?.crs, ...(result?.crsCandidates.map((x) => x.crs) ?? []), ...COMMON]) {
      if (c && !out.some((o) => sameCrs(o, c))) out.push(c);
    }
    return out;
  }, [result]);

  const apply = () => {
    if (!result || !mapping) return;
    const layer: ImportedLayer = { role: mapping.role, file: file.name, crs: result.crs, mapping, features: result.features };
    try {
      checkLayer(layer, catalogue);
      onImport(layer);
    } catch (e) {
      setMapError(e);
    }
  };

  // Files with several layers (GeoPackage, geodatabase, zips, workbooks): first read is refused
  // with the list, later reads keep it so another layer can be taken.
  const layerChoices =
    (error instanceof ImportError && error.key === 'choose_layer' ? error.params.layers : undefined) ??
    (result && (result.layers?.length ?? result.sheets?.length ?? 0) > 1 ? (result.layers ?? result.sheets) : undefined);
  const chooseLayer = (layer: string) => {
    setMapping(null);
    setRemembered(false);
    setOptions({ ...options, layer, columns: undefined });
  };
  // Beijing-54 / Xi'an-80: the seven parameters the surveying bureau gives replace the approximation.
  const applyTowgs84 = () => {
    if (result?.crs.kind !== 'gk' || !result.crs.datum) return;
    const text = towgs84.trim();
    const values = text.split(/[,，\s]+/).map(Number);
    if (text && !validTowgs84(values)) {
      setTowgs84Bad(true);
      return;
    }
    setTowgs84Bad(false);
    const { towgs84: _old, ...base } = result.crs;
    setOptions({ ...options, crs: text ? { ...base, towgs84: values } : base });
  };
  const skipped = result?.report.skipped ?? [];
  return (
    <div className="dialog-backdrop">
      <div className="dialog import-dialog" role="dialog" aria-label={t(lang, 'importTitle')} data-testid="import-dialog">
        <h2>
          {t(lang, 'importTitle')}: {file.name}
        </h2>
        {loading && <p>{t(lang, 'importReading')}</p>}
        {layerChoices && (
          <label className="field">
            <span>{t(lang, 'importLayer')}</span>
            <select data-testid="import-layer" value={options.layer ?? ''} onChange={(e) => chooseLayer(e.target.value)}>
              <option value="" disabled>
                {t(lang, 'importLayerChoose')}
              </option>
              {layerChoices.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
        )}
        {error !== null && !loading && (
          <div className="error-inline" role="alert" data-testid="import-error">
            {t(lang, 'importFailed')}: {importErrorText(error, lang)} {t(lang, 'importUnchanged')}
          </div>
        )}
        {result && (
          <>
            <dl className="import-facts">
              <dt>{t(lang, 'importFormat')}</dt>
              <dd>{result.format}</dd>
              <dt>{t(lang, 'importFeatures')}</dt>
              <dd data-testid="import-count">{fmt(lang, result.features.length)}</dd>
              {result.raster && (
                <>
                  <dt>{t(lang, 'rasterCells')}</dt>
                  <dd data-testid="import-raster-cells">{fmt(lang, result.raster.cells)}</dd>
                  <dt>{t(lang, 'rasterPopulation')}</dt>
                  <dd data-testid="import-raster-population">{fmt(lang, Math.round(result.raster.population))}</dd>
                </>
              )}
            </dl>
            <label className="field">
              <span>
                {t(lang, 'importCrs')} — {t(lang, `crsSource_${result.crsSource}` as StringKey)}
              </span>
              <select
                data-testid="import-crs"
                value={JSON.stringify(result.crs)}
                onChange={(e) => setOptions({ ...options, crs: JSON.parse(e.target.value) as Crs })}
              >
                {crsChoices.map((c) => (
                  <option key={JSON.stringify(c)} value={JSON.stringify(c)}>
                    {crsLabel(c)}
                  </option>
                ))}
              </select>
            </label>
            {result.crs.kind === 'gk' && result.crs.datum && (
              <label className="field">
                <span>{t(lang, 'towgs84')}</span>
                <input
                  type="text"
                  data-testid="import-towgs84"
                  value={towgs84}
                  placeholder="dx, dy, dz, rx, ry, rz, s"
                  onChange={(e) => setTowgs84(e.target.value)}
                  onBlur={applyTowgs84}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') applyTowgs84();
                  }}
                />
                {towgs84Bad && (
                  <span className="error-inline" role="alert" data-testid="import-towgs84-error">
                    {t(lang, 'towgs84Invalid')}
                  </span>
                )}
              </label>
            )}
            {result.crsCandidates.length > 0 && (
              <ul className="import-candidates" aria-label={t(lang, 'crsCandidates')}>
                {result.crsCandidates.slice(0, 4).map((c) => (
                  <li key={JSON.stringify(c)}>
                    {crsLabel(c.crs)}: {formatGuessReason(c.reason, lang)}
                  </li>
                ))}
              </ul>
            )}
            {result.columns && (
              <div className="import-fields">
                {(['x', 'y'] as const).map((axis) => (
                  <label key={axis} className="field">
                    <span>{t(lang, axis === 'x' ? 'importColumnX' : 'importColumnY')}</span>
                    <select
                      data-testid={`import-column-${axis}`}
                      value={(options.columns ?? result.columns!.mapping)[axis]}
                      onChange={(e) =>
                        setOptions({ ...options, columns: { ...(options.columns ?? result.columns!.mapping), [axis]: e.target.value } })
                      }
                    >
                      {result.columns!.headers.map((h) => (
                        <option key={h} value={h}>
                          {h}
                        </option>
                      ))}
                    </select>
                  </label>
                ))}
              </div>
            )}
            {result.report.warnings.length > 0 && (
              <ul className="import-warnings" aria-label={t(lang, 'importWarnings')}>
                {result.report.warnings.map((w, i) => (
                  <li key={i}>{formatWarning(w, lang)}</li>
                ))}
              </ul>
            )}
            {skipped.length > 0 && (
              <details className="import-skipped" data-testid="import-skipped">
                <summary>
                  {t(lang, 'importSkipped')} ({fmt(lang, skipped.length)})
                </summary>
                <ul>
                  {skipped.slice(0, MAX_SKIPS_SHOWN).map((s, i) => (
                    <li key={i}>{formatSkip(s, lang)}</li>
                  ))}
                </ul>
              </details>
            )}
            {remembered && <p className="import-note">{t(lang, 'mappingRemembered')}</p>}
            {mapping && (
              <FieldMappingForm
                lang={lang}
                fields={fields}
                features={result.features}
                mapping={mapping}
                onChange={(m) => {
                  setMapping(m);
                  setMapError(null);
                }}
              />
            )}
            {mapping?.name && (
              <p className="import-note" data-testid="import-preview">
                {t(lang, 'importPreview')}: {distinctValues(result.features, mapping.name, 4).join(lang === 'zh' ? '、' : ', ')}
              </p>
            )}
            {mapError !== null && (
              <div className="error-inline" role="alert" data-testid="import-map-error">
                {importErrorText(mapError, lang)}
              </div>
            )}
          </>
        )}
        <div className="dialog-buttons">
          <button type="button" className="btn" onClick={onClose}>
            {t(lang, result ? 'cancel' : 'close')}
          </button>
          <button
            type="button"
            className="btn primary"
            data-testid="import-apply"
            disabled={!result || !mapping || loading || error !== null}
            onClick={apply}
          >
            {t(lang, 'importApply')}
          </button>
        </div>
      </div>
    </div>
  );
}
