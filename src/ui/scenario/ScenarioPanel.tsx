import { useState } from 'react';
import type { FacilityChange } from '../../core/scenario/scenario';
import { t, type Lang } from '../i18n';

interface Props {
  lang: Lang;
  scenarios: { key: string; name: string }[];
  active: string | null;
  /** The active scenario's changes against 现状 (null while it runs). */
  changes: FacilityChange[] | null;
  busy: boolean;
  error: string | null;
  /** Whether the map and the lists show the active scenario (else 现状). */
  showScenario: boolean;
  onShowScenario: (on: boolean) => void;
  onSelect: (key: string | null) => void;
  onCreate: () => void;
  onRename: (name: string) => void;
  onDuplicate: () => void;
  onDelete: () => void;
  onCompare: () => void;
}

/** The project's scenarios: pick the active one (or none), create, rename, duplicate, delete;
 *  what the map shows (现状 or the scenario); its changes; the comparison. */
export function ScenarioPanel(p: Props) {
  const { lang } = p;
  const current = p.scenarios.find((s) => s.key === p.active) ?? null;
  // The name being typed, for the scenario and name it was typed over: another scenario or a
  // rename from elsewhere shows the stored name again.
  const stored = current?.name ?? '';
  const [draft, setDraft] = useState<{ key: string | null; over: string; name: string } | null>(null);
  const name = draft && draft.key === (current?.key ?? null) && draft.over === stored ? draft.name : stored;
  const setName = (n: string) => setDraft({ key: current?.key ?? null, over: stored, name: n });
  const count = (a: string) => p.changes?.filter((c) => c.action === a).length ?? 0;
  return (
    <section className="panel-section scenarios" data-testid="scenarios">
      <h2>{t(lang, 'scenariosTitle')}</h2>
      <div className="siting-buttons">
        <select data-testid="scenario-select" value={p.active ?? ''} onChange={(e) => p.onSelect(e.target.value || null)}>
          <option value="">{t(lang, 'scenarioNone')}</option>
          {p.scenarios.map((s) => (
            <option key={s.key} value={s.key}>
              {s.name}
            </option>
          ))}
        </select>
        <button type="button" data-testid="scenario-new" onClick={p.onCreate}>
          {t(lang, 'scenarioNew')}
        </button>
      </div>
      {current && (
        <>
          <div className="siting-buttons">
            <input
              data-testid="scenario-name"
              aria-label={t(lang, 'scenarioName')}
              value={name}
              maxLength={60}
              onChange={(e) => setName(e.target.value)}
              onBlur={() => p.onRename(name)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') p.onRename(name);
              }}
            />
            <button type="button" data-testid="scenario-duplicate" onClick={p.onDuplicate}>
              {t(lang, 'scenarioDuplicate')}
            </button>
            <button type="button" data-testid="scenario-delete" onClick={p.onDelete}>
              {t(lang, 'scenarioDelete')}
            </button>
          </div>
          <fieldset className="scenario-show">
            <legend>{t(lang, 'scenarioShow')}</legend>
            <label>
              <input
                type="radio"
                name="scenario-show"
                data-testid="show-baseline"
                checked={!p.showScenario}
                onChange={() => p.onShowScenario(false)}
              />{' '}
              {t(lang, 'baseline')}
            </label>
            <label>
              <input
                type="radio"
                name="scenario-show"
                data-testid="show-scenario"
                checked={p.showScenario}
                onChange={() => p.onShowScenario(true)}
              />{' '}
              {current.name}
            </label>
          </fieldset>
          <p
            className="hint"
            data-testid="scenario-changes"
            data-add={count('add')}
            data-move={count('move')}
            data-remove={count('remove')}
            data-busy={p.busy ? 'true' : 'false'}
          >
            {p.busy
              ? t(lang, 'scenarioRunning')
              : t(lang, 'scenarioCounts')
                  .replace('{add}', String(count('add')))
                  .replace('{move}', String(count('move')))
                  .replace('{remove}', String(count('remove')))}
          </p>
          <button type="button" data-testid="compare-open" onClick={p.onCompare}>
            {t(lang, 'compareOpen')}
          </button>
        </>
      )}
      <p className="hint">{t(lang, 'scenarioHint')}</p>
      {p.error && (
        <div className="error-inline" role="alert">
          {t(lang, 'scenarioFailed')}: {p.error}
        </div>
      )}
    </section>
  );
}
