import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useSearchParams } from 'react-router';
import { safeNext } from '../auth/auth-api';
import { useSession } from '../auth/session';
import { PageLoading } from '../ui/PageStatus';
import { PATHS, signInUrl } from './paths';

/**
 * Pages behind sign-in: without a session, to the sign-in page with the URL kept as `?next=`;
 * with a one-time password, to the password change first.
 */
export function RequireSession({ children, passwordChange = false }: { children: ReactNode; passwordChange?: boolean }) {
  const { state, reload } = useSession();
  const location = useLocation();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  if (state.kind === 'loading') return <PageLoading />;
  if (state.kind === 'unreachable') {
    return (
      <div className="page-status" role="alert">
        <p>{t('sessionError')}</p>
        {/* A plain button: React Aria stays out of the first chunk (it comes with the pages). */}
        <button type="button" className="button" onClick={() => void reload()}>
          {t('retry')}
        </button>
      </div>
    );
  }
  if (state.kind === 'signed-out') {
    const here = passwordChange ? safeNext(params.get('next')) : `${location.pathname}${location.search}`;
    return <Navigate to={state.reason === 'signed-out' ? PATHS.signIn : signInUrl(here)} replace />;
  }
  if (state.user.mustChangePassword && !passwordChange) {
    return <Navigate to={`${PATHS.passwordChange}?next=${encodeURIComponent(`${location.pathname}${location.search}`)}`} replace />;
  }
  if (!state.user.mustChangePassword && passwordChange) return <Navigate to={safeNext(params.get('next'))} replace />;
  return <>{children}</>;
}
