import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ClickHouseStore } from '@ent/clickhouse';
import { closeTestClickHouse, openTestClickHouse } from '../../test/support/test-stores';
import { loadClickHouseMigrations } from './clickhouse-migration-files';
import { ClickHouseMigrator, MigrationFailedError, MigrationTamperedError } from './clickhouse-migrator';

function migrationDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ch-migrations-'));
  for (const [name, sql] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), sql);
  return dir;
}

describe('ClickHouseMigrator on the embedded engine', () => {
  let store: ClickHouseStore;
  beforeEach(async () => {
    store = await openTestClickHouse();
  });
  afterEach(async () => {
    await closeTestClickHouse(store);
  });

  it('applies the shipped migrations in order, once', async () => {
    const migrator = new ClickHouseMigrator(store);
    const rollups = [
      'activity_by_day',
      'activity_by_week',
      'activity_by_month',
      'activity_by_school_year',
      ...['service_activity', 'device_activity'].flatMap((f) => [`${f}_by_day`, `${f}_by_month`, `${f}_by_school_year`]),
    ];
    const shipped = [
      '0001_create_events',
      '0002_create_ingest_rejections',
      ...rollups.flatMap((r, i) => [`${String(3 + 2 * i).padStart(4, '0')}_create_${r}`, `${String(4 + 2 * i).padStart(4, '0')}_create_${r}_mv`]),
      '0023_create_event_day_changes',
      '0024_create_event_day_changes_mv',
      '0025_create_activity_final',
      '0026_create_service_activity_final',
      '0027_create_device_activity_final',
      '0028_create_rollup_slices',
    ];
    expect(await migrator.migrate()).toEqual(shipped);
    expect(await migrator.migrate()).toEqual([]);
    const log = await store.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(log).toEqual(shipped.map((name, i) => ({ version: i + 1, name })));
    // Every rollup is an AggregatingMergeTree fed by its view from the events table.
    const tables = await store.query<{ name: string; engine: string }>(
      "SELECT name, engine FROM system.tables WHERE database = currentDatabase() AND name LIKE '%activity_by_%' ORDER BY name",
    );
    expect(tables).toEqual(
      [...rollups.map((name) => ({ name, engine: 'AggregatingMergeTree' })), ...rollups.map((r) => ({ name: `${r}_mv`, engine: 'MaterializedView' }))].sort((a, b) => a.name.localeCompare(b.name)),
    );
    const [events] = await store.query<{ w: string }>(
      "SELECT value AS w FROM system.merge_tree_settings WHERE name = 'non_replicated_deduplication_window'",
    );
    expect(events.w).toBe('0'); // the server default is off …
    const [table] = await store.query<{ q: string }>(
      'SELECT create_table_query AS q FROM system.tables WHERE database = currentDatabase() AND name = {t:String}',
      { params: { t: 'events' } },
    );
    expect(table.q).toContain('non_replicated_deduplication_window = 1000'); // … so the events table sets it
    expect(table.q).toContain('PARTITION BY toYYYYMM(occurred_at)');
    expect(table.q).toMatch(/ORDER BY \(uai,/);
  });

  it('applies new migrations after the applied ones, in number order', async () => {
    const first = { '0001_create_a.sql': 'CREATE TABLE IF NOT EXISTS a (x UInt8) ENGINE = MergeTree ORDER BY x' };
    const dir = migrationDir(first);
    expect(await new ClickHouseMigrator(store, loadClickHouseMigrations(dir)).migrate()).toEqual(['0001_create_a']);
    fs.writeFileSync(path.join(dir, '0003_add_z.sql'), 'ALTER TABLE a ADD COLUMN IF NOT EXISTS z UInt8');
    fs.writeFileSync(path.join(dir, '0002_add_y.sql'), 'ALTER TABLE a ADD COLUMN IF NOT EXISTS y UInt8');
    expect(await new ClickHouseMigrator(store, loadClickHouseMigrations(dir)).migrate()).toEqual(['0002_add_y', '0003_add_z']);
    const columns = await store.query<{ name: string }>(
      "SELECT name FROM system.columns WHERE database = currentDatabase() AND table = 'a' ORDER BY position",
    );
    expect(columns.map((c) => c.name)).toEqual(['x', 'y', 'z']);
  });

  it('stops when an applied file was changed, before applying anything', async () => {
    const dir = migrationDir({ '0001_create_a.sql': 'CREATE TABLE IF NOT EXISTS a (x UInt8) ENGINE = MergeTree ORDER BY x' });
    await new ClickHouseMigrator(store, loadClickHouseMigrations(dir)).migrate();
    fs.writeFileSync(path.join(dir, '0001_create_a.sql'), 'CREATE TABLE IF NOT EXISTS a (x UInt16) ENGINE = MergeTree ORDER BY x');
    fs.writeFileSync(path.join(dir, '0002_create_b.sql'), 'CREATE TABLE IF NOT EXISTS b (x UInt8) ENGINE = MergeTree ORDER BY x');
    const run = new ClickHouseMigrator(store, loadClickHouseMigrations(dir)).migrate();
    await expect(run).rejects.toBeInstanceOf(MigrationTamperedError);
    await expect(run).rejects.toThrow(/^ClickHouse migration 0001_create_a.sql was changed after it was applied/);
    const tables = await store.query("SELECT name FROM system.tables WHERE database = currentDatabase() AND name = 'b'");
    expect(tables).toEqual([]);
  });

  it('reports a failing migration by name with the ClickHouse error, and records nothing for it', async () => {
    const dir = migrationDir({
      '0001_create_a.sql': 'CREATE TABLE IF NOT EXISTS a (x UInt8) ENGINE = MergeTree ORDER BY x',
      '0002_add_bad.sql': 'ALTER TABLE missing_table ADD COLUMN y UInt8',
    });
    const run = new ClickHouseMigrator(store, loadClickHouseMigrations(dir)).migrate();
    await expect(run).rejects.toBeInstanceOf(MigrationFailedError);
    await expect(run).rejects.toThrow(/^ClickHouse migration 0002_add_bad.sql failed: ClickHouse error 60 UNKNOWN_TABLE/);
    const log = await store.query<{ name: string }>('SELECT name FROM schema_migrations');
    expect(log).toEqual([{ name: '0001_create_a' }]);
  });
});

describe('ClickHouseMigrator.status', () => {
  let store: ClickHouseStore;
  beforeAll(async () => {
    store = await openTestClickHouse();
  });
  afterAll(async () => {
    await closeTestClickHouse(store);
  });

  it('reports everything pending on an empty database without creating anything', async () => {
    const status = await new ClickHouseMigrator(store).status();
    expect(status.applied).toEqual([]);
    expect(status.pending.map((m) => m.version)).toEqual(loadClickHouseMigrations().map((m) => m.version));
    expect(await store.query('SELECT name FROM system.tables WHERE database = currentDatabase()')).toEqual([]);
  });
});
