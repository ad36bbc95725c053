import { useCatalogue } from '../catalogueContext';
import type { Feature } from 'geojson';
import {
  COUNT_FIELDS,
  distinctValues,
  guessMapping,
  guessTypeValues,
  LAYER_ROLES,
  type FieldMapping,
  type LayerRole,
} from '../../analysis/project';
import { fmt, t, type Lang, type StringKey } from '../i18n';

interface Props {
  lang: Lang;
  fields: string[];
  features: Feature[];
  mapping: FieldMapping;
  onChange: (m: FieldMapping) => void;
}

type FieldKey = 'code' | 'name' | 'type' | 'floors' | (typeof COUNT_FIELDS)[number];

const FIELDS: Record<LayerRole, FieldKey[]> = {
  communities: ['code', 'name', ...COUNT_FIELDS],
  households: ['name', ...COUNT_FIELDS],
  facilities: ['code', 'name', 'type'],
  network: [],
  barriers: [],
};

/** Which layer the file becomes and which of its fields hold what; for facilities, each type
 *  value of the file mapped onto a catalogue type. File values are shown as text only. */
export function FieldMappingForm({ lang, fields, features, mapping, onChange }: Props) {
  const catalogue = useCatalogue();
  const setField = (k: FieldKey, v: string) => {
    const m: FieldMapping = { ...mapping };
    if (v) m[k] = v;
    else delete m[k];
    if (k === 'type') {
      if (v) m.typeValues = guessTypeValues(features, v, catalogue);
      else delete m.typeValues;
    }
    onChange(m);
  };
  const values = mapping.role === 'facilities' && mapping.type ? distinctValues(features, mapping.type) : [];
  // How many rows each type value has: the values left out are said with their counts.
  const counts = new Map<string, number>();
  if (values.length)
    for (const f of features) {
      const v = f.properties?.[mapping.type!];
      const key = v === undefined || v === null ? '' : String(v).trim();
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  const leftOut = values.filter((v) => !mapping.typeValues?.[v]);
  const g = features[0]?.geometry?.type;
  const buildings = mapping.role === 'households' && (g === 'Polygon' || g === 'MultiPolygon');
  const keys = buildings ? [...FIELDS.households, 'floors' as const] : FIELDS[mapping.role];
  const setNumber = (k: 'householdSize' | 'areaPerHousehold', v: string) => {
    const x = Number(v);
    if (x > 0) onChange({ ...mapping, [k]: x });
  };
  return (
    <div className="import-mapping">
      <label className="field">
        <span>{t(lang, 'importRole')}</span>
        <select
          data-testid="import-role"
          value={mapping.role}
          onChange={(e) => onChange(guessMapping(e.target.value as LayerRole, fields, features, catalogue))}
        >
          {LAYER_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(lang, `role_${r}` as StringKey)}
            </option>
          ))}
        </select>
      </label>
      <div className="import-fields">
        {keys.map((k) => (
          <label key={k} className="field">
            <span>{t(lang, `field_${k}` as StringKey)}</span>
            <select data-testid={`import-field-${k}`} value={mapping[k] ?? ''} onChange={(e) => setField(k, e.target.value)}>
              <option value="">{t(lang, 'fieldNone')}</option>
              {fields.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {mapping.householdSize !== undefined && (
        <div className="import-fields" data-testid="import-estimate">
          <label className="field">
            <span>{t(lang, 'householdSize')}</span>
            <input
              type="number"
              min="0.1"
              step="0.01"
              data-testid="import-household-size"
              defaultValue={mapping.householdSize}
              onChange={(e) => setNumber('householdSize', e.target.value)}
            />
          </label>
          {buildings && (
            <label className="field">
              <span>{t(lang, 'areaPerHousehold')}</span>
              <input
                type="number"
                min="1"
                step="1"
                data-testid="import-area-per-household"
                defaultValue={mapping.areaPerHousehold}
                onChange={(e) => setNumber('areaPerHousehold', e.target.value)}
              />
            </label>
          )}
          <p className="import-note">{t(lang, buildings ? 'estimateBuildings' : 'estimatePopulation')}</p>
        </div>
      )}
      {values.length > 0 && (
        <table className="import-types" data-testid="import-type-values">
          <caption>{t(lang, 'typeValues')}</caption>
          <tbody>
            {values.map((v) => (
              <tr key={v}>
                <td>{v}</td>
                <td className="num">{fmt(lang, counts.get(v) ?? 0)}</td>
                <td>
                  <select
                    value={mapping.typeValues?.[v] ?? ''}
                    data-value={v}
                    onChange={(e) => onChange({ ...mapping, typeValues: { ...mapping.typeValues, [v]: e.target.value } })}
                  >
                    <option value="">{t(lang, 'typeLeaveOut')}</option>
                    {catalogue.map((ft) => (
                      <option key={ft.code} value={ft.code}>
                        {lang === 'zh' ? ft.zh : ft.en}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {leftOut.length > 0 && (
        <p className="import-note" data-testid="import-left-out">
          {t(lang, 'typesLeftOut')}:{' '}
          {leftOut.map((v) => `${v || t(lang, 'typeEmpty')} (${fmt(lang, counts.get(v) ?? 0)})`).join(lang === 'zh' ? '、' : ', ')}
        </p>
      )}
    </div>
  );
}
