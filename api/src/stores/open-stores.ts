import { acquireEmbeddedLock, applyTableRetention, ClickHouseStore, describeTransport, EmbeddedStoreBusyError } from '@ent/clickhouse';
import type { AppConfig } from '@ent/config';
import { ClickHouseMigrator } from '@ent/migrations';
import type { DataSource } from 'typeorm';
import { describeRelational, openRelationalStore } from '../database/relational-data-source';
import { rollupDefinitions, RollupBackfill } from '../analytics/rollups/rollup-backfill';
import { FINAL_TABLES } from '../analytics/finalization/finalize-sql';

export interface Stores {
  clickhouse: ClickHouseStore;
  relational: DataSource;
  /** Releases the embedded data directory (no-op with a server). */
  release(): void;
}

/** The product cannot start; the message is one line meant for the person who started it. */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

interface StartupLog {
  info(message: string): void;
}

/** Opens both stores and brings their schemas up to date (migrations run at every start). */
export async function openStores(config: AppConfig, log: StartupLog): Promise<Stores> {
  let release = () => {};
  if (config.clickhouse.transport === 'embedded') {
    try {
      release = acquireEmbeddedLock(config.clickhouse.path, { port: config.port, command: 'api' }).release;
    } catch (err) {
      if (err instanceof EmbeddedStoreBusyError) throw new StartupError(err.message, { cause: err });
      throw err;
    }
  }

  let clickhouse: ClickHouseStore;
  try {
    clickhouse = await ClickHouseStore.open(config.clickhouse);
  } catch (err) {
    release();
    throw new StartupError(`Cannot open ClickHouse (${describeTransport(config.clickhouse)}): ${(err as Error).message}`, {
      cause: err,
    });
  }

  try {
    const applied = await new ClickHouseMigrator(clickhouse).migrate();
    log.info(
      `ClickHouse ready (${describeTransport(config.clickhouse)}); ` +
        (applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'),
    );
    await backfillNewRollups(clickhouse, applied, log);
    // The finalized rollups are kept as long as the rollups they come from.
    for (const table of [...rollupDefinitions().map((r) => r.table), ...FINAL_TABLES]) {
      const change = await applyTableRetention(clickhouse, table, 'period', config.analytics.rollupRetentionMonths);
      if (change) log.info(change);
    }
  } catch (err) {
    await clickhouse.close().catch(() => undefined);
    release();
    throw new StartupError((err as Error).message, { cause: err });
  }

  let relational: DataSource;
  try {
    relational = await openRelationalStore(config.relational);
    const applied = await relational.runMigrations({ transaction: 'each' });
    log.info(
      `Relational store ready (${describeRelational(config.relational)}); ` +
        (applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'schema up to date'),
    );
  } catch (err) {
    await clickhouse.close().catch(() => undefined);
    release();
    throw new StartupError(
      `Cannot open the relational store (${describeRelational(config.relational)}): ${(err as Error).message}`,
      { cause: err },
    );
  }
  return { clickhouse, relational, release };
}

/**
 * A rollup created by this start's migrations only sees events inserted from now on: when events
 * are already stored, its school years are rebuilt from them before the API answers.
 */
export async function backfillNewRollups(clickhouse: ClickHouseStore, applied: readonly string[], log: StartupLog): Promise<void> {
  const views = new Set(rollupDefinitions().map((d) => d.view));
  const created = applied.filter((name) => [...views].some((v) => name.endsWith(`create_${v}`)));
  if (!created.length) return;
  const backfill = new RollupBackfill(clickhouse);
  const years = await backfill.schoolYearsWithEvents();
  if (!years.length) return;
  log.info(`New rollups (${created.join(', ')}): rebuilding them from the stored events of ${years.join(', ')}…`);
  for (const year of years) {
    const report = await backfill.rebuild(year);
    log.info(`Rollups of ${year} rebuilt in ${report.seconds} s`);
  }
}

export async function closeStores(stores: Stores): Promise<void> {
  // The relational store may already be closed by the application (@nestjs/typeorm does it).
  await Promise.allSettled([stores.clickhouse.close(), stores.relational.isInitialized ? stores.relational.destroy() : undefined]);
  stores.release();
}
