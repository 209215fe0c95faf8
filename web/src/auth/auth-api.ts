import { csrfHeaders } from './csrf';
import type { SessionUser } from './session-user';

/**
 * The REST sign-in routes of the API (`/auth/*`), each answer turned into a typed outcome the
 * pages can show: nothing here throws for a refusal, only for a bug.
 */
export type LoginOutcome =
  | { kind: 'signed-in'; user: SessionUser }
  | { kind: 'invalid-credentials' }
  | { kind: 'locked'; retryAfterSeconds?: number }
  | { kind: 'refused'; message: string }
  | { kind: 'network' };

export type PasswordOutcome =
  | { kind: 'changed' }
  | { kind: 'wrong-current' }
  | { kind: 'locked'; retryAfterSeconds?: number }
  | { kind: 'refused'; message: string }
  | { kind: 'signed-out' }
  | { kind: 'network' };

export interface SignInMethods {
  password: boolean;
  oidc: boolean;
}

/** Where single sign-on starts (a full-page navigation to the identity provider). */
export const OIDC_LOGIN_URL = '/auth/oidc/login';

async function send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response | undefined> {
  try {
    return await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(method === 'POST' ? csrfHeaders() : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return undefined;
  }
}

function retryAfter(res: Response): number | undefined {
  const v = Number(res.headers.get('retry-after'));
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

async function messageOf(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { message?: string | string[] };
    return Array.isArray(body.message) ? body.message.join(' ') : (body.message ?? `HTTP ${res.status}`);
  } catch {
    return `HTTP ${res.status}`;
  }
}

export async function login(email: string, password: string): Promise<LoginOutcome> {
  const res = await send('POST', '/auth/login', { email, password });
  if (!res) return { kind: 'network' };
  if (res.ok) return { kind: 'signed-in', user: ((await res.json()) as { user: SessionUser }).user };
  if (res.status === 401) return { kind: 'invalid-credentials' };
  if (res.status === 429) return { kind: 'locked', retryAfterSeconds: retryAfter(res) };
  if (res.status >= 500) return { kind: 'network' };
  return { kind: 'refused', message: await messageOf(res) };
}

/** The current session's user, null when signed out; undefined when the service does not answer. */
export async function fetchSession(): Promise<SessionUser | null | undefined> {
  const res = await send('GET', '/auth/session');
  if (!res || res.status >= 500) return undefined;
  if (!res.ok) return null;
  return ((await res.json()) as { user: SessionUser }).user;
}

export async function logout(): Promise<void> {
  await send('POST', '/auth/logout');
}

export async function changePassword(current: string, next: string): Promise<PasswordOutcome> {
  const res = await send('POST', '/auth/password', { current, next });
  if (!res || res.status >= 500) return { kind: 'network' };
  if (res.ok) return { kind: 'changed' };
  if (res.status === 401) return { kind: 'signed-out' };
  if (res.status === 429) return { kind: 'locked', retryAfterSeconds: retryAfter(res) };
  const message = await messageOf(res);
  if (message.startsWith('The current password')) return { kind: 'wrong-current' };
  return { kind: 'refused', message };
}

/** How one may sign in here; the password form only when the answer does not come. */
export async function fetchSignInMethods(): Promise<SignInMethods> {
  const res = await send('GET', '/auth/methods');
  if (!res?.ok) return { password: true, oidc: false };
  return (await res.json()) as SignInMethods;
}

/**
 * Where to go after signing in: a path of this application only (`?next=/x?y`), never another
 * site (`//evil`, `https://…`) nor the sign-in pages themselves.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (/^\/(connexion|mot-de-passe)(\/|\?|$)/.test(next)) return '/';
  return next;
}
