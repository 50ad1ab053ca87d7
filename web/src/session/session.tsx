import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import {
  api,
  endSession,
  type LoginResponse,
  onSessionEnded,
  refreshSession,
  setAccessToken,
  unwrap,
  type User,
} from '../api/client';

export type SessionState =
  | { status: 'restoring' }
  | { status: 'anonymous'; ended: boolean }
  | { status: 'authenticated'; user: User };

interface SessionContextValue {
  state: SessionState;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/**
 * The logged-in user. On load the session is restored through the refresh cookie (a reload keeps
 * the counter tablet logged in); the access token stays in memory (api/client.ts).
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'restoring' });
  const queryClient = useQueryClient();

  useEffect(() => {
    let current = true;
    void refreshSession().then((session) => {
      if (current)
        setState(
          session
            ? { status: 'authenticated', user: session.user }
            : { status: 'anonymous', ended: false },
        );
    });
    onSessionEnded(() => {
      queryClient.clear();
      setState({ status: 'anonymous', ended: true });
    });
    return () => {
      current = false;
      onSessionEnded(null);
    };
  }, [queryClient]);

  const login = useCallback(
    async (email: string, password: string) => {
      const session: LoginResponse = unwrap(
        await api.POST('/api/v1/auth/login', { body: { email, password } }),
      );
      setAccessToken(session.accessToken);
      queryClient.clear();
      setState({ status: 'authenticated', user: session.user });
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    await endSession();
    queryClient.clear();
    setState({ status: 'anonymous', ended: false });
  }, [queryClient]);

  const value = useMemo(() => ({ state, login, logout }), [state, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}

/** The logged-in user; only inside pages that require one. */
export function useUser(): User {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useUser without a logged-in user');
  return state.user;
}
