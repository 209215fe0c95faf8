import { ClickHouseQueryError, type ClickHouseStore } from '@ent/clickhouse';
import type { EventRow } from '../contract/event-contract';
import { batchToken } from './batch-token';

/** The buffer holds too many events waiting for ClickHouse: the sender should retry later. */
export class BufferFullError extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    /** True while ClickHouse is failing (503), false when it is only behind (429). */
    readonly storageUnavailable: boolean,
  ) {
    super(
      storageUnavailable
        ? 'ClickHouse is unavailable and the ingestion buffer is full: retry later'
        : 'the ingestion buffer is full: retry later',
    );
    this.name = 'BufferFullError';
  }
}

/** The writer is stopping (SIGTERM) or stopped: nothing new is accepted. */
export class WriterClosedError extends Error {
  constructor() {
    super('the ingestion writer is stopping: retry later');
    this.name = 'WriterClosedError';
  }
}

/** ClickHouse refused a batch for a reason a retry will not fix; its events were not stored. */
export class BatchRejectedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BatchRejectedError';
  }
}

export interface WriteOutcome {
  /** Events of this submission written by this process (or already pending from another submission). */
  stored: number;
  /** Events already in ClickHouse before this submission (a resent event). */
  duplicates: number;
}

export interface EventWriterOptions {
  table?: string;
  batchMaxRows: number;
  /** A batch is sent when it is this old even if smaller than `batchMaxRows`. */
  flushIntervalMs: number;
  /** When no insert is running, a batch of at least this many rows is sent at once. */
  batchMinRows?: number;
  bufferMaxEvents: number;
  /**
   * Batches written at the same time (default 2): one batch's lookup and insert overlap another's.
   * Safe because an event id is in one batch only (pending events are shared, not queued twice).
   */
  maxConcurrentInserts?: number;
  /** Event ids remembered after commit, to answer resends without asking ClickHouse. */
  recentIdsCapacity?: number;
  retryInitialMs?: number;
  retryMaxMs?: number;
  log?: { warn(message: string): void; error(message: string): void };
}

interface Ticket {
  remaining: number;
  duplicates: number;
  total: number;
  resolve(outcome: WriteOutcome): void;
  reject(err: Error): void;
}

interface Entry {
  row: EventRow;
  tickets: Ticket[];
  /** Ask ClickHouse whether it is already stored (file re-imports; see `SubmitOptions`). */
  lookup: boolean;
}

export interface SubmitOptions {
  /**
   * Check ClickHouse for events stored long ago (a file imported again). Live senders do not need
   * it: their resends are answered from memory — ids stored by this process, plus those received
   * in the hours before it started (`warmUp`, for resends after a crash).
   */
  lookupStored?: boolean;
}

/**
 * Batching writer of the events table. A submission is acknowledged only once ClickHouse committed
 * every batch holding its events (ARCHITECTURE data flow rule 1):
 *
 * - batches by size and time, at most `maxConcurrentInserts` at once (ClickHouse prefers few,
 *   large inserts);
 * - each batch carries a deduplication token derived from its event ids; a failure with an unknown
 *   outcome (timeout, network) or a transient error is retried with the same token, with capped
 *   exponential backoff, until it succeeds;
 * - an event id already pending joins the pending event; one already stored (remembered by this
 *   process, received in the hours before it started (`warmUp`), or — for file imports — found in
 *   ClickHouse) is acknowledged as a duplicate without being written again: a resend after a
 *   timeout or a crash, or a file imported twice, is never counted twice;
 * - when the buffer is full, `submit` refuses at once (the API answers 429/503 with Retry-After);
 * - `drain()` stops intake and writes everything pending (SIGTERM).
 */
export class EventWriter {
  private readonly table: string;
  private readonly pending = new Map<string, Entry>();
  private queue: Entry[] = [];
  private queueHead = 0;
  private oldestQueuedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private running = 0;
  private idleWaiters: (() => void)[] = [];
  private closed = false;
  private failing = false;
  private recentYoung = new Set<string>();
  private recentOld = new Set<string>();
  /** Counters for status pages and tests. */
  readonly stats = { batches: 0, rowsWritten: 0, duplicates: 0, retries: 0 };

  constructor(
    private readonly store: ClickHouseStore,
    private readonly options: EventWriterOptions,
  ) {
    this.table = options.table ?? 'events';
  }

