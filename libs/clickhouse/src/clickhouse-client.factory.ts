import * as fs from 'node:fs';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import type { NodeClickHouseClientConfigOptions } from '@clickhouse/client/dist/config';
import type { ClickHouseConfig } from '@ent/config';
import { productSettings } from './clickhouse-settings';

/**
 * Options given to `createClient` for a ClickHouse server reached over HTTP. Kept separate from
 * the factory so a test can check URL, credentials, database and settings without a server.
 */
export function serverClientOptions(config: ClickHouseConfig, { selectDatabase = true } = {}) {
  if (!config.url) throw new Error('serverClientOptions needs CLICKHOUSE_URL');
  return {
    url: config.url,
    username: config.user,
    password: config.password,
    // Left out while the database may not exist yet (the HTTP interface would refuse the request).
    ...(selectDatabase ? { database: config.database } : {}),
    application: 'ent-observatory',
    request_timeout: config.requestTimeoutMs,
    clickhouse_settings: productSettings(config.maxExecutionTimeSeconds),
  } satisfies NodeClickHouseClientConfigOptions;
}

/**
 * Creates the `@clickhouse/client` client for the configured transport, with the product's
 * database created if missing and selected. Above this function the code path is the same for
 * the embedded engine and for a server.
 */
export async function createClickHouseClient(config: ClickHouseConfig): Promise<ClickHouseClient> {
  const onCluster = config.cluster ? ` ON CLUSTER \`${config.cluster}\`` : '';
  // The database name is validated by the configuration (letters, digits, underscores).
  const createDatabase = `CREATE DATABASE IF NOT EXISTS \`${config.database}\`${onCluster}`;

  if (config.transport === 'server') {
    const admin = createClient(serverClientOptions(config, { selectDatabase: false }));
    try {
      await admin.command({ query: createDatabase });
    } finally {
      await admin.close();
    }
    return createClient(serverClientOptions(config));
  }

  fs.mkdirSync(config.path, { recursive: true });
  // Loaded lazily: a server deployment never loads the embedded engine.
  const { createChdbConnection } = require('chdb/connection') as typeof import('chdb/connection');
  const client = createClient({
    // The connection type comes from chdb's own copy of @clickhouse/client-common.
    connection: createChdbConnection({ path: config.path }) as never,
    clickhouse_settings: productSettings(config.maxExecutionTimeSeconds),
  });
  // The embedded connection is one session: `USE` plays the role of the HTTP `database` option.
  await client.command({ query: createDatabase });
  await client.command({ query: `USE \`${config.database}\`` });
  return client;
}
