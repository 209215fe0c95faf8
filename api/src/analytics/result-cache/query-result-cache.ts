import { createHash } from 'node:crypto';
import { parisToday } from '../periods/calendar-days.util';
import type { ClickHouseStore, QueryParams } from '@ent/clickhouse';
import { INSERT_MARGIN_MS, type RollupFreshness } from '../finalization/rollup-freshness';

/**
 * The answers of the analytics queries, kept in memory and served again while the events they
 * were computed from have not changed (see README.md in this folder).
 *
 * A question's answer depends only on the events of the days it covers (its rollup rows hold
 * nothing else; the catalog facts are part of the question). `event_day_changes` records, for every
 * day, when its events last changed (a materialized view on `events`, plus the rollup backfill), so:
 * - an answer is served again when no day it covers changed since it was computed: it is then
 *   exactly what the query would return now;
 * - an answer covering today is also served while today's only changes are younger than
 *   `todayLagSeconds` (a dashboard does not recompute a school year for every batch of the day);
 *   the caller publishes its `asOf`. Any change to an earlier day (a late event, an import of old
 *   logs, a backfill) makes it stale at once;
 * - a refresh in the background recomputes the stale answers read in the last hour, so that the
 *   dashboards people are looking at stay fast while events arrive.
 * Every process keeps its own answers; the changes are read from ClickHouse, so processes sharing
 * one ClickHouse never serve each other's stale answers.
 */
export interface ResultCacheOptions {
  /** How long an answer covering today may lag the events received today (seconds); 0: never. */
  todayLagSeconds: number;
  /** Period of the background refresh (seconds); 0: no background refresh. */
  refreshSeconds: number;
  /** Answers kept (the least recently read go first). */
  maxEntries?: number;
  /** Answers with more rows are not kept (a national ranking by establishment). */
  maxRowsPerEntry?: number;
  /** Rows kept in all (a few hundred bytes each): the least recently read answers go first beyond. */
  maxRows?: number;
  /** See INSERT_MARGIN_MS (tests of a single-threaded store set 0). */
  insertMarginMs?: number;
}

/** Rows and when they were computed (ClickHouse's clock). */
export interface CachedAnswer<T> {
  rows: T[];
  asOf: Date;
  /** True when the rows were read from the cache rather than computed for this call. */
  hit: boolean;
  /** The kept answer's name, for `stillServed`. */
  question: string;
}

/** A kept answer as one computation of it: another computation of the same question has another `asOf`. */
export interface AnswerRef {
  question: string;
  asOf: Date;
}

/** The SQL answering a question, planned when it is computed (the finalized rollups it reads change). */
export type QueryPlan = () => Promise<{ query: string; params: QueryParams }>;

interface Entry {
  plan: QueryPlan;
  operation: string;
  from: string;
  to: string;
  rows: unknown[];
  /** ClickHouse time (ms) when the computation started. */
  asOf: number;
  /** Changes recorded up to this time (ms) are in the rows for sure (see INSERT_MARGIN_MS). */
  safeUntil: number;
  lastRead: number;
}

interface Changes {
  now: number;
  /** Last change of a day before today (ms, 0 when none). */
  past: number;
  /** Last change of today or later (ms, 0 when none). */
  current: number;
}
/** An answer is computed again after a day, whatever happened (retention, catalog edits…). */
const MAX_AGE_MS = 24 * 3600_000;
/** The background refresh keeps the answers read within the last hour up to date. */
const HOT_MS = 3600_000;

