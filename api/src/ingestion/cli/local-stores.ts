import { acquireEmbeddedLock, ClickHouseStore, EmbeddedStoreBusyError } from '@ent/clickhouse';
import type { AppConfig } from '@ent/config';
import { ClickHouseMigrator } from '@ent/migrations';
import type { DataSource } from 'typeorm';
import { openRelationalStore } from '../../database/relational-data-source';
import { IngestionRuntime } from '../ingestion-runtime';

/** The relational store, migrated (a command may run before the product's first start). */
export async function openMigratedRelationalStore(config: AppConfig): Promise<DataSource> {
  const relational = await openRelationalStore(config.relational);
  await relational.runMigrations({ transaction: 'each' });
  return relational;
}

export interface LocalIngestion {
  runtime: IngestionRuntime;
  /** Writes what is pending, then closes the stores and releases the embedded directory. */
  close(): Promise<void>;
}

/**
 * Opens both stores in this process for a command-line tool (no product running), holding the
 * embedded directory's lock as `command` so that the product, or another tool, is told clearly.
 */
export async function openLocalIngestion(
  config: AppConfig,
  command: string,
  log: { log(m: string): void; warn(m: string): void; error(m: string): void } = { log: () => undefined, warn: console.warn, error: console.error },
): Promise<LocalIngestion> {
  let release = () => {};
  if (config.clickhouse.transport === 'embedded') {
    release = acquireEmbeddedLock(config.clickhouse.path, { command }).release;
  }
  let clickhouse: ClickHouseStore | undefined;
  let relational: DataSource | undefined;
  try {
    clickhouse = await ClickHouseStore.open(config.clickhouse);
    await new ClickHouseMigrator(clickhouse).migrate();
    relational = await openMigratedRelationalStore(config);
    const runtime = await IngestionRuntime.start(config, clickhouse, relational, log);
    const [ch, rel] = [clickhouse, relational];
    return {
      runtime,
      async close() {
        try {
          await runtime.beforeApplicationShutdown();
        } finally {
          await Promise.allSettled([ch.close(), rel.destroy()]);
          release();
        }
      },
    };
  } catch (err) {
    await clickhouse?.close().catch(() => undefined);
    if (relational?.isInitialized) await relational.destroy().catch(() => undefined);
    release();
    throw err;
  }
}

export { EmbeddedStoreBusyError };
