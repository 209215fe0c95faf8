import type { ClickHouseStore } from '@ent/clickhouse';
import { closeTestClickHouse, openTestClickHouse } from '../../test/support/test-stores';
import { loadClickHouseMigrations, parseMigration } from './clickhouse-migration-files';
import { ClusterRenderError, renderAllForCluster } from './render-for-cluster';

describe('rendering migrations for a cluster', () => {
  let store: ClickHouseStore;
  beforeAll(async () => {
    store = await openTestClickHouse();
  });
  afterAll(async () => {
    await closeTestClickHouse(store);
  });

  it('renders a MergeTree table as a replicated local table plus a Distributed table', () => {
    const m = parseMigration(
      '0001_create_t.sql',
      "-- sharding_key: user_key\nCREATE TABLE IF NOT EXISTS t (user_key UInt64, v UInt8) ENGINE = ReplacingMergeTree(v) ORDER BY user_key SETTINGS index_granularity = 8192",
    );
    expect(renderAllForCluster([m], 'obs').get('0001_create_t')).toEqual([
      "CREATE TABLE IF NOT EXISTS `t_local` ON CLUSTER `obs` (user_key UInt64, v UInt8) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/t_local', '{replica}', v) ORDER BY user_key SETTINGS index_granularity = 8192",
      'CREATE TABLE IF NOT EXISTS `t` ON CLUSTER `obs` AS `t_local` ENGINE = Distributed(`obs`, currentDatabase(), `t_local`, user_key)',
    ]);
  });

  it('points materialized views and column changes at the local tables', () => {
    const ms = [
      parseMigration('0001_create_e.sql', 'CREATE TABLE IF NOT EXISTS e (d Date, u UInt64) ENGINE = MergeTree ORDER BY d'),
      parseMigration('0002_create_r.sql', 'CREATE TABLE IF NOT EXISTS r (d Date, u UInt64) ENGINE = MergeTree ORDER BY (d, u)'),
      parseMigration('0003_create_r_mv.sql', 'CREATE MATERIALIZED VIEW IF NOT EXISTS r_mv TO r AS SELECT d, u FROM e GROUP BY d, u'),
      parseMigration('0004_add_e_x.sql', 'ALTER TABLE e ADD COLUMN IF NOT EXISTS x UInt8'),
      parseMigration('0005_modify_e_ttl.sql', 'ALTER TABLE e MODIFY TTL d + INTERVAL 1 YEAR'),
    ];
    const r = renderAllForCluster(ms, 'obs');
    expect(r.get('0003_create_r_mv')).toEqual([
      'CREATE MATERIALIZED VIEW IF NOT EXISTS `r_mv` ON CLUSTER `obs` TO `r_local` AS SELECT d, u FROM `e_local` GROUP BY d, u',
    ]);
    expect(r.get('0004_add_e_x')).toEqual([
      'ALTER TABLE `e_local` ON CLUSTER `obs` ADD COLUMN IF NOT EXISTS x UInt8',
      'ALTER TABLE `e` ON CLUSTER `obs` ADD COLUMN IF NOT EXISTS x UInt8',
    ]);
    expect(r.get('0005_modify_e_ttl')).toEqual(['ALTER TABLE `e_local` ON CLUSTER `obs` MODIFY TTL d + INTERVAL 1 YEAR']);
  });

  it('refuses a statement it has no rule for', () => {
    const m = parseMigration('0001_insert_x.sql', 'INSERT INTO x VALUES (1)');
    expect(() => renderAllForCluster([m], 'obs')).toThrow(ClusterRenderError);
    expect(() => renderAllForCluster([m], 'obs')).toThrow(/^migration 0001_insert_x: no cluster rendering rule/);
  });

  it('every shipped migration renders to statements that ClickHouse parses', async () => {
    const rendered = [...renderAllForCluster(loadClickHouseMigrations(), 'ent_cluster').values()].flat();
    expect(rendered.length).toBeGreaterThanOrEqual(loadClickHouseMigrations().length);
    for (const sql of rendered) {
      const [row] = await store.query<{ f: string }>('SELECT formatQuery({sql:String}) AS f', { params: { sql } });
      expect(row.f).toContain('ON CLUSTER ent_cluster');
    }
    const events = rendered.filter((s) => /`events(_local)?`/.test(s));
    expect(events[0]).toContain("ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/events_local', '{replica}')");
    expect(events[1]).toBe(
      'CREATE TABLE IF NOT EXISTS `events` ON CLUSTER `ent_cluster` AS `events_local` ENGINE = Distributed(`ent_cluster`, currentDatabase(), `events_local`, user_key)',
    );
  });
});
