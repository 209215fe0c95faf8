/**
 * A minimal browser for API tests: keeps the cookies the server sets and, like the web
 * application, echoes the CSRF cookie in the X-CSRF-Token header (unless told not to).
 */
export class BrowserSession {
  readonly cookies = new Map<string, string>();
  sendCsrf = true;

  constructor(readonly baseUrl: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = pair.split('=');
      const value = rest.join('=');
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size) h.cookie = this.cookieHeader();
    if (body !== undefined) h['content-type'] = 'application/json';
    const csrf = this.cookies.get('ent_csrf');
    if (this.sendCsrf && csrf && !('x-csrf-token' in h)) h['x-csrf-token'] = csrf;
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
    this.remember(res);
    return res;
  }

  async login(email: string, password: string): Promise<Response> {
    return this.request('POST', '/auth/login', { email, password });
  }

  /** Runs a GraphQL operation; returns the HTTP status and the parsed body. */
  async graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
    const res = await this.request('POST', '/graphql', { query, variables }, headers);
    return { status: res.status, headers: res.headers, body: (await res.json()) as { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
  }
}
