import { useCatalogue } from '../catalogueContext';
import type { TypeResult } from '../../core/analysis/command';
import { fmt, pct, t, type Lang } from '../i18n';
import './siting.css';
import type { WhatIf } from './useWhatIf';
import type { FacilityChange } from '../../core/scenario/scenario';

interface Props {
  lang: Lang;
  /** The shown type, its 现状 result (what the change is measured from) and the active
   *  scenario's (after its last full run). */
  type: string;
  base: TypeResult | null;
  scenario: TypeResult | null;
  /** The active scenario's name and changes (null: none yet; the first edit creates one). */
  scenarioName: string | null;
  changes: FacilityChange[];
  busy: boolean;
  w: WhatIf;
  onClear: () => void;
}

/** Edit-mode switch, the active scenario's changes of this type, and covered demand of 现状 and
 *  of the scenario (the editor's instant figure while a session is open, else the full run). */
export function WhatIfPanel({ lang, type, base, scenario, scenarioName, changes, busy, w, onClear }: Props) {
  const catalogue = useCatalogue();
  const ft = catalogue.find((x) => x.code === type);
  const mine = changes.filter((c) => c.type === type);
  const added = mine.filter((c) => c.action === 'add').length;
  const moved = mine.filter((c) => c.action === 'move').length;
  const deleted = mine.filter((c) => c.action === 'remove').length;
  const st = w.state;
  const before = base?.total.covered[0] ?? NaN;
  const after = st ? st.total.covered : (scenario?.total.covered[0] ?? before);
  const hh = st ? st.total.householdsCovered : scenario?.total.householdsCovered[0];
  const share = st && st.total.demand > 0 ? st.total.covered / st.total.demand : (scenario?.total.share[0] ?? base?.total.share[0] ?? NaN);
  return (
    <section className="panel-section whatif" data-testid="whatif">
      <h2>
        {t(lang, 'whatIfTitle')} · {ft ? (lang === 'zh' ? ft.zh : ft.en) : type}
        {scenarioName && (
          <small className="scenario-tag" data-testid="whatif-scenario">
            {' '}
            · {scenarioName}
          </small>
        )}
      </h2>
      <div className="siting-buttons">
        <button type="button" data-testid="whatif-edit" aria-pressed={w.editing} onClick={() => w.setEditing(!w.editing)}>
          {w.editing ? t(lang, 'whatIfStop') : t(lang, 'whatIfEdit')}
        </button>
        <button
          type="button"
          data-testid="whatif-delete"
          disabled={!w.editing || w.selectedId === null}
          onClick={() => w.selectedId !== null && w.apply(type, { op: 'delete', id: w.selectedId })}
        >
          {t(lang, 'whatIfDelete')}
        </button>
        <button type="button" data-testid="whatif-clear" disabled={!changes.length} onClick={onClear}>
          {t(lang, 'whatIfClear')}
        </button>
      </div>
      {w.editing && <p className="hint">{t(lang, 'whatIfEditing')}</p>}
      {(mine.length > 0 || w.editing) && (
        <dl
          className="figures whatif-figures"
          data-testid="whatif-figures"
          data-edits={mine.length}
          data-busy={w.busy || busy ? 'true' : 'false'}
          data-covered={st || scenario ? after : ''}
          data-households-covered={hh ?? ''}
          data-ms={st ? st.ms : ''}
          data-incremental={st ? String(st.incremental) : ''}
        >
          <div>
            <dt>
              {t(lang, 'whatIfAdded')} / {t(lang, 'whatIfMoved')} / {t(lang, 'whatIfDeleted')}
            </dt>
            <dd>
              {added} / {moved} / {deleted}
            </dd>
          </div>
          <div>
            <dt>{t(lang, 'whatIfCovered')}</dt>
            <dd>{pct(lang, share, 1)}</dd>
          </div>
          <div>
            <dt>{t(lang, 'whatIfChange')}</dt>
            <dd data-testid="whatif-delta">
              {after - before >= 0 ? '+' : ''}
              {fmt(lang, after - before)}
            </dd>
          </div>
        </dl>
      )}
      {st && mine.length > 0 && (
        <p className="hint" data-testid="whatif-ms">
          {t(lang, st.incremental ? 'whatIfIncremental' : 'whatIfFullType')} · {t(lang, 'whatIfMs').replace('{ms}', fmt(lang, st.ms, 1))}
        </p>
      )}
      {w.error && (
        <div className="error-inline" role="alert">
          {w.error}
        </div>
      )}
    </section>
  );
}
