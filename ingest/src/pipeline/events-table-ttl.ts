import type { ClickHouseStore } from '@ent/clickhouse';

/**
 * Brings the events table's TTL to the configured retention (INGEST_RETENTION_MONTHS) when it
 * differs from the migration's 13 months. Returns the change made, if any.
 */
export async function applyEventsRetention(store: ClickHouseStore, months: number): Promise<string | undefined> {
  if (!Number.isInteger(months) || months < 1 || months > 120) throw new Error(`invalid retention: ${months} months`);
  const table = store.config.cluster ? 'events_local' : 'events';
  const [row] = await store.query<{ ddl: string }>(
    'SELECT create_table_query AS ddl FROM system.tables WHERE database = currentDatabase() AND name = {table:String}',
    { params: { table }, operation: 'reading the events TTL' },
  );
  const m = /TTL .*?(?:INTERVAL (\d+) MONTH|toIntervalMonth\((\d+)\))/i.exec(row?.ddl ?? '');
  const current = m?.[1] ?? m?.[2];
  if (!row || Number(current) === months) return undefined;
  const onCluster = store.config.cluster ? ` ON CLUSTER \`${store.config.cluster}\`` : '';
  // `months` is a validated integer: DDL cannot take query parameters.
  await store.command(`ALTER TABLE ${table}${onCluster} MODIFY TTL toDateTime(occurred_at) + INTERVAL ${months} MONTH DELETE`, {
    operation: 'changing the events TTL',
  });
  return `events TTL changed from ${current ?? '?'} to ${months} months`;
}
