import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AppConfig } from '@ent/config';
import { LessThan, Repository, type EntityMetadata } from 'typeorm';
import { APP_CONFIG } from '../config/app-config.provider';
import { AuthErrorCode, AuthException } from './auth.errors';
import { AppUserEntity } from './entities/app-user.entity';
import { UserSessionEntity } from './entities/user-session.entity';
import { PasswordAttempts } from './password-attempts';
import { roleTerritoriesProblem, type Role, type TerritoryRef } from './roles';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from './utils/password-hasher.util';

export { MAX_FAILED_LOGINS } from './password-attempts';

export interface AuthenticatedUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  territories: TerritoryRef[];
  mustChangePassword: boolean;
  /** SHA-256 of the session token (the session's id). */
  sessionId: string;
  csrfHash: string;
}

export interface NewSession {
  user: AuthenticatedUser;
  /** Goes into the httpOnly cookie; never stored in clear. */
  token: string;
  /** Sent back in the X-CSRF-Token header of every state-changing request. */
  csrfToken: string;
  expiresAt: Date;
}

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  territories: TerritoryRef[];
  password?: string;
  mustChangePassword?: boolean;
}

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

@Injectable()
export class AuthService {
  private sessionLookup: string | undefined;
  private readonly attempts: PasswordAttempts;

  constructor(
    @InjectRepository(AppUserEntity) private readonly users: Repository<AppUserEntity>,
    @InjectRepository(UserSessionEntity) private readonly sessions: Repository<UserSessionEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.attempts = new PasswordAttempts(users);
  }

  /**
   * Checks e-mail and password and opens a session. After MAX_FAILED_LOGINS consecutive failures
   * the account is locked for 15 minutes, doubling at each further failure (at most 24 h); the
   * attempts are counted before the password is checked (PasswordAttempts), so concurrent guesses
   * cannot get past the count. The same answer is given for an unknown e-mail and a wrong password.
   */
  async login(email: string, password: string, now = new Date()): Promise<NewSession> {
    const user = await this.users.findOneBy({ email: email.trim().toLowerCase() });
    if (!user || user.disabledAt || !user.passwordHash) {
      await verifyPassword(password, await decoyHash());
      throw new AuthException(AuthErrorCode.InvalidCredentials, 'Invalid e-mail or password.');
    }
    const claim = await this.attempts.claim(user.id, now);
    if (!claim.granted) throw this.lockedOut(claim.lockedUntil, now);
    if (!(await verifyPassword(password, user.passwordHash))) {
      if (claim.lockedUntil) throw this.lockedOut(claim.lockedUntil, now);
      throw new AuthException(AuthErrorCode.InvalidCredentials, 'Invalid e-mail or password.');
    }
    await this.attempts.succeeded(user.id);
    return this.openSession({ ...user, failedLogins: 0, lockedUntil: null }, now);
  }

  private lockedOut(until: Date, now: Date): AuthException {
    const seconds = Math.ceil((until.getTime() - now.getTime()) / 1000);
    return new AuthException(
      AuthErrorCode.LockedOut,
      `Too many wrong passwords: this account is locked for ${Math.ceil(seconds / 60)} more minute(s).`,
      seconds,
    );
  }

