// React hooks for the project: `useProject` restores it from IndexedDB on mount (`ready` turns
// true once the saved project has been read or found missing, so the app applies it before its
// first analysis rather than after); `useProjectSave` writes it back, debounced, as it, the
// settings or the scenarios change.
import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { useStore } from '../useStore';
import { ProjectSaver } from './projectSaver';
import { emptyProject, type Project } from '../../analysis/project';
import { loadSavedProject, saveProject } from '../../analysis/projectStore';
import type { Settings } from '../../analysis/settings';
import type { Scenarios } from '../../core/scenario/scenarios';

export interface ProjectState {
  project: Project;
  ready: boolean;
  setProject: (p: Project) => void;
  /** Why the saved project could not be read (the app then starts from the demo), else null. */
  error: unknown;
}

/** `onRestoreSettings` receives the saved settings when `restoreSettings` (no settings in the
 *  URL), else only the saved road-class table (as an update of the link's settings). */
export function useProject(restoreSettings: boolean, onRestoreSettings: Dispatch<SetStateAction<Settings>>): ProjectState {
  const [project, setProject] = useState<Project>(emptyProject);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const restore = useRef({ restoreSettings, onRestoreSettings });

  useEffect(() => {
    let live = true;
    loadSavedProject()
      .then((p) => {
        if (!live) return;
        if (p) {
          setProject(p);
          if (restore.current.restoreSettings && p.settings) restore.current.onRestoreSettings(p.settings);
          // A link carries no road-class table: the project's stays in force under a link's settings.
          else if (p.settings?.roadClasses) {
            const roadClasses = p.settings.roadClasses;
            restore.current.onRestoreSettings((s) => ({ ...s, roadClasses }));
          }
        }
      })
      .catch((e: unknown) => {
        if (live) setError(e ?? new Error('unknown'));
      })
      .finally(() => {
        if (live) setReady(true);
      });
    return () => {
      live = false;
    };
  }, []);

  return { project, ready, setProject, error };
}

/** Saves the project with the current settings and scenarios (src/ui/project/projectSaver.ts);
 *  returns why the last save failed (null once one succeeds). */
export function useProjectSave(state: ProjectState, settings: Settings, scenarios: Scenarios): string | null {
  const [saver] = useState(
    () =>
      new ProjectSaver(saveProject, (n) => {
        document.body.dataset.projectSaves = String(n);
      }),
  );
  const { project, ready } = state;
  useEffect(() => saver.update({ ready, project, settings, scenarios }), [saver, ready, project, settings, scenarios]);
  useEffect(() => () => saver.dispose(), [saver]);
  return useStore(saver).error;
}
