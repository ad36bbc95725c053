// React hook: the project, restored from IndexedDB on mount and saved back (debounced) as it
// or the settings change. `ready` turns true once the saved project has been read (or found
// missing), so the app applies it before its first analysis rather than after.
import { useEffect, useRef, useState } from 'react';
import { emptyProject, type Project } from '../../analysis/project';
import { loadSavedProject, saveProject } from '../../analysis/projectStore';
import type { Settings } from '../../analysis/settings';

const SAVE_DELAY_MS = 400;

export interface ProjectState {
  project: Project;
  ready: boolean;
  setProject: (p: Project) => void;
}

/** `onRestoreSettings` receives the saved settings when `restoreSettings` (no settings in the URL). */
export function useProject(settings: Settings, restoreSettings: boolean, onRestoreSettings: (s: Settings) => void): ProjectState {
  const [project, setProject] = useState<Project>(emptyProject);
  const [ready, setReady] = useState(false);
  const restore = useRef({ restoreSettings, onRestoreSettings });
  const saves = useRef(0);

  useEffect(() => {
    let live = true;
    loadSavedProject()
      .then((p) => {
        if (!live) return;
        if (p) {
          setProject(p);
          if (restore.current.restoreSettings && p.settings) restore.current.onRestoreSettings(p.settings);
        }
      })
      .catch((e: unknown) => console.warn('saved project not read:', e))
      .finally(() => { if (live) setReady(true); });
    return () => { live = false; };
  }, []);

  useEffect(() => {
    if (!ready) return;
    const timer = setTimeout(() => {
      saveProject({ ...project, settings })
        // The count lets the browser test wait for a save instead of sleeping.
        .then(() => { document.body.dataset.projectSaves = String(++saves.current); })
        .catch((e: unknown) => console.warn('project not saved:', e));
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [ready, project, settings]);

  return { project, ready, setProject };
}