  /** Events accepted but not yet committed. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Throws what `submit` would reject with when `count` more events cannot be taken now. */
  assertCanAccept(count: number): void {
    if (this.closed) throw new WriterClosedError();
    if (this.pending.size + count > this.options.bufferMaxEvents) throw new BufferFullError(this.failing ? 5 : 1, this.failing);
  }

  /**
   * Remembers the events received since `sinceMs` (the previous process's last hours), so that
   * what a crashed process stored without acknowledging it is recognised when senders resend it.
   */
  async warmUp(sinceMs: number, maxIds = 2_000_000): Promise<number> {
    const rows = await this.store.query<{ id: string }>(
      `SELECT toString(event_id) AS id FROM ${this.table} WHERE received_at >= {since:DateTime64(3)} LIMIT {max:UInt32}`,
      { params: { since: new Date(sinceMs).toISOString().replace('T', ' ').replace('Z', ''), max: maxIds }, operation: 'reading recently received event ids' },
    );
    for (const r of rows) this.remember(r.id);
    return rows.length;
  }

  submit(rows: readonly EventRow[], options: SubmitOptions = {}): Promise<WriteOutcome> {
    if (this.closed) return Promise.reject(new WriterClosedError());
    if (rows.length === 0) return Promise.resolve({ stored: 0, duplicates: 0 });
    if (this.pending.size + rows.length > this.options.bufferMaxEvents) {
      return Promise.reject(new BufferFullError(this.failing ? 5 : 1, this.failing));
    }
    return new Promise<WriteOutcome>((resolve, reject) => {
      const ticket: Ticket = { remaining: 0, duplicates: 0, total: rows.length, resolve, reject };
      const seenHere = new Set<string>();
      for (const row of rows) {
        const id = row.event_id;
        if (seenHere.has(id)) {
          ticket.duplicates++;
          continue;
        }
        seenHere.add(id);
        if (this.recentYoung.has(id) || this.recentOld.has(id)) {
          ticket.duplicates++;
          continue;
        }
        const entry = this.pending.get(id);
        ticket.remaining++;
        if (entry) {
          entry.tickets.push(ticket);
          if (options.lookupStored) entry.lookup = true;
        } else {
          const fresh: Entry = { row, tickets: [ticket], lookup: options.lookupStored === true };
          this.pending.set(id, fresh);
          if (this.queue.length === this.queueHead) this.oldestQueuedAt = Date.now();
          this.queue.push(fresh);
        }
      }
      if (ticket.remaining === 0) {
        this.stats.duplicates += ticket.duplicates;
        resolve({ stored: 0, duplicates: ticket.duplicates });
      }
      this.schedule();
    });
  }

