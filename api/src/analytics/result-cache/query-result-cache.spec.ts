import type { ClickHouseStore } from '@ent/clickhouse';
import { ClickHouseMigrator, loadClickHouseMigrations } from '@ent/migrations';
import { closeTestClickHouse, openTestClickHouse } from '../../../../test/support/test-stores';
import { RollupBackfill } from '../rollups/rollup-backfill';
import { RollupFreshness } from '../finalization/rollup-freshness';
import { QueryResultCache, type ResultCacheOptions } from './query-result-cache';

jest.setTimeout(60_000);

const TODAY = '2026-03-10';
let next = 1;
/** One event of a new person on a Paris day (at 10:00 Paris, 09:00 UTC in March). */
const event = (day: string) => {
  const n = next++;
  return {
    event_id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    occurred_at: `${day} 09:00:00.000`,
    received_at: `${day} 09:00:00.000`,
    source: 'test',
    uai: '0700785Y',
    profile: 'eleve',
    user_key: String(n),
    family_key: '0',
    session_key: String(n),
    service: 'notes',
    service_label: 'Notes',
    action: 'access',
    device: 'smartphone',
  };
};

const addOneDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** People active per day of a range, from the day rollup. */
const PEOPLE_PER_DAY = [
  'SELECT period, uniqExact(user_key) AS people FROM activity_by_day',
  'WHERE period BETWEEN {from:Date} AND {to:Date}',
  'GROUP BY period ORDER BY period',
].join('\n');

/** People per day of the first week of March once the late event of the second test has arrived. */
const FIRST_WEEK_AFTER_THE_LATE_EVENT = [
  { period: '2026-03-02', people: 2 },
  { period: '2026-03-03', people: 1 },
  { period: '2026-03-04', people: 1 },
];

