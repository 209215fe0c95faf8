import { lazy, Suspense } from 'react';
import type { i18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { SessionProvider } from '../auth/session';
import { PageLoading } from '../ui/PageStatus';
import { PATHS } from './paths';
import { RequireSession } from './RequireSession';

// Each page is its own chunk: the sign-in page loads neither Apollo nor the signed-in shell.
const SignInPage = lazy(() => import('../features/sign-in/components/SignInPage').then((m) => ({ default: m.SignInPage })));
const PasswordChangePage = lazy(() => import('../features/password-change/components/PasswordChangePage').then((m) => ({ default: m.PasswordChangePage })));
const SignedInApp = lazy(() => import('./SignedInApp').then((m) => ({ default: m.SignedInApp })));

export function App({ i18n }: { i18n: i18n }) {
  return (
    <I18nextProvider i18n={i18n}>
      <SessionProvider>
        <BrowserRouter>
          <Suspense fallback={<PageLoading />}>
            <Routes>
              <Route path={PATHS.signIn} element={<SignInPage />} />
              <Route
                path={PATHS.passwordChange}
                element={
                  <RequireSession passwordChange>
                    <PasswordChangePage />
                  </RequireSession>
                }
              />
              <Route
                path="*"
                element={
                  <RequireSession>
                    <SignedInApp />
                  </RequireSession>
                }
              />
            </Routes>
          </Suspense>
        </BrowserRouter>
      </SessionProvider>
    </I18nextProvider>
  );
}
