// The facility-type catalogue of the project: which preset it starts from (the Honghe plan, GB
// 50180-2018, TD/T 1062-2021) and the planner's own types, added or edited here and saved with the
// project. Saving checks the type with the CLI's catalogue check (catalogueEditor.ts); its
// failure is said in the UI language, naming the field.
import { useState } from 'react';
import { iconChar, type TravelMode } from '../../core/catalogue';
import { CatalogueError } from '../../core/catalogue-file';
import { CATALOGUE_PRESETS } from '../../core/catalogue-presets';
import { TRAVEL_PROFILES } from '../../core/travel/road-class';
import { activeCatalogue, PLAN_CATALOGUE } from '../../analysis/projectCatalogue';
import type { Project } from '../../analysis/project';
import { fmt, pct, t, type Lang, type StringKey } from '../i18n';
import { draftOf, isOwn, NEW_TYPE, removeType, saveType, typeInUse, type TypeDraft } from './catalogueEditor';
import { catalogueErrorText, fieldLabel, type CatalogueField } from './catalogueText';
import './catalogue.css';

const MODES: Record<TravelMode, StringKey> = { network: 'modeNetwork', straight: 'modeStraight', slope: 'modeSlope' };
const DEMANDS = ['households', 'population', 'elderly', 'infants', 'disabled'] as const;
const OWN_SOURCE = '规划人员自定义 (planner-defined)';

interface Props {
  lang: Lang;
  project: Project;
  onProject: (p: Project) => void;
  onClose: () => void;
}

export function CatalogueDialog({ lang, project, onProject, onClose }: Props) {
  const pc = project.catalogue ?? PLAN_CATALOGUE;
  const types = activeCatalogue(pc);
  // The form: a new type (editing null) or the type being edited.
  const [form, setForm] = useState<{ draft: TypeDraft; editing: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const set = (f: CatalogueField, v: string) => form && setForm({ ...form, draft: { ...form.draft, [f]: v } });
  const save = () => {
    if (!form) return;
    try {
      onProject({ ...project, catalogue: saveType(pc, form.draft, form.editing, OWN_SOURCE) });
      setForm(null);
      setError(null);
    } catch (e) {
      if (!(e instanceof CatalogueError)) throw e;
      setError(catalogueErrorText(e, lang));
    }
  };
  const input = (f: CatalogueField, type = 'text', extra: Record<string, string | number | boolean> = {}) => (
    <label className="field" key={f}>
      <span>{fieldLabel(lang, f)}</span>
      <input type={type} data-testid={`cat-${f}`} value={form!.draft[f]} onChange={(e) => set(f, e.target.value)} {...extra} />
    </label>
  );
  const select = (f: CatalogueField, options: readonly string[], label: (o: string) => string) => (
    <label className="field" key={f}>
      <span>{fieldLabel(lang, f)}</span>
      <select data-testid={`cat-${f}`} value={form!.draft[f]} onChange={(e) => set(f, e.target.value)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {label(o)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="dialog-backdrop">
      <div className="dialog catalogue-dialog" role="dialog" aria-label={t(lang, 'catalogueTitle')} data-testid="catalogue-dialog">
        <h2>{t(lang, 'catalogueTitle')}</h2>
        <label className="field">
          <span>{t(lang, 'cataloguePreset')}</span>
          <select
            data-testid="catalogue-preset"
            value={pc.preset}
            onChange={(e) => onProject({ ...project, catalogue: { ...pc, preset: e.target.value } })}
          >
            {CATALOGUE_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {lang === 'zh' ? p.zh : p.en}
              </option>
            ))}
          </select>
        </label>
        <p className="note">{t(lang, 'catalogueNote')}</p>
        <table className="catalogue-table" data-testid="catalogue-table">
          <tbody>
            {types.map((ft) => (
              <tr key={ft.code} data-code={ft.code}>
                <td>
                  <span className="icon-dot" style={{ background: ft.color }}>
                    {iconChar(ft)}
                  </span>
                </td>
                <td>
                  {lang === 'zh' ? ft.zh : ft.en} <small>{ft.code}</small>
                </td>
                <td>
                  {fmt(lang, ft.minutes, 1)} min · {fmt(lang, ft.speedKmh, 1)} km/h · {t(lang, MODES[ft.mode])}
                </td>
                <td>
                  ≥ {pct(lang, ft.targetShare)} {t(lang, `demand_${ft.demand}` as StringKey)}
                </td>
                <td className="source" title={ft.source}>
                  {isOwn(project.catalogue, ft.code) ? t(lang, 'catalogueOwn') : ft.source}
                </td>
                <td>
                  <button
                    type="button"
                    className="btn"
                    data-testid="catalogue-edit"
                    onClick={() => {
                      setForm({ draft: draftOf(ft), editing: ft.code });
                      setError(null);
                    }}
                  >
                    {t(lang, 'catalogueEdit')}
                  </button>
                  {isOwn(project.catalogue, ft.code) && (
                    <button
                      type="button"
                      className="btn"
                      data-testid="catalogue-remove"
                      disabled={typeInUse(project, ft.code)}
                      title={typeInUse(project, ft.code) ? t(lang, 'catalogueInUse') : undefined}
                      onClick={() => onProject({ ...project, catalogue: removeType(pc, ft.code) })}
                    >
                      {t(lang, 'catalogueRemove')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {form ? (
          <div className="catalogue-form" data-testid="catalogue-form">
            {input('code', 'text', { disabled: form.editing !== null, placeholder: 'kindergarten' })}
            {input('zh')}
            {input('en')}
            {input('color', 'color')}
            {input('icon', 'text', { maxLength: 2 })}
            {select('mode', Object.keys(MODES), (m) => t(lang, MODES[m as TravelMode]))}
            {select('profile', TRAVEL_PROFILES, (p) => t(lang, `profile_${p}` as StringKey))}
            {input('speed_kmh')}
            {input('minutes')}
            {input('target_share')}
            {select('demand', DEMANDS, (d) => t(lang, `demand_${d}` as StringKey))}
            {input('cost_build')}
            <div className="dialog-buttons">
              <button type="button" className="btn" onClick={() => setForm(null)}>
                {t(lang, 'cancel')}
              </button>
              <button type="button" className="btn primary" data-testid="catalogue-save" onClick={save}>
                {t(lang, 'catalogueSave')}
              </button>
            </div>
          </div>
        ) : (
          <button
            type="button"
            className="btn"
            data-testid="catalogue-add"
            onClick={() => {
              setForm({ draft: NEW_TYPE, editing: null });
              setError(null);
            }}
          >
            {t(lang, 'catalogueAdd')}
          </button>
        )}
        {error && (
          <div className="error-inline" role="alert" data-testid="catalogue-error">
            {error}
          </div>
        )}
        <div className="dialog-buttons">
          <button type="button" className="btn" data-testid="catalogue-close" onClick={onClose}>
            {t(lang, 'close')}
          </button>
        </div>
      </div>
    </div>
  );
}
