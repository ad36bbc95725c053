import type { LoadStep } from '../analysis/loadDemo';
import { pct, t, type Lang, type StringKey } from './i18n';

const STEP_KEY: Record<LoadStep, StringKey> = {
  counties: 'stepCounties',
  townships: 'stepTownships',
  communities: 'stepCommunities',
  facilities: 'stepFacilities',
  households: 'stepHouseholds',
  roads: 'stepRoads',
  elevation: 'stepElevation',
};

/** Loading bar over the map while the demo streams in. */
export function ProgressBar({ lang, fraction, step }: { lang: Lang; fraction: number; step: LoadStep }) {
  return (
    <div
      className="progress"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(fraction * 100)}
      data-testid="load-progress"
    >
      <div className="progress-label">
        {t(lang, 'loading')} {t(lang, STEP_KEY[step])} … {pct(lang, fraction)}
      </div>
      <div className="progress-track">
        <div className="progress-fill" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
    </div>
  );
}
