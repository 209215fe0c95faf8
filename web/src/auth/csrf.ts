/** The CSRF cookie set at sign-in (readable by this page's script only, see the root README). */
export const CSRF_COOKIE = 'ent_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

/** The CSRF token in a `document.cookie` string, or undefined when there is none. */
export function readCsrfToken(cookies: string = document.cookie): string | undefined {
  for (const part of cookies.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** Headers of a request that changes data: the CSRF token echoed from its cookie. */
export function csrfHeaders(cookies?: string): Record<string, string> {
  const token = readCsrfToken(cookies);
  return token ? { [CSRF_HEADER]: token } : {};
}
