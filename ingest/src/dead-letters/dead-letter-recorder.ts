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
 * The count of dead letters as `ingest_rejections` must be read: one per event id (per source and
 * reason, the grouping of the query), however many times the event was sent and refused; each
 * letter without an event id (unparseable line, no UUID) counts once.
 */
export const DEAD_LETTER_COUNT_SQL = "uniqExactIf(event_id, event_id != '') + countIf(event_id = '')";

/**
 * Writes refused events to `ingest_rejections` with their reason, source and time (ARCHITECTURE
 * data flow rule 3). Written before the sender gets its answer; counted per source and reason.
 *
 * A sender that sends a refused event again (a retry, a file imported twice) is refused again, but
 * its dead letter is written once: letters of an event id already recorded by this process with
 * the same source and reason are not written again (the recent ones: two generations of
 * `rememberedLetters`). Another process, or this one after a restart, may write it again: readers
 * count with `DEAD_LETTER_COUNT_SQL`, once per event id and reason.
 */
export class DeadLetterRecorder {
  /** Dead letters written by this process, per source then reason (each event id once). */
  readonly counts = new Map<string, Map<string, number>>();
  private recentYoung = new Set<string>();
  private recentOld = new Set<string>();

  constructor(
    private readonly store: ClickHouseStore,
    private readonly log?: { error(message: string): void },
    private readonly rememberedLetters = 100_000,
  ) {}

  async record(source: string, channel: IngestChannel, letters: readonly DeadLetter[], nowMs = Date.now()): Promise<void> {
    if (letters.length === 0) return;
    const at = toClickHouseTime(nowMs);
    const rows: DeadLetterRow[] = [];
    const inRequest = new Set<string>();
    for (const { rejection, item } of letters) {
      const id = (item as { event_id?: unknown } | undefined)?.event_id;
      const eventId = typeof id === 'string' && UUID.test(id) ? id.toLowerCase() : '';
      const identity = eventId && `${source}\u0000${rejection.reason}\u0000${eventId}`;
      if (identity) {
        if (inRequest.has(identity) || this.recentYoung.has(identity) || this.recentOld.has(identity)) continue;
        inRequest.add(identity);
      }
      rows.push({
        rejected_at: at,
        source,
        channel,
        reason: rejection.reason,
        field: rejection.field,
        detail: rejection.message,
        event_id: eventId,
        payload: redactPayload(item),
      });
    }
    if (rows.length === 0) return;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.store.insert('ingest_rejections', rows, { operation: `recording ${rows.length} rejected events` });
        // Remembered once written: a letter that could not be written is written at the next refusal.
        for (const identity of inRequest) this.remember(identity);
        const perReason = this.counts.get(source) ?? new Map<string, number>();
        this.counts.set(source, perReason);
        for (const r of rows) perReason.set(r.reason, (perReason.get(r.reason) ?? 0) + 1);
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

  private remember(identity: string): void {
    if (this.recentYoung.size >= this.rememberedLetters) {
      this.recentOld = this.recentYoung;
      this.recentYoung = new Set();
    }
    this.recentYoung.add(identity);
  }
}

interface DeadLetterRow {
  rejected_at: string;
  source: string;
  channel: IngestChannel;
  reason: string;
  field: string;
  detail: string;
  event_id: string;
  payload: string;
}
