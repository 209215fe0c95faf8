import { retentionStartMs, type StoredDigest } from '@ent/ingest';
import { In, LessThan, type DataSource } from 'typeorm';
import { XapiStatementDigestEntity } from './xapi-statement-digest.entity';

/** Rows per statement: SQLite allows 32,766 bound parameters, a request 10,000 statements. */
const CHUNK = 1000;
const PURGE_EVERY_MS = 3600_000;

/**
 * The digests of the stored xAPI statements (relational table `xapi_statement_digest`): what
 * tells a statement sent again (same digest) from a conflicting one (same id, other content).
 * Rows older than the raw-event retention are purged at most hourly, on write: such a statement
 * sent again would be refused as too old before its digest mattered.
 */
export class XapiStatementDigests {
  private lastPurgeMs = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly retentionMonths: number,
  ) {}

  /** Digest of each of these ids that is already stored (ids in lower case). */
  async find(statementIds: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const repo = this.dataSource.getRepository(XapiStatementDigestEntity);
    for (let i = 0; i < statementIds.length; i += CHUNK) {
      const rows = await repo.find({ select: { statementId: true, digest: true }, where: { statementId: In(statementIds.slice(i, i + CHUNK)) } });
      for (const r of rows) found.set(r.statementId, r.digest);
    }
    return found;
  }

  /** Records the statements of a request once their events are committed; an id already recorded is kept as it is. */
  async record(source: string, digests: readonly StoredDigest[], receivedAtMs: number): Promise<void> {
    const receivedAt = new Date(receivedAtMs);
    for (let i = 0; i < digests.length; i += CHUNK) {
      const rows = digests.slice(i, i + CHUNK).map((d) => ({ statementId: d.statementId, digest: d.digest, source, receivedAt }));
      await this.dataSource.createQueryBuilder().insert().into(XapiStatementDigestEntity).values(rows).orIgnore().execute();
    }
    if (receivedAtMs - this.lastPurgeMs >= PURGE_EVERY_MS) {
      this.lastPurgeMs = receivedAtMs;
      await this.purgeOlderThan(retentionStartMs(receivedAtMs, this.retentionMonths));
    }
  }

  async purgeOlderThan(cutoffMs: number): Promise<void> {
    await this.dataSource.getRepository(XapiStatementDigestEntity).delete({ receivedAt: LessThan(new Date(cutoffMs)) });
  }
}
