import { createHash } from 'node:crypto';
import { LessThan, type Repository } from 'typeorm';
import type { OidcPendingLoginEntity } from '../entities/oidc-pending-login.entity';

export interface PendingLogin {
  codeVerifier: string;
  nonce: string;
}

const hashOf = (state: string) => createHash('sha256').update(state).digest('hex');

/**
 * OpenID Connect sign-ins between the redirection to the provider and its callback, in the
 * relational store: any API process sharing the store completes a login another one started.
 * A login is taken once (deleted as it is read: the process whose delete removed the row wins)
 * and expires after `ttlMs`.
 */
export class OidcPendingLogins {
  constructor(
    private readonly repository: Repository<OidcPendingLoginEntity>,
    private readonly ttlMs = 10 * 60_000,
  ) {}

  async add(state: string, login: PendingLogin, now = Date.now()): Promise<void> {
    await this.repository.delete({ expiresAt: LessThan(new Date(now)) });
    await this.repository.insert({ stateHash: hashOf(state), codeVerifier: login.codeVerifier, nonce: login.nonce, expiresAt: new Date(now + this.ttlMs) });
  }

  /** The login of `state`, removed so that it cannot be used again; undefined when unknown, used or expired. */
  async take(state: string, now = Date.now()): Promise<PendingLogin | undefined> {
    if (!state) return undefined;
    const stateHash = hashOf(state);
    const row = await this.repository.findOneBy({ stateHash });
    if (!row) return undefined;
    const { affected } = await this.repository.delete({ stateHash });
    if (!affected || row.expiresAt.getTime() < now) return undefined;
    return { codeVerifier: row.codeVerifier, nonce: row.nonce };
  }
}
