import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AppConfig } from '@ent/config';
import { LessThan, Repository } from 'typeorm';
import { APP_CONFIG } from '../config/app-config.provider';
import type { AuthenticatedUser } from '../auth/auth.service';
import { AuditEntryEntity } from './audit-entry.entity';
import { AuthErrorCode, AuthException } from '../auth/auth.errors';
import { describeRequest } from './utils/describe-request.util';

export type AuditOutcome = 'ok' | 'denied' | 'invalid' | 'error';

/** Entries of the background queue are written together: within this delay (ms)… */
const FLUSH_DELAY_MS = 100;
/** …or as soon as this many wait (one INSERT of several rows). */
const FLUSH_BATCH = 200;

type AuditRecord = { user?: AuthenticatedUser; email?: string; action: string; args: unknown; outcome: AuditOutcome };

/**
 * Audit log of API accesses (who, what scope, when, outcome), kept AUDIT_RETENTION_MONTHS
 * (12 by default, as the CNIL recommends 6 to 12 months) and purged daily.
 *
 * Accesses are queued and written in batches (at most FLUSH_DELAY_MS later, one multi-row INSERT):
 * a dashboard fires a dozen requests at once, and one write transaction per request would cost
 * more than answering most of them. Reading the log (`page`, `purge`) and shutting down write the
 * queue first, so the log is read whole.
 */
@Injectable()
export class AuditService implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private queue: AuditEntryEntity[] = [];
  private flushTimer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
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

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * Records without delaying the answer (queued, written within FLUSH_DELAY_MS); a failure to
   * record is logged (with the actions, never the requests' content), not hidden.
   */
  recordInBackground(entry: AuditRecord, at = new Date()): void {
    this.queue.push(toRow(entry, at));
    if (this.queue.length >= FLUSH_BATCH) void this.flush();
    else this.flushTimer ??= setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
  }

  /** Writes the queued entries (resolves once every entry queued before the call is written or reported). */
  flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const batch = this.queue;
    this.queue = [];
    const previous = this.flushing;
    this.flushing = previous.then(async () => {
      if (!batch.length) return;
      try {
        await this.entries.insert(batch);
      } catch (err) {
        const actions = [...new Set(batch.map((e) => `${e.action} → ${e.outcome}`))].slice(0, 5).join(', ');
        this.logger.error(`${batch.length} audit entries not recorded (${actions}): ${(err as Error).message}`);
      }
    });
    return this.flushing;
  }

  /** Deletes entries older than the retention; returns how many. */
  async purge(now = new Date()): Promise<number> {
    await this.flush();
    const limit = new Date(now);
    limit.setUTCMonth(limit.getUTCMonth() - this.config.auth.auditRetentionMonths);
    const result = await this.entries.delete({ at: LessThan(limit) });
    return result.affected ?? 0;
  }

  /** Newest first, cursor = the `at|id` of the last entry of the previous page. */
  async page(first: number, after?: string): Promise<AuditEntryEntity[]> {
    await this.flush();
    const qb = this.entries.createQueryBuilder('a').orderBy('a.at', 'DESC').addOrderBy('a.id', 'DESC').take(first);
    if (after) {
      const [at, id] = after.split('|');
      if (!id || Number.isNaN(Date.parse(at))) throw new AuthException(AuthErrorCode.InvalidInput, 'after: not a cursor returned by auditLog');
      qb.where('(a.at < :at OR (a.at = :at AND a.id < :id))', { at: new Date(at), id });
    }
    return qb.getMany();
  }
}

function toRow(entry: AuditRecord, at: Date): AuditEntryEntity {
  return {
    id: randomUUID(),
    at,
    userId: entry.user?.id ?? null,
    userEmail: entry.user?.email ?? entry.email ?? null,
    role: entry.user?.role ?? null,
    action: entry.action.slice(0, 200),
    request: describeRequest(entry.args),
    outcome: entry.outcome,
  };
}
