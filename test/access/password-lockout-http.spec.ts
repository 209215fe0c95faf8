import { AuthService } from '../../api/src/auth/auth.service';
import { AppUserEntity } from '../../api/src/auth/entities/app-user.entity';
import { BrowserSession } from '../support/browser-session';
import { startTestApp, type TestApp } from '../support/test-app';
import { RELATIONAL_TARGETS } from '../support/test-stores';

jest.setTimeout(60_000);

const territories = [{ level: 'departement' as const, code: '70' }];

describe.each(RELATIONAL_TARGETS)('lockout under concurrent guesses over HTTP ($name)', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    // The per-address rate limit (20 in 10 s) would answer before the lockout does.
    t = await startTestApp({ API_RATE_LIMIT_PER_10S: '1000', API_RATE_LIMIT_PER_MINUTE: '1000' }, target);
  });
  afterAll(async () => t?.close());

  const failures = async (email: string) => (await t.relational.getRepository(AppUserEntity).findOneByOrFail({ email })).failedLogins;

  it('checks at most 5 of 20 concurrent wrong passwords, answers the rest 429 with Retry-After, then refuses the right one', async () => {
    await t.app.get(AuthService).createUser({ email: 'cible.70@ent.example.fr', displayName: 'Cible', role: 'councillor', territories, password: 'the right passphrase' });
    const attacker = new BrowserSession(t.url);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => attacker.login('cible.70@ent.example.fr', `guess number ${i}`)));
    const statuses = answers.map((r) => r.status).sort();
    // 4 wrong passwords answered as such; the 5th locks the account; 15 never reach the password check.
    expect(statuses).toEqual([...Array(4).fill(401), ...Array(16).fill(429)]);
    for (const r of answers.filter((a) => a.status === 429)) {
      // 15 minutes, from the locking request's clock (a request that started just before it may read 901).
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(895);
      expect(Number(r.headers.get('retry-after'))).toBeLessThanOrEqual(901);
      expect(((await r.json()) as { error: string }).error).toBe('LOCKED_OUT');
    }
    expect(await failures('cible.70@ent.example.fr')).toBe(5);

    const owner = await new BrowserSession(t.url).login('cible.70@ent.example.fr', 'the right passphrase');
    expect(owner.status).toBe(429);
    expect(((await owner.json()) as { error: string }).error).toBe('LOCKED_OUT');
    expect(await failures('cible.70@ent.example.fr')).toBe(5);
  });

  it('counts wrong current passwords on /auth/password with the same lock, even concurrent ones', async () => {
    await t.app.get(AuthService).createUser({ email: 'volee.70@ent.example.fr', displayName: 'Session volée', role: 'councillor', territories, password: 'the right passphrase' });
    const thief = new BrowserSession(t.url);
    expect((await thief.login('volee.70@ent.example.fr', 'the right passphrase')).status).toBe(200);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => thief.request('POST', '/auth/password', { current: `guess number ${i}`, next: 'a passphrase of my own' })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([...Array(4).fill(400), ...Array(6).fill(429)]);
    expect(Number(answers.find((r) => r.status === 429)?.headers.get('retry-after'))).toBeGreaterThanOrEqual(895);
    expect(await failures('volee.70@ent.example.fr')).toBe(5);

    const right = await thief.request('POST', '/auth/password', { current: 'the right passphrase', next: 'a passphrase of my own' });
    expect(right.status).toBe(429);
    expect(((await right.json()) as { error: string }).error).toBe('LOCKED_OUT');
    expect((await new BrowserSession(t.url).login('volee.70@ent.example.fr', 'the right passphrase')).status).toBe(429);
  });

  it('starts the count again after a right password', async () => {
    await t.app.get(AuthService).createUser({ email: 'distrait.70@ent.example.fr', displayName: 'Distrait', role: 'councillor', territories, password: 'the right passphrase' });
    const b = new BrowserSession(t.url);
    expect((await b.login('distrait.70@ent.example.fr', 'a typo')).status).toBe(401);
    expect((await b.request('POST', '/auth/login', { email: 'distrait.70@ent.example.fr', password: 'the right passphrase' })).status).toBe(200);
    expect((await b.request('POST', '/auth/password', { current: 'another typo', next: 'a passphrase of my own' })).status).toBe(400);
    expect(await failures('distrait.70@ent.example.fr')).toBe(1);
    expect((await b.request('POST', '/auth/password', { current: 'the right passphrase', next: 'a passphrase of my own' })).status).toBe(200);
    expect(await failures('distrait.70@ent.example.fr')).toBe(0);
  });
});
