import { RELATIONAL_MIGRATIONS } from '@ent/migrations';
import { DataSource } from 'typeorm';
import { RELATIONAL_TARGETS } from '../../../test/support/test-stores';
import { relationalDataSourceOptions } from '../database/relational-data-source';
import { ApiKeysService } from './api-keys.service';

describe.each(RELATIONAL_TARGETS)('ingestion keys across the upgrade that binds them to territories ($name)', (target) => {
  it('keeps the keys created before, with national reach, and binds new ones', async () => {
    const { config, cleanup } = await target.create();
    const before = RELATIONAL_MIGRATIONS.filter((M) => new M().name !== 'BindIngestKeysToTerritories1763900000801');
    expect(before.length).toBe(RELATIONAL_MIGRATIONS.length - 1);
    const old = new DataSource({ ...relationalDataSourceOptions(config), migrations: before, entities: [] });
    await old.initialize();
    try {
      await old.runMigrations({ transaction: 'each' });
      await old.query(
        `INSERT INTO ingest_api_key (id, source, prefix, key_hash, created_at) VALUES ('00000000-0000-4000-8000-000000000001', 'ent-ancien', 'entk_ancienn', '${'ab'.repeat(32)}', ${target.name === 'postgres' ? 'now()' : "datetime('now')"})`,
      );
    } finally {
      await old.destroy();
    }
    const upgraded = new DataSource(relationalDataSourceOptions(config));
    await upgraded.initialize();
    try {
      expect((await upgraded.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual(['BindIngestKeysToTerritories1763900000801']);
      const keys = new ApiKeysService(upgraded);
      await keys.create('ent-savoie', [{ level: 'departement', code: '73' }]);
      expect((await keys.list()).map((k) => [k.source, k.prefix.length, k.territories])).toEqual([
        ['ent-ancien', 12, null],
        ['ent-savoie', 12, [{ level: 'departement', code: '73' }]],
      ]);
    } finally {
      await upgraded.destroy();
      await cleanup();
    }
  });
});
