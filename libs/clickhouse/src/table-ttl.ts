import type { ClickHouseStore } from './clickhouse-store';

/**
 * Brings a table's TTL (`<time expression> + INTERVAL n MONTH DELETE`) to `months` when the table
 * was created with another number (migrations are never edited; retention is configuration).
 * On a cluster the local tables are altered ON CLUSTER. Returns the change made, if any.
 */
export async function applyTableRetention(store: ClickHouseStore, table: string, timeExpression: string, months: number): Promise<string | undefined> {
  if (!Number.isInteger(months) || months < 1 || months > 120) throw new Error(`invalid retention: ${months} months`);
  const target = store.config.cluster ? `${table}_local` : table;
  const [row] = await store.query<{ ddl: string }>(
    'SELECT create_table_query AS ddl FROM system.tables WHERE database = currentDatabase() AND name = {table:String}',
    { params: { table: target }, operation: `reading the ${table} TTL` },
  );
  const m = /TTL .*?(?:INTERVAL (\d+) MONTH|toIntervalMonth\((\d+)\))/i.exec(row?.ddl ?? '');
  const current = m?.[1] ?? m?.[2];
  if (!row || Number(current) === months) return undefined;
  const onCluster = store.config.cluster ? ` ON CLUSTER \`${store.config.cluster}\`` : '';
  // `months` is a validated integer and the names come from code: DDL cannot take query parameters.
  await store.command(`ALTER TABLE ${target}${onCluster} MODIFY TTL ${timeExpression} + INTERVAL ${months} MONTH DELETE`, {
    operation: `changing the ${table} TTL`,
  });
  return `${table} TTL changed from ${current ?? '?'} to ${months} months`;
}
