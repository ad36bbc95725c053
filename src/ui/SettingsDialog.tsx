import { useEffect, useState } from 'react';
import { t, type Lang } from './i18n';

interface Props {
  lang: Lang;
  tileUrl: string;
  onApply: (url: string) => void;
  onClose: () => void;
}

/** Optional raster basemap URL (stored by the caller in localStorage). */
export function SettingsDialog({ lang, tileUrl, onApply, onClose }: Props) {
  const [value, setValue] = useState(tileUrl);
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
        <div className="dialog-buttons">
          <button type="button" className="btn" onClick={onClose}>
            {t(lang, 'close')}
          </button>
          <button
            type="button"
            className="btn primary"
            onClick={() => {
              onApply(value.trim());
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
