import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { csrfHeaders } from '../auth/csrf';

/** Whether an Apollo error says the session is gone (HTTP 401 or `UNAUTHENTICATED`). */
export function isUnauthenticated(error: unknown): boolean {
  if (ServerError.is(error) && error.statusCode === 401) return true;
  return CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
}

/**
 * The GraphQL client of the signed-in application: same-origin cookies, the CSRF token on every
 * request (mutations need it), and a session that ended sends the person back to sign-in.
 */
export function createApolloClient(onUnauthenticated: () => void): ApolloClient {
  const csrf = new ApolloLink((operation, forward) => {
    operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({ headers: { ...headers, ...csrfHeaders() } }));
    return forward(operation);
  });
  const expiry = new ErrorLink(({ error }) => {
    if (isUnauthenticated(error)) onUnauthenticated();
  });
  return new ApolloClient({
    link: ApolloLink.from([expiry, csrf, new HttpLink({ uri: '/graphql', credentials: 'same-origin' })]),
    cache: new InMemoryCache(),
  });
}