describe('QueryResultCache: answers served again while the events of their days do not change', () => {
  let store: ClickHouseStore;
  const open = (options: Partial<ResultCacheOptions> = {}) =>
    new QueryResultCache(store, new RollupFreshness(store, 0), { todayLagSeconds: 0, refreshSeconds: 0, insertMarginMs: 0, ...options }, () => TODAY);
  const read = (cache: QueryResultCache, from: string, to: string) => {
    const question = { query: PEOPLE_PER_DAY, params: { from, to } };
    return cache.rows<{ period: string; people: number }>(JSON.stringify(question), { from, to }, 'people per day', async () => question);
  };
  const queriesOf = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const before = store.callCount;
    const result = await work();
    return [result, store.callCount - before];
  };

  beforeAll(async () => {
    store = await openTestClickHouse();
    await new ClickHouseMigrator(store, loadClickHouseMigrations()).migrate();
    await store.insert('events', [event('2026-03-02'), event('2026-03-02'), event('2026-03-03')]);
  });
  afterAll(async () => closeTestClickHouse(store));

  it('answers a repeated query from memory, with the rows the query gives, without asking ClickHouse while nothing was written', async () => {
    const cache = open();
    const [first, firstQueries] = await queriesOf(() => read(cache, '2026-03-01', '2026-03-07'));
    expect(first.hit).toBe(false);
    expect(firstQueries).toBe(2); // the change log, then the query
    expect(first.rows).toEqual([
      { period: '2026-03-02', people: 2 },
      { period: '2026-03-03', people: 1 },
    ]);
    const [second, secondQueries] = await queriesOf(() => read(cache, '2026-03-01', '2026-03-07'));
    expect(second).toEqual({ rows: first.rows, asOf: first.asOf, hit: true, question: first.question });
    // The embedded engine has one writer, this process: no write since the change log was read, no need to read it again.
    expect(secondQueries).toBe(0);
    // Other parameters: another answer.
    expect((await read(cache, '2026-03-02', '2026-03-02')).rows).toEqual([{ period: '2026-03-02', people: 2 }]);
    expect(cache.stats).toEqual({ hits: 1, misses: 2, refreshed: 0 });
  });

  it('computes again once an event arrives for a day the answer covers, and only then', async () => {
    const cache = open();
    await read(cache, '2026-03-01', '2026-03-07');
    await store.insert('events', [event('2026-02-20')]); // outside the range
    expect((await read(cache, '2026-03-01', '2026-03-07')).hit).toBe(true);
    await store.insert('events', [event('2026-03-04')]); // a late event inside it
    const after = await read(cache, '2026-03-01', '2026-03-07');
    expect(after.hit).toBe(false);
    expect(after.rows).toEqual(FIRST_WEEK_AFTER_THE_LATE_EVENT);
    expect((await read(cache, '2026-03-01', '2026-03-07')).hit).toBe(true);
  });

  it('tells whether a kept answer is still the one it would serve: the same computation, with no change to its days', async () => {
    const cache = open();
    const first = await read(cache, '2026-04-01', '2026-04-07');
    const other = await read(cache, '2026-04-10', '2026-04-10');
    const [served, queries] = await queriesOf(() => cache.stillServed([first, other]));
    expect(served).toBe(true);
    expect(queries).toBe(0);
    expect(cache.stats.hits).toBe(2); // counted as read
    expect(await cache.stillServed([{ question: first.question, asOf: new Date(first.asOf.getTime() - 1) }])).toBe(false); // another computation
    expect(await cache.stillServed([{ question: 'never asked', asOf: first.asOf }])).toBe(false);
    await store.insert('events', [event('2026-04-03')]);
    expect(await cache.stillServed([other])).toBe(true); // its day did not change
    expect(await cache.stillServed([other, first])).toBe(false);
    const recomputed = await read(cache, '2026-04-01', '2026-04-07');
    expect(recomputed.hit).toBe(false);
    expect(await cache.stillServed([recomputed])).toBe(true);
    cache.clear();
    expect(await cache.stillServed([recomputed])).toBe(false);
  });

  it("serves an answer covering today while today's changes are younger than the allowed lag, never past changes", async () => {
    const lagging = open({ todayLagSeconds: 600 });
    const exact = open({ todayLagSeconds: 0 });
    const before = await read(lagging, '2026-03-09', TODAY);
    await read(exact, '2026-03-09', TODAY);
    await store.insert('events', [event(TODAY)]);
    const stale = await read(lagging, '2026-03-09', TODAY);
    expect(stale).toEqual({ rows: before.rows, asOf: before.asOf, hit: true, question: before.question });
    expect((await read(exact, '2026-03-09', TODAY)).rows).toEqual([{ period: TODAY, people: 1 }]);
    // A late event of yesterday: stale at once, whatever the lag.
    await store.insert('events', [event('2026-03-09')]);
    const recomputed = await read(lagging, '2026-03-09', TODAY);
    expect(recomputed.hit).toBe(false);
    expect(recomputed.rows).toEqual([
      { period: '2026-03-09', people: 1 },
      { period: TODAY, people: 1 },
    ]);
    expect(recomputed.asOf.getTime()).toBeGreaterThan(before.asOf.getTime());
  });

  it('refreshes in the background the stale answers that were read, so the next read is served from memory', async () => {
    const cache = open({ todayLagSeconds: 600 });
    await read(cache, '2026-03-16', '2026-03-20');
    expect(await cache.refreshStale()).toBe(0);
    await store.insert('events', [event('2026-03-17'), event('2026-03-17')]);
    expect(await cache.refreshStale()).toBe(1);
    const [served, queries] = await queriesOf(() => read(cache, '2026-03-16', '2026-03-20'));
    expect(served.hit).toBe(true);
    expect(queries).toBe(0);
    expect(served.rows).toEqual([{ period: '2026-03-17', people: 2 }]);
  });

  it('plans the SQL again at each computation, the background refresh included (the finalized rollups it reads are replaced)', async () => {
    const cache = open();
    let plans = 0;
    const question = { query: PEOPLE_PER_DAY, params: { from: '2026-03-23', to: '2026-03-27' } };
    const plan = async () => {
      plans++;
      return question;
    };
    await cache.rows(JSON.stringify(question), { from: '2026-03-23', to: '2026-03-27' }, 'people per day', plan);
    await cache.rows(JSON.stringify(question), { from: '2026-03-23', to: '2026-03-27' }, 'people per day', plan);
    expect(plans).toBe(1);
    await store.insert('events', [event('2026-03-24')]);
    expect(await cache.refreshStale()).toBe(1);
    expect(plans).toBe(2);
  });

  it('treats the days of a rebuilt school year as changed', async () => {
    const cache = open();
    await read(cache, '2026-03-01', '2026-03-07');
    expect((await read(cache, '2026-03-01', '2026-03-07')).hit).toBe(true);
    await new RollupBackfill(store).rebuild('2025-2026');
    const after = await read(cache, '2026-03-01', '2026-03-07');
    expect(after.hit).toBe(false);
    expect(after.rows).toEqual(FIRST_WEEK_AFTER_THE_LATE_EVENT);
  });

  it('keeps the most recently read answers up to its size, and does not keep answers of too many rows', async () => {
    const cache = open({ maxEntries: 2, maxRowsPerEntry: 1 });
    await read(cache, '2026-03-02', '2026-03-02');
    await read(cache, '2026-03-03', '2026-03-03');
    await read(cache, '2026-03-02', '2026-03-02'); // read again: now the most recent
    await read(cache, '2026-03-04', '2026-03-04'); // evicts 03-03
    expect(cache.size).toBe(2);
    expect((await read(cache, '2026-03-02', '2026-03-02')).hit).toBe(true);
    expect((await read(cache, '2026-03-03', '2026-03-03')).hit).toBe(false);
    await read(cache, '2026-03-01', '2026-03-07'); // 3 rows: not kept
    expect((await read(cache, '2026-03-01', '2026-03-07')).hit).toBe(false);
    // A cap on the rows kept in all: 3 answers of 2 rows under a cap of 5 keep the last 2.
    const capped = open({ maxRows: 5 });
    for (const from of ['2026-03-02', '2026-03-03', '2026-03-09']) await read(capped, from, addOneDay(from));
    expect(capped.size).toBe(2);
    expect((await read(capped, '2026-03-02', '2026-03-03')).hit).toBe(false);
  });

  it('runs one computation for identical requests arriving together', async () => {
    const cache = open();
    const [answers, queries] = await queriesOf(() => Promise.all([read(cache, '2026-03-05', '2026-03-06'), read(cache, '2026-03-05', '2026-03-06')]));
    expect(answers[0]).toBe(answers[1]);
    expect(queries).toBe(2);
  });
});
