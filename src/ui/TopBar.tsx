import type { ReactNode } from 'react';
import { t, type Lang } from './i18n';

interface Props {
  lang: Lang;
  onToggleLang: () => void;
  onOpenSettings: () => void;
  /** Extra buttons (the meeting tools). */
  children?: ReactNode;
}

/** Title bar: product name, synthetic-data badge, settings and language buttons. */
export function TopBar({ lang, onToggleLang, onOpenSettings, children }: Props) {
  return (
    <header className="topbar">
      <div className="brand">
        <span className="logo" aria-hidden="true" />
        <h1>{t(lang, 'title')}</h1>
        <span className="subtitle">{t(lang, 'subtitle')}</span>
      </div>
      <span className="badge" title={t(lang, 'demoBadgeHint')} data-testid="demo-badge">{t(lang, 'demoBadge')}</span>
      <div className="spacer" />
      {children}
      <button type="button" className="btn" onClick={onOpenSettings}>{t(lang, 'settingsTitle')}</button>
      <button type="button" className="btn" onClick={onToggleLang} title={t(lang, 'languageHint')} data-testid="lang-toggle">
        {t(lang, 'language')}
      </button>
    </header>
  );
}
