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

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(() => loadSession<LoginResponse>()?.user ?? null);

  const logout = useCallback(() => {
    clearSession();
    setUser(null);
  }, []);

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
