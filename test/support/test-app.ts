import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { loadConfig, type AppConfig } from '@ent/config';
import type { DataSource } from 'typeorm';
import { createApp } from '../../api/src/bootstrap';
import { openRelationalStore } from '../../api/src/database/relational-data-source';
import { ClickHouseMigrator } from '@ent/migrations';
import type { ClickHouseStore } from '@ent/clickhouse';
import { closeTestClickHouse, openTestClickHouse, RELATIONAL_TARGETS, type RelationalTarget } from './test-stores';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  clickhouse: ClickHouseStore;
  relational: DataSource;
  /** Base URL of the listening app (127.0.0.1, random port). */
  url: string;
  close(): Promise<void>;
}

/**
 * The whole Nest application on real test stores (embedded ClickHouse database of this test
 * file, SQLite or PostgreSQL), migrated, listening on a random loopback port.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  target: RelationalTarget = RELATIONAL_TARGETS[0],
  /** Runs on the migrated relational store before the application starts (e.g. to seed it). */
  beforeStart?: (relational: DataSource) => Promise<void>,
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-app-'));
  const clickhouse = await openTestClickHouse();
  await new ClickHouseMigrator(clickhouse).migrate();
  const { config: relationalConfig, cleanup } = await target.create();
  const relational = await openRelationalStore(relationalConfig);
  await relational.runMigrations({ transaction: 'each' });
  if (beforeStart) await beforeStart(relational);
  const config: AppConfig = {
    // No background refresh of kept analytics answers nor finalization of the rollups: they would
    // issue ClickHouse statements at any time (tests that need them call
    // QueryResultCache.refreshStale or RollupFinalizer.run themselves).
    ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', DEMO: '0', ANALYTICS_REFRESH_SECONDS: '0', ANALYTICS_FINALIZE_SECONDS: '0', ...env }),
    clickhouse: clickhouse.config,
    relational: relationalConfig,
  };
  const app = await createApp(config, { clickhouse, relational, release: () => undefined });
  await app.listen(env.PORT ? Number(env.PORT) : 0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    config,
    clickhouse,
    relational,
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      await app.close();
      // @nestjs/typeorm closes the data source with the application.
      if (relational.isInitialized) await relational.destroy();
      await cleanup();
      await closeTestClickHouse(clickhouse);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
