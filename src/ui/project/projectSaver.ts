// Saving the project as a controller: once the saved one has been read, every change of the
// project, the settings or the scenarios is written back after a short pause (typing and
// dragging make many); only the latest save's outcome counts, and a failure is state for the
// UI (reloading would lose the latest changes), cleared by the next save that works.
import type { Project } from '../../analysis/project';
import type { Settings } from '../../analysis/settings';
import type { Scenarios } from '../../core/scenario/scenarios';
import { errorText } from '../errorText';
import { Store } from '../store';

export const SAVE_DELAY_MS = 400;

export interface ProjectSaveInputs {
  /** The saved project has been read (saving earlier would overwrite it). */
  ready: boolean;
  project: Project;
  settings: Settings;
  scenarios: Scenarios;
}

export interface ProjectSaveState {
  /** Why the latest save failed, else null. */
  error: string | null;
}

export class ProjectSaver extends Store<ProjectSaveState> {
  private last: ProjectSaveInputs | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;
  private saves = 0;

  /** `onSaved` hears the count of saves done (the browser tests wait on it instead of sleeping;
   *  not state, so a save re-renders nothing). */
  constructor(
    private readonly save: (p: Project) => Promise<void>,
    private readonly onSaved: (saves: number) => void = () => {},
  ) {
    super({ error: null });
  }

  update(next: ProjectSaveInputs): void {
    const was = this.last;
    this.last = next;
    if (
      was &&
      was.ready === next.ready &&
      was.project === next.project &&
      was.settings === next.settings &&
      was.scenarios === next.scenarios
    )
      return;
    clearTimeout(this.timer);
    if (!next.ready) return;
    this.timer = setTimeout(() => {
      const s = ++this.seq;
      this.save(withScenarios(next.project, next.settings, next.scenarios))
        .then(() => {
          this.onSaved(++this.saves);
          if (s === this.seq) this.set({ error: null });
        })
        .catch((e: unknown) => {
          if (s === this.seq) this.set({ error: errorText(e) });
        });
    }, SAVE_DELAY_MS);
  }

  /** Drops a save still waiting for its pause (the app is closing). */
  dispose(): void {
    clearTimeout(this.timer);
    this.last = null;
  }
}

/** The project as saved: its layers, the current settings and scenarios (older files' what-if
 *  edits are in the scenarios by now and are not written again). */
export function withScenarios(project: Project, settings: Settings, scenarios: Scenarios): Project {
  const { edits: _old, scenarios: _prev, ...rest } = project;
  return { ...rest, settings, ...(scenarios.list.length ? { scenarios } : {}) };
}
