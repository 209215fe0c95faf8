import { loadConfig } from '@ent/config';
import type { DataSource } from 'typeorm';
import { MiniOidcProvider } from '../../../../test/support/mini-oidc-provider';
import { RELATIONAL_TARGETS } from '../../../../test/support/test-stores';
import { openRelationalStore } from '../../database/relational-data-source';
import { AuthErrorCode } from '../auth.errors';
import { AuthService } from '../auth.service';
import { AppUserEntity } from '../entities/app-user.entity';
import { UserSessionEntity } from '../entities/user-session.entity';
import { OidcService } from './oidc.service';

/** Follows the authorization URL as a browser would; returns where the provider sends it back. */
async function browserGoesTo(url: URL): Promise<URL> {
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') as string);
}

describe.each(RELATIONAL_TARGETS)('OpenID Connect sign-in against a provider started by the test ($name)', (target) => {
  const provider = new MiniOidcProvider('observatoire', 'client-secret');
  let ds: DataSource;
  let cleanup: () => Promise<void>;
  let auth: AuthService;
  let service: OidcService;

  beforeAll(async () => {
    await provider.start();
    const created = await target.create();
    cleanup = created.cleanup;
    ds = await openRelationalStore(created.config);
    await ds.runMigrations();
    const config = loadConfig({
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: 'observatoire',
      OIDC_CLIENT_SECRET: 'client-secret',
      OIDC_REDIRECT_URL: 'http://localhost:3000/auth/oidc/callback',
    });
    auth = new AuthService(ds.getRepository(AppUserEntity), ds.getRepository(UserSessionEntity), config);
    service = new OidcService(config, auth, ds);
    await auth.createUser({ email: 'DANE@ac-besancon.fr', displayName: 'DANE', role: 'rectorate', territories: [{ level: 'academie', code: '03' }] });
  });
  afterAll(async () => {
    await provider.stop();
    await ds.destroy();
    await cleanup();
  });

  it('maps the verified e-mail of the ID token to the local account and opens a session', async () => {
    provider.nextUser = { sub: 'kc-123', email: 'dane@ac-besancon.fr', email_verified: true };
    const authorize = await service.authorizationUrl();
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const callback = await browserGoesTo(authorize);
    expect(callback.pathname).toBe('/auth/oidc/callback');
    const session = await service.complete(callback);
    expect(session.user).toMatchObject({ email: 'dane@ac-besancon.fr', role: 'rectorate', territories: [{ level: 'academie', code: '03' }] });
    expect((await auth.authenticate(session.token))?.email).toBe('dane@ac-besancon.fr');
  });

  it('refuses a person without a local account', async () => {
    provider.nextUser = { sub: 'kc-9', email: 'stranger@ac-besancon.fr', email_verified: true };
    const callback = await browserGoesTo(await service.authorizationUrl());
    await expect(service.complete(callback)).rejects.toMatchObject({
      code: AuthErrorCode.Forbidden,
      message: 'No active account for stranger@ac-besancon.fr: ask an administrator to create one.',
    });
  });

  it('refuses an unverified e-mail', async () => {
    provider.nextUser = { sub: 'kc-1', email: 'dane@ac-besancon.fr', email_verified: false };
    const callback = await browserGoesTo(await service.authorizationUrl());
    await expect(service.complete(callback)).rejects.toMatchObject({ code: AuthErrorCode.Forbidden });
  });

  it('refuses a replayed or forged callback (unknown state)', async () => {
    provider.nextUser = { sub: 'kc-123', email: 'dane@ac-besancon.fr', email_verified: true };
    const callback = await browserGoesTo(await service.authorizationUrl());
    await service.complete(callback);
    await expect(service.complete(callback)).rejects.toMatchObject({ code: AuthErrorCode.Unauthenticated });
    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged');
    await expect(service.complete(forged)).rejects.toMatchObject({ code: AuthErrorCode.Unauthenticated });
  });

  it('keeps pending logins in the store: another instance completes them, once, and not after 10 minutes', async () => {
    const secondStore = await openRelationalStore(ds.options.type === 'postgres' ? { type: 'postgres', url: String(ds.options.url) } : { type: 'sqlite', file: String(ds.options.database) });
    try {
      const config = loadConfig({
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: 'observatoire',
        OIDC_CLIENT_SECRET: 'client-secret',
        OIDC_REDIRECT_URL: 'http://localhost:3000/auth/oidc/callback',
      });
      const elsewhere = new OidcService(config, new AuthService(secondStore.getRepository(AppUserEntity), secondStore.getRepository(UserSessionEntity), config), secondStore);
      provider.nextUser = { sub: 'kc-123', email: 'dane@ac-besancon.fr', email_verified: true };
      const callback = await browserGoesTo(await service.authorizationUrl());
      expect((await elsewhere.complete(callback)).user.email).toBe('dane@ac-besancon.fr');
      await expect(service.complete(callback)).rejects.toMatchObject({ code: AuthErrorCode.Unauthenticated });
      expect(await ds.query('SELECT COUNT(*) AS n FROM oidc_pending_login')).toEqual([{ n: ds.options.type === 'postgres' ? '0' : 0 }]);

      const startedAt = Date.now() - 10 * 60_000 - 1;
      const late = await browserGoesTo(await service.authorizationUrl(startedAt));
      await expect(elsewhere.complete(late)).rejects.toMatchObject({
        code: AuthErrorCode.Unauthenticated,
        message: 'This sign-in link has expired or was already used: start again.',
      });
    } finally {
      await secondStore.destroy();
    }
  });
});