export class QueryResultCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<CachedAnswer<unknown>>>();
  private timer: NodeJS.Timeout | undefined;
  private refreshing = false;
  private readonly maxEntries: number;
  private readonly maxRowsPerEntry: number;
  private readonly maxRows: number;
  private keptRows = 0;
  private readonly insertMarginMs: number;
  /** Counters for the bench and the tests. */
  readonly stats = { hits: 0, misses: 0, refreshed: 0 };

  constructor(
    private readonly store: ClickHouseStore,
    private readonly freshness: RollupFreshness,
    private readonly options: ResultCacheOptions,
    /** Today in Europe/Paris (the real one: a change is dated by the clock, not by the events). */
    private readonly today: () => string = parisToday,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.maxEntries = options.maxEntries ?? 500;
    this.maxRowsPerEntry = options.maxRowsPerEntry ?? 20_000;
    this.maxRows = options.maxRows ?? 500_000;
    this.insertMarginMs = options.insertMarginMs ?? INSERT_MARGIN_MS;
  }

  /**
   * The answer to a question over the events of days `from`…`to`, from the cache when still valid,
   * else from the SQL `plan` gives now. `question` names the question whole (everything its SQL
   * is built from): equal questions share their answer.
   */
  async rows<T>(question: string, days: { from: string; to: string }, operation: string, plan: QueryPlan): Promise<CachedAnswer<T>> {
    const key = createHash('sha256').update(question).digest('base64url');
    const pending = this.inFlight.get(key);
    if (pending) return (await pending) as CachedAnswer<T>;
    const work = this.lookup(key, plan, days, operation);
    this.inFlight.set(key, work);
    try {
      return (await work) as CachedAnswer<T>;
    } finally {
      this.inFlight.delete(key);
    }
  }

  private async lookup(key: string, plan: QueryPlan, days: { from: string; to: string }, operation: string): Promise<CachedAnswer<unknown>> {
    const changes = await this.changes(days.from, days.to);
    const entry = this.entries.get(key);
    if (entry && this.servable(entry, changes)) {
      this.stats.hits++;
      entry.lastRead = Date.now();
      this.entries.delete(key);
      this.entries.set(key, entry); // most recently read last (same rows: the count is unchanged)
      return { rows: entry.rows, asOf: new Date(entry.asOf), hit: true, question: key };
    }
    this.stats.misses++;
    const computed = await this.compute({ plan, operation, from: days.from, to: days.to, lastRead: Date.now() }, changes.now);
    this.keep(key, computed);
    return { rows: computed.rows, asOf: new Date(computed.asOf), hit: false, question: key };
  }

  /**
   * True when `rows` would serve each of these answers now, the very same computations (what was
   * built from them, a published answer, is then still exact); they count as read (hits).
   */
  async stillServed(answers: readonly AnswerRef[]): Promise<boolean> {
    const entries: [string, Entry][] = [];
    for (const a of answers) {
      const entry = this.entries.get(a.question);
      if (!entry || entry.asOf !== a.asOf.getTime() || this.inFlight.has(a.question)) return false;
      if (!this.servable(entry, await this.changes(entry.from, entry.to))) return false;
      entries.push([a.question, entry]);
    }
    for (const [key, entry] of entries) {
      this.stats.hits++;
      entry.lastRead = Date.now();
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return true;
  }

  /** Forgets every answer (after a change the change log cannot see). */
  clear(): void {
    this.entries.clear();
    this.keptRows = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Recomputes the stale answers read in the last hour; drops those not read for a day. */
  async refreshStale(): Promise<number> {
    if (this.refreshing) return 0;
    this.refreshing = true;
    let refreshed = 0;
    try {
      for (const [key, entry] of [...this.entries]) {
        const idle = Date.now() - entry.lastRead;
        if (idle > MAX_AGE_MS) {
          this.forget(key);
          continue;
        }
        if (idle > HOT_MS) continue;
        const changes = await this.changes(entry.from, entry.to);
        if (this.upToDate(entry, changes)) continue;
        const fresh = await this.compute(entry, changes.now);
        if (this.entries.get(key) === entry) this.keep(key, { ...fresh, lastRead: entry.lastRead });
        refreshed++;
      }
    } finally {
      this.refreshing = false;
    }
    this.stats.refreshed += refreshed;
    return refreshed;
  }

  start(): void {
    if (!this.options.refreshSeconds || this.timer) return;
    this.timer = setInterval(() => {
      this.refreshStale().catch((err: unknown) => this.log(`analytics cache refresh failed: ${(err as Error).message}`));
    }, this.options.refreshSeconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async compute(e: Omit<Entry, 'rows' | 'asOf' | 'safeUntil'>, now: number): Promise<Entry> {
    const { query, params } = await e.plan();
    const rows = await this.store.query<unknown>(query, { params, operation: e.operation });
    return { ...e, rows, asOf: now, safeUntil: now - this.insertMarginMs };
  }

  private keep(key: string, entry: Entry): void {
    this.forget(key);
    if (entry.rows.length > this.maxRowsPerEntry) return;
    this.entries.set(key, entry);
    this.keptRows += entry.rows.length;
    while (this.entries.size > this.maxEntries || this.keptRows > this.maxRows) this.forget(this.entries.keys().next().value as string);
  }

  private forget(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.keptRows -= entry.rows.length;
  }

  /** No day of the answer changed since it was computed. */
  private upToDate(entry: Entry, changes: Changes): boolean {
    return changes.now - entry.asOf <= MAX_AGE_MS && changes.past <= entry.safeUntil && changes.current <= entry.safeUntil;
  }

  /** Up to date, or only today changed and the answer is younger than the allowed lag. */
  private servable(entry: Entry, changes: Changes): boolean {
    if (this.upToDate(entry, changes)) return true;
    return changes.now - entry.asOf <= MAX_AGE_MS && changes.past <= entry.safeUntil && changes.now - entry.asOf <= this.options.todayLagSeconds * 1000;
  }

  /** The last changes of the days `from`…`to`, split into before today and today or later. */
  private async changes(from: string, to: string): Promise<Changes> {
    const snapshot = await this.freshness.snapshot();
    const today = this.today();
    let past = 0;
    let current = 0;
    for (const [day, changed] of snapshot.changes) {
      if (day < from || day > to) continue;
      if (day < today) past = Math.max(past, changed);
      else current = Math.max(current, changed);
    }
    return { now: snapshot.now, past, current };
  }
}
