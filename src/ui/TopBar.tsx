import type { ReactNode } from 'react';
import { t, type Lang } from './i18n';

interface Props {
  lang: Lang;
  onToggleLang: () => void;
  onOpenSettings: () => void;
  /** The side panel (a bottom sheet on a phone) is open; the toggle collapses or opens it. */
  panelOpen: boolean;
  onTogglePanel: () => void;
  /** Extra buttons (the meeting tools). */
  children?: ReactNode;
}

/** Title bar: product name, synthetic-data badge, settings and language buttons. */
export function TopBar({ lang, onToggleLang, onOpenSettings, panelOpen, onTogglePanel, children }: Props) {
  return (
    <header className="topbar">
      <button
        type="button"
        className="btn panel-toggle"
        aria-expanded={panelOpen}
        aria-controls="side-panel"
        title={t(lang, panelOpen ? 'panelHide' : 'panelShow')}
        data-testid="panel-toggle"
        onClick={onTogglePanel}
      >
        <span aria-hidden="true">☰</span> {t(lang, 'panel')}
      </button>
      <div className="brand">
        <span className="logo" aria-hidden="true" />
        <h1>{t(lang, 'title')}</h1>
        <span className="subtitle">{t(lang, 'subtitle')}</span>
      </div>
      <span className="badge" title={t(lang, 'demoBadgeHint')} data-testid="demo-badge">
        {t(lang, 'demoBadge')}
      </span>
      <div className="spacer" />
      <div className="topbar-actions">
        {children}
        <button type="button" className="btn" onClick={onOpenSettings} data-testid="settings-btn">
          {t(lang, 'settingsTitle')}
        </button>
        <button type="button" className="btn" onClick={onToggleLang} title={t(lang, 'languageHint')} data-testid="lang-toggle">
          {t(lang, 'language')}
        </button>
      </div>
    </header>
  );
}
