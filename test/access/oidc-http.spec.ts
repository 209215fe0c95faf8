import { AuthService } from '../../api/src/auth/auth.service';
import { BrowserSession } from '../support/browser-session';
import { MiniOidcProvider } from '../support/mini-oidc-provider';
import { freePort } from '../support/product-process';
import { startTestApp, type TestApp } from '../support/test-app';
import { RELATIONAL_TARGETS, type RelationalTarget } from '../support/test-stores';

jest.setTimeout(60_000);

describe.each(RELATIONAL_TARGETS)('single sign-on through the application ($name)', (target) => {
  const provider = new MiniOidcProvider('observatoire', 'sso-secret');
  let t: TestApp;
  /** A second API process on the same relational store, as behind a load balancer. */
  let other: TestApp;

  beforeAll(async () => {
    await provider.start();
    const port = await freePort();
    const sso = {
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: 'observatoire',
      OIDC_CLIENT_SECRET: 'sso-secret',
      OIDC_REDIRECT_URL: `http://127.0.0.1:${port}/auth/oidc/callback`,
    };
    t = await startTestApp({ PORT: String(port), ...sso }, target);
    const sameStore: RelationalTarget = { name: target.name, create: async () => ({ config: t.config.relational, cleanup: async () => undefined }) };
    other = await startTestApp(sso, sameStore);
    await t.app.get(AuthService).createUser({
      email: 'dane@ac-clermont.fr',
      displayName: 'DANE Clermont',
      role: 'rectorate',
      territories: [{ level: 'academie', code: '06' }],
    });
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
    await provider.stop();
  });

  it('tells the sign-in page, before any session, that single sign-on is offered', async () => {
    const res = await new BrowserSession(t.url).request('GET', '/auth/methods');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ password: true, oidc: true });
  });

  it('signs a person in through the identity provider and maps them by e-mail', async () => {
    provider.nextUser = { sub: 'idp-77', email: 'DANE@ac-clermont.fr', email_verified: true };
    const browser = new BrowserSession(t.url);
    const start = await browser.request('GET', '/auth/oidc/login');
    expect(start.status).toBe(302);
    const atProvider = new URL(start.headers.get('location') as string);
    expect(atProvider.origin).toBe(provider.issuer);
    const back = await fetch(atProvider, { redirect: 'manual' });
    const callback = new URL(back.headers.get('location') as string);
    const done = await browser.request('GET', `${callback.pathname}${callback.search}`);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/');
    const me = await browser.graphql('{ me { email role territories { level code } } }');
    expect(me.body).toEqual({ data: { me: { email: 'dane@ac-clermont.fr', role: 'rectorate', territories: [{ level: 'academie', code: '06' }] } } });
  });

  it('answers 403 with the reason for a person who has no account', async () => {
    provider.nextUser = { sub: 'idp-78', email: 'inconnu@ac-clermont.fr', email_verified: true };
    const browser = new BrowserSession(t.url);
    const start = await browser.request('GET', '/auth/oidc/login');
    const back = await fetch(new URL(start.headers.get('location') as string), { redirect: 'manual' });
    const callback = new URL(back.headers.get('location') as string);
    const done = await browser.request('GET', `${callback.pathname}${callback.search}`);
    expect(done.status).toBe(403);
    expect(await done.json()).toEqual({ error: 'FORBIDDEN', message: 'No active account for inconnu@ac-clermont.fr: ask an administrator to create one.' });
    expect(browser.cookies.has('ent_session')).toBe(false);
  });

  it('completes on another API process sharing the store a sign-in started on the first, once', async () => {
    provider.nextUser = { sub: 'idp-79', email: 'dane@ac-clermont.fr', email_verified: true };
    const browser = new BrowserSession(t.url);
    const start = await browser.request('GET', '/auth/oidc/login');
    const back = await fetch(new URL(start.headers.get('location') as string), { redirect: 'manual' });
    const callback = new URL(back.headers.get('location') as string);
    const elsewhere = new BrowserSession(other.url);
    const done = await elsewhere.request('GET', `${callback.pathname}${callback.search}`);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/');
    const me = await elsewhere.graphql('{ me { email } }');
    expect(me.body).toEqual({ data: { me: { email: 'dane@ac-clermont.fr' } } });
    // Single use: the same callback replayed on the first process is refused.
    const replay = await new BrowserSession(t.url).request('GET', `${callback.pathname}${callback.search}`);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toEqual({ error: 'UNAUTHENTICATED', message: 'This sign-in link has expired or was already used: start again.' });
  });
});
