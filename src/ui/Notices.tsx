// The app's failure and warning notices over the map, stacked (texts from notices.ts).
import { t, type Lang } from './i18n';
import type { Notice } from './notices';

export function Notices({ lang, list, onDismiss }: { lang: Lang; list: Notice[]; onDismiss: (id: string) => void }) {
  if (!list.length) return null;
  return (
    <div className="notices">
      {list.map((n) => (
        <div key={n.id} className={n.kind} role={n.kind === 'error' ? 'alert' : 'status'} data-testid={n.id}>
          {n.text}
          {n.kind === 'notice' && (
            <button type="button" className="btn" onClick={() => onDismiss(n.id)}>
              {t(lang, 'close')}
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
