// The road-class table in the settings: per class walkable or not, the walking factor and the
// vehicle speed (each number through the one numeric boundary, core/limits.ts), reset to the
// defaults, and load/export as the JSON file the CLI's --road-profile takes (checked by the same
// core function, parseRoadClassTable). Class values of the loaded network that the table lacks
// are listed first with the default row they are travelled by; editing one adds it to the table.
import { useRef, useState } from 'react';
import {
  DEFAULT_ROAD_CLASS,
  DEFAULT_ROAD_CLASSES,
  lookupClass,
  parseRoadClassTable,
  type RoadClass,
  type RoadClassTable,
} from '../core/travel/road-class';
import { download } from './report/download';
import { NumberField } from './NumberField';
import { roadClassErrorText } from './roadClassText';
import { t, type Lang } from './i18n';

interface Props {
  lang: Lang;
  value: RoadClassTable;
  /** Class values of the loaded network. */
  present?: readonly string[];
  onChange: (t: RoadClassTable) => void;
}

export function RoadClassEditor({ lang, value, present = [], onChange }: Props) {
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const missing = [...new Set(present.map((c) => c.trim()).filter((c) => c && !lookupClass(value, c)))];
  const rows: RoadClassTable = { ...Object.fromEntries(missing.map((c) => [c, DEFAULT_ROAD_CLASS])), ...value };
  const set = (cls: string, patch: Partial<RoadClass>) => onChange({ ...value, [cls]: { ...rows[cls], ...patch } });
  const load = async (file: File) => {
    try {
      let json: unknown;
      try {
        json = JSON.parse(await file.text());
      } catch {
        throw new Error(t(lang, 'roadClassErrJson'));
      }
      onChange(parseRoadClassTable(json));
      setError(null);
    } catch (e) {
      setError(`${file.name}: ${roadClassErrorText(lang, e)}`);
    }
  };
  return (
    <section className="road-classes" aria-label={t(lang, 'roadClassTitle')} data-testid="road-classes">
      <h3>{t(lang, 'roadClassTitle')}</h3>
      <small>{t(lang, 'roadClassHint')}</small>
      <div className="road-class-scroll">
        <table>
          <thead>
            <tr>
              <th>{t(lang, 'roadClassName')}</th>
              <th>{t(lang, 'roadClassWalk')}</th>
              <th>{t(lang, 'roadClassWalkFactor')}</th>
              <th>{t(lang, 'roadClassVehicle')}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(rows).map(([cls, row]) => (
              <tr key={cls} data-class={cls} data-missing={missing.includes(cls) || undefined}>
                <th scope="row" title={missing.includes(cls) ? t(lang, 'roadClassMissing') : undefined}>
                  {cls}
                  {missing.includes(cls) && <small> {t(lang, 'roadClassMissingShort')}</small>}
                </th>
                <td>
                  <input
                    type="checkbox"
                    data-testid="road-class-walk"
                    aria-label={`${cls} ${t(lang, 'roadClassWalk')}`}
                    checked={row.walk}
                    onChange={(e) => set(cls, { walk: e.target.checked })}
                  />
                </td>
                <td>
                  <NumberField
                    lang={lang}
                    name="walkFactor"
                    value={row.walkFactor}
                    step={0.05}
                    onChange={(walkFactor) => set(cls, { walkFactor })}
                    testId="road-class-factor"
                  />
                </td>
                <td>
                  <NumberField
                    lang={lang}
                    name="vehicleKmh"
                    value={row.vehicleKmh}
                    step={5}
                    onChange={(vehicleKmh) => set(cls, { vehicleKmh })}
                    testId="road-class-kmh"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error && (
        <div className="error-inline" role="alert" data-testid="road-class-error">
          {error}
        </div>
      )}
      <div className="road-class-buttons">
        <button
          type="button"
          className="btn"
          data-testid="road-class-reset"
          onClick={() => {
            onChange(DEFAULT_ROAD_CLASSES);
            setError(null);
          }}
        >
          {t(lang, 'roadClassReset')}
        </button>
        <button type="button" className="btn" onClick={() => fileInput.current?.click()}>
          {t(lang, 'roadClassLoad')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="road-class-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void load(f);
          }}
        />
        <button
          type="button"
          className="btn"
          onClick={() => download(new TextEncoder().encode(JSON.stringify(value, null, 2)), 'road-classes.json', 'application/json')}
        >
          {t(lang, 'roadClassExport')}
        </button>
      </div>
    </section>
  );
}
