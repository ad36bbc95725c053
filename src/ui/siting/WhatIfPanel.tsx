import { FACILITY_TYPES } from '../../core/catalogue';
import type { TypeResult } from '../../core/analysis/command';
import { fmt, pct, t, type Lang } from '../i18n';
import './siting.css';
import type { WhatIf } from './useWhatIf';

interface Props {
  lang: Lang;
  /** The shown type and its result before any edit (the baseline the change is measured from). */
  type: string;
  base: TypeResult | null;
  w: WhatIf;
}

/** Edit-mode switch, the edit counts, and covered demand before and after the edits. */
export function WhatIfPanel({ lang, type, base, w }: Props) {
  const ft = FACILITY_TYPES.find((x) => x.code === type);
  const edits = w.edits?.type === type ? w.edits.edits : [];
  const other = w.edits && w.edits.type !== type && w.edits.edits.length ? FACILITY_TYPES.find((x) => x.code === w.edits!.type) : null;
  const added = edits.filter((e) => e.op === 'add').length;
  const moved = new Set(edits.flatMap((e) => (e.op === 'move' ? [e.id] : []))).size;
  const deleted = edits.filter((e) => e.op === 'delete').length;
  const st = w.state && (w.edits?.type ?? type) === type ? w.state : null;
  const before = base?.total.covered[0] ?? NaN;
  const after = st ? st.total.covered : before;
  const share = st && st.total.demand > 0 ? st.total.covered / st.total.demand : base?.total.share[0] ?? NaN;
  return (
    <section className="panel-section whatif" data-testid="whatif">
      <h2>{t(lang, 'whatIfTitle')} · {ft ? (lang === 'zh' ? ft.zh : ft.en) : type}</h2>
      {other && <p className="hint">{t(lang, 'whatIfOtherType').replace('{type}', lang === 'zh' ? other.zh : other.en)}</p>}
      <div className="siting-buttons">
        <button type="button" data-testid="whatif-edit" aria-pressed={w.editing} onClick={() => w.setEditing(!w.editing)}>
          {w.editing ? t(lang, 'whatIfStop') : t(lang, 'whatIfEdit')}
        </button>
        <button type="button" data-testid="whatif-delete" disabled={!w.editing || w.selectedId === null}
          onClick={() => w.selectedId !== null && w.apply(type, { op: 'delete', id: w.selectedId })}>{t(lang, 'whatIfDelete')}</button>
        <button type="button" data-testid="whatif-clear" disabled={!w.edits?.edits.length} onClick={() => w.setEdits(null)}>{t(lang, 'whatIfClear')}</button>
      </div>
      {w.editing && <p className="hint">{t(lang, 'whatIfEditing')}</p>}
      {(edits.length > 0 || w.editing) && (
        <dl className="figures whatif-figures" data-testid="whatif-figures" data-edits={edits.length} data-busy={w.busy ? 'true' : 'false'}
          data-covered={st ? st.total.covered : ''} data-households-covered={st ? st.total.householdsCovered : ''}
          data-ms={st ? st.ms : ''} data-incremental={st ? String(st.incremental) : ''}>
          <div><dt>{t(lang, 'whatIfAdded')} / {t(lang, 'whatIfMoved')} / {t(lang, 'whatIfDeleted')}</dt>
            <dd>{added} / {moved} / {deleted}</dd></div>
          <div><dt>{t(lang, 'whatIfCovered')}</dt><dd>{pct(lang, share, 1)}</dd></div>
          <div><dt>{t(lang, 'whatIfChange')}</dt>
            <dd data-testid="whatif-delta">{after - before >= 0 ? '+' : ''}{fmt(lang, after - before)}</dd></div>
        </dl>
      )}
      {st && edits.length > 0 && (
        <p className="hint" data-testid="whatif-ms">
          {t(lang, st.incremental ? 'whatIfIncremental' : 'whatIfFullType')} · {t(lang, 'whatIfMs').replace('{ms}', fmt(lang, st.ms, 1))}
          {' · '}{t(lang, 'whatIfTimesStale')}
        </p>
      )}
      {w.error && <div className="error-inline" role="alert">{w.error}</div>}
    </section>
  );
}
