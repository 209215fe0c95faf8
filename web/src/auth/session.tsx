import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { fetchSession, logout } from './auth-api';
import type { SessionUser } from './session-user';

export type SessionState =
  | { kind: 'loading' }
  | { kind: 'signed-in'; user: SessionUser }
  | { kind: 'signed-out'; reason?: 'expired' | 'signed-out' }
  | { kind: 'unreachable' };

interface SessionContextValue {
  state: SessionState;
  /** After a successful sign-in or password change. */
  signedIn(user: SessionUser): void;
  /** The API said 401: the session ended (idle, maximum age, revoked). */
  expired(): void;
  signOut(): Promise<void>;
  reload(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

/** Asks `/auth/session` once at load, then follows sign-in, sign-out and expiry. */
export function SessionProvider({ children, initial }: { children: ReactNode; initial?: SessionState }) {
  const [state, setState] = useState<SessionState>(initial ?? { kind: 'loading' });
  const reload = useCallback(async () => {
    const user = await fetchSession();
    setState(user === undefined ? { kind: 'unreachable' } : user === null ? { kind: 'signed-out' } : { kind: 'signed-in', user });
  }, []);
  useEffect(() => {
    if (!initial) void reload();
  }, [initial, reload]);
  const signedIn = useCallback((user: SessionUser) => setState({ kind: 'signed-in', user }), []);
  const expired = useCallback(() => setState((s) => (s.kind === 'signed-in' ? { kind: 'signed-out', reason: 'expired' } : s)), []);
  const signOut = useCallback(async () => {
    await logout();
    setState({ kind: 'signed-out', reason: 'signed-out' });
  }, []);
  const value = useMemo<SessionContextValue>(() => ({ state, signedIn, expired, signOut, reload }), [state, signedIn, expired, signOut, reload]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user (only inside pages that require a session). */
export function useSignedInUser(): SessionUser {
  const { state } = useSession();
  if (state.kind !== 'signed-in') throw new Error('useSignedInUser without a session');
  return state.user;
}
