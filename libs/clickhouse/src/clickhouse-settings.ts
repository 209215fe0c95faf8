import type { ClickHouseSettings } from '@clickhouse/client';

/**
 * Settings the product relies on, pinned here instead of being left to version defaults
 * (they changed between ClickHouse releases: async_insert became 1 by default, for instance).
 * They are sent with every request, on both transports.
 */
export function productSettings(maxExecutionTimeSeconds: number): ClickHouseSettings {
  return {
    // A runaway query ends with TIMEOUT_EXCEEDED (code 159) instead of holding a core.
    max_execution_time: maxExecutionTimeSeconds,
    timeout_overflow_mode: 'throw',
    // We batch on our side and acknowledge senders only after ClickHouse committed the batch:
    // server-side async buffering would acknowledge before the data is in a part.
    async_insert: 0,
    wait_for_async_insert: 1,
    // Retries of a batch carry the same insert_deduplication_token and must be dropped.
    insert_deduplicate: 1,
    // Day boundaries are computed explicitly in Europe/Paris; everything else is UTC.
    session_timezone: 'UTC',
    date_time_output_format: 'iso',
    // Counts come back as JSON numbers; identifiers are never 64-bit integers in results.
    output_format_json_quote_64bit_integers: 0,
    // Empty join matches are empty, never NULL (our queries are written for that).
    join_use_nulls: 0,
  };
}

/** Minimum ClickHouse server version the SQL and settings of this product need (see README). */
export const MINIMUM_SERVER_VERSION = '24.3';
