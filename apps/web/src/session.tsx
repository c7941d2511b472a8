import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, clearSession, loadSession, onUnauthorized, storeSession } from './api/client';
import { ENDPOINTS } from './api/endpoints';
import type { LoginResponse, SessionUser } from './api/types';

interface Session {
  user: SessionUser | null;
  login: (username: string, password: string) => Promise<SessionUser>;
  logout: () => void;
}

const SessionContext = createContext<Session | null>(null);
const LOGIN = ENDPOINTS[0][1];

type Message = { type: 'ask' } | { type: 'session'; session: LoginResponse } | { type: 'logout' };

/**
 * The tabs of one browser share the session: a new tab asks the open ones for it (the token stays in
 * sessionStorage, per tab, never in localStorage), and signing out in one tab signs out them all.
 */
function sessionChannel(): BroadcastChannel | null {
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('phancap.session');
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(() => loadSession<LoginResponse>()?.user ?? null);

  const [channel] = useState(sessionChannel);

  const logout = useCallback(() => {
    clearSession();
    setUser(null);
    channel?.postMessage({ type: 'logout' } satisfies Message);
  }, [channel]);

  useEffect(() => {
    if (!channel) return;
    channel.onmessage = (e: MessageEvent<Message>) => {
      const m = e.data;
      const mine = loadSession<LoginResponse>();
      if (m.type === 'ask' && mine) channel.postMessage({ type: 'session', session: mine } satisfies Message);
      else if (m.type === 'session' && !mine && m.session?.user) {
        storeSession(m.session);
        setUser(m.session.user);
      } else if (m.type === 'logout' && mine) {
        clearSession();
        setUser(null);
      }
    };
    if (!loadSession<LoginResponse>()) channel.postMessage({ type: 'ask' } satisfies Message);
    return () => {
      channel.onmessage = null;
    };
  }, [channel]);
  useEffect(() => () => channel?.close(), [channel]);

  useEffect(() => {
    onUnauthorized(logout);
    return () => onUnauthorized(undefined);
  }, [logout]);

  const login = useCallback(async (username: string, password: string) => {
    const res = await api.post<LoginResponse>(LOGIN, { username, password });
    storeSession(res);
    setUser(res.user);
    return res.user;
  }, []);

  const value = useMemo(() => ({ user, login, logout }), [user, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in user (only under a route that requires one). */
export function useUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('no user');
  return user;
}
