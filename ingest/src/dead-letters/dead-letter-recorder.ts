import type { ClickHouseStore } from '@ent/clickhouse';
import { EVENT_FIELDS, IDENTIFIER_FIELDS, toClickHouseTime, type EventProblem } from '../contract/event-contract';

export type IngestChannel = 'http' | 'xapi' | 'file' | 'demo';

export interface Rejection extends EventProblem {
  /** Position of the event in its request or file (0-based). */
  index: number;
}

export interface DeadLetter {
  rejection: Rejection;
  /** The item as received (parsed), or undefined when it could not be parsed. */
  item: unknown;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const KNOWN = new Set<string>(EVENT_FIELDS);
const IDENTIFIERS = new Set<string>(IDENTIFIER_FIELDS);
const MAX_VALUE = 120;
const MAX_PAYLOAD = 4000;

/**
 * What is kept of a refused event: the contract fields that carry no identifier (truncated), the
 * names of the other fields, never their values — a raw ENT id must not reach storage even when the
 * sender put it in the wrong place. Unparseable items keep nothing.
 */
export function redactPayload(item: unknown): string {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    return item === undefined ? '' : JSON.stringify({ '[type]': Array.isArray(item) ? 'array' : item === null ? 'null' : typeof item });
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
    const name = key.length > 64 ? `${key.slice(0, 64)}…` : key;
    if (!KNOWN.has(key) || IDENTIFIERS.has(key)) out[name] = '[redacted]';
    else if (typeof value === 'string') out[name] = value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value;
    else out[name] = `[${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}]`;
  }
  const text = JSON.stringify(out);
  return text.length > MAX_PAYLOAD ? `${text.slice(0, MAX_PAYLOAD)}…` : text;
}

/**
 * Writes refused events to `ingest_rejections` with their reason, source and time (ARCHITECTURE
 * data flow rule 3). Written before the sender gets its answer; counted per source and reason.
 */
export class DeadLetterRecorder {
  /** Rejections recorded by this process, per source then reason. */
  readonly counts = new Map<string, Map<string, number>>();

  constructor(
    private readonly store: ClickHouseStore,
    private readonly log?: { error(message: string): void },
  ) {}

  async record(source: string, channel: IngestChannel, letters: readonly DeadLetter[], nowMs = Date.now()): Promise<void> {
    if (letters.length === 0) return;
    const at = toClickHouseTime(nowMs);
    const rows = letters.map(({ rejection, item }) => {
      const id = (item as { event_id?: unknown } | undefined)?.event_id;
      return {
        rejected_at: at,
        source,
        channel,
        reason: rejection.reason,
        field: rejection.field,
        detail: rejection.message,
        event_id: typeof id === 'string' && UUID.test(id) ? id.toLowerCase() : '',
        payload: redactPayload(item),
      };
    });
    const perReason = this.counts.get(source) ?? new Map<string, number>();
    this.counts.set(source, perReason);
    for (const r of rows) perReason.set(r.reason, (perReason.get(r.reason) ?? 0) + 1);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.store.insert('ingest_rejections', rows, { operation: `recording ${rows.length} rejected events` });
        return;
      } catch (err) {
        if (attempt >= 3) {
          // The senders still get every reason in their answer; only the durable copy is missing.
          this.log?.error(`${rows.length} rejected events of source ${source} could not be recorded: ${(err as Error).message}`);
          return;
        }
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  }
}
