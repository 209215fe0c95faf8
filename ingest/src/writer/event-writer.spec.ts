import { randomUUID } from 'node:crypto';
import { ClickHouseQueryError, ClickHouseStore, type InsertOptions } from '@ent/clickhouse';
import { ClickHouseMigrator } from '@ent/migrations';
import { closeTestClickHouse, openTestClickHouse } from '../../../test/support/test-stores';
import { toClickHouseTime, type EventRow } from '../contract/event-contract';
import { BatchRejectedError, BufferFullError, EventWriter, WriterClosedError } from './event-writer';

/**
 * The real embedded store with faults injected at the insert boundary, as a proxy that loses
 * answers would: `afterCommit` failures happen once ClickHouse has committed the batch (outcome
 * unknown to the writer), `beforeCommit` ones before anything is sent.
 */
class FaultyStore extends ClickHouseStore {
  afterCommit = 0;
  beforeCommit = 0;
  tokens: string[] = [];

  override async insert<T extends object>(table: string, rows: readonly T[], options: InsertOptions = {}): Promise<void> {
    if (this.beforeCommit > 0) {
      this.beforeCommit--;
      throw new ClickHouseQueryError('ClickHouse error 252 TOO_MANY_PARTS', '252', 'TOO_MANY_PARTS', 'insert');
    }
    this.tokens.push(options.deduplicationToken ?? '');
    await super.insert(table, rows, options);
    if (this.afterCommit > 0) {
      this.afterCommit--;
      throw new ClickHouseQueryError('socket hang up', undefined, undefined, 'insert');
    }
  }
}

function rows(n: number): EventRow[] {
  const at = toClickHouseTime(Date.now());
  return Array.from({ length: n }, (_, i) => ({
    event_id: randomUUID(),
    occurred_at: at,
    received_at: at,
    source: 'test',
    uai: '0700035H',
    profile: 'eleve',
    user_key: String(1000 + i),
    family_key: '0',
    session_key: '0',
    service: 'notes',
    service_label: '',
    action: 'access',
    device: 'inconnu',
  }));
}

describe('EventWriter on the embedded engine', () => {
  let base: ClickHouseStore;
  let store: FaultyStore;
  const options = { batchMaxRows: 500, flushIntervalMs: 20, bufferMaxEvents: 5000, retryInitialMs: 10, retryMaxMs: 40 };

  beforeAll(async () => {
    base = await openTestClickHouse();
    await new ClickHouseMigrator(base).migrate();
    store = new FaultyStore(base.client, base.config);
  });
  afterAll(async () => {
    await closeTestClickHouse(base);
  });
  beforeEach(async () => {
    await base.command('TRUNCATE TABLE events');
    store.tokens = [];
  });
  const count = async () => Number((await base.query<{ c: number }>('SELECT count() AS c FROM events'))[0].c);

  it('acknowledges a submission only once its events are committed', async () => {
    const writer = new EventWriter(store, options);
    const outcome = await writer.submit(rows(1200));
    expect(outcome).toEqual({ stored: 1200, duplicates: 0 });
    expect(await count()).toBe(1200);
    expect(store.tokens).toHaveLength(3); // 500 + 500 + 200
    await writer.drain();
  });

  it('retries a batch whose outcome is unknown with the same token, so it is stored once', async () => {
    const writer = new EventWriter(store, options);
    store.afterCommit = 1;
    await expect(writer.submit(rows(300))).resolves.toEqual({ stored: 300, duplicates: 0 });
    expect(await count()).toBe(300);
    expect(store.tokens).toHaveLength(2);
    expect(store.tokens[1]).toBe(store.tokens[0]);
    expect(writer.stats.retries).toBe(1);
    await writer.drain();
  });

  it('retries transient errors with backoff until the batch is stored', async () => {
    const writer = new EventWriter(store, options);
    store.beforeCommit = 3;
    await expect(writer.submit(rows(50))).resolves.toEqual({ stored: 50, duplicates: 0 });
    expect(writer.stats.retries).toBe(3);
    expect(await count()).toBe(50);
    await writer.drain();
  });

  it('answers a resend from memory, and a file re-import from ClickHouse, without writing again', async () => {
    const batch = rows(100);
    const first = new EventWriter(store, options);
    await first.submit(batch);
    await expect(first.submit(batch)).resolves.toEqual({ stored: 0, duplicates: 100 });
    await first.drain();
    const restarted = new EventWriter(store, options);
    await expect(restarted.submit(batch, { lookupStored: true })).resolves.toEqual({ stored: 0, duplicates: 100 });
    const warm = new EventWriter(store, options);
    expect(await warm.warmUp(Date.now() - 60_000)).toBe(100);
    await expect(warm.submit(batch)).resolves.toEqual({ stored: 0, duplicates: 100 });
    expect(await count()).toBe(100);
    await Promise.all([restarted.drain(), warm.drain()]);
  });

  it('refuses at once when the buffer is full, and after drain', async () => {
    const writer = new EventWriter(store, { ...options, bufferMaxEvents: 1000, flushIntervalMs: 60_000, batchMinRows: 5000 });
    const pending = writer.submit(rows(800));
    await expect(writer.submit(rows(300))).rejects.toBeInstanceOf(BufferFullError);
    await writer.drain();
    await expect(pending).resolves.toEqual({ stored: 800, duplicates: 0 });
    await expect(writer.submit(rows(1))).rejects.toBeInstanceOf(WriterClosedError);
    expect(await count()).toBe(800);
  });

  it('rejects the submission when ClickHouse refuses the batch for good', async () => {
    const writer = new EventWriter(store, { ...options, table: 'no_such_table' });
    await expect(writer.submit(rows(10))).rejects.toBeInstanceOf(BatchRejectedError);
    await writer.drain();
  });
});
