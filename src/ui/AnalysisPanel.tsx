import { useCatalogue } from './catalogueContext';
import { profileOf, type TravelMode } from '../core/catalogue';
import { TRAVEL_PROFILES, type TravelProfile } from '../core/travel/road-class';
import type { CoverageResult, TypeResult } from '../core/analysis/command';
import { gapTotals } from '../core/coverage/gaps';
import { specOf, withSpec, type Settings } from '../analysis/settings';
import type { AnalysisState } from './analysisRun';
import { fmt, pct, t, type Lang, type StringKey } from './i18n';
import { ruleText } from './ruleText';
import { NumberField } from './NumberField';

const MODE_KEY: Record<TravelMode, StringKey> = { straight: 'modeStraight', network: 'modeNetwork', slope: 'modeSlope' };

interface Props {
  lang: Lang;
  settings: Settings;
  onChange: (s: Settings) => void;
  analysis: AnalysisState;
  /** The result the figures show (现状's or the shown scenario's) and its name. */
  shown: { result: CoverageResult | null; name: string };
  /** The area in focus: its name and which communities it holds (null: the whole prefecture). */
  area: { name: string; keep: (i: number) => boolean } | null;
}

/** Type picker, its travel settings, the run's progress and the headline figures. */
export function AnalysisPanel({ lang, settings, onChange, analysis, shown, area }: Props) {
  const catalogue = useCatalogue();
  const spec = specOf(settings, settings.type);
  const set = (patch: Parameters<typeof withSpec>[2]) => onChange(withSpec(settings, spec.code, patch));
  const done = analysis.done;
  const type: TypeResult | undefined = shown.result?.types.find((r) => r.code === settings.type);
  const totals = type ? gapTotals(type, area?.keep) : null;
  // Figures of earlier settings while newer ones run or failed are not current.
  const stale = !!analysis.running || !!analysis.error;
  return (
    <section className="panel-section analysis">
      <h2>{t(lang, 'analysisTitle')}</h2>
      <label className="row">
        <span>{t(lang, 'facilityType')}</span>
        <select data-testid="type-select" value={settings.type} onChange={(e) => onChange({ ...settings, type: e.target.value })}>
          {catalogue.map((ft) => (
            <option key={ft.code} value={ft.code}>
              {lang === 'zh' ? ft.zh : ft.en}
            </option>
          ))}
        </select>
      </label>
      <label className="row">
        <span>{t(lang, 'mode')}</span>
        <select data-testid="mode-select" value={spec.mode} onChange={(e) => set({ mode: e.target.value as TravelMode })}>
          {(Object.keys(MODE_KEY) as TravelMode[]).map((m) => (
            <option key={m} value={m}>
              {t(lang, MODE_KEY[m])}
            </option>
          ))}
        </select>
      </label>
      <label className="row">
        <span>{t(lang, 'profile')}</span>
        <select
          data-testid="profile-select"
          value={profileOf(spec, catalogue)}
          onChange={(e) => set({ profile: e.target.value as TravelProfile })}
        >
          {TRAVEL_PROFILES.map((p) => (
            <option key={p} value={p}>
              {t(lang, `profile_${p}` as StringKey)}
            </option>
          ))}
        </select>
      </label>
      <div className="row3">
        <label>
          <span>{t(lang, 'minutes')}</span>
          <NumberField
            lang={lang}
            testId="minutes-input"
            name="minutes"
            step={1}
            value={spec.minutes}
            onChange={(x) => set({ minutes: x })}
          />
        </label>
        <label>
          <span>{t(lang, 'speed')}</span>
          <NumberField
            lang={lang}
            testId="speed-input"
            name="speedKmh"
            step={0.1}
            value={spec.speedKmh}
            onChange={(x) => set({ speedKmh: x })}
          />
        </label>
        <label>
          <span>{t(lang, 'target')}</span>
          <NumberField
            lang={lang}
            testId="target-input"
            name="targetShare"
            scale={100}
            step={5}
            value={spec.targetShare}
            onChange={(x) => set({ targetShare: x })}
          />
        </label>
      </div>
      <div className="hint" data-testid="rule-line">
        {ruleText(lang, spec)}
      </div>
      {analysis.running && (
        <div className="run-progress" data-testid="run-progress">
          <div className="progress-track">
            <div className="progress-fill" style={{ width: `${(analysis.running.fraction * 100).toFixed(0)}%` }} />
          </div>
          <span>
            {t(lang, 'computing')} … {pct(lang, analysis.running.fraction)}
            {done ? ` · ${t(lang, 'outdated')}` : ''}
          </span>
        </div>
      )}
      {analysis.error && (
        <div className="error-inline" role="alert">
          {t(lang, 'analysisFailed')}: {analysis.error}
        </div>
      )}
      {type && totals && (
        <dl
          className={`figures${stale ? ' stale' : ''}`}
          data-testid="figures"
          data-run={done!.runId}
          data-state={stale ? 'stale' : 'current'}
          title={stale ? t(lang, 'outdated') : undefined}
          data-scenario={shown.name}
        >
          <div>
            <dt>{t(lang, 'showing')}</dt>
            <dd className="scenario-tag" data-testid="figures-scenario">
              {shown.name}
            </dd>
          </div>
          <div className="figures-area">
            <dt>{t(lang, 'figuresArea')}</dt>
            <dd data-testid="figures-area">{area ? area.name : t(lang, 'prefectureName')}</dd>
          </div>
          {area && (
            <div>
              <dt>{t(lang, 'householdsTotal')}</dt>
              <dd data-testid="area-households">{fmt(lang, totals.households)}</dd>
            </div>
          )}
          <div>
            <dt>{t(lang, 'gapCommunities')}</dt>
            <dd data-testid="gap-count">{fmt(lang, totals.communities)}</dd>
          </div>
          <div>
            <dt>{t(lang, 'uncoveredHouseholds')}</dt>
            <dd>{fmt(lang, totals.uncovered)}</dd>
          </div>
          {type.demand !== 'households' && (
            <div>
              <dt>{t(lang, 'uncoveredDemand').replace('{measure}', t(lang, `demand_${type.demand}` as StringKey))}</dt>
              <dd data-testid="uncovered-demand">{fmt(lang, totals.uncoveredDemand)}</dd>
            </div>
          )}
          <div>
            <dt>{t(lang, 'coveredShare')}</dt>
            <dd data-testid="covered-share" data-value={area ? totals.covered / totals.demand : type.total.share[0]}>
              {pct(lang, area ? totals.covered / totals.demand : type.total.share[0], 1)}
            </dd>
          </div>
          {/* Facilities are counted for the prefecture only (the result keeps no per-area count). */}
          {!area && (
            <div>
              <dt>{t(lang, 'facilitiesCount')}</dt>
              <dd data-testid="facility-count">{fmt(lang, type.facilityCount)}</dd>
            </div>
          )}
        </dl>
      )}
    </section>
  );
}
