import { AuthService } from '../../api/src/auth/auth.service';
import { AuditService } from '../../api/src/audit/audit.service';
import { AuditEntryEntity } from '../../api/src/audit/audit-entry.entity';
import { outcomeOf } from '../../api/src/audit/audit.interceptor';
import { BrowserSession } from '../support/browser-session';
import { startTestApp, type TestApp } from '../support/test-app';
import { RELATIONAL_TARGETS } from '../support/test-stores';

jest.setTimeout(60_000);

describe.each(RELATIONAL_TARGETS)('sign-in, sessions, CSRF, rate limits and audit over HTTP ($name)', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ADMIN_EMAIL: 'admin@ent.example.fr', ADMIN_PASSWORD: 'administrator passphrase' }, target);
    const auth = t.app.get(AuthService);
    await auth.ensureFirstAdmin();
    await auth.createUser({
      email: 'conseiller.43@ent.example.fr',
      displayName: 'Conseiller 43',
      role: 'councillor',
      territories: [{ level: 'departement', code: '43' }],
      password: 'conseiller passphrase',
    });
  });
  afterAll(async () => t?.close());

  it('tells the sign-in page, before any session, that only the password form is offered without OIDC', async () => {
    const res = await new BrowserSession(t.url).request('GET', '/auth/methods');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ password: true, oidc: false });
  });

  it('refuses a malformed sign-in body naming the field, and a wrong password without saying which part is wrong', async () => {
    const b = new BrowserSession(t.url);
    const bad = await b.request('POST', '/auth/login', { email: 'not-an-email', password: 'x' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string[] }).message).toEqual(['email must be an e-mail address']);
    const wrong = await b.login('conseiller.43@ent.example.fr', 'not the password');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: 'INVALID_CREDENTIALS', message: 'Invalid e-mail or password.' });
  });

  it('sets an httpOnly SameSite session cookie and a CSRF cookie, then answers `me`', async () => {
    const b = new BrowserSession(t.url);
    const res = await b.login('conseiller.43@ent.example.fr', 'conseiller passphrase');
    expect(res.status).toBe(200);
    const setCookies = res.headers.getSetCookie();
    expect(setCookies.find((c) => c.startsWith('ent_session='))).toMatch(/; HttpOnly; SameSite=Lax$/);
    expect(setCookies.find((c) => c.startsWith('ent_csrf='))).not.toMatch(/HttpOnly/);
    const me = await b.graphql('{ me { email role territories { level code } } }');
    expect(me.body).toEqual({
      data: { me: { email: 'conseiller.43@ent.example.fr', role: 'councillor', territories: [{ level: 'departement', code: '43' }] } },
    });
  });

  it('refuses a request without a session, with a forged one, and after sign-out', async () => {
    const anonymous = new BrowserSession(t.url);
    const none = await anonymous.graphql('{ me { email } }');
    expect(none.status).toBe(401);
    expect(none.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(none.body.data).toBeNull();

    const forged = new BrowserSession(t.url);
    forged.cookies.set('ent_session', 'Zm9yZ2VkLXNlc3Npb24tdG9rZW4tdGhhdC1kb2VzLW5vdC1leGlzdA');
    expect((await forged.graphql('{ me { email } }')).status).toBe(401);

    const b = new BrowserSession(t.url);
    await b.login('conseiller.43@ent.example.fr', 'conseiller passphrase');
    const stolen = b.cookies.get('ent_session') as string;
    expect((await b.request('POST', '/auth/logout')).status).toBe(200);
    const replay = new BrowserSession(t.url);
    replay.cookies.set('ent_session', stolen);
    expect((await replay.graphql('{ me { email } }')).status).toBe(401);
  });

  it('refuses a state-changing request without the CSRF token, or with another session’s', async () => {
    const admin = new BrowserSession(t.url);
    await admin.login('admin@ent.example.fr', 'administrator passphrase');
    const create = `mutation($input: CreateUserInput!) { createUser(input: $input) { user { email } oneTimePassword } }`;
    const input = { email: 'projet@ent.example.fr', displayName: 'Projet', role: 'project_manager', territories: [{ level: 'departement', code: '70' }] };

    admin.sendCsrf = false;
    const without = await admin.graphql(create, { input });
    expect(without.status).toBe(403);
    expect(without.body.errors?.[0].extensions?.code).toBe('CSRF_MISMATCH');

    const other = new BrowserSession(t.url);
    await other.login('conseiller.43@ent.example.fr', 'conseiller passphrase');
    const wrong = await admin.graphql(create, { input }, { 'x-csrf-token': other.cookies.get('ent_csrf') as string });
    expect(wrong.body.errors?.[0].extensions?.code).toBe('CSRF_MISMATCH');
    expect((await admin.request('POST', '/auth/logout', undefined, {})).status).toBe(403);

    admin.sendCsrf = true;
    const ok = await admin.graphql<{ createUser: { user: { email: string }; oneTimePassword: string } }>(create, { input });
    expect(ok.body.data?.createUser.user.email).toBe('projet@ent.example.fr');
    expect(ok.body.data?.createUser.oneTimePassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('keeps administration to administrators', async () => {
    const b = new BrowserSession(t.url);
    await b.login('conseiller.43@ent.example.fr', 'conseiller passphrase');
    const users = await b.graphql('{ users { email } }');
    expect(users.status).toBe(403);
    expect(users.body.errors?.[0]).toMatchObject({ message: 'This operation is reserved to: admin.', extensions: { code: 'FORBIDDEN' } });
    expect((await b.graphql('{ auditLog { action } }')).body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('forces a one-time password to be changed before anything else', async () => {
    const admin = new BrowserSession(t.url);
    await admin.login('admin@ent.example.fr', 'administrator passphrase');
    const created = await admin.graphql<{ createUser: { oneTimePassword: string } }>(
      `mutation { createUser(input: { email: "chef.0430002u@ent.example.fr", displayName: "Chef", role: "establishment_head", territories: [{ level: "etablissement", code: "0430002U" }] }) { oneTimePassword } }`,
    );
    const otp = created.body.data?.createUser.oneTimePassword as string;
    const head = new BrowserSession(t.url);
    expect((await head.login('chef.0430002u@ent.example.fr', otp)).status).toBe(200);
    expect((await head.graphql('{ users { email } }')).body.errors?.[0].extensions?.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await head.graphql('{ me { mustChangePassword } }')).body.data).toEqual({ me: { mustChangePassword: true } });
    const changed = await head.request('POST', '/auth/password', { current: otp, next: 'my own long passphrase' });
    expect(changed.status).toBe(200);
    expect((await head.graphql('{ me { mustChangePassword } }')).body.data).toEqual({ me: { mustChangePassword: false } });
  });

  it('locks an account under brute force, answering 429 with Retry-After', async () => {
    const auth = t.app.get(AuthService);
    await auth.createUser({ email: 'cible@ent.example.fr', displayName: 'Cible', role: 'councillor', territories: [{ level: 'departement', code: '73' }], password: 'target passphrase' });
    const attacker = new BrowserSession(t.url);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attacker.login('cible@ent.example.fr', `guess number ${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const locked = await attacker.login('cible@ent.example.fr', 'target passphrase');
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toMatch(/^(899|900)$/);
    expect(((await locked.json()) as { error: string }).error).toBe('LOCKED_OUT');
  });

  it('rate-limits each user: the 21st request within 10 s gets 429 and Retry-After', async () => {
    await t.app.get(AuthService).createUser({
      email: 'pressé@ent.example.fr',
      displayName: 'Pressé',
      role: 'councillor',
      territories: [{ level: 'departement', code: '70' }],
      password: 'hurried passphrase',
    });
    const b = new BrowserSession(t.url);
    await b.login('pressé@ent.example.fr', 'hurried passphrase');
    const statuses: number[] = [];
    let last: Awaited<ReturnType<BrowserSession['graphql']>> | undefined;
    for (let i = 0; i < 21; i++) {
      last = await b.graphql('{ me { email } }');
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect(last?.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another user is not affected.
    const other = new BrowserSession(t.url);
    await other.login('conseiller.43@ent.example.fr', 'conseiller passphrase');
    expect((await other.graphql('{ me { email } }')).status).toBe(200);
  });

  it('audits who asked for what and the outcome, never the results, and purges old entries', async () => {
    const b = new BrowserSession(t.url);
    await b.login('conseiller.43@ent.example.fr', 'conseiller passphrase');
    await b.graphql('{ me { email } }');
    await b.graphql('{ users { email } }');
    await t.app.get(AuditService).flush(); // audit entries are written in batches
    const entries = await t.relational.getRepository(AuditEntryEntity).find({ where: { userEmail: 'conseiller.43@ent.example.fr' }, order: { at: 'ASC' } });
    const summary = entries.map((e) => `${e.action} → ${e.outcome}`);
    expect(summary).toEqual(expect.arrayContaining(['POST /auth/login → ok', 'query me → ok', 'query users → denied']));
    expect(JSON.stringify(entries)).not.toContain('conseiller passphrase');
    expect(JSON.stringify(entries.map((e) => e.request))).not.toContain('admin@ent.example.fr');

    const audit = t.app.get(AuditService);
    const repo = t.relational.getRepository(AuditEntryEntity);
    const now = new Date('2026-11-23T12:00:00.000Z');
    const old = new Date('2025-10-20T12:00:00.000Z');
    const recent = new Date('2025-12-20T12:00:00.000Z');
    await repo.insert([
      { id: '00000000-0000-4000-8000-000000000001', at: old, userId: null, userEmail: 'x@ent.example.fr', role: 'admin', action: 'query users', request: '{}', outcome: 'ok' },
      { id: '00000000-0000-4000-8000-000000000002', at: recent, userId: null, userEmail: 'x@ent.example.fr', role: 'admin', action: 'query users', request: '{}', outcome: 'ok' },
    ]);
    expect(await audit.purge(now)).toBe(1);
    expect(await repo.countBy({ userEmail: 'x@ent.example.fr' })).toBe(1);
  });
});

describe('ingestion keys administration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ADMIN_EMAIL: 'admin@ent.example.fr', ADMIN_PASSWORD: 'administrator passphrase' });
    await t.app.get(AuthService).ensureFirstAdmin();
  });
  afterAll(async () => t?.close());

  it('creates a key shown once and stored hashed, lists it, revokes it; refuses a bad source name', async () => {
    const admin = new BrowserSession(t.url);
    await admin.login('admin@ent.example.fr', 'administrator passphrase');
    const created = await admin.graphql<{ createIngestKey: { key: string; ingestKey: { id: string; source: string; prefix: string; revokedAt: null } } }>(
      'mutation { createIngestKey(source: "ent-haute-saone", territories: [{ level: "departement", code: "070" }]) { key ingestKey { id source prefix revokedAt territories { level code } } } }',
    );
    const { key, ingestKey } = created.body.data?.createIngestKey ?? { key: '', ingestKey: { id: '', prefix: '' } };
    expect(key).toMatch(/^entk_[A-Za-z0-9_-]{43}$/);
    expect(ingestKey).toMatchObject({ source: 'ent-haute-saone', prefix: key.slice(0, 12), revokedAt: null, territories: [{ level: 'departement', code: '70' }] });
    const stored = await t.relational.query('SELECT * FROM ingest_api_key');
    expect(JSON.stringify(stored)).not.toContain(key);

    const listed = await admin.graphql<{ ingestKeys: { source: string }[] }>('{ ingestKeys { source } }');
    expect(listed.body.data?.ingestKeys).toEqual([{ source: 'ent-haute-saone' }]);
    const revoked = await admin.graphql<{ revokeIngestKey: { revokedAt: string | null } }>(
      `mutation { revokeIngestKey(idOrPrefix: "${ingestKey.id}") { revokedAt } }`,
    );
    expect(revoked.body.data?.revokeIngestKey.revokedAt).not.toBeNull();

    const bad = await admin.graphql('mutation { createIngestKey(source: "ENT Haute Saône!", national: true) { key } }');
    expect(bad.body.errors?.[0]).toMatchObject({
      message: 'a source name is 1 to 64 lower-case letters, digits, ".", "_" or "-" (e.g. ent-haute-saone)',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('binds a key to the territories its source serves: never by default, checked, and narrowed later', async () => {
    const admin = new BrowserSession(t.url);
    await admin.login('admin@ent.example.fr', 'administrator passphrase');
    const unbound = await admin.graphql('mutation { createIngestKey(source: "ent-savoie") { key } }');
    expect(unbound.body.errors?.[0]).toMatchObject({
      message: 'territories: a key names the territories its source serves (at least one, e.g. departement:70), or has national reach',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const wrong = await admin.graphql(
      'mutation { createIngestKey(source: "ent-savoie", territories: [{ level: "departement", code: "73" }, { level: "departement", code: "99" }]) { key } }',
    );
    expect(wrong.body.errors?.[0]).toMatchObject({
      message: 'territories[1] (departement:99): no département has the code "99" (e.g. 70, 2A, 974)',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const both = await admin.graphql('mutation { createIngestKey(source: "ent-savoie", national: true, territories: [{ level: "departement", code: "73" }]) { key } }');
    expect(both.body.errors?.[0]).toMatchObject({ message: 'give either territories or national: true, not both', extensions: { code: 'BAD_USER_INPUT' } });

    const national = await admin.graphql<{ createIngestKey: { ingestKey: { id: string; territories: null } } }>(
      'mutation { createIngestKey(source: "ent-savoie", national: true) { ingestKey { id territories { level code } } } }',
    );
    expect(national.body.data?.createIngestKey.ingestKey.territories).toBeNull();
    const narrowed = await admin.graphql<{ setIngestKeyTerritories: unknown }>(
      `mutation { setIngestKeyTerritories(idOrPrefix: "${national.body.data?.createIngestKey.ingestKey.id}", territories: [{ level: "departement", code: "73" }, { level: "etablissement", code: "0430002u" }]) { source territories { level code } } }`,
    );
    expect(narrowed.body).toEqual({
      data: {
        setIngestKeyTerritories: {
          source: 'ent-savoie',
          territories: [
            { level: 'departement', code: '73' },
            { level: 'etablissement', code: '0430002U' },
          ],
        },
      },
    });
  });
});

describe('audit log reading', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ADMIN_EMAIL: 'admin@ent.example.fr', ADMIN_PASSWORD: 'administrator passphrase' });
    await t.app.get(AuthService).ensureFirstAdmin();
  });
  afterAll(async () => t?.close());

  it('pages newest first with cursors, and refuses a cursor it did not give', async () => {
    const admin = new BrowserSession(t.url);
    await admin.login('admin@ent.example.fr', 'administrator passphrase');
    for (let i = 0; i < 3; i++) await admin.graphql('{ me { email } }');
    const first = await admin.graphql<{ auditLog: { action: string; cursor: string }[] }>('{ auditLog(first: 2) { action cursor } }');
    const page1 = first.body.data?.auditLog ?? [];
    expect(page1.length).toBe(2);
    const next = await admin.graphql<{ auditLog: { action: string; cursor: string }[] }>(`{ auditLog(first: 100, after: "${page1[1].cursor}") { action cursor } }`);
    const page2 = next.body.data?.auditLog ?? [];
    expect(page2.map((e) => e.cursor)).not.toContain(page1[0].cursor);
    expect(page2.at(-1)?.action).toBe('POST /auth/login');
    const bad = await admin.graphql('{ auditLog(after: "garbage") { id } }');
    expect(bad.body.errors?.[0]).toMatchObject({ message: 'after: not a cursor returned by auditLog', extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('audit outcomes', () => {
  it('classifies refusals, bad requests and our own errors', () => {
    expect(outcomeOf({ code: 'FORBIDDEN' })).toBe('denied');
    expect(outcomeOf({ extensions: { code: 'BAD_USER_INPUT' } })).toBe('invalid');
    expect(outcomeOf({ status: 429 })).toBe('denied');
    expect(outcomeOf({ status: 404 })).toBe('invalid');
    expect(outcomeOf(new Error('boom'))).toBe('error');
  });
});
