import { closeTestClickHouse, openTestClickHouse } from '../../../test/support/test-stores';
import { ClickHouseQueryError } from './clickhouse-errors';
import type { ClickHouseStore } from './clickhouse-store';

describe('ClickHouseStore on the embedded engine', () => {
  let store: ClickHouseStore;

  beforeAll(async () => {
    store = await openTestClickHouse();
  });
  afterAll(async () => {
    await closeTestClickHouse(store);
  });

  it('creates and selects the configured database', async () => {
    const [row] = await store.query<{ db: string }>('SELECT currentDatabase() AS db');
    expect(row.db).toBe(store.config.database);
  });

  it('binds values as query parameters, never as SQL', async () => {
    const hostile = "x' OR 1=1; DROP TABLE t; --";
    const [row] = await store.query<{ s: string; n: number }>('SELECT {s:String} AS s, {n:UInt32} + 1 AS n', {
      params: { s: hostile, n: 41 },
    });
    expect(row).toEqual({ s: hostile, n: 42 });
  });

  it('pins the settings the product relies on', async () => {
    const [row] = await store.query<Record<string, string | number | boolean>>(
      `SELECT getSetting('async_insert') AS async_insert, getSetting('wait_for_async_insert') AS wait,
              getSetting('insert_deduplicate') AS dedup, getSetting('max_execution_time') AS met,
              getSetting('session_timezone') AS tz, timezone() AS effective_tz`,
    );
    expect(row).toEqual({ async_insert: false, wait: true, dedup: true, met: 10, tz: 'UTC', effective_tz: 'UTC' });
  });

  it('propagates a failed query with its ClickHouse code instead of an empty result', async () => {
    const failure = store.query('SELECT * FROM table_that_does_not_exist', { operation: 'reading nothing' });
    await expect(failure).rejects.toBeInstanceOf(ClickHouseQueryError);
    await expect(failure).rejects.toMatchObject({ code: '60', type: 'UNKNOWN_TABLE', operation: 'reading nothing' });
    await expect(store.query('SELEC 1')).rejects.toMatchObject({ code: '62', type: 'SYNTAX_ERROR' });
  });

  it('ends a runaway query at max_execution_time with TIMEOUT_EXCEEDED', async () => {
    await expect(
      store.query('SELECT sleep(2)', { settings: { max_execution_time: 1 }, operation: 'runaway' }),
    ).rejects.toMatchObject({ code: '159', type: 'TIMEOUT_EXCEEDED' });
  });

  it('drops a retried insert carrying the same deduplication token, keeps distinct tokens', async () => {
    await store.command(
      'CREATE TABLE dedup_probe (id UInt32) ENGINE = MergeTree ORDER BY id SETTINGS non_replicated_deduplication_window = 100',
    );
    await store.insert('dedup_probe', [{ id: 1 }, { id: 2 }], { deduplicationToken: 'batch-a' });
    await store.insert('dedup_probe', [{ id: 1 }, { id: 2 }], { deduplicationToken: 'batch-a' });
    await store.insert('dedup_probe', [{ id: 1 }, { id: 2 }], { deduplicationToken: 'batch-b' });
    const [row] = await store.query<{ c: number }>('SELECT count() AS c FROM dedup_probe');
    expect(row.c).toBe(4);
  });

  it('does not let the token of an earlier insert drop a later insert that has none', async () => {
    await store.command(
      'CREATE TABLE dedup_carry (id UInt32) ENGINE = MergeTree ORDER BY id SETTINGS non_replicated_deduplication_window = 100',
    );
    await store.insert('dedup_carry', [{ id: 1 }], { deduplicationToken: 'batch-x' });
    await store.insert('dedup_carry', [{ id: 2 }]);
    await store.insert('dedup_carry', [{ id: 3 }]);
    const [row] = await store.query<{ c: number }>('SELECT count() AS c FROM dedup_carry');
    expect(row.c).toBe(3);
  });

  it('counts the statements it sends', async () => {
    const before = store.callCount;
    await store.query('SELECT 1');
    await store.command('SELECT 1');
    expect(store.callCount - before).toBe(2);
  });
});

describe('per-query settings on the embedded engine', () => {
  let store: ClickHouseStore;
  beforeAll(async () => {
    store = await openTestClickHouse();
  });
  afterAll(async () => {
    await closeTestClickHouse(store);
  });

  it('apply to their query only, although the embedded connection is one session', async () => {
    const read = () => store.query<{ t: string; m: number }>(`SELECT toString(getSetting('max_threads')) AS t, getSetting('max_execution_time') AS m`);
    const [before] = await read();
    const [during] = await store.query<{ t: string; m: number }>(`SELECT toString(getSetting('max_threads')) AS t, getSetting('max_execution_time') AS m`, {
      settings: { max_threads: 1, max_execution_time: 3 },
    });
    expect(during).toEqual({ t: '1', m: 3 });
    expect(await read()).toEqual([before]);
    expect(before.m).toBe(10);
  });
});
