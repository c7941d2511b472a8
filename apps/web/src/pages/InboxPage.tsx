import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { path } from '../api/endpoints';
import type { InboxPage as Inbox, NotificationPreference } from '../api/types';
import { Loading, ProblemAlert } from '../components/ProblemAlert';
import { formatDateTime } from '../format';
import { useT } from '../i18n';

const changed = () => window.dispatchEvent(new Event('inbox-changed'));

export function InboxPage() {
  const { t, tx } = useT();
  const [page, setPage] = useState<Inbox | null>(null);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(() => {
    api.get<Inbox>('/api/v1/me/notifications', { limit: 100, unread: unreadOnly || undefined }).then(setPage, setError);
  }, [unreadOnly]);
  useEffect(reload, [reload]);

  const markRead = async (id: string) => {
    await api.post(path('/api/v1/me/notifications/{id}/read', { id })).catch(setError);
    changed();
    reload();
  };
  const readAll = async () => {
    await api.post('/api/v1/me/notifications/read-all').catch(setError);
    changed();
    reload();
  };

  return (
    <section className="page" aria-labelledby="inbox-title">
      <div className="page-head">
        <h1 id="inbox-title">{t('inbox.title')}</h1>
        <div className="buttons">
          <label className="check">
            <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} data-testid="inbox-unread-only" /> {t('inbox.unreadOnly')}
          </label>
          <button type="button" className="btn" onClick={readAll} disabled={!page?.unreadCount} data-testid="inbox-read-all">
            {t('inbox.readAll')}
          </button>
        </div>
      </div>
      <ProblemAlert error={error} />
      {!page && !error && <Loading />}
      {page && !page.items.length && <p className="muted">{t('inbox.empty')}</p>}
      <ul className="plain inbox" data-testid="inbox">
        {page?.items.map((n) => (
          <li key={n.id} className={`card notice notice--${n.kind}${n.readAt ? '' : ' notice--unread'}${n.closed ? ' notice--closed' : ''}`} data-testid="notification" data-kind={n.kind} data-closed={n.closed || undefined}>
            <div className="notice-head">
              <strong>{tx(n.subject)}</strong>
              {n.closed && <span className="badge" data-testid="notification-closed">{t('inbox.closed')}</span>}
              <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
            </div>
            <p>{tx(n.body)}</p>
            <div className="buttons">
              <Link to={`/decisions/${n.decisionId}`} onClick={() => !n.readAt && void markRead(n.id)}>
                {t('inbox.open')}
              </Link>
              {!n.readAt && (
                <button type="button" className="btn btn--small" onClick={() => void markRead(n.id)} data-testid="notification-read">
                  {t('inbox.markRead')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <Preferences onError={setError} />
    </section>
  );
}

/** The user's channels per kind of notice: inbox and e-mail, each a checkbox saved at once. */
function Preferences({ onError }: { onError: (e: unknown) => void }) {
  const { t, tx } = useT();
  const [items, setItems] = useState<NotificationPreference[] | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    api.get<{ items: NotificationPreference[] }>('/api/v1/me/notification-preferences').then((r) => setItems(r.items), onError);
  }, [onError]);
  const change = async (p: NotificationPreference, channel: 'inbox' | 'email', on: boolean) => {
    setSaved(false);
    try {
      const r = await api.put<{ items: NotificationPreference[] }>('/api/v1/me/notification-preferences', {
        preferences: [{ kind: p.kind, inbox: p.inbox, email: p.email, [channel]: on }],
      });
      setItems(r.items);
      setSaved(true);
    } catch (e) {
      onError(e);
    }
  };
  if (!items) return null;
  return (
    <details className="card" data-testid="notification-preferences">
      <summary>{t('inbox.preferences')}</summary>
      <table className="table">
        <thead>
          <tr><th scope="col">{t('inbox.kind')}</th><th scope="col">{t('inbox.channelInbox')}</th><th scope="col">{t('inbox.channelEmail')}</th></tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.kind} data-kind={p.kind}>
              <th scope="row">{tx(p.label)}</th>
              {(['inbox', 'email'] as const).map((c) => (
                <td key={c}>
                  <input type="checkbox" checked={p[c]} onChange={(e) => void change(p, c, e.target.checked)}
                    aria-label={`${tx(p.label)}: ${t(c === 'inbox' ? 'inbox.channelInbox' : 'inbox.channelEmail')}`} data-testid={`pref-${p.kind}-${c}`} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p role="status" className="muted">{saved ? t('inbox.preferencesSaved') : ''}</p>
    </details>
  );
}
