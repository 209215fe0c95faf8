export * from './clickhouse-migration-files';
export * from './clickhouse-migrator';
export * from './relational-migrations';
export * from './render-for-cluster';
export * from './portable-column-types';
