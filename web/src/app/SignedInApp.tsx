import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { ApolloProvider } from '@apollo/client/react';
import { Route, Routes } from 'react-router';
import { useSession, useSignedInUser } from '../auth/session';
import { PageLoading } from '../ui/PageStatus';
import { createApolloClient } from './apollo-client';
import { AppShell } from './AppShell';
import { mayOpen, type NavPage } from './navigation';
import { NotAllowedPage } from '../features/not-allowed/components/NotAllowedPage';
import { NotFoundPage } from '../features/not-allowed/components/NotFoundPage';

const OverviewPage = lazy(() => import('../features/overview/components/OverviewPage').then((m) => ({ default: m.OverviewPage })));
const AdministrationPage = lazy(() => import('../features/administration/components/AdministrationPage').then((m) => ({ default: m.AdministrationPage })));

/** A page of the navigation, or the "not allowed" page (at the same URL) for the other roles. */
function RequirePage({ id, children }: { id: NavPage['id']; children: ReactNode }) {
  const user = useSignedInUser();
  return mayOpen(user.role, id) ? <>{children}</> : <NotAllowedPage />;
}

/** Everything behind sign-in: one GraphQL client per session, the shell, the pages. */
export function SignedInApp() {
  const { expired } = useSession();
  const client = useMemo(() => createApolloClient(expired), [expired]);
  return (
    <ApolloProvider client={client}>
      <AppShell>
        <Suspense fallback={<PageLoading />}>
          <Routes>
            <Route
              index
              element={
                <RequirePage id="overview">
                  <OverviewPage />
                </RequirePage>
              }
            />
            <Route
              path="administration"
              element={
                <RequirePage id="administration">
                  <AdministrationPage />
                </RequirePage>
              }
            />
            <Route path="non-autorise" element={<NotAllowedPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </AppShell>
    </ApolloProvider>
  );
}
