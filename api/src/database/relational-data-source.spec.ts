import { RELATIONAL_MIGRATIONS } from '@ent/migrations';
import type { DataSource } from 'typeorm';
import { RELATIONAL_TARGETS } from '../../../test/support/test-stores';
import { AppSettingEntity } from './app-setting.entity';
import { openRelationalStore, relationalDataSourceOptions } from './relational-data-source';

describe.each(RELATIONAL_TARGETS)('relational store on $name', (target) => {
  let dataSource: DataSource;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const created = await target.create();
    cleanup = created.cleanup;
    dataSource = await openRelationalStore(created.config);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await cleanup?.();
  });

  it('never synchronizes the schema from entities', () => {
    expect(dataSource.options.synchronize).toBe(false);
  });

  it('applies every migration once, in order, and nothing the second time', async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(RELATIONAL_MIGRATIONS.map((M) => new M().name));
    expect(await dataSource.runMigrations({ transaction: 'each' })).toEqual([]);
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('stores and reads back an entity through the migrated schema', async () => {
    const repo = dataSource.getRepository(AppSettingEntity);
    const at = new Date('2026-09-01T06:30:00.000Z');
    await repo.save({ key: 'demo_loaded_at', value: 'Haute-Saône, Haute-Loire, Savoie', updatedAt: at });
    const row = await repo.findOneByOrFail({ key: 'demo_loaded_at' });
    expect(row.value).toBe('Haute-Saône, Haute-Loire, Savoie');
    expect(row.updatedAt.toISOString()).toBe('2026-09-01T06:30:00.000Z');
  });

  it('counts every change to the catalog and the annotations in catalog_revision, whoever writes', async () => {
    const revision = async () => Number(((await dataSource.query('SELECT revision FROM catalog_revision WHERE id = 1')) as { revision: string | number }[])[0].revision);
    const start = await revision();
    await dataSource.query("INSERT INTO territory (level, code, name) VALUES ('region', '99', 'Essai')");
    expect(await revision()).toBe(start + 1);
    await dataSource.query("UPDATE territory SET name = 'Essai 2' WHERE level = 'region' AND code = '99'");
    expect(await revision()).toBe(start + 2);
    await dataSource.query("DELETE FROM territory WHERE level = 'region' AND code = '99'");
    expect(await revision()).toBe(start + 3);
    // Every table the analytics read is watched for inserts, updates and deletes.
    const watched =
      target.name === 'postgres'
        ? ((await dataSource.query("SELECT event_object_table AS t, event_manipulation AS op FROM information_schema.triggers WHERE trigger_name LIKE 'trg_%_revision'")) as { t: string; op: string }[])
        : ((await dataSource.query("SELECT tbl_name AS t, upper(substr(name, length(tbl_name) + 6, 6)) AS op FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'trg_%_revision'")) as { t: string; op: string }[]);
    const byTable = new Map<string, string[]>();
    for (const w of watched) byTable.set(w.t, [...(byTable.get(w.t) ?? []), w.op].sort());
    expect([...byTable.keys()].sort()).toEqual(['annotation', 'budget', 'deployment', 'enrolment', 'establishment', 'establishment_ips', 'goal', 'school_holiday', 'territory']);
    for (const ops of byTable.values()) expect(ops).toEqual(['DELETE', 'INSERT', 'UPDATE']);
  });

  it('reverts the migrations down to an empty schema', async () => {
    for (let i = 0; i < RELATIONAL_MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables = await dataSource.createQueryRunner().getTables(['app_setting']);
    expect(tables).toEqual([]);
  });
});

describe('relationalDataSourceOptions', () => {
  it('selects better-sqlite3 for a file and postgres for a URL', () => {
    expect(relationalDataSourceOptions({ type: 'sqlite', file: '/d/catalog.sqlite' })).toMatchObject({
      type: 'better-sqlite3',
      database: '/d/catalog.sqlite',
      synchronize: false,
      migrationsTableName: 'schema_migrations',
    });
    expect(relationalDataSourceOptions({ type: 'postgres', url: 'postgres://u@h/db' })).toMatchObject({
      type: 'postgres',
      url: 'postgres://u@h/db',
      synchronize: false,
    });
  });
});
