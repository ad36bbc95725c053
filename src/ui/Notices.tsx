// The app's failure and warning notices over the map, stacked (texts from notices.ts).
import { t, type Lang } from './i18n';
import type { Notice } from './notices';

export function Notices({
  lang,
  list,
  onDismiss,
  onAction,
}: {
  lang: Lang;
  list: Notice[];
  onDismiss: (id: string) => void;
  onAction: (action: NonNullable<Notice['action']>) => void;
}) {
  if (!list.length) return null;
  return (
    <div className="notices">
      {list.map((n) => (
        <div key={n.id} className={n.kind} role={n.kind === 'error' ? 'alert' : 'status'} data-testid={n.id}>
          {n.text}
          {n.action && <ActionButton lang={lang} action={n.action} onAction={onAction} />}
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

function ActionButton({
  lang,
  action,
  onAction,
}: {
  lang: Lang;
  action: NonNullable<Notice['action']>;
  onAction: (action: NonNullable<Notice['action']>) => void;
}) {
  return (
    <button type="button" className="btn" data-testid={action} onClick={() => onAction(action)}>
      {t(lang, 'exportUnreadableProject')}
    </button>
  );
}