  /** Stops intake and resolves once every pending event is committed (or definitively failed). */
  async drain(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.schedule();
    while (this.running > 0 || this.queued() > 0) {
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  private queued(): number {
    return this.queue.length - this.queueHead;
  }

  private minRows(): number {
    return this.options.batchMinRows ?? Math.min(1000, this.options.batchMaxRows);
  }

  /**
   * Starts batches while an insert slot is free and a batch is due: full enough (`batchMinRows`),
   * old enough (`flushIntervalMs`), or the writer is draining. Otherwise waits for the oldest
   * queued event to come of age.
   */
  private schedule(): void {
    const maxRunning = this.options.maxConcurrentInserts ?? 2;
    while (this.running < maxRunning && this.queued() > 0) {
      const due = this.closed || this.queued() >= this.minRows() || Date.now() - this.oldestQueuedAt >= this.options.flushIntervalMs;
      if (!due) break;
      const batch = this.queue.slice(this.queueHead, this.queueHead + this.options.batchMaxRows);
      this.queueHead += batch.length;
      if (this.queueHead > 50_000 && this.queueHead * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.queueHead);
        this.queueHead = 0;
      }
      this.oldestQueuedAt = Date.now();
      this.running++;
      void this.writeBatch(batch).finally(() => {
        this.running--;
        this.schedule();
        if (this.running === 0 && this.queued() === 0) for (const w of this.idleWaiters.splice(0)) w();
      });
    }
    if (this.queued() > 0 && this.running < maxRunning && !this.timer && !this.closed) {
      const wait = Math.max(0, this.oldestQueuedAt + this.options.flushIntervalMs - Date.now());
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.schedule();
      }, wait);
    }
  }

  private async writeBatch(batch: Entry[]): Promise<void> {
    let attempt = 0;
    let already: Set<string> | undefined;
    for (;;) {
      try {
        // Asked once per batch, for the events that asked for it (file imports): which ones did
        // ClickHouse commit before (the same file imported again)?
        already ??= await this.alreadyStored(batch);
        const rows = already.size ? batch.filter((e) => !already!.has(e.row.event_id)).map((e) => e.row) : batch.map((e) => e.row);
        if (rows.length) {
          await this.store.insert(this.table, rows, {
            deduplicationToken: batchToken(rows.map((r) => r.event_id)),
            operation: `insert of ${rows.length} events`,
          });
        }
        this.failing = false;
        this.stats.batches++;
        this.stats.rowsWritten += rows.length;
        this.settle(batch, already);
        return;
      } catch (err) {
        const retryable = isRetryable(err);
        if (!retryable) {
          this.options.log?.error(`ingestion batch refused by ClickHouse, ${batch.length} events not stored: ${(err as Error).message}`);
          this.fail(batch, new BatchRejectedError((err as Error).message, { cause: err }));
          return;
        }
        this.failing = true;
        this.stats.retries++;
        const delay = Math.min(this.options.retryMaxMs ?? 5000, (this.options.retryInitialMs ?? 100) * 2 ** Math.min(attempt, 16));
        attempt++;
        this.options.log?.warn(`ingestion batch of ${batch.length} events not confirmed (attempt ${attempt}), retrying in ${delay} ms with the same token: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  private async alreadyStored(all: Entry[]): Promise<Set<string>> {
    const batch = all.filter((e) => e.lookup);
    if (batch.length === 0) return new Set();
    let from = batch[0].row.occurred_at;
    let to = from;
    for (const e of batch) {
      if (e.row.occurred_at < from) from = e.row.occurred_at;
      if (e.row.occurred_at > to) to = e.row.occurred_at;
    }
    const found = new Set<string>();
    // Chunked so that the parameter stays well below the HTTP interface's URI limit on a server.
    for (let i = 0; i < batch.length; i += 5000) {
      const ids = batch.slice(i, i + 5000).map((e) => e.row.event_id);
      const rows = await this.store.query<{ id: string }>(
        `SELECT toString(event_id) AS id FROM ${this.table}
         WHERE occurred_at >= {from:DateTime64(3)} AND occurred_at <= {to:DateTime64(3)} AND event_id IN {ids:Array(UUID)}`,
        { params: { from, to, ids }, operation: 'looking for already stored events' },
      );
      for (const r of rows) found.add(r.id);
    }
    return found;
  }

  private remember(id: string): void {
    const cap = this.options.recentIdsCapacity ?? 200_000;
    if (this.recentYoung.size >= cap) {
      this.recentOld = this.recentYoung;
      this.recentYoung = new Set();
    }
    this.recentYoung.add(id);
  }

  private settle(batch: Entry[], already: Set<string>): void {
    for (const entry of batch) {
      const id = entry.row.event_id;
      this.pending.delete(id);
      this.remember(id);
      const duplicate = already.has(id);
      for (const t of entry.tickets) {
        if (duplicate) t.duplicates++;
        if (--t.remaining === 0) {
          this.stats.duplicates += t.duplicates;
          t.resolve({ stored: t.total - t.duplicates, duplicates: t.duplicates });
        }
      }
    }
  }

  private fail(batch: Entry[], err: Error): void {
    const rejected = new Set<Ticket>();
    for (const entry of batch) {
      this.pending.delete(entry.row.event_id);
      for (const t of entry.tickets) rejected.add(t);
    }
    for (const t of rejected) {
      t.remaining = -1; // never resolved afterwards
      t.reject(err);
    }
  }
}

/**
 * Transient ClickHouse errors, and failures without a ClickHouse code (timeouts, sockets, a dead
 * server): the batch may or may not have been committed, so it is retried with the same token.
 */
export function isRetryable(err: unknown): boolean {
  if (!(err instanceof ClickHouseQueryError)) return true;
  if (err.code === undefined || err.code === '159') return true;
  return err.isTransient;
}
