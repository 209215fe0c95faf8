import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AuthService } from '../../api/src/auth/auth.service';
import { BrowserSession } from '../support/browser-session';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(60_000);

const CSP =
  "default-src 'self';script-src 'self';script-src-attr 'none';style-src 'self';img-src 'self' data:;font-src 'self';" +
  "connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'";
const DEEP = `${'['.repeat(5000)}${']'.repeat(5000)}`;
const TOO_DEEP = 'The request body is nested too deeply: at most 32 levels of arrays and objects.';

describe('security headers, source maps and hostile bodies over HTTP', () => {
  let t: TestApp;
  let webDist: string;
  beforeAll(async () => {
    webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-web-'));
    fs.mkdirSync(path.join(webDist, 'assets'));
    fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><script type="module" src="/assets/index-abc.js"></script>');
    fs.writeFileSync(path.join(webDist, 'assets/index-abc.js'), 'console.log(1);\n//# sourceMappingURL=index-abc.js.map');
    fs.writeFileSync(path.join(webDist, 'assets/index-abc.js.map'), '{"version":3,"sources":["../src/main.tsx"]}');
    t = await startTestApp({ WEB_DIST: webDist, ADMIN_EMAIL: 'admin@ent.example.fr', ADMIN_PASSWORD: 'administrator passphrase' });
    await t.app.get(AuthService).ensureFirstAdmin();
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(webDist, { recursive: true, force: true });
  });

  const post = (p: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${t.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it.each([
    ['the web application', 'GET', '/'],
    ['a deep link of the web application', 'GET', '/territoires/70'],
    ['GraphQL', 'POST', '/graphql'],
    ['liveness', 'GET', '/healthz'],
  ])('sends the security headers on %s (%s %s)', async (_what, method, p) => {
    const res = await fetch(`${t.url}${p}`, method === 'POST' ? { method, headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' } : {});
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    // Plain HTTP: no HSTS.
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('sends HSTS only when the request came over HTTPS (through the local proxy)', async () => {
    const res = await fetch(`${t.url}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers.get('strict-transport-security')).toBe('max-age=15552000; includeSubDomains');
  });

  it('serves the scripts but never their source maps', async () => {
    expect((await fetch(`${t.url}/assets/index-abc.js`)).status).toBe(200);
    const map = await fetch(`${t.url}/assets/index-abc.js.map`);
    expect(map.status).toBe(404);
    expect(await map.text()).toBe('Not found.');
  });

  it('answers a 5,000-deep JSON body on /auth/login with a clear 400, and still signs in afterwards', async () => {
    const res = await post('/auth/login', DEEP);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'BAD_USER_INPUT', message: TOO_DEEP });
    const nested = await post('/auth/login', `{"email":"admin@ent.example.fr","password":${DEEP}}`);
    expect(nested.status).toBe(400);
    expect((await new BrowserSession(t.url).login('admin@ent.example.fr', 'administrator passphrase')).status).toBe(200);
  });

  it('answers a 5,000-deep JSON body on /graphql with a clear 400 GraphQL error, signed in or not', async () => {
    const anonymous = await post('/graphql', DEEP);
    expect(anonymous.status).toBe(400);
    expect(await anonymous.json()).toEqual({ errors: [{ message: TOO_DEEP, extensions: { code: 'BAD_USER_INPUT' } }] });

    const admin = new BrowserSession(t.url);
    await admin.login('admin@ent.example.fr', 'administrator passphrase');
    // Built as text: JSON.stringify itself cannot write a 5,000-deep value.
    const res = await post('/graphql', `{"query":"query($x: [String]) { me { email } }","variables":{"x":${DEEP}}}`, {
      cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: [{ message: TOO_DEEP, extensions: { code: 'BAD_USER_INPUT' } }] });
  });
});
