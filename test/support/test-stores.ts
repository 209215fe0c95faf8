import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ClickHouseStore } from '@ent/clickhouse';
import type { ClickHouseConfig, RelationalConfig } from '@ent/config';
import { Client } from 'pg';

/**
 * Test stores on the real engines. The embedded ClickHouse engine is bound to one directory per
 * process, so each Jest worker gets its own directory and each test file its own database.
 */
export function testClickHouseConfig(overrides: Partial<ClickHouseConfig> = {}): ClickHouseConfig {
  const dir = path.join(os.tmpdir(), 'ent-observatory-tests', `chdb-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  return {
    transport: 'embedded',
    path: dir,
    user: 'default',
    password: '',
    database: `t_${randomBytes(6).toString('hex')}`,
    maxExecutionTimeSeconds: 10,
    requestTimeoutMs: 30000,
    ...overrides,
  };
}

export async function openTestClickHouse(overrides: Partial<ClickHouseConfig> = {}): Promise<ClickHouseStore> {
  return ClickHouseStore.open(testClickHouseConfig(overrides));
}

/** Drops the test file's database and closes the store. */
export async function closeTestClickHouse(store: ClickHouseStore): Promise<void> {
  await store.command(`DROP DATABASE IF EXISTS \`${store.config.database}\` SYNC`);
  await store.close();
}

/** PostgreSQL of this machine; CI starts it. Tests fail (never skip) when it is unreachable. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface RelationalTarget {
  name: 'sqlite' | 'postgres';
  /** Creates an empty store; returns its configuration and a cleanup function. */
  create(): Promise<{ config: RelationalConfig; cleanup: () => Promise<void> }>;
}

export const RELATIONAL_TARGETS: RelationalTarget[] = [
  {
    name: 'sqlite',
    async create() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-sqlite-'));
      return {
        config: { type: 'sqlite', file: path.join(dir, 'catalog.sqlite') },
        cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'postgres',
    async create() {
      const name = `ent_test_${randomBytes(6).toString('hex')}`;
      const admin = new Client({ connectionString: TEST_POSTGRES_URL });
      try {
        await admin.connect();
      } catch (err) {
        throw new Error(
          `PostgreSQL is required by the relational tests and is unreachable at ${TEST_POSTGRES_URL} ` +
            `(${(err as Error).message}). Start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`,
        );
      }
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(TEST_POSTGRES_URL);
      url.pathname = `/${name}`;
      return {
        config: { type: 'postgres', url: url.toString() },
        cleanup: async () => {
          const c = new Client({ connectionString: TEST_POSTGRES_URL });
          await c.connect();
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await c.end();
        },
      };
    },
  },
];
