import { useEffect, useState } from 'react';
import { t, type Lang } from './i18n';
import { DEFAULT_ROAD_CLASSES, parseRoadClassTable, type RoadClassTable } from '../core/travel/road-class';
import { RoadClassEditor } from './RoadClassEditor';
import { roadClassErrorText } from './roadClassText';

interface Props {
  lang: Lang;
  tileUrl: string;
  onApply: (url: string) => void;
  /** The road-class table in use (absent: the default one). */
  roadClasses?: RoadClassTable;
  /** The class values of the loaded network (those the table lacks are offered as rows). */
  networkClasses?: readonly string[];
  onApplyRoadClasses: (t: RoadClassTable) => void;
  onClose: () => void;
}

/** Optional raster basemap URL (stored by the caller in localStorage) and the road-class table
 *  (the analysis settings'). */
export function SettingsDialog({ lang, tileUrl, onApply, roadClasses, networkClasses, onApplyRoadClasses, onClose }: Props) {
  const [value, setValue] = useState(tileUrl);
  const [classes, setClasses] = useState(roadClasses ?? DEFAULT_ROAD_CLASSES);
  const [classError, setClassError] = useState<string | null>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-label={t(lang, 'settingsTitle')}
        data-testid="settings-dialog"
        onClick={(e) => e.stopPropagation()}
      >
        <h2>{t(lang, 'settingsTitle')}</h2>
        <label className="field">
          <span>{t(lang, 'tileUrl')}</span>
          <input type="url" value={value} placeholder="https://…/{z}/{x}/{y}.png" onChange={(e) => setValue(e.target.value)} />
          <small>{t(lang, 'tileUrlHint')}</small>
        </label>
        <RoadClassEditor
          lang={lang}
          value={classes}
          present={networkClasses}
          onChange={(c) => {
            setClasses(c);
            setClassError(null);
          }}
        />
        {classError && (
          <div className="error-inline" role="alert">
            {classError}
          </div>
        )}
        <div className="dialog-buttons">
          <button type="button" className="btn" onClick={onClose}>
            {t(lang, 'close')}
          </button>
          <button
            type="button"
            className="btn primary"
            data-testid="settings-apply"
            onClick={() => {
              let table: RoadClassTable;
              try {
                table = parseRoadClassTable(classes);
              } catch (e) {
                setClassError(roadClassErrorText(lang, e));
                return;
              }
              onApply(value.trim());
              onApplyRoadClasses(table);
              onClose();
            }}
          >
            {t(lang, 'apply')}
          </button>
        </div>
      </div>
    </div>
  );
}
