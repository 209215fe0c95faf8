export * from './clickhouse-client.factory';
export * from './clickhouse-errors';
export * from './clickhouse-settings';
export * from './clickhouse-store';
export * from './embedded-lock';
export * from './table-ttl';
