import type { ClickHouseStore } from '@ent/clickhouse';
import { loadClickHouseMigrations, type ClickHouseMigration } from './clickhouse-migration-files';
import { renderAllForCluster } from './render-for-cluster';

export const CLICKHOUSE_MIGRATIONS_TABLE = 'schema_migrations';

/** An applied migration file was changed afterwards: the start stops, nothing is applied. */
export class MigrationTamperedError extends Error {
  constructor(
    readonly migration: string,
    readonly recorded: string,
    readonly current: string,
  ) {
    super(
      `ClickHouse migration ${migration}.sql was changed after it was applied ` +
        `(checksum recorded ${recorded.slice(0, 12)}…, file now ${current.slice(0, 12)}…). ` +
        `Applied migrations are never edited: restore the file and add a new migration for the change.`,
    );
    this.name = 'MigrationTamperedError';
  }
}

export class MigrationFailedError extends Error {
  constructor(migration: string, cause: unknown) {
    super(`ClickHouse migration ${migration}.sql failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'MigrationFailedError';
  }
}

export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
}

export interface MigrationStatus {
  applied: AppliedMigration[];
  pending: ClickHouseMigration[];
}

/**
 * Applies `migrations/clickhouse/NNNN_*.sql` in order, once each, recording version, name and
 * checksum in `schema_migrations`. With a cluster, every statement is rendered for it first.
 */
export class ClickHouseMigrator {
  constructor(
    private readonly store: ClickHouseStore,
    private readonly migrations: readonly ClickHouseMigration[] = loadClickHouseMigrations(),
  ) {}

  private get cluster(): string | undefined {
    return this.store.config.cluster;
  }

  /** The statements each migration runs on this deployment (single node or cluster). */
  renderedStatements(): Map<string, string[]> {
    const cluster = this.cluster;
    if (cluster) return renderAllForCluster(this.migrations, cluster);
    return new Map(this.migrations.map((m) => [m.name, [m.statement]]));
  }

  private async ensureLogTable(): Promise<void> {
    const cluster = this.cluster;
    // On a cluster the log is replicated to every node (one path for all shards), not sharded.
    const engine = cluster
      ? `ReplicatedMergeTree('/clickhouse/tables/{database}/${CLICKHOUSE_MIGRATIONS_TABLE}', '{replica}')`
      : 'MergeTree';
    await this.store.command(
      `CREATE TABLE IF NOT EXISTS ${CLICKHOUSE_MIGRATIONS_TABLE}${cluster ? ` ON CLUSTER \`${cluster}\`` : ''} ` +
        `(version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)) ` +
        `ENGINE = ${engine} ORDER BY version`,
      { operation: 'creating the migration log' },
    );
  }

  /** Applied and pending migrations; throws if an applied file was changed. Read-only. */
  async status(): Promise<MigrationStatus> {
    const [log] = await this.store.query<{ found: number }>(
      'SELECT count() AS found FROM system.tables WHERE database = currentDatabase() AND name = {table:String}',
      { params: { table: CLICKHOUSE_MIGRATIONS_TABLE }, operation: 'looking for the migration log' },
    );
    if (log?.found !== 1) return { applied: [], pending: [...this.migrations] };
    const applied = await this.store.query<AppliedMigration>(
      `SELECT version, any(name) AS name, any(checksum) AS checksum FROM ${CLICKHOUSE_MIGRATIONS_TABLE} GROUP BY version ORDER BY version`,
      { operation: 'reading the migration log' },
    );
    const byVersion = new Map(applied.map((a) => [a.version, a]));
    for (const m of this.migrations) {
      const a = byVersion.get(m.version);
      if (a && (a.checksum !== m.checksum || a.name !== m.name)) {
        throw new MigrationTamperedError(m.name, a.checksum, m.checksum);
      }
    }
    return { applied, pending: this.migrations.filter((m) => !byVersion.has(m.version)) };
  }

  /** Applies what is pending, in order; returns the names applied. Running it again applies nothing. */
  async migrate(): Promise<string[]> {
    await this.ensureLogTable();
    const { pending } = await this.status();
    const rendered = this.renderedStatements();
    const done: string[] = [];
    for (const m of pending) {
      try {
        for (const statement of rendered.get(m.name) ?? []) {
          await this.store.command(statement, { operation: `migration ${m.name}` });
        }
      } catch (err) {
        throw new MigrationFailedError(m.name, err);
      }
      await this.store.insert(
        CLICKHOUSE_MIGRATIONS_TABLE,
        [{ version: m.version, name: m.name, checksum: m.checksum }],
        { operation: `recording migration ${m.name}` },
      );
      done.push(m.name);
    }
    return done;
  }
}
