import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { path } from '../api/endpoints';
import type { InboxPage as Inbox } from '../api/types';
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
          <li key={n.id} className={`card notice notice--${n.kind}${n.readAt ? '' : ' notice--unread'}`} data-testid="notification" data-kind={n.kind}>
            <div className="notice-head">
              <strong>{tx(n.subject)}</strong>
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
    </section>
  );
}