  /**
   * Opens a session for a user already authenticated (password or single sign-on). Sessions past
   * their end are deleted here: sign-ins are rare enough, and the table stays small.
   */
  async openSession(user: AppUserEntity, now = new Date()): Promise<NewSession> {
    await this.sessions.delete({ expiresAt: LessThan(now) });
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.auth.sessionMaxHours * 3_600_000);
    const session = await this.sessions.save({
      tokenHash: sha256(token),
      userId: user.id,
      csrfHash: sha256(csrfToken),
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      revokedAt: null,
    });
    return { user: toAuthenticated(user, session), token, csrfToken, expiresAt };
  }

  /** The user behind a session cookie, or undefined if the session is unknown, revoked or expired. */
  async authenticate(token: string | undefined, now = new Date()): Promise<AuthenticatedUser | undefined> {
    if (!token || token.length > 100) return undefined;
    const found = await this.sessionAndUser(sha256(token));
    if (!found) return undefined;
    const { session, user } = found;
    const idleLimit = new Date(session.lastSeenAt.getTime() + this.config.auth.sessionIdleMinutes * 60_000);
    if (session.expiresAt <= now || idleLimit <= now) return undefined;
    if (user.disabledAt) return undefined;
    // Touch at most once a minute: a dashboard fires several requests at once.
    if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
      await this.sessions.update({ tokenHash: session.tokenHash }, { lastSeenAt: now });
    }
    return toAuthenticated(user, session);
  }

  /**
   * The open session of a token hash and its user, in one statement built once: the guard asks on
   * every request, and two repository lookups cost about a millisecond more per request. The row
   * is hydrated column by column as TypeORM does (dates, booleans and JSON per driver).
   */
  private async sessionAndUser(tokenHash: string): Promise<{ session: UserSessionEntity; user: AppUserEntity } | undefined> {
    this.sessionLookup ??= this.sessions
      .createQueryBuilder('s')
      .innerJoin(AppUserEntity, 'u', 'u.id = s.user_id')
      .select('s')
      .addSelect('u')
      .where('s.token_hash = :tokenHash AND s.revoked_at IS NULL', { tokenHash: '' })
      .getQueryAndParameters()[0];
    const [row] = (await this.sessions.query(this.sessionLookup, [tokenHash])) as Record<string, unknown>[];
    if (!row) return undefined;
    const hydrate = <T>(target: { metadata: EntityMetadata }, alias: string): T => {
      const entity: Record<string, unknown> = {};
      for (const c of target.metadata.columns) entity[c.propertyName] = this.sessions.manager.connection.driver.prepareHydratedValue(row[`${alias}_${c.databaseName}`], c);
      return entity as T;
    };
    return { session: hydrate<UserSessionEntity>(this.sessions, 's'), user: hydrate<AppUserEntity>(this.users, 'u') };
  }

  async logout(sessionId: string, now = new Date()): Promise<void> {
    await this.sessions.update({ tokenHash: sessionId }, { revokedAt: now });
  }

  /**
   * Changes the password and closes every other session of the user. A wrong current password
   * counts as a failed sign-in (same counter and lock): a stolen session must not become a way
   * to guess the password without limit.
   */
  async changePassword(user: AuthenticatedUser, current: string, next: string, now = new Date()): Promise<void> {
    const entity = await this.users.findOneByOrFail({ id: user.id });
    if (!entity.passwordHash) throw new AuthException(AuthErrorCode.InvalidPassword, 'The current password is not right.');
    const claim = await this.attempts.claim(entity.id, now);
    if (!claim.granted) throw this.lockedOut(claim.lockedUntil, now);
    if (!(await verifyPassword(current, entity.passwordHash))) {
      if (claim.lockedUntil) throw this.lockedOut(claim.lockedUntil, now);
      throw new AuthException(AuthErrorCode.InvalidPassword, 'The current password is not right.');
    }
    await this.attempts.succeeded(entity.id);
    const problem = passwordProblem(next);
    if (problem) throw new AuthException(AuthErrorCode.InvalidPassword, `The new password is refused: ${problem}.`);
    if (next === current) throw new AuthException(AuthErrorCode.InvalidPassword, 'The new password must differ from the current one.');
    // Only these columns: the attempt counter was written meanwhile and must not be overwritten.
    await this.users.update({ id: entity.id }, { passwordHash: await hashPassword(next), mustChangePassword: false });
    await this.sessions
      .createQueryBuilder()
      .update()
      .set({ revokedAt: now })
      .where('user_id = :id AND token_hash <> :current AND revoked_at IS NULL', { id: user.id, current: user.sessionId })
      .execute();
  }

  async createUser(input: NewUser, now = new Date()): Promise<AppUserEntity> {
    const problem = roleTerritoriesProblem(input.role, input.territories);
    if (problem) throw new AuthException(AuthErrorCode.InvalidInput, `Territories refused: ${problem}.`);
    if (input.password) {
      const pw = passwordProblem(input.password);
      if (pw) throw new AuthException(AuthErrorCode.InvalidInput, `Password refused: ${pw}.`);
    }
    return this.users.save({
      id: randomUUID(),
      email: input.email.trim().toLowerCase(),
      displayName: input.displayName,
      role: input.role,
      territories: input.territories,
      passwordHash: input.password ? await hashPassword(input.password) : null,
      mustChangePassword: input.mustChangePassword ?? false,
      failedLogins: 0,
      lockedUntil: null,
      createdAt: now,
      disabledAt: null,
    });
  }

  findByEmail(email: string): Promise<AppUserEntity | null> {
    return this.users.findOneBy({ email: email.trim().toLowerCase() });
  }

  /**
   * At first start, when no administrator exists: creates one from ADMIN_EMAIL / ADMIN_PASSWORD,
   * or with a one-time password that is returned (to be printed once) and must be changed.
   */
  async ensureFirstAdmin(now = new Date()): Promise<{ email: string; oneTimePassword?: string } | undefined> {
    if ((await this.users.countBy({ role: 'admin' })) > 0) return undefined;
    const email = this.config.auth.adminEmail ?? 'admin@localhost';
    const oneTimePassword = this.config.auth.adminPassword ? undefined : randomBytes(12).toString('base64url');
    await this.createUser(
      {
        email,
        displayName: 'Administrateur',
        role: 'admin',
        territories: [],
        password: this.config.auth.adminPassword ?? oneTimePassword,
        mustChangePassword: oneTimePassword !== undefined,
      },
      now,
    );
    return { email, oneTimePassword };
  }
}

function toAuthenticated(user: AppUserEntity, session: UserSessionEntity): AuthenticatedUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    territories: user.territories,
    mustChangePassword: user.mustChangePassword,
    sessionId: session.tokenHash,
    csrfHash: session.csrfHash,
  };
}
