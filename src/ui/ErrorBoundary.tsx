// The last line of defence: a render failure anywhere below becomes a message with a way back
// (export the saved project, reset to the demo, reload) instead of a blank page.
import { Component, type ReactNode } from 'react';
import { clearSavedProject, savedProjectText } from '../analysis/projectStore';
import { downloadProjectText } from './project/projectDownload';
import { t, type Lang } from './i18n';

interface State {
  error: Error | null;
  /** The saved project's text, read once the error is shown (null: none saved). */
  saved: string | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null, saved: null };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidCatch(error: unknown): void {
    console.warn('render failed:', error);
    savedProjectText().then(
      (saved) => this.setState({ saved }),
      () => {},
    );
  }

  private exportProject = () => {
    if (this.state.saved !== null) downloadProjectText(this.state.saved);
  };

  private reset = () => {
    // The link's own state may be what broke the page: start from the bare address.
    clearSavedProject()
      .catch(() => {})
      .finally(() => {
        location.href = location.pathname;
      });
  };

  render(): ReactNode {
    const { error, saved } = this.state;
    if (!error) return this.props.children;
    const lang: Lang = document.documentElement.lang === 'en' ? 'en' : 'zh';
    return (
      <div className="crash" role="alert" data-testid="crash">
        <h1>{t(lang, 'crashTitle')}</h1>
        <p>{t(lang, 'crashText')}</p>
        <pre>{error.message.slice(0, 300)}</pre>
        <div className="dialog-buttons">
          {saved !== null && (
            <button type="button" className="btn" data-testid="crash-export" onClick={this.exportProject}>
              {t(lang, 'exportProject')}
            </button>
          )}
          <button type="button" className="btn primary" data-testid="crash-reset" onClick={this.reset}>
            {t(lang, 'resetDemo')}
          </button>
          <button type="button" className="btn" onClick={() => location.reload()}>
            {t(lang, 'crashReload')}
          </button>
        </div>
      </div>
    );
  }
}
