import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AppConfig } from '@ent/config';
import { LessThan, Repository } from 'typeorm';
import { APP_CONFIG } from '../config/app-config.provider';
import type { AuthenticatedUser } from '../auth/auth.service';
import { AuditEntryEntity } from './audit-entry.entity';
import { AuthErrorCode, AuthException } from '../auth/auth.errors';

export type AuditOutcome = 'ok' | 'denied' | 'invalid' | 'error';

const SECRET_KEY = /pass|secret|token|key|cookie|authorization/i;
const MAX_REQUEST_CHARS = 2000;

/** Keeps the arguments that say what was asked for; drops secrets; never holds results. */
export function describeRequest(args: unknown): string {
  const text = JSON.stringify(args ?? {}, (key, value) => (key && SECRET_KEY.test(key) ? '[redacted]' : value));
  return text.length > MAX_REQUEST_CHARS ? `${text.slice(0, MAX_REQUEST_CHARS)}…` : text;
}

/**
 * Audit log of API accesses (who, what scope, when, outcome), kept AUDIT_RETENTION_MONTHS
 * (12 by default, as the CNIL recommends 6 to 12 months) and purged daily.
 */
@Injectable()
export class AuditService implements OnModuleInit, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private readonly logger = new Logger('Audit');

  constructor(
    @InjectRepository(AuditEntryEntity) private readonly entries: Repository<AuditEntryEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.purge();
    this.timer = setInterval(() => void this.purge().catch((err: Error) => this.logger.error(`audit purge failed: ${err.message}`)), 24 * 3_600_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * Records without delaying the answer; a failure to record is logged (with the action, never the
   * request's content), not hidden.
   */
  recordInBackground(entry: Parameters<AuditService['record']>[0]): void {
    void this.record(entry).catch((err: Error) => this.logger.error(`audit entry not recorded (${entry.action}, ${entry.outcome}): ${err.message}`));
  }

  async record(entry: { user?: AuthenticatedUser; email?: string; action: string; args: unknown; outcome: AuditOutcome }, at = new Date()) {
    await this.entries.insert({
      id: randomUUID(),
      at,
      userId: entry.user?.id ?? null,
      userEmail: entry.user?.email ?? entry.email ?? null,
      role: entry.user?.role ?? null,
      action: entry.action.slice(0, 200),
      request: describeRequest(entry.args),
      outcome: entry.outcome,
    });
  }

  /** Deletes entries older than the retention; returns how many. */
  async purge(now = new Date()): Promise<number> {
    const limit = new Date(now);
    limit.setUTCMonth(limit.getUTCMonth() - this.config.auth.auditRetentionMonths);
    const result = await this.entries.delete({ at: LessThan(limit) });
    return result.affected ?? 0;
  }

  /** Newest first, cursor = the `at|id` of the last entry of the previous page. */
  async page(first: number, after?: string): Promise<AuditEntryEntity[]> {
    const qb = this.entries.createQueryBuilder('a').orderBy('a.at', 'DESC').addOrderBy('a.id', 'DESC').take(first);
    if (after) {
      const [at, id] = after.split('|');
      if (!id || Number.isNaN(Date.parse(at))) throw new AuthException(AuthErrorCode.InvalidInput, 'after: not a cursor returned by auditLog');
      qb.where('(a.at < :at OR (a.at = :at AND a.id < :id))', { at: new Date(at), id });
    }
    return qb.getMany();
  }
}
