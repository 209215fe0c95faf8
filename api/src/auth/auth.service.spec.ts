import { loadConfig, type AppConfig } from '@ent/config';
import type { DataSource } from 'typeorm';
import { RELATIONAL_TARGETS } from '../../../test/support/test-stores';
import { openRelationalStore } from '../database/relational-data-source';
import { AuthErrorCode } from './auth.errors';
import { AuthService, MAX_FAILED_LOGINS } from './auth.service';
import { AppUserEntity } from './entities/app-user.entity';
import { UserSessionEntity } from './entities/user-session.entity';

const T0 = new Date('2026-03-02T08:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

describe.each(RELATIONAL_TARGETS)('AuthService on $name', (target) => {
  let ds: DataSource;
  let cleanup: () => Promise<void>;
  let auth: AuthService;
  const config: AppConfig = loadConfig({ ADMIN_EMAIL: 'chef@ent.example.fr', SESSION_IDLE_MINUTES: '30', SESSION_MAX_HOURS: '8' });

  beforeAll(async () => {
    const created = await target.create();
    cleanup = created.cleanup;
    ds = await openRelationalStore(created.config);
    await ds.runMigrations();
    auth = new AuthService(ds.getRepository(AppUserEntity), ds.getRepository(UserSessionEntity), config);
    await auth.createUser(
      { email: 'Conseiller.70@Example.fr', displayName: 'Conseiller 70', role: 'councillor', territories: [{ level: 'departement', code: '70' }], password: 'correct horse battery' },
      T0,
    );
  });
  afterAll(async () => {
    await ds?.destroy();
    await cleanup?.();
  });

  it('stores only a scrypt hash of the password', async () => {
    const row = await ds.getRepository(AppUserEntity).findOneByOrFail({ email: 'conseiller.70@example.fr' });
    expect(row.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(row.passwordHash).not.toContain('correct horse');
  });

  it('opens a session whose token and CSRF token are stored only as hashes', async () => {
    const s = await auth.login('conseiller.70@example.fr', 'correct horse battery', T0);
    expect(s.user).toMatchObject({ email: 'conseiller.70@example.fr', role: 'councillor', territories: [{ level: 'departement', code: '70' }] });
    const rows = await ds.getRepository(UserSessionEntity).find();
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(s.token);
    expect(stored).not.toContain(s.csrfToken);
    // The session lookup hydrates every field as the entities do (JSON territories, boolean, ids).
    expect(await auth.authenticate(s.token, minutes(10))).toStrictEqual(s.user);
    expect(s.user).toStrictEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email: 'conseiller.70@example.fr',
      displayName: 'Conseiller 70',
      role: 'councillor',
      territories: [{ level: 'departement', code: '70' }],
      mustChangePassword: false,
      sessionId: expect.stringMatching(/^[0-9a-f]{64}$/),
      csrfHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('refuses the sessions of a disabled account', async () => {
    await auth.createUser({ email: 'parti@example.fr', displayName: 'Parti', role: 'councillor', territories: [{ level: 'departement', code: '70' }], password: 'correct horse battery' }, T0);
    const s = await auth.login('parti@example.fr', 'correct horse battery', T0);
    expect((await auth.authenticate(s.token, minutes(1)))?.email).toBe('parti@example.fr');
    await ds.getRepository(AppUserEntity).update({ email: 'parti@example.fr' }, { disabledAt: minutes(2) });
    expect(await auth.authenticate(s.token, minutes(3))).toBeUndefined();
  });

  it('refuses an expired session: idle for longer than the idle limit, or past its absolute end', async () => {
    const s = await auth.login('conseiller.70@example.fr', 'correct horse battery', T0);
    expect(await auth.authenticate(s.token, minutes(29))).toBeDefined();
    expect(await auth.authenticate(s.token, minutes(29 + 31))).toBeUndefined(); // idle 31 min after the last use
    const s2 = await auth.login('conseiller.70@example.fr', 'correct horse battery', T0);
    for (let m = 25; m < 8 * 60; m += 25) expect(await auth.authenticate(s2.token, minutes(m))).toBeDefined();
    expect(await auth.authenticate(s2.token, minutes(8 * 60))).toBeUndefined();
    // The next sign-in deletes the sessions past their end.
    const repo = ds.getRepository(UserSessionEntity);
    const hash = s2.user.sessionId;
    expect(await repo.countBy({ tokenHash: hash })).toBe(1);
    await auth.login('conseiller.70@example.fr', 'correct horse battery', minutes(8 * 60 + 1));
    expect(await repo.countBy({ tokenHash: hash })).toBe(0);
  });

  it('refuses a forged or revoked session token', async () => {
    expect(await auth.authenticate('forged-token', T0)).toBeUndefined();
    const s = await auth.login('conseiller.70@example.fr', 'correct horse battery', T0);
    await auth.logout(s.user.sessionId, minutes(1));
    expect(await auth.authenticate(s.token, minutes(2))).toBeUndefined();
  });

  it('answers the same for an unknown e-mail and a wrong password', async () => {
    await expect(auth.login('nobody@example.fr', 'whatever-password', T0)).rejects.toMatchObject({
      code: AuthErrorCode.InvalidCredentials,
      message: 'Invalid e-mail or password.',
    });
    await expect(auth.login('conseiller.70@example.fr', 'wrong', T0)).rejects.toMatchObject({
      code: AuthErrorCode.InvalidCredentials,
      message: 'Invalid e-mail or password.',
    });
    await auth.login('conseiller.70@example.fr', 'correct horse battery', T0); // a success resets the count
  });

  it('locks the account after repeated failures, even for the right password, then lets it in', async () => {
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
      await expect(auth.login('conseiller.70@example.fr', `guess-${i}`, minutes(i))).rejects.toMatchObject({ code: AuthErrorCode.InvalidCredentials });
    }
    await expect(auth.login('conseiller.70@example.fr', 'guess-5', minutes(5))).rejects.toMatchObject({
      code: AuthErrorCode.LockedOut,
      retryAfterSeconds: 15 * 60,
    });
    await expect(auth.login('conseiller.70@example.fr', 'correct horse battery', minutes(6))).rejects.toMatchObject({
      code: AuthErrorCode.LockedOut,
      retryAfterSeconds: 14 * 60,
    });
    // One more failure after the lock doubles it.
    await expect(auth.login('conseiller.70@example.fr', 'guess-6', minutes(21))).rejects.toMatchObject({
      code: AuthErrorCode.LockedOut,
      retryAfterSeconds: 30 * 60,
    });
    const ok = await auth.login('conseiller.70@example.fr', 'correct horse battery', minutes(52));
    expect(ok.user.email).toBe('conseiller.70@example.fr');
    const row = await ds.getRepository(AppUserEntity).findOneByOrFail({ email: 'conseiller.70@example.fr' });
    expect([row.failedLogins, row.lockedUntil]).toEqual([0, null]);
  });

  it('changes the password and closes the other sessions', async () => {
    const a = await auth.login('conseiller.70@example.fr', 'correct horse battery', minutes(60));
    const b = await auth.login('conseiller.70@example.fr', 'correct horse battery', minutes(61));
    await expect(auth.changePassword(b.user, 'not-the-password', 'a brand new passphrase', minutes(62))).rejects.toMatchObject({
      code: AuthErrorCode.InvalidPassword,
    });
    await expect(auth.changePassword(b.user, 'correct horse battery', 'short', minutes(62))).rejects.toThrow(
      'The new password is refused: a password has at least 12 characters.',
    );
    await auth.changePassword(b.user, 'correct horse battery', 'a brand new passphrase', minutes(62));
    expect(await auth.authenticate(a.token, minutes(63))).toBeUndefined();
    expect(await auth.authenticate(b.token, minutes(63))).toBeDefined();
    await expect(auth.login('conseiller.70@example.fr', 'correct horse battery', minutes(64))).rejects.toMatchObject({
      code: AuthErrorCode.InvalidCredentials,
    });
  });

  it('creates the first administrator once, from the environment', async () => {
    const withPassword = new AuthService(
      ds.getRepository(AppUserEntity),
      ds.getRepository(UserSessionEntity),
      loadConfig({ ADMIN_EMAIL: 'chef@ent.example.fr', ADMIN_PASSWORD: 'administrator passphrase' }),
    );
    expect(await withPassword.ensureFirstAdmin(T0)).toEqual({ email: 'chef@ent.example.fr', oneTimePassword: undefined });
    expect(await withPassword.ensureFirstAdmin(T0)).toBeUndefined();
    const s = await withPassword.login('chef@ent.example.fr', 'administrator passphrase', T0);
    expect(s.user).toMatchObject({ role: 'admin', territories: [], mustChangePassword: false });
  });

  it('refuses territories that do not fit the role', async () => {
    await expect(
      auth.createUser({ email: 'r@example.fr', displayName: 'R', role: 'rectorate', territories: [{ level: 'departement', code: '43' }] }),
    ).rejects.toThrow('Territories refused: a rectorate account has exactly one academie.');
  });
});

describe('first administrator without a configured password', () => {
  it('gets a one-time password that must be changed at first sign-in', async () => {
    const target = RELATIONAL_TARGETS[0];
    const { config: rel, cleanup } = await target.create();
    const ds = await openRelationalStore(rel);
    await ds.runMigrations();
    const auth = new AuthService(ds.getRepository(AppUserEntity), ds.getRepository(UserSessionEntity), loadConfig({}));
    const created = await auth.ensureFirstAdmin(T0);
    expect(created?.email).toBe('admin@localhost');
    expect(created?.oneTimePassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const s = await auth.login('admin@localhost', created?.oneTimePassword as string, T0);
    expect(s.user.mustChangePassword).toBe(true);
    await ds.destroy();
    await cleanup();
  });
});
