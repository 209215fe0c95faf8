import type { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';
import type { ClickHouseConfig } from '@ent/config';
import { createClickHouseClient } from './clickhouse-client.factory';
import { toQueryError } from './clickhouse-errors';
import { MINIMUM_SERVER_VERSION, productSettings } from './clickhouse-settings';

export type QueryParams = Record<string, unknown>;

export interface QueryOptions {
  /** Values bound server-side to `{name:Type}` placeholders. Never concatenate values into SQL. */
  params?: QueryParams;
  settings?: ClickHouseSettings;
  /** What this query is for; appears in error messages and logs. */
  operation?: string;
}

export interface InsertOptions {
  settings?: ClickHouseSettings;
  /** Sent as `insert_deduplication_token`: a retried batch with the same token is dropped. */
  deduplicationToken?: string;
  operation?: string;
}

/**
 * The product's only gateway to ClickHouse. Wraps `@clickhouse/client` so that values are always
 * bound as parameters, errors always propagate with their ClickHouse code, and every call is
 * counted (the benchmarks check how many queries a GraphQL operation costs).
 */
let writesInProcess = 0;

export class ClickHouseStore {
  private calls = 0;
  private running = 0;
  private lastAnswer = 0;
  /**
   * Embedded transport only: the chDB connection is one session, and a setting sent with one
   * query stays on it for the following ones. Every setting ever overridden per query is
   * therefore sent back with its default value on later requests that do not override it.
   */
  private readonly defaultsOfOverridden = new Map<string, string>();
  private readonly pinned: Set<string>;

  constructor(
    readonly client: ClickHouseClient,
    readonly config: ClickHouseConfig,
  ) {
    this.pinned = new Set(Object.keys(productSettings(config.maxExecutionTimeSeconds)));
  }

  /** The settings to send with a request: its overrides, plus resets of earlier overrides. */
  private async settingsFor(overrides: ClickHouseSettings | undefined): Promise<ClickHouseSettings | undefined> {
    if (this.config.transport !== 'embedded') return overrides;
    const unknown = Object.keys(overrides ?? {}).filter((n) => !this.pinned.has(n) && !this.defaultsOfOverridden.has(n));
    if (unknown.length) {
      const result = await this.client.query({
        query: 'SELECT name, default FROM system.settings WHERE name IN {names:Array(String)}',
        query_params: { names: unknown },
        format: 'JSONEachRow',
      });
      for (const { name, default: value } of await result.json<{ name: string; default: string }>()) {
        // "auto(2)" is how ClickHouse shows an automatic default; "auto" is how it is set.
        this.defaultsOfOverridden.set(name, /^auto\(\d+\)$/.test(value) ? 'auto' : value);
      }
    }
    if (!this.defaultsOfOverridden.size) return overrides;
    return { ...(Object.fromEntries(this.defaultsOfOverridden) as ClickHouseSettings), ...overrides };
  }

  static async open(config: ClickHouseConfig): Promise<ClickHouseStore> {
    let store: ClickHouseStore;
    try {
      store = new ClickHouseStore(await createClickHouseClient(config), config);
    } catch (err) {
      throw toQueryError(err, `opening ClickHouse (${describeTransport(config)})`);
    }
    if (config.transport === 'server') {
      // A server older than the SQL needs would fail later on one statement or another; say it now.
      const version = await store.serverVersion();
      if (!isAtLeast(version, MINIMUM_SERVER_VERSION)) {
        await store.close();
        throw new Error(`ClickHouse server ${version} is too old: this product needs ${MINIMUM_SERVER_VERSION} or later (${describeTransport(config)})`);
      }
    }
    return store;
  }

  /**
   * Statements that may have written (commands and inserts) completed by any store of this
   * process, failed ones included. With the embedded engine this process is the only writer (the
   * data directory is locked), so an unchanged count means the data did not change: readers of
   * small bookkeeping tables can keep what they read. Counted when the statement ends, never before.
   */
  static get writesInProcess(): number {
    return writesInProcess;
  }

  /** Statements sent and not answered yet. */
  get inFlight(): number {
    return this.running;
  }

  /** When ClickHouse last answered a statement (ms since the epoch; 0: never), errors included: it was reachable. */
  get lastAnswerAt(): number {
    return this.lastAnswer;
  }

  /** Counts a statement in flight until it ends. */
  private async tracked<T>(statement: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await statement();
    } finally {
      this.running--;
      this.lastAnswer = Date.now();
    }
  }

  /** Number of statements sent since this store was opened. */
  get callCount(): number {
    return this.calls;
  }

  /** Runs a SELECT and returns its rows as objects (JSONEachRow). */
  async query<T = Record<string, unknown>>(sql: string, options: QueryOptions = {}): Promise<T[]> {
    this.calls++;
    const operation = options.operation ?? 'query';
    try {
      return await this.tracked(async () => {
        const result = await this.client.query({
          query: sql,
          query_params: options.params,
          clickhouse_settings: await this.settingsFor(options.settings),
          format: 'JSONEachRow',
        });
        return await result.json<T>();
      });
    } catch (err) {
      throw toQueryError(err, operation);
    }
  }

  /** Runs a statement that returns no rows (DDL, ALTER, SYSTEM …). */
  async command(sql: string, options: QueryOptions = {}): Promise<void> {
    this.calls++;
    try {
      await this.tracked(async () => this.client.command({ query: sql, query_params: options.params, clickhouse_settings: await this.settingsFor(options.settings) }));
    } catch (err) {
      throw toQueryError(err, options.operation ?? 'command');
    } finally {
      writesInProcess++;
    }
  }

  /** Inserts rows as one block (JSONEachRow). Resolves only once ClickHouse has committed it. */
  async insert<T extends object>(table: string, rows: readonly T[], options: InsertOptions = {}): Promise<void> {
    if (rows.length === 0) return;
    this.calls++;
    // Always sent, empty when the caller has none: the embedded connection is one session that keeps
    // the settings of earlier queries, and a stale token would make ClickHouse drop this insert.
    const settings: ClickHouseSettings = { ...options.settings, insert_deduplication_token: options.deduplicationToken ?? '' };
    try {
      await this.tracked(async () => this.client.insert({ table, values: rows as T[], format: 'JSONEachRow', clickhouse_settings: await this.settingsFor(settings) }));
    } catch (err) {
      throw toQueryError(err, options.operation ?? `insert into ${table}`);
    } finally {
      writesInProcess++;
    }
  }

  /** True when ClickHouse answers a trivial query. */
  async ping(): Promise<boolean> {
    try {
      const rows = await this.query<{ ok: number }>('SELECT 1 AS ok', { operation: 'ping' });
      return rows[0]?.ok === 1;
    } catch {
      return false;
    }
  }

  async serverVersion(): Promise<string> {
    const rows = await this.query<{ v: string }>('SELECT version() AS v', { operation: 'version' });
    return rows[0].v;
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

export function describeTransport(config: ClickHouseConfig): string {
  if (config.transport === 'server') {
    const url = new URL(config.url as string);
    url.username = '';
    url.password = '';
    return `server ${url.origin}, database ${config.database}`;
  }
  return `embedded chDB at ${config.path}, database ${config.database}`;
}

/** Compares dotted version numbers ("24.8.1.2" ≥ "24.3"). */
export function isAtLeast(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}
