const SECRET_KEY = /pass|secret|token|key|cookie|authorization/i;
const MAX_REQUEST_CHARS = 2000;
/** Deeper arrays and objects are described as `[…]` / `{…}`: the territory and period asked for sit near the top. */
const MAX_DEPTH = 6;
/** Items of an array or keys of an object described, the others counted. */
const MAX_ITEMS = 20;
const MAX_STRING_CHARS = 200;

/**
 * A copy of `value` bounded in depth, width and string length, secrets redacted: what the audit
 * log keeps of a request, whatever its shape (a 5,000-deep array or a 10,000-key object is
 * described in bounded time and stack, never by recursing as deep as the caller chose).
 */
function bounded(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.length > MAX_STRING_CHARS ? `${value.slice(0, MAX_STRING_CHARS)}…` : value;
  if (typeof value === 'bigint') return String(value);
  if (value === null || typeof value !== 'object') return typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? '[…]' : '{…}';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((item) => bounded(item, depth + 1));
    if (value.length > MAX_ITEMS) items.push(`… ${value.length - MAX_ITEMS} more`);
    return items;
  }
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  const keys = Object.keys(value);
  const copy: Record<string, unknown> = {};
  for (const key of keys.slice(0, MAX_ITEMS)) {
    copy[key] = SECRET_KEY.test(key) ? '[redacted]' : bounded((value as Record<string, unknown>)[key], depth + 1);
  }
  if (keys.length > MAX_ITEMS) copy['…'] = `${keys.length - MAX_ITEMS} more keys`;
  return copy;
}

/** Keeps the arguments that say what was asked for; drops secrets; never holds results. */
export function describeRequest(args: unknown): string {
  const text = JSON.stringify(bounded(args ?? {}, 0)) ?? '{}';
  return text.length > MAX_REQUEST_CHARS ? `${text.slice(0, MAX_REQUEST_CHARS)}…` : text;
}
