/**
 * A ClickHouse operation failed. Carries the ClickHouse error code and name so callers can tell a
 * timeout (159 TIMEOUT_EXCEEDED) from a syntax error (62) or a missing table (60). Never swallowed:
 * an error is never turned into an empty result.
 */
export class ClickHouseQueryError extends Error {
  constructor(
    message: string,
    /** Numeric ClickHouse error code, as a string (e.g. "60"), when ClickHouse reported one. */
    readonly code: string | undefined,
    /** ClickHouse error name (e.g. "UNKNOWN_TABLE"). */
    readonly type: string | undefined,
    /** What the product was doing (e.g. "migration 0002_create_events"). */
    readonly operation: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ClickHouseQueryError';
  }

  /** ClickHouse error codes worth retrying: the outcome is unknown or the server is busy. */
  get isTransient(): boolean {
    return this.code !== undefined && TRANSIENT_CODES.has(Number(this.code));
  }
}

// 159 TIMEOUT_EXCEEDED is not here on purpose: for queries it is final, for inserts callers treat
// any failure without a code (network, socket) as an unknown outcome and retry with the same token.
const TRANSIENT_CODES = new Set([
  202, // TOO_MANY_SIMULTANEOUS_QUERIES
  209, // SOCKET_TIMEOUT
  210, // NETWORK_ERROR
  241, // MEMORY_LIMIT_EXCEEDED
  252, // TOO_MANY_PARTS
  319, // UNKNOWN_STATUS_OF_INSERT
  425, // SYSTEM_ERROR
]);

export function toQueryError(err: unknown, operation: string): ClickHouseQueryError {
  if (err instanceof ClickHouseQueryError) return err;
  const e = err as { clickhouseCode?: number | string; code?: unknown; type?: unknown; message?: string };
  // @clickhouse/client's ClickHouseError (duck-typed: chdb ships its own copy of the class).
  if (typeof e?.code === 'string' && /^\d+$/.test(e.code)) {
    const type = typeof e.type === 'string' ? e.type : undefined;
    return new ClickHouseQueryError(
      `ClickHouse error ${e.code}${type ? ` ${type}` : ''} during ${operation}: ${String(e.message).trim()}`,
      e.code,
      type,
      operation,
      { cause: err },
    );
  }
  // chDB's own errors carry the ClickHouse code as `clickhouseCode`.
  const code = e?.clickhouseCode !== undefined ? String(e.clickhouseCode) : undefined;
  const message = e?.message ?? String(err);
  return new ClickHouseQueryError(
    `ClickHouse ${code ? `error ${code} ` : 'request failed '}during ${operation}: ${message.trim()}`,
    code,
    undefined,
    operation,
    { cause: err },
  );
}
