import { useCallback, useEffect, useState } from 'react';
import { NavLink, useLocation } from 'react-router-dom';
import { api } from '../api/client';
import type { InboxPage, Role } from '../api/types';
import { adminText } from '../features/admin/messages';
import { useT } from '../i18n';
import { useReference } from '../reference';
import { useSession } from '../session';

export const canPropose = (role: Role) => role === 'proposer';
export const canAudit = (role: Role) => role === 'auditor' || role === 'admin';
export const canAdminister = (role: Role) => role === 'admin';

/** Unread count of the inbox, refreshed on navigation, every minute and on the "inbox-changed" event. */
function useUnread(): number {
  const [n, setN] = useState(0);
  const location = useLocation();
  const refresh = useCallback(() => {
    api.get<InboxPage>('/api/v1/me/notifications', { unread: true, limit: 1 }).then((p) => setN(p.unreadCount), () => undefined);
  }, []);
  useEffect(refresh, [refresh, location.pathname]);
  useEffect(() => {
    const id = setInterval(refresh, 60_000);
    window.addEventListener('inbox-changed', refresh);
    return () => {
      clearInterval(id);
      window.removeEventListener('inbox-changed', refresh);
    };
  }, [refresh]);
  return n;
}

export function Header() {
  const { t, lang, setLang } = useT();
  const { user, logout } = useSession();
  const ref = useReference();
  const unread = useUnread();
  if (!user) return null;
  return (
    <header className="site-header">
      <div className="brand-bar">
        <div className="brand">
          <span className="emblem" aria-hidden="true">★</span>
          <div>
            <div className="brand-name">{t('appName')}</div>
            <div className="brand-sub">{t('appSubtitle')}</div>
          </div>
        </div>
        <div className="user-box" data-testid="current-user">
          <div className="user-name" data-testid="current-user-name">{user.displayName}</div>
          <div className="user-meta">
            <span data-testid="current-user-body">{ref.bodyName(user.bodyId)}</span> ·{' '}
            <span data-testid="current-user-role">{t(`role.${user.role}` as Parameters<typeof t>[0])}</span>
          </div>
        </div>
        <div className="header-tools">
          <button
            type="button"
            className="btn btn--ghost"
            onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
            title={t('switchLangLabel')}
            lang={lang === 'vi' ? 'en' : 'vi'}
            data-testid="lang-switch"
          >
            {t('switchLang')}
          </button>
          <button type="button" className="btn btn--ghost" onClick={logout} data-testid="logout">
            {t('logout')}
          </button>
        </div>
      </div>
      <nav className="main-nav" aria-label={t('nav.menu')}>
        <NavLink to="/" end data-testid="nav-board">{t('nav.board')}</NavLink>
        <NavLink to="/work" data-testid="nav-work">{t('nav.work')}</NavLink>
        {canPropose(user.role) && <NavLink to="/proposals/new" data-testid="nav-new">{t('nav.new')}</NavLink>}
        <NavLink to="/inbox" data-testid="nav-inbox">
          {t('nav.inbox')}{' '}
          <span className={`count${unread ? ' count--hot' : ''}`} data-testid="unread-count" aria-label={t('unread', { n: unread })}>
            {unread}
          </span>
        </NavLink>
        <NavLink to="/registry" data-testid="nav-registry">{t('nav.registry')}</NavLink>
        <NavLink to="/dashboard" data-testid="nav-dashboard">{t('nav.dashboard')}</NavLink>
        {canAudit(user.role) && <NavLink to="/audit" data-testid="nav-audit">{t('nav.audit')}</NavLink>}
        {canAdminister(user.role) && <NavLink to="/admin/users" data-testid="nav-users">{adminText(lang, 'nav.users')}</NavLink>}
        {canAdminister(user.role) && <NavLink to="/admin/calendar" data-testid="nav-calendar">{adminText(lang, 'nav.calendar')}</NavLink>}
      </nav>
    </header>
  );
}
