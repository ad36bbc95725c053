import { useCallback, useMemo, useRef, useState } from 'react';
import type { FeatureCollection } from 'geojson';
import { createPortal } from 'react-dom';
import { checkSize } from '../../io/load';
import { emptyProject, withLayer, withoutLayer, type ImportedLayer, type LayerRole, type Project } from '../../analysis/project';
import { PROJECT_EXTENSION, projectFromJson, projectToJson } from '../../analysis/projectFile';
import { downloadProjectText } from './projectDownload';
import type { Settings } from '../../analysis/settings';
import type { Scenarios } from '../../core/scenario/scenarios';
import { withScenarios } from './projectSaver';
import { t, type Lang, type StringKey } from '../i18n';
import { ImportDialog } from '../import/ImportDialog';
import { OsmImportDialog } from '../import/OsmImportDialog';
import { extentWithMargin, isOsmFile } from '../../io/osm-file';
import { eachPosition } from '../../io/positions';
import { CatalogueDialog } from '../catalogue/CatalogueDialog';
import { importErrorText } from '../import/messages';
import { useFileDrop } from '../import/useFileDrop';
import '../import/import.css';

interface Props {
  lang: Lang;
  project: Project;
  settings: Settings;
  /** The current scenarios, written into an exported project file and kept on import. */
  scenarios: Scenarios;
  onProject: (p: Project) => void;
  onSettings: (s: Settings) => void;
  /** The communities in use (an OSM network is clipped to their extent plus a margin). */
  communities?: FeatureCollection;
}

const ACCEPT = '.geojson,.json,.fgb,.zip,.csv,.xlsx,.txt,.osm,.pbf';

type Step =
  | { kind: 'file'; name: string; bytes: Uint8Array }
  | { kind: 'error'; name: string; error: unknown }
  | { kind: 'reset' }
  | { kind: 'catalogue' };

/** Top-bar buttons for the project: import files (also by dropping them on the page), export
 *  the project file, reset to the demo; and the dialogs these open, one file at a time. */
export function ProjectMenu({ lang, project, settings, scenarios, onProject, onSettings, communities }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [queue, setQueue] = useState<File[]>([]);
  const [step, setStep] = useState<Step | null>(null);
  const extent = useMemo(() => {
    const xy: number[] = [];
    for (const f of communities?.features ?? []) if (f.geometry) eachPosition(f.geometry, (x, y) => xy.push(x, y));
    return extentWithMargin(xy);
  }, [communities]);

  // Takes files in turn: project files apply at once; the first data file (or error) opens its dialog.
  const next = useCallback(
    async (files: File[]) => {
      for (let k = 0; k < files.length; k++) {
        const f = files[k];
        setQueue(files.slice(k + 1));
        try {
          checkSize(f.name, f.size);
          const bytes = new Uint8Array(await f.arrayBuffer());
          if (!f.name.toLowerCase().endsWith(PROJECT_EXTENSION)) {
            setStep({ kind: 'file', name: f.name, bytes });
            return;
          }
          const p = projectFromJson(new TextDecoder().decode(bytes));
          onProject(p);
          if (p.settings) onSettings(p.settings);
        } catch (e) {
          setStep({ kind: 'error', name: f.name, error: e });
          return;
        }
      }
      setQueue([]);
      setStep(null);
    },
    [onProject, onSettings],
  );

  const take = useCallback(
    (files: File[]) => {
      if (files.length) void next(files);
    },
    [next],
  );
  const dragging = useFileDrop(take);
  const done = () => void next(queue);

  const exportProject = () => downloadProjectText(projectToJson(withScenarios(project, settings, scenarios)));

  const imported = Object.keys(project.layers) as LayerRole[];
  return (
    <>
      <button
        type="button"
        className="btn"
        title={t(lang, 'importHint')}
        data-testid="import-button"
        onClick={() => input.current?.click()}
      >
        {t(lang, 'importData')}
      </button>
      <input
        ref={input}
        type="file"
        accept={`${ACCEPT},${PROJECT_EXTENSION}`}
        multiple
        hidden
        data-testid="import-input"
        onChange={(e) => {
          take([...(e.target.files ?? [])]);
          e.target.value = '';
        }}
      />
      <button type="button" className="btn" data-testid="catalogue-button" onClick={() => setStep({ kind: 'catalogue' })}>
        {t(lang, 'catalogueButton')}
      </button>
      <button type="button" className="btn" data-testid="export-project" onClick={exportProject}>
        {t(lang, 'exportProject')}
      </button>
      {imported.length > 0 && (
        <>
          <span className="badge" data-testid="imported-layers">
            {t(lang, 'importedLayers')}: {imported.map((r) => t(lang, `role_${r}` as StringKey)).join('、')}
          </span>
          {project.layers.barriers && (
            <button
              type="button"
              className="btn"
              data-testid="remove-barriers"
              onClick={() => onProject(withoutLayer({ ...project, scenarios }, 'barriers'))}
            >
              {t(lang, 'removeBarriers')}
            </button>
          )}
          <button type="button" className="btn" data-testid="reset-demo" onClick={() => setStep({ kind: 'reset' })}>
            {t(lang, 'resetDemo')}
          </button>
        </>
      )}
      {createPortal(
        <>
          {dragging && (
            <div className="drop-overlay" aria-hidden="true">
              {t(lang, 'importDrop')}
            </div>
          )}
          {step?.kind === 'file' && isOsmFile(step.name) && (
            <OsmImportDialog
              key={`${step.name}:${queue.length}`}
              lang={lang}
              file={step}
              extent={extent}
              onImport={(layers) => {
                onProject(layers.reduce(withLayer, { ...project, scenarios }));
                done();
              }}
              onClose={done}
            />
          )}
          {step?.kind === 'file' && !isOsmFile(step.name) && (
            <ImportDialog
              key={`${step.name}:${queue.length}`}
              lang={lang}
              file={step}
              project={project}
              onImport={(layer: ImportedLayer) => {
                onProject(withLayer({ ...project, scenarios }, layer));
                done();
              }}
              onClose={done}
            />
          )}
          {step?.kind === 'error' && (
            <div className="dialog-backdrop">
              <div className="dialog" role="dialog" data-testid="import-dialog">
                <h2>
                  {t(lang, 'importTitle')}: {step.name}
                </h2>
                <div className="error-inline" role="alert" data-testid="import-error">
                  {t(lang, 'importFailed')}: {importErrorText(step.error, lang)} {t(lang, 'importUnchanged')}
                </div>
                <div className="dialog-buttons">
                  <button type="button" className="btn" onClick={done}>
                    {t(lang, 'close')}
                  </button>
                </div>
              </div>
            </div>
          )}
          {step?.kind === 'catalogue' && (
            <CatalogueDialog lang={lang} project={{ ...project, scenarios }} onProject={onProject} onClose={() => setStep(null)} />
          )}
          {step?.kind === 'reset' && (
            <div className="dialog-backdrop">
              <div className="dialog" role="dialog">
                <p>{t(lang, 'resetConfirm')}</p>
                <div className="dialog-buttons">
                  <button type="button" className="btn" onClick={() => setStep(null)}>
                    {t(lang, 'cancel')}
                  </button>
                  <button
                    type="button"
                    className="btn primary"
                    data-testid="reset-confirm"
                    onClick={() => {
                      onProject({ ...emptyProject(), mappings: project.mappings });
                      setStep(null);
                    }}
                  >
                    {t(lang, 'resetDemo')}
                  </button>
                </div>
              </div>
            </div>
          )}
        </>,
        document.body,
      )}
    </>
  );
}
