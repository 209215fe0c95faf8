import { applyTableRetention, type ClickHouseStore } from '@ent/clickhouse';

/**
 * Brings the events table's TTL to the configured retention (INGEST_RETENTION_MONTHS) when it
 * differs from the migration's 13 months. Returns the change made, if any.
 */
export function applyEventsRetention(store: ClickHouseStore, months: number): Promise<string | undefined> {
  return applyTableRetention(store, 'events', 'toDateTime(occurred_at)', months);
}
