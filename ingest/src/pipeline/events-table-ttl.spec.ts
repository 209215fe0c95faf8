import type { ClickHouseStore } from '@ent/clickhouse';
import { ClickHouseMigrator } from '@ent/migrations';
import { closeTestClickHouse, openTestClickHouse } from '../../../test/support/test-stores';
import { applyEventsRetention } from './events-table-ttl';

describe('events retention (INGEST_RETENTION_MONTHS)', () => {
  let store: ClickHouseStore;
  beforeAll(async () => {
    store = await openTestClickHouse();
    await new ClickHouseMigrator(store).migrate();
  });
  afterAll(async () => {
    await closeTestClickHouse(store);
  });
  const ttl = async () =>
    (await store.query<{ ddl: string }>("SELECT create_table_query AS ddl FROM system.tables WHERE database = currentDatabase() AND name = 'events'"))[0].ddl.match(/TTL .*$/)?.[0];

  it('keeps the migration TTL of 13 months by default and changes it when configured', async () => {
    expect(await applyEventsRetention(store, 13)).toBeUndefined();
    expect(await ttl()).toMatch(/^TTL toDateTime\(occurred_at\) \+ toIntervalMonth\(13\)/);
    expect(await applyEventsRetention(store, 25)).toBe('events TTL changed from 13 to 25 months');
    expect(await ttl()).toMatch(/^TTL toDateTime\(occurred_at\) \+ toIntervalMonth\(25\)/);
    expect(await applyEventsRetention(store, 25)).toBeUndefined();
  });
});
