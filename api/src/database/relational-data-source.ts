import type { RelationalConfig } from '@ent/config';
import { RELATIONAL_MIGRATIONS, RELATIONAL_MIGRATIONS_TABLE } from '@ent/migrations';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AppSettingEntity } from './app-setting.entity';
import { AppUserEntity } from '../auth/entities/app-user.entity';
import { UserSessionEntity } from '../auth/entities/user-session.entity';
import { OidcPendingLoginEntity } from '../auth/entities/oidc-pending-login.entity';
import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { IngestApiKeyEntity } from '../ingestion/api-key.entity';
import { XapiStatementDigestEntity } from '../ingestion/xapi-statement-digest.entity';
import { CATALOG_ENTITIES } from '../catalog/entities';
import { AnnotationEntity } from '../annotations/entities/annotation.entity';

/** Every TypeORM entity of the product; features add theirs here. */
export const RELATIONAL_ENTITIES = [AppSettingEntity, AppUserEntity, UserSessionEntity, OidcPendingLoginEntity, AuditEntryEntity, IngestApiKeyEntity, XapiStatementDigestEntity, ...CATALOG_ENTITIES, AnnotationEntity];

/** TypeORM options for the configured store. `synchronize` is never used: migrations only. */
export function relationalDataSourceOptions(config: RelationalConfig): DataSourceOptions {
  const common = {
    entities: RELATIONAL_ENTITIES,
    migrations: RELATIONAL_MIGRATIONS,
    migrationsTableName: RELATIONAL_MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: false,
  };
  if (config.type === 'postgres') return { type: 'postgres', url: config.url, ...common };
  // Write-ahead log, synced at checkpoints: a write (a session, an audit entry per request) costs
  // no fsync of its own, readers never wait for a writer, and a crash of the process loses nothing.
  return { type: 'better-sqlite3', database: config.file, enableWAL: true, prepareDatabase: (db: { pragma: (p: string) => unknown }) => {
      db.pragma('synchronous = NORMAL');
    }, ...common };
}

/** Opens the relational store (creating the SQLite file's directory if needed). */
export async function openRelationalStore(config: RelationalConfig): Promise<DataSource> {
  if (config.type === 'sqlite') fs.mkdirSync(path.dirname(config.file), { recursive: true });
  const dataSource = new DataSource(relationalDataSourceOptions(config));
  await dataSource.initialize();
  return dataSource;
}

export function describeRelational(config: RelationalConfig): string {
  if (config.type === 'sqlite') return `SQLite at ${config.file}`;
  const url = new URL(config.url);
  return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
}
